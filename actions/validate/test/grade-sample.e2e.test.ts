// The committed bundle with grade-sample on, run on Node 24 as the runner runs it: the grader check
// of reinforcement fine-tuning datasets, and its safety on pull requests from forks.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { GitHubStandIn } from "@tunegate/github-local";
import { type LambdaStandIn, startLambdaStandIn } from "@tunegate/lambda-local";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addPullRequest,
  checkout,
  OWNER,
  type PullRequestRepo,
  pullRequestEvent,
  pullRequestRepo,
  READ_TOKEN,
  REPO,
  removeClones,
  startGitHub,
  validate,
} from "./support";

// An RFT model: a catalog entry in the RFT format, trained on AWS's own RFT sample data.
const RFT_CONFIG = `version: 1
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
    training: data/math/train.jsonl
    hyperparameters: { epochCount: 2, learningRate: 0.00001, learningRateWarmupSteps: 10 }
`;
// The same data under a model that names its grader, as the rft section of tunegate.yml does.
const GRADED_CONFIG = `version: 1
defaults:
  region: us-east-1
  s3: { bucket: acme-training, prefix: tunegate/ }
  roleArn: arn:aws:iam::123456789012:role/BedrockFineTuning
models:
  math:
    baseModel: amazon.nova-2-lite-v1:0:256k
    customization: reinforcement
    reinforcement:
      grader: arn:aws:lambda:us-east-1:123456789012:function:grader
    training: data/math/train.jsonl
`;
const SAMPLE = readFileSync(
  join(import.meta.dirname, "../../../../shared/fixtures/real/bedrock-samples-rft-train.jsonl"),
  "utf8",
);

let gh: GitHubStandIn;
let lambda: LambdaStandIn;
let pr: PullRequestRepo;
let graded: PullRequestRepo;
const unescaped = (markdown: string) => markdown.replace(/\\(.)/g, "$1");

beforeAll(async () => {
  gh = await startGitHub();
  // Any invocation would be recorded: the grader answers, so only the check's own logic keeps it unasked.
  lambda = await startLambdaStandIn({
    functions: {
      grader: (event) => (event as { id: string }[]).map((s) => ({ id: s.id, aggregate_reward_score: 0 })),
    },
  });
  const head = SAMPLE.split("\n").slice(0, 150).join("\n");
  pr = pullRequestRepo(
    { "tunegate.yml": RFT_CONFIG, "data/math/train.jsonl": SAMPLE },
    { "data/math/train.jsonl": `${head}\n` },
  );
  addPullRequest(gh, pr, 21, ["data/math/train.jsonl"]);
  graded = pullRequestRepo(
    { "tunegate.yml": GRADED_CONFIG, "data/math/train.jsonl": SAMPLE },
    { "data/math/train.jsonl": `${head}\n` },
  );
  addPullRequest(gh, graded, 22, ["data/math/train.jsonl"]);
});
afterAll(async () => {
  expect(gh.violations()).toEqual([]);
  await gh.close();
  await lambda.close();
  pr.origin.dispose();
  graded.origin.dispose();
  removeClones();
});

describe("validate with grade-sample", () => {
  it("skips the grader check on a pull request from a fork, says so, and does not fail for it", async () => {
    const run = await validate({
      gh,
      repo: pr,
      workspace: checkout(pr),
      number: 21,
      token: READ_TOKEN,
      event: pullRequestEvent(pr, 21, "mallory/support-data"),
      inputs: { "grade-sample": "10" },
    });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ valid: "true", errors: "0" });
    expect(run.stdout).toContain(
      "The grader check (grade-sample) was skipped: a pull request from a fork runs without the repository's secrets",
    );
    // The fork's token cannot comment: the report file carries the note for the workflow_run that posts it.
    expect(unescaped(run.reportMarkdown)).toContain("The grader check (grade-sample) was skipped");
    expect(lambda.invocations()).toEqual([]);
  });

  it("says when an RFT model names no grader, and asks no Lambda", async () => {
    const run = await validate({
      gh,
      repo: pr,
      workspace: checkout(pr),
      number: 21,
      inputs: { "grade-sample": "10" },
      env: { AWS_ENDPOINT_URL_LAMBDA: lambda.url, AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "s" },
    });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    const comment = gh.comments(OWNER, REPO, 21).at(-1)!.body;
    expect(unescaped(comment)).toContain("grade-sample is on, but this model sets no reinforcement.grader");
    expect(lambda.invocations()).toEqual([]);
  });

  it("stops at a grade-sample that is not a whole number, before any work", async () => {
    const run = await validate({
      gh,
      repo: pr,
      workspace: checkout(pr),
      number: 21,
      inputs: { "grade-sample": "lots" },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('grade-sample takes a whole number from 0 to 1000; got "lots".');
  });

  it("asks the grader named in tunegate.yml and fails at each sampled record it does not score top", async () => {
    const before = lambda.invocations().length;
    const run = await validate({
      gh,
      repo: graded,
      workspace: checkout(graded),
      number: 22,
      inputs: { "grade-sample": "3" },
      env: { AWS_ENDPOINT_URL_LAMBDA: lambda.url, AWS_ACCESS_KEY_ID: "AKID", AWS_SECRET_ACCESS_KEY: "s" },
    });
    expect(run.code, run.stderr + run.stdout).toBe(1);
    const sent = lambda.invocations().slice(before);
    expect(sent.length).toBeGreaterThan(0);
    const graded3 = run.annotations.filter((a) => a.properties.title === "tunegate grade/not-top-score");
    expect(graded3).toHaveLength(3);
    for (const a of graded3) {
      expect(a.level).toBe("error");
      expect(a.properties.file).toBe("data/math/train.jsonl");
      expect(Number(a.properties.line)).toBeGreaterThan(0);
    }
    const comment = gh.comments(OWNER, REPO, 22).at(-1)!.body;
    expect(unescaped(comment)).toContain("grade/not-top-score");
  });
});
