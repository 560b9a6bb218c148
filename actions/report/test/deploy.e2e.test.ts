// Ship on green, end to end: the committed bundle, run on Node 24 as the runner runs it, against s3rver,
// the Bedrock and Runtime stand-ins (custom model deployments included) and the GitHub stand-in. Each
// merged model is deployed as a candidate, evaluated against production on 25 held-out tickets with
// answers fixed per model, and promoted or not; the figures in the comments are computed by hand.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { BedrockClient, CreateModelCustomizationJobCommand } from "@aws-sdk/client-bedrock";
import { type ConverseCall, startBedrockRuntimeStandIn, startBedrockStandIn } from "@tunegate/bedrock-local";
import { type GitHubStandIn, startGitHubStandIn } from "@tunegate/github-local";
import { type LocalS3, runAction, startS3 } from "@tunegate/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACTION,
  BUCKET,
  mergedPullRequest,
  OWNER,
  REPO,
  REPOSITORY,
  sha,
  TOKEN,
  type World,
} from "./support";

const REGION = "us-east-1";
const NOVA_LITE = "amazon.nova-lite-v1:0:300k";
const NOVA_LITE_ON_DEMAND = "amazon.nova-lite-v1:0";
const MODEL = "support-router";
const PRODUCTION = "support-router-prod";
/** A second model that only reports (deploy.on: never). */
const SHADOW = "support-router-shadow";
const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

// 25 tickets; a model answers the first `right` of them correctly and the rest with another label.
const LABELS = ["billing", "tech", "sales"];
const CASES = Array.from({ length: 25 }, (_, i) => ({ prompt: `eval ticket ${i}`, label: LABELS[i % 3]! }));
const answer = (i: number, right: number) => `ROUTE: ${i < right ? CASES[i]!.label : LABELS[(i + 1) % 3]}`;
/** Correct answers per model: base 15/25 = 60%, then 88%, 92%, 84% (worse), 96%. */
const BASE_RIGHT = 15;
const RIGHT: Record<string, number> = { "m-1": 22, "m-2": 23, "m-3": 21, "m-4": 24 };

const novaRecord = (user: string, assistant: string) =>
  JSON.stringify({
    messages: [
      { role: "user", content: [{ text: user }] },
      { role: "assistant", content: [{ text: assistant }] },
    ],
  });

let world: World;
let s3: LocalS3;
let github: GitHubStandIn;
let control: BedrockClient;
/** Custom model ARN -> how many cases it answers right. */
const rightOf = new Map<string, number>();

beforeAll(async () => {
  s3 = await startS3({ buckets: [BUCKET] });
  const bedrock = await startBedrockStandIn({
    region: REGION,
    s3: { endpoint: s3.endpoint, forcePathStyle: true, credentials: CREDENTIALS },
    jobDurationMs: 60 * 60_000,
    // Active at once: the action waits on real time, and the waits themselves are tested in packages/aws.
    deploymentDurationMs: 0,
  });
  const runtime = await startBedrockRuntimeStandIn({
    region: REGION,
    deployments: bedrock,
    respond: (call: ConverseCall) => {
      const i = CASES.findIndex((c) => c.prompt === call.messages.at(-1)?.text);
      if (i < 0) throw new Error(`unexpected prompt ${call.messages.at(-1)?.text}`);
      if (call.modelId === NOVA_LITE_ON_DEMAND)
        return { text: answer(i, BASE_RIGHT), inputTokens: 50, outputTokens: 3 };
      const right = call.servedModelArn ? rightOf.get(call.servedModelArn) : undefined;
      if (right === undefined) throw new Error(`unexpected model ${call.modelId}`);
      return { text: answer(i, right), inputTokens: 50, outputTokens: 3 };
    },
  });
  github = await startGitHubStandIn({ tokens: { [TOKEN]: "write" } });
  github.addRepository({ owner: OWNER, repo: REPO });
  control = new BedrockClient({
    endpoint: bedrock.url,
    region: REGION,
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
  });
  const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const workspace = mkdtempSync(join(tmpdir(), "tunegate-deploy-ws-"));
  mkdirSync(join(workspace, "data"));
  writeFileSync(
    join(workspace, "data/train.jsonl"),
    `${Array.from({ length: 10 }, (_, i) => novaRecord(`t ${i}`, `ROUTE: ${LABELS[i % 3]}`)).join("\n")}\n`,
  );
  writeFileSync(
    join(workspace, "eval.jsonl"),
    `${CASES.map((c) => novaRecord(c.prompt, `ROUTE: ${c.label}`)).join("\n")}\n`,
  );
  writeFileSync(
    join(workspace, "tunegate.yml"),
    [
      "version: 1",
      "models:",
      `  ${MODEL}:`,
      `    baseModel: ${NOVA_LITE}`,
      `    region: ${REGION}`,
      "    training: data/train.jsonl",
      "    evaluation: eval.jsonl",
      `    labels: "^ROUTE: (\\\\S+)"`,
      `    s3: { bucket: ${BUCKET}, prefix: tunegate/ }`,
      "    roleArn: arn:aws:iam::123456789012:role/tunegate-bedrock",
      `    deploy: { name: ${PRODUCTION} }`,
      `  ${SHADOW}:`,
      `    baseModel: ${NOVA_LITE}`,
      `    region: ${REGION}`,
      "    training: data/train.jsonl",
      "    evaluation: eval.jsonl",
      `    labels: "^ROUTE: (\\\\S+)"`,
      `    s3: { bucket: ${BUCKET}, prefix: tunegate/ }`,
      "    roleArn: arn:aws:iam::123456789012:role/tunegate-bedrock",
      "    deploy: { name: shadow-prod, on: never }",
      "",
    ].join("\n"),
  );
  const { S3Client, PutObjectCommand } = await import("@aws-sdk/client-s3");
  const s3client = new S3Client({
    endpoint: s3.endpoint,
    region: REGION,
    forcePathStyle: true,
    credentials: CREDENTIALS,
  });
  await s3client.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: "data/train.jsonl",
      Body: `${Array.from({ length: 10 }, (_, i) => novaRecord(`t ${i}`, "ROUTE: billing")).join("\n")}\n`,
    }),
  );
  world = {
    s3,
    s3client,
    bedrock,
    runtime,
    control,
    github,
    workspace,
    respond: { current: () => ({ text: "" }) },
    async close() {
      control.destroy();
      s3client.destroy();
      await Promise.allSettled([runtime.close(), bedrock.close(), github.close()]);
      await s3.close();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
});

afterAll(() => world?.close());

/** A merged PR and its completed job (tagged as the train action tags jobs and their models). */
async function trainedJob(
  n: number,
  name: string,
  model = MODEL,
): Promise<{ jobName: string; modelArn: string }> {
  const jobName = `tunegate-${model}-${name}`;
  mergedPullRequest(world, n, model, jobName);
  const tags = [
    { key: "tunegate:repository", value: REPOSITORY },
    { key: "tunegate:commit", value: sha(n * 10 + 2) },
    { key: "tunegate:pull-request", value: String(n) },
    { key: "tunegate:model", value: model },
  ];
  await control.send(
    new CreateModelCustomizationJobCommand({
      jobName,
      customModelName: `${jobName}-model`,
      roleArn: "arn:aws:iam::123456789012:role/tunegate-bedrock",
      baseModelIdentifier: NOVA_LITE,
      trainingDataConfig: { s3Uri: `s3://${BUCKET}/data/train.jsonl` },
      outputDataConfig: { s3Uri: `s3://${BUCKET}/output/${model}/` },
      jobTags: tags,
      customModelTags: tags,
    }),
  );
  await world.bedrock.advance(60 * 60_000);
  const job = world.bedrock.jobs().find((j) => j.jobName === jobName)!;
  expect(job.status).toBe("Completed");
  rightOf.set(job.outputModelArn!, RIGHT[name]!);
  return { jobName, modelArn: job.outputModelArn! };
}

const report = (jobs: string) =>
  runAction({
    script: ACTION,
    workspace: world.workspace,
    repository: REPOSITORY,
    apiUrl: github.url,
    eventName: "workflow_dispatch",
    event: {},
    inputs: { "github-token": TOKEN, config: "tunegate.yml", eval: "false", jobs },
    env: {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_ENDPOINT_URL_BEDROCK: world.bedrock.url,
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: world.runtime.url,
      AWS_ENDPOINT_URL_S3: s3.endpoint,
    },
  });

const body = (pr: number) => github.comments(OWNER, REPO, pr)[0]!.body;
const production = () => world.bedrock.deployment(PRODUCTION);
const calls = (from: number, operation: string) =>
  world.bedrock
    .requests()
    .slice(from)
    .filter((r) => r.operation === operation);

describe("the first model of a deploy: section", () => {
  it("is compared with the base model and becomes production", async () => {
    const { modelArn } = await trainedJob(21, "m-1");
    const run = await report(`tunegate-${MODEL}-m-1`);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(production()).toMatchObject({ modelArn, status: "Active" });
    const text = body(21);
    expect(text).toContain("🚀 **promoted: accuracy 88.0% vs 60.0% for the base model**");
    expect(text).toContain("| Accuracy | 88.0% (22/25) | 60.0% (15/25) |");
    expect(text).toContain(`| Serves | \`${modelArn}\` |`);
    expect(text).toContain("this is the first model `support-router-prod` serves");
    // Only production is left: the candidate was deleted.
    expect(world.bedrock.deployments().map((d) => d.deploymentName)).toEqual([PRODUCTION]);
    expect(production()!.tags).toEqual(
      expect.arrayContaining([
        { key: "tunegate:repository", value: REPOSITORY },
        { key: "tunegate:model", value: MODEL },
        { key: "tunegate:deployment-role", value: "production" },
      ]),
    );
  });
});

describe("a better model", () => {
  let previous: string;

  it("is promoted: production's ARN now serves it, with the exact accuracies in the comment", async () => {
    previous = production()!.modelArn;
    const arn = production()!.deploymentArn;
    const { modelArn } = await trainedJob(22, "m-2");
    const run = await report(`tunegate-${MODEL}-m-2`);
    expect(run.code).toBe(0);
    expect(production()).toMatchObject({ deploymentArn: arn, modelArn });
    const text = body(22);
    expect(text).toContain("🚀 **promoted: accuracy 92.0% vs 88.0% in production**");
    expect(text).toContain("| Accuracy | 92.0% (23/25) | 88.0% (22/25) |");
    expect(text).toContain(`| Deployment ARN | \`${arn}\` |`);
    expect(text).toContain(
      `Roll back: \`npx tunegate deploy rollback ${MODEL}\` points \`${PRODUCTION}\` back at \`${previous}\`.`,
    );
    expect(text).toMatch(
      /\| Candidate \| `arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment\/[a-z0-9]{12}`: deleted \|/,
    );
    expect(world.bedrock.deployments()).toHaveLength(1);
  });
});

describe("a worse model", () => {
  it("is not promoted, and production is untouched", async () => {
    const before = production()!;
    const from = world.bedrock.requests().length;
    await trainedJob(23, "m-3");
    const run = await report(`tunegate-${MODEL}-m-3`);
    // The default gate (at least as good as production) is not one the user set: the step passes.
    expect(run.code).toBe(0);
    expect(body(23)).toContain("🛑 **kept production: accuracy 84.0% < 92.0% (gate max-regression 0)**");
    expect(production()).toEqual(before);
    expect(calls(from, "UpdateCustomModelDeployment")).toEqual([]);
    expect(calls(from, "DeleteCustomModelDeployment").map((r) => r.status)).toEqual([200]);
    expect(world.bedrock.deployments()).toHaveLength(1);
  });
});

describe("a crash after the candidate was created", () => {
  it("is healed by a re-run that creates nothing twice and finishes the same promotion", async () => {
    const before = production()!;
    const from = world.bedrock.requests().length;
    const runtimeFrom = world.runtime.requests().length;
    const { jobName, modelArn } = await trainedJob(24, "m-4");
    world.bedrock.injectFault({
      operation: "UpdateCustomModelDeployment",
      errorType: "AccessDeniedException",
    });
    const crashed = await report(jobName);
    expect(crashed.code).toBe(1);
    expect(crashed.stdout).toContain("the deployment step stopped");
    expect(production()).toEqual(before);
    expect(body(24)).toContain("⚠️ Not finished:");
    expect(body(24)).toMatch(/\| Candidate \| `[^`]+`: still exists \|/);
    expect(world.bedrock.deployments()).toHaveLength(2);
    // Not marked reported, so the next scheduled run would pick it up again.
    const reported = () =>
      world.bedrock
        .jobs()
        .find((j) => j.jobName === jobName)!
        .tags.some((t) => t.key === "tunegate:reported");
    expect(reported()).toBe(false);

    const healed = await report(jobName);
    expect(reported()).toBe(true);
    expect(healed.code).toBe(0);
    expect(production()).toMatchObject({ deploymentArn: before.deploymentArn, modelArn });
    expect(body(24)).toContain("🚀 **promoted: accuracy 96.0% vs 92.0% in production**");
    expect(body(24)).toContain(
      "_Decided by an earlier run for this job; the figures are from its evaluation._",
    );
    expect(world.bedrock.deployments()).toHaveLength(1);
    // One candidate created, one evaluation (25 cases x 2 models), one successful swap, one delete.
    const created = calls(from, "CreateCustomModelDeployment");
    expect(created.map((r) => r.status)).toEqual([202]);
    expect(
      world.runtime
        .requests()
        .slice(runtimeFrom)
        .filter((r) => r.operation === "Converse"),
    ).toHaveLength(50);
    expect(calls(from, "UpdateCustomModelDeployment").map((r) => r.status)).toEqual([403, 202]);
    expect(calls(from, "DeleteCustomModelDeployment").map((r) => r.status)).toEqual([200]);

    // A third run changes nothing and still shows the decision.
    const again = world.bedrock.requests().length;
    expect((await report(jobName)).code).toBe(0);
    expect(calls(again, "CreateCustomModelDeployment")).toEqual([]);
    expect(calls(again, "UpdateCustomModelDeployment")).toEqual([]);
    expect(body(24)).toContain("🚀 **promoted: accuracy 96.0% vs 92.0% in production**");
  });
});

describe("deploy.on: never", () => {
  it("evaluates and reports, and never promotes, even a better model", async () => {
    const from = world.bedrock.requests().length;
    const { jobName } = await trainedJob(25, "m-4", SHADOW);
    const run = await report(jobName);
    expect(run.code).toBe(0);
    expect(body(25)).toContain(
      "📋 **not promoted (deploy.on: never): accuracy 96.0% vs 60.0% for the base model**",
    );
    expect(body(25)).toContain("| Production | `shadow-prod`: not created yet |");
    expect(world.bedrock.deployment("shadow-prod")).toBeUndefined();
    expect(calls(from, "CreateCustomModelDeployment").map((r) => r.input?.modelDeploymentName)).toEqual([
      expect.stringMatching(/^shadow-prod-c[a-z0-9]{12}$/),
    ]);
    expect(world.bedrock.deployments().map((d) => d.deploymentName)).toEqual([PRODUCTION]);
  });
});
