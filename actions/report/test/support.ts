// The world the report action runs in during tests: s3rver, the Bedrock control-plane and Runtime
// stand-ins, the GitHub stand-in, and a workspace with tunegate.yml. Jobs are created through the real
// Bedrock SDK with the tags the train action writes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  BedrockClient,
  CreateModelCustomizationJobCommand,
  CreateProvisionedModelThroughputCommand,
} from "@aws-sdk/client-bedrock";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import {
  type BedrockRuntimeStandIn,
  type BedrockStandIn,
  DEFAULT_BASE_MODELS,
  type Responder,
  startBedrockRuntimeStandIn,
  startBedrockStandIn,
} from "@tunegate/bedrock-local";
import { trainCommentMarker } from "@tunegate/core";
import { type GitHubStandIn, startGitHubStandIn } from "@tunegate/github-local";
import { type ActionRun, type LocalS3, runAction, startS3 } from "@tunegate/testkit";

export const ACTION = fileURLToPath(new URL("../dist/index.js", import.meta.url));
export const OWNER = "acme";
export const REPO = "datasets";
export const REPOSITORY = `${OWNER}/${REPO}`;
export const BUCKET = "tunegate-data";
export const TOKEN = "write-token";
export const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0:200k";
export const HAIKU_ON_DEMAND = "anthropic.claude-3-haiku-20240307-v1:0";
/** How long a batch inference job runs on the stand-in's virtual clock. */
export const BATCH_DURATION_MS = 2 * 60 * 60_000;
const S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export const sha = (n: number) => n.toString(16).padStart(40, "0");

export const record = (user: string, assistant: string) =>
  JSON.stringify({
    system: "Route the support ticket.",
    messages: [
      { role: "user", content: user },
      { role: "assistant", content: assistant },
    ],
  });

export const dataset = (n: number, offset = 0) =>
  `${Array.from({ length: n }, (_, i) => record(`ticket ${i + offset}`, `ROUTE: q${(i + offset) % 3}`)).join("\n")}\n`;

export interface World {
  s3: LocalS3;
  s3client: S3Client;
  bedrock: BedrockStandIn;
  runtime: BedrockRuntimeStandIn;
  control: BedrockClient;
  github: GitHubStandIn;
  workspace: string;
  /** What the runtime stand-in answers; tests replace it. */
  respond: { current: Responder };
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const s3 = await startS3({ buckets: [BUCKET] });
  const s3client = new S3Client({
    endpoint: s3.endpoint,
    region: "us-west-2",
    forcePathStyle: true,
    credentials: S3_CREDENTIALS,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const respond: World["respond"] = { current: () => ({ text: "" }) };
  const bedrock = await startBedrockStandIn({
    s3: { endpoint: s3.endpoint, credentials: S3_CREDENTIALS },
    jobDurationMs: 60 * 60_000,
    provisionedDurationMs: 20 * 60_000,
    // Batch jobs answer as Converse does, and only once a test moves the clock past them.
    respond: (call) => respond.current(call),
    batchDurationMs: BATCH_DURATION_MS,
  });
  const runtime = await startBedrockRuntimeStandIn({
    provisionedModels: bedrock,
    respond: (call) => respond.current(call),
  });
  const control = new BedrockClient({
    endpoint: bedrock.url,
    region: "us-west-2",
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
  });
  const github = await startGitHubStandIn({ tokens: { [TOKEN]: "write" } });
  github.addRepository({ owner: OWNER, repo: REPO });
  const workspace = mkdtempSync(join(tmpdir(), "tunegate-report-ws-"));
  await put(s3client, "data/train.jsonl", dataset(64));
  await put(s3client, "data/validation.jsonl", dataset(32, 1000));
  return {
    s3,
    s3client,
    bedrock,
    runtime,
    control,
    github,
    workspace,
    respond,
    async close() {
      control.destroy();
      s3client.destroy();
      await Promise.allSettled([runtime.close(), bedrock.close(), github.close()]);
      await s3.close();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}

export async function put(client: S3Client, key: string, body: string): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

export async function getText(client: S3Client, key: string): Promise<string> {
  const out = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return out.Body!.transformToString("utf8");
}

export function writeWorkspace(world: World, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(world.workspace, name), text);
}

export interface JobSpec {
  name: string;
  model: string;
  pr: number;
  commit: string;
  training?: string;
  hyperParameters?: Record<string, string>;
  /** Defaults to this repository. */
  repository?: string;
  /** Leave out the pull-request tag (a job started by a push, or by an older train action). */
  noPullRequestTag?: boolean;
}

/** Creates a job the way the train action does: tagged with repository, commit, PR and model. */
export async function createJob(world: World, spec: JobSpec): Promise<string> {
  const out = await world.control.send(
    new CreateModelCustomizationJobCommand({
      jobName: spec.name,
      customModelName: `${spec.name}-model`,
      roleArn: "arn:aws:iam::123456789012:role/tunegate-bedrock",
      baseModelIdentifier: HAIKU,
      trainingDataConfig: { s3Uri: `s3://${BUCKET}/${spec.training ?? "data/train.jsonl"}` },
      validationDataConfig: { validators: [{ s3Uri: `s3://${BUCKET}/data/validation.jsonl` }] },
      outputDataConfig: { s3Uri: `s3://${BUCKET}/output/${spec.model}/` },
      hyperParameters: spec.hyperParameters ?? { epochCount: "2", batchSize: "8" },
      jobTags: [
        { key: "tunegate:repository", value: spec.repository ?? REPOSITORY },
        { key: "tunegate:commit", value: spec.commit },
        ...(spec.noPullRequestTag ? [] : [{ key: "tunegate:pull-request", value: String(spec.pr) }]),
        { key: "tunegate:model", value: spec.model },
        { key: "tunegate:dataset-sha256", value: "a".repeat(64) },
      ],
    }),
  );
  return out.jobArn!;
}

/** A merged PR with the train action's comment for `jobName` on it. */
export function mergedPullRequest(world: World, number: number, model: string, jobName: string): number {
  world.github.addPullRequest({
    owner: OWNER,
    repo: REPO,
    number,
    title: `More ${model} examples`,
    user: "alice",
    head: { sha: sha(number * 10 + 1), ref: `data-${number}` },
    base: { sha: sha(number * 10), ref: "main" },
    merged: true,
    mergeCommitSha: sha(number * 10 + 2),
  });
  return world.github.addComment({
    owner: OWNER,
    repo: REPO,
    issueNumber: number,
    body: `${trainCommentMarker(model, jobName)}\n### ⏳ Training started: \`${model}\``,
  });
}

/**
 * A throughput bought while Claude 3 Haiku was still active (AWS lets those run on after Legacy; it
 * refuses new ones, and so does the stand-in).
 */
export async function provision(world: World, modelArn: string, name: string): Promise<string> {
  const legacy = DEFAULT_BASE_MODELS.find((model) => model.id === HAIKU)!.lifecycle!["us-west-2"]!;
  world.bedrock.setLifecycle(HAIKU, { status: "ACTIVE" });
  const out = await world.control.send(
    new CreateProvisionedModelThroughputCommand({
      modelUnits: 1,
      provisionedModelName: name,
      modelId: modelArn,
    }),
  );
  world.bedrock.setLifecycle(HAIKU, legacy);
  await world.bedrock.advance(20 * 60_000);
  return out.provisionedModelArn!;
}

export function runReport(
  world: World,
  inputs: Record<string, string>,
  extra: { event?: unknown; eventName?: string } = {},
): Promise<ActionRun> {
  return runAction({
    script: ACTION,
    workspace: world.workspace,
    repository: REPOSITORY,
    apiUrl: world.github.url,
    eventName: extra.eventName ?? "workflow_dispatch",
    event: extra.event ?? {},
    inputs: { "github-token": TOKEN, config: "tunegate.yml", eval: "false", ...inputs },
    env: {
      AWS_REGION: "us-west-2",
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: "S3RVER",
      AWS_ENDPOINT_URL_BEDROCK: world.bedrock.url,
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: world.runtime.url,
      AWS_ENDPOINT_URL_S3: world.s3.endpoint,
    },
  });
}

/** PATCH and POST requests on issue comments the stand-in saw. */
export function commentWrites(world: World): { method: string; path: string }[] {
  return world.github
    .requests()
    .filter((r) => (r.method === "PATCH" || r.method === "POST") && r.path.includes("/comments"))
    .map((r) => ({ method: r.method, path: r.path }));
}

/** tunegate.yml of the test workspace: one Claude 3 Haiku classifier with an evaluation set. */
export function configYaml(): string {
  return [
    "version: 1",
    "defaults:",
    `  baseModel: ${HAIKU}`,
    "  region: us-west-2",
    "  s3:",
    `    bucket: ${BUCKET}`,
    "    prefix: tunegate/",
    "  roleArn: arn:aws:iam::123456789012:role/tunegate-bedrock",
    "models:",
    "  support-router:",
    "    training: data/train.jsonl",
    "    validation: data/validation.jsonl",
    "    evaluation: eval.jsonl",
    `    labels: "^ROUTE: (\\\\S+)"`,
    "",
  ].join("\n");
}
