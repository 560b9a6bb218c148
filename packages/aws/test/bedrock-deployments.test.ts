// The deployment adapter against the Bedrock stand-in: waits poll with backoff on the stand-in's own
// clock (the injected sleep advances it), so nothing here waits in real time.
import { BedrockClient, CreateModelCustomizationJobCommand } from "@aws-sdk/client-bedrock";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { type BedrockStandIn, startBedrockStandIn } from "@tunegate/bedrock-local";
import { type LocalS3, startS3 } from "@tunegate/testkit";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  createDeployment,
  deleteDeployment,
  findDeployment,
  updateDeployment,
  waitForDeployment,
} from "../src/bedrock-deployments";

const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
const DEPLOY_MS = 7 * 60_000;
let s3server: LocalS3;
let bedrock: BedrockStandIn;
let control: BedrockClient;
const models: string[] = [];

beforeAll(async () => {
  s3server = await startS3({ buckets: ["data"] });
  const s3 = new S3Client({
    endpoint: s3server.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials: CREDENTIALS,
  });
  const line = JSON.stringify({
    messages: [
      { role: "user", content: [{ text: "q" }] },
      { role: "assistant", content: [{ text: "a" }] },
    ],
  });
  await s3.send(
    new PutObjectCommand({ Bucket: "data", Key: "t.jsonl", Body: `${Array(10).fill(line).join("\n")}\n` }),
  );
  s3.destroy();
  bedrock = await startBedrockStandIn({
    region: "us-east-1",
    s3: { endpoint: s3server.endpoint, credentials: CREDENTIALS },
    jobDurationMs: 1_000,
    deploymentDurationMs: DEPLOY_MS,
  });
  control = new BedrockClient({
    endpoint: bedrock.url,
    region: "us-east-1",
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
  });
  for (const name of ["m1", "m2"]) {
    await control.send(
      new CreateModelCustomizationJobCommand({
        jobName: name,
        customModelName: name,
        roleArn: "arn:aws:iam::123456789012:role/r",
        baseModelIdentifier: "amazon.nova-lite-v1:0:300k",
        trainingDataConfig: { s3Uri: "s3://data/t.jsonl" },
        outputDataConfig: { s3Uri: "s3://data/out/" },
      }),
    );
  }
  await bedrock.advance(1_000);
  models.push(...bedrock.jobs().map((j) => j.outputModelArn!));
});

afterAll(async () => {
  control?.destroy();
  await bedrock?.close();
  await s3server?.close();
});

/** The stand-in's clock as the adapter's clock: sleeping advances it. */
const virtual = () => {
  const sleeps: number[] = [];
  return {
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      await bedrock.advance(ms);
    },
    now: () => Date.now() + sleeps.reduce((a, b) => a + b, 0),
  };
};

it("waits for Active with doubling pauses, then for an update to complete", async () => {
  const arn = await createDeployment(control, {
    name: "prod",
    modelArn: models[0]!,
    tags: [{ key: "tunegate:model", value: "router" }],
    clientRequestToken: "tunegate-production-abc",
  });
  const clock = virtual();
  const active = await waitForDeployment(control, arn, {
    intervalMs: 60_000,
    maxIntervalMs: 240_000,
    ...clock,
  });
  expect(active).toMatchObject({ arn, name: "prod", status: "Active", modelArn: models[0] });
  // 1 + 2 + 4 minutes reach the 7 minutes the stand-in takes.
  expect(clock.sleeps).toEqual([60_000, 120_000, 240_000]);

  await updateDeployment(control, "prod", models[1]!);
  expect((await findDeployment(control, arn))?.update).toEqual({ modelArn: models[1], status: "Updating" });
  const swapped = await waitForDeployment(control, arn, {
    modelArn: models[1]!,
    intervalMs: DEPLOY_MS,
    ...virtual(),
  });
  expect(swapped.modelArn).toBe(models[1]);
});

it("returns the same deployment for the same token, and deletes once", async () => {
  const input = {
    name: "cand",
    modelArn: models[1]!,
    tags: [],
    clientRequestToken: "tunegate-candidate-abc",
  };
  const first = await createDeployment(control, input);
  expect(await createDeployment(control, input)).toBe(first);
  expect(bedrock.deployments().filter((d) => d.deploymentName === "cand")).toHaveLength(1);
  expect(await deleteDeployment(control, first)).toBe(true);
  expect(await deleteDeployment(control, first)).toBe(false);
  expect(await findDeployment(control, first)).toBeUndefined();
});

it("gives up after its timeout with what it saw", async () => {
  const arn = await createDeployment(control, {
    name: "slow",
    modelArn: models[0]!,
    tags: [],
    clientRequestToken: "tunegate-candidate-slow",
  });
  const clock = virtual();
  await expect(
    waitForDeployment(control, arn, { timeoutMs: 60_000, intervalMs: 30_000, ...clock }),
  ).rejects.toThrow("slow is still Creating; gave up waiting");
});
