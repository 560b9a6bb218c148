// `tunegate eval` as users run it (the bundle), against the Bedrock Runtime stand-in.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BedrockRuntimeStandIn, startBedrockRuntimeStandIn } from "@tunegate/bedrock-local";
import { parseEvalResults } from "@tunegate/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAIKU_ID, tunegate } from "./run";

const TARGET = "amazon.nova-lite-v1:0";
const BASELINE = "anthropic.claude-3-haiku-20240307-v1:0";
let runtime: BedrockRuntimeStandIn;
let dir: string;

// Reference label per prompt, and what the target answers (the baseline always says "ROUTE: a").
const CASES: [string, string, string][] = [
  ["q1", "ROUTE: a", "ROUTE: a"],
  ["q2", "ROUTE: a", "ROUTE: b"],
  ["q3", "ROUTE: b", "ROUTE: b"],
  ["q4", "ROUTE: b", "ROUTE: b"],
  ["q5", "ROUTE: c", "no idea"],
];

beforeAll(async () => {
  runtime = await startBedrockRuntimeStandIn({
    respond(call) {
      const prompt = call.messages.at(-1)!.text;
      const known = CASES.find(([p]) => p === prompt)!;
      return {
        text: call.modelId === TARGET ? known[2] : "ROUTE: a",
        inputTokens: 50,
        outputTokens: 2,
        latencyMs: 80,
      };
    },
  });
  dir = mkdtempSync(join(tmpdir(), "tunegate-cli-eval-"));
  writeFileSync(
    join(dir, "tunegate.yml"),
    [
      "version: 1",
      "models:",
      "  router:",
      `    baseModel: ${HAIKU_ID}`,
      "    region: us-west-2",
      "    training: train.jsonl",
      "    evaluation: eval.jsonl",
      '    labels: "^ROUTE: (\\\\S+)"',
      "    s3:",
      "      bucket: my-data",
      "    roleArn: arn:aws:iam::123456789012:role/bedrock",
      "",
    ].join("\n"),
  );
  writeFileSync(join(dir, "train.jsonl"), "");
  writeFileSync(
    join(dir, "eval.jsonl"),
    `${CASES.map(([p, r]) =>
      JSON.stringify({
        messages: [
          { role: "user", content: p },
          { role: "assistant", content: r },
        ],
      }),
    ).join("\n")}\n`,
  );
});

afterAll(() => runtime?.close());

const env = () => ({
  AWS_ENDPOINT_URL_BEDROCK_RUNTIME: runtime.url,
  AWS_ACCESS_KEY_ID: "AKIDTEST",
  AWS_SECRET_ACCESS_KEY: "secret",
  AWS_REGION: "us-west-2",
});

describe("tunegate eval", () => {
  it("scores the target and the baseline and writes the results file", async () => {
    const result = await tunegate(
      ["eval", "--model", "router", "--target", TARGET, "--baseline", BASELINE, "--output", "results.json"],
      { cwd: dir, env: env() },
    );
    // On Node 20 the AWS SDK prints its own support notice on stderr; nothing of tunegate's may be there.
    // The configuration's warnings (Claude 3 Haiku's end of life) are printed, as by every config command;
    // no error or note is.
    expect(result.stderr).not.toMatch(/^(error|note):/m);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/accuracy\s+60\.0% \(3\/5\)\s+40\.0% \(2\/5\)/);
    expect(result.stdout).toContain("accuracy: target 60.0%, baseline 40.0% (+20.0 points)");
    const results = parseEvalResults(readFileSync(join(dir, "results.json"), "utf8"));
    expect(results.target.summary.classification!.confusion).toEqual({
      rows: ["a", "b", "c"],
      columns: ["a", "b", "c", "(no label)"],
      matrix: [
        [1, 1, 0, 0],
        [0, 2, 0, 0],
        [0, 0, 0, 1],
      ],
    });
    // The baseline is the base model on demand: its tokens are priced from the catalog.
    expect(results.baseline!.summary.cost!.usd).toBeCloseTo((250 * 0.25 + 10 * 1.25) / 1e6, 12);
  });

  it("exits 1 when a gate fails", async () => {
    const result = await tunegate(
      ["eval", "--model", "router", "--target", TARGET, "--min-accuracy", "80%"],
      {
        cwd: dir,
        env: env(),
      },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("FAIL min-accuracy: accuracy of amazon.nova-lite-v1:0 is 60.0%");
  });

  it("exits 2 on bad usage", async () => {
    const noModel = await tunegate(["eval", "--target", TARGET], { cwd: dir, env: env() });
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain("--model is required");
    const unknown = await tunegate(["eval", "--model", "nope", "--target", TARGET], { cwd: dir, env: env() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('tunegate.yml defines no model "nope". Defined: router.');
    const badGate = await tunegate(["eval", "--model", "router", "--target", TARGET, "--min-accuracy", "2"], {
      cwd: dir,
      env: env(),
    });
    expect(badGate.code).toBe(2);
  });
});
