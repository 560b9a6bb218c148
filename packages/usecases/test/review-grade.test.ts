import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LambdaGrader, lambdaGrader } from "@tunegate/aws";
import { type LambdaHandler, type LambdaStandIn, startLambdaStandIn } from "@tunegate/lambda-local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORK_SKIP_NOTE, type Log, type ReviewRequest, type ReviewRun, review } from "../src/index";

// The review with the grader check on: an RFT model (a catalog entry in the RFT format) whose training
// file is AWS's own RFT sample data.
const FIXTURE = join(import.meta.dirname, "../../../../shared/fixtures/real/bedrock-samples-rft-train.jsonl");
const CONFIG = `version: 1
defaults:
  region: us-east-1
  s3: { bucket: acme-training, prefix: tunegate/ }
  roleArn: arn:aws:iam::123456789012:role/BedrockFineTuning
catalog:
  - id: amazon.nova-2-lite-v1:0:256k
    extends: amazon.nova-2-lite-v1:0:256k
    format: rft-chat
models:
  math:
    baseModel: amazon.nova-2-lite-v1:0:256k
    training: data/train.jsonl
    hyperparameters: { epochCount: 2, learningRate: 0.00001, learningRateWarmupSteps: 10 }
`;
type Item = { id: string; messages: { content: string }[]; metadata: { ground_truth: string } };
const scoring =
  (right: number): LambdaHandler =>
  (event) =>
    (event as Item[]).map((item) => ({
      id: item.id,
      aggregate_reward_score: item.messages.at(-1)!.content.endsWith(`#### ${item.metadata.ground_truth}`)
        ? right
        : 0,
    }));

let lambda: LambdaStandIn;
let grader: LambdaGrader;
let workspace: string;
const log: Log = { info: () => {}, warning: () => {}, error: () => {} };
beforeAll(async () => {
  lambda = await startLambdaStandIn({ functions: { good: scoring(1), zero: scoring(0) } });
  grader = lambdaGrader({
    endpoint: lambda.url,
    env: {},
    maxAttempts: 1,
    credentials: { accessKeyId: "AKID", secretAccessKey: "s" },
  });
  workspace = mkdtempSync(join(tmpdir(), "tunegate-review-grade-"));
  mkdirSync(join(workspace, "data"));
  copyFileSync(FIXTURE, join(workspace, "data/train.jsonl"));
  writeFileSync(join(workspace, "tunegate.yml"), CONFIG);
});
afterAll(async () => {
  grader.destroy();
  await lambda.close();
  rmSync(workspace, { recursive: true, force: true });
});

function request(pr: ReviewRun["pr"]): ReviewRequest {
  return {
    run: {
      workspace,
      repository: "acme/math",
      serverUrl: "https://github.com",
      eventName: pr ? "pull_request" : "push",
      sha: "a".repeat(40),
      runUrl: undefined,
      pr,
    },
    config: "tunegate.yml",
    failOn: "error",
    all: false,
    commenting: true,
    parallel: undefined,
    baseDir: join(workspace, ".base"),
    grade: { sample: 4, topScore: 1 },
  };
}
const ports = (graderFor?: () => string | undefined) => ({
  git: { readFileInCommit: async () => undefined, extractFileFromCommit: async () => false },
  changedFiles: async () => ({
    files: [{ path: "data/train.jsonl" }],
    source: "git",
    baseAvailable: false,
    notes: [],
  }),
  log,
  grader: { invoke: grader.invoke, ...(graderFor ? { graderFor } : {}) },
});
const unescaped = (markdown: string) => markdown.replace(/\\(.)/g, "$1");

describe("the review with the grader check (grade-sample)", () => {
  it("fails the review on a grader that scores the reference answer 0: annotations at the records' lines, problems in the comment", async () => {
    const result = await review(
      request(undefined),
      ports(() => lambda.arn("zero")),
    );
    if (result.kind !== "reviewed") throw new Error(result.kind);
    expect(result.fails).toBe(true);
    expect(result.counts.errors).toBe(4);
    const graded = result.problems.filter((p) => p.rule === "grade/not-top-score");
    expect(graded).toHaveLength(4);
    const lines = graded.map((p) => p.line);
    const annotated = result.annotations.filter((a) => a.includes("title=tunegate grade/not-top-score"));
    expect(annotated.map((a) => /line=(\d+)/.exec(a)![1])).toEqual(lines.map(String));
    expect(annotated[0]).toMatch(
      /^::error file=data\/train\.jsonl,line=\d+,col=1,title=tunegate grade\/not-top-score::The grader scored the reference answer of the record without an id/,
    );
    const comment = unescaped(result.comment);
    expect(comment).toContain("grade/not-top-score");
    expect(comment).toContain(`/data/train.jsonl#L${lines[0]}`);
    expect(comment).toContain(
      "Grader check failed on 4 of 4 records of data/train.jsonl: see the grade/ problems.",
    );
    expect(unescaped(result.summary)).toContain("below the top score 1");
  });

  it("passes with a grader that gives each reference answer the top score, and says it checked", async () => {
    const result = await review(
      request(undefined),
      ports(() => lambda.arn("good")),
    );
    if (result.kind !== "reviewed") throw new Error(result.kind);
    expect(result.fails).toBe(false);
    expect(result.problems.filter((p) => p.rule.startsWith("grade/"))).toEqual([]);
    expect(unescaped(result.comment)).toContain(
      "Grader checked on 4 records of data/train.jsonl: each reference answer got the top score (1).",
    );
  });

  it("skips the check on a pull request from a fork, with a note, and invokes nothing", async () => {
    const before = lambda.invocations().length;
    const pr = { number: 3, baseSha: "b".repeat(40), headSha: "h".repeat(40), fromFork: true };
    const result = await review(
      request(pr),
      ports(() => lambda.arn("zero")),
    );
    if (result.kind !== "reviewed") throw new Error(result.kind);
    expect(lambda.invocations()).toHaveLength(before);
    expect(result.fails).toBe(false);
    expect(unescaped(result.comment)).toContain(FORK_SKIP_NOTE);
  });

  it("says so when an RFT model names no grader in tunegate.yml", async () => {
    const result = await review(request(undefined), ports());
    if (result.kind !== "reviewed") throw new Error(result.kind);
    expect(result.fails).toBe(false);
    expect(unescaped(result.comment)).toContain(
      "grade-sample is on, but this model sets no reinforcement.grader",
    );
  });
});
