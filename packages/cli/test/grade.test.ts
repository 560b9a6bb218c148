// `tunegate grade` as users run it (the bundle), against the Lambda stand-in.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LambdaHandler, type LambdaStandIn, startLambdaStandIn } from "@tunegate/lambda-local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REAL, tunegate } from "./run";

const DATASET = `${REAL}/bedrock-samples-rft-train.jsonl`;
type Item = { id: string; messages: { content: string }[]; metadata: { ground_truth: string } };
const score =
  (right: number): LambdaHandler =>
  (event) =>
    (event as Item[]).map((item) => ({
      id: item.id,
      aggregate_reward_score: item.messages.at(-1)!.content.endsWith(`#### ${item.metadata.ground_truth}`)
        ? right
        : 0,
    }));

let lambda: LambdaStandIn;
let env: Record<string, string>;
beforeAll(async () => {
  lambda = await startLambdaStandIn({ functions: { good: score(1), zero: score(0) } });
  env = {
    AWS_ENDPOINT_URL_LAMBDA: lambda.url,
    AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "secret",
    AWS_EC2_METADATA_DISABLED: "true",
  };
});
afterAll(() => lambda.close());

describe("tunegate grade", () => {
  it("passes a grader that gives AWS's sample data the top score, with one invocation of ten records", async () => {
    const before = lambda.invocations().length;
    const { code, stdout, stderr } = await tunegate(["grade", "--grader", lambda.arn("good"), DATASET], {
      env,
    });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe(
      `The grader gave the reference answer the top score (1) on all 10 of 300 gradable records of ${DATASET}, in 1 invocation(s).\n`,
    );
    const calls = lambda.invocations().slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.payload).toHaveLength(10);
  });

  it("fails a grader that scores the reference answer 0, each record at its line (exit 1)", async () => {
    const { code, stdout } = await tunegate(
      ["grade", "--grader", lambda.arn("zero"), "--sample", "3", DATASET],
      {
        env,
      },
    );
    expect(code).toBe(1);
    const failures = stdout.split("\n").filter((l) => l.includes("error grade/not-top-score"));
    expect(failures).toHaveLength(3);
    for (const line of failures) {
      expect(line).toMatch(
        new RegExp(
          `^${DATASET.replaceAll(".", "\\.")}:(\\d+):1: error grade/not-top-score: The grader scored the reference answer of the record without an id \\(sent as "line-\\1"\\) 0, below the top score 1`,
        ),
      );
    }
    expect(stdout).toMatch(/The grader failed the check on 3 of the 3 of 300 gradable records/);
  });

  it("prints the result as JSON with --format json", async () => {
    const { code, stdout } = await tunegate(
      [
        "grade",
        "--grader",
        lambda.arn("zero"),
        "--sample",
        "2",
        "--top-score",
        "0",
        "--format",
        "json",
        DATASET,
      ],
      { env },
    );
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as {
      graded: { score: number }[];
      problems: unknown[];
      topScore: number;
    };
    expect(result).toMatchObject({ topScore: 0, problems: [], graded: [{ score: 0 }, { score: 0 }] });
  });

  it("refuses to run without a grader, naming where to give one: the flag or the model in tunegate.yml (exit 2)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tunegate-grade-"));
    try {
      writeFileSync(
        join(dir, "train.jsonl"),
        '{"messages":[{"role":"user","content":"2+2?"}],"reference_answer":"4"}\n',
      );
      const none = await tunegate(["grade", "train.jsonl"], { cwd: dir, env });
      expect(none.code).toBe(2);
      expect(none.stderr).toContain("No grader for train.jsonl: pass --grader ARN");
      writeFileSync(
        join(dir, "tunegate.yml"),
        `version: 1
defaults: { region: us-east-1, s3: { bucket: acme-training }, roleArn: "arn:aws:iam::123456789012:role/R" }
catalog:
  - { id: "amazon.nova-2-lite-v1:0:256k", extends: "amazon.nova-2-lite-v1:0:256k", format: rft-chat }
models:
  math: { baseModel: "amazon.nova-2-lite-v1:0:256k", training: train.jsonl }
`,
      );
      const unset = await tunegate(["grade", "train.jsonl"], { cwd: dir, env });
      expect(unset.code).toBe(2);
      expect(unset.stderr).toContain(
        'Model "math" in tunegate.yml has no reinforcement.grader: set it, or pass --grader ARN.',
      );
      const bad = await tunegate(["grade", "--grader", "g", "--top-score", "high", "train.jsonl"], {
        cwd: dir,
        env,
      });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--top-score takes a number; got "high"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
