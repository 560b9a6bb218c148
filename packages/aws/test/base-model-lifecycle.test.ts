// The lifecycle guard against the Bedrock stand-in: a base model Bedrock reports as legacy or
// end-of-life is refused before any S3 request (the fault proxy in front of s3rver logs every one),
// unless the model sets allowLegacyBase.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BedrockClient } from "@aws-sdk/client-bedrock";
import { type BedrockStandIn, startBedrockStandIn } from "@tunegate/bedrock-local";
import { type PlanJobInput, resolveCatalog } from "@tunegate/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RetiredBaseModelError } from "../src/base-model-lifecycle";
import { createBedrockClient } from "../src/bedrock-client";
import { BedrockJobError } from "../src/bedrock-errors";
import { hashDatasets, launchTrainingJob } from "../src/training-launch";
import { type LocalS3, startLocalS3 } from "./support/local-s3";

const HAIKU = resolveCatalog().get("anthropic.claude-3-haiku-20240307-v1:0:200k");
const COMMIT = "89abcdef0123456789abcdef0123456789abcdef";
const BEFORE_EOL = new Date("2026-05-01T00:00:00Z");
const AFTER_EOL = new Date("2026-10-01T00:00:00Z");

let local: LocalS3;
let standIn: BedrockStandIn;
let bedrock: BedrockClient;
let files: { train: string };

beforeAll(async () => {
  local = await startLocalS3("tunegate-data");
  standIn = await startBedrockStandIn({
    s3: {
      endpoint: local.s3rverUrl,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    },
    jobDurationMs: 60_000,
  });
  bedrock = createBedrockClient({
    endpoint: standIn.url,
    region: "us-west-2",
    maxAttempts: 1,
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
    env: {},
  });
  files = { train: join(local.scratch, "train.jsonl") };
  const record = (i: number) =>
    JSON.stringify({
      messages: [
        { role: "user", content: `ticket ${i}` },
        { role: "assistant", content: `ROUTE: q${i % 3}` },
      ],
    });
  await writeFile(files.train, `${Array.from({ length: 40 }, (_, i) => record(i)).join("\n")}\n`);
}, 30_000);

afterAll(async () => {
  bedrock?.destroy();
  await standIn?.close();
  await local?.close();
});

beforeEach(() => {
  local.proxy.clearLog();
  standIn.clearFaults();
});

async function input(name: string, allowLegacyBase?: boolean): Promise<PlanJobInput> {
  return {
    model: {
      name,
      baseModel: HAIKU,
      region: "us-west-2",
      hyperparameters: {},
      s3: { bucket: local.bucket, prefix: "tunegate/" },
      roleArn: "arn:aws:iam::123456789012:role/TunegateBedrock",
      ...(allowLegacyBase === undefined ? {} : { allowLegacyBase }),
    },
    datasets: await hashDatasets(files),
    commit: COMMIT,
    repository: "acme/data",
  };
}

async function failure(launch: Promise<unknown>): Promise<Error> {
  try {
    await launch;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the launch to fail");
}

const sentSince = (count: number) =>
  standIn
    .requests()
    .slice(count)
    .map((r) => r.operation);

describe("the lifecycle guard", () => {
  it("refuses Claude 3 Haiku (legacy) before any S3 request, saying what to do", async () => {
    const before = standIn.requests().length;
    const error = await failure(
      launchTrainingJob({
        s3: local.client,
        bedrock,
        plan: await input("haiku-router"),
        files,
        now: BEFORE_EOL,
      }),
    );
    expect(error).toBeInstanceOf(RetiredBaseModelError);
    expect(error.message).toMatch(
      /^Claude 3 Haiku \(anthropic\.claude-3-haiku-20240307-v1:0:200k\) is legacy/,
    );
    expect(error.message).toContain("is legacy since 2026-03-10, end-of-life on 2026-09-10 in us-west-2");
    expect(error.message).toContain("source: Bedrock GetFoundationModel, modelLifecycle");
    expect(error.message).toContain("Nothing was uploaded and no job was started");
    expect(error.message).toContain("amazon.nova-2-lite-v1:0:256k");
    expect(error.message).toContain("allowLegacyBase: true");
    expect(local.proxy.requests).toEqual([]); // not even a HEAD: S3 was never asked
    expect(sentSince(before)).toEqual(["ListModelCustomizationJobs", "GetFoundationModel"]);
  });

  it("after the end-of-life date the error says end-of-life", async () => {
    const error = await failure(
      launchTrainingJob({
        s3: local.client,
        bedrock,
        plan: await input("haiku-late"),
        files,
        now: AFTER_EOL,
      }),
    );
    expect(error.message).toContain("is end-of-life since 2026-09-10 in us-west-2");
    expect(local.proxy.requests).toEqual([]);
  });

  it("allowLegacyBase: true lets it through, with a warning", async () => {
    const result = await launchTrainingJob({
      s3: local.client,
      bedrock,
      plan: await input("haiku-private", true),
      files,
      now: BEFORE_EOL,
    });
    expect(result.created).toBe(true);
    expect(result.uploads.map((u) => u.uploaded)).toEqual([true]);
    expect(local.proxy.requests.length).toBeGreaterThan(0); // the same log sees the upload
    expect(result.lifecycle).toMatchObject({ overridden: true });
    expect(result.lifecycle?.overridden && result.lifecycle.warning).toContain("allowLegacyBase: true");
  });

  it("a base Bedrock reports ACTIVE trains without a warning", async () => {
    standIn.setLifecycle(HAIKU.id, { status: "ACTIVE" });
    try {
      const result = await launchTrainingJob({
        s3: local.client,
        bedrock,
        plan: await input("haiku-active"),
        files,
      });
      expect(result.created).toBe(true);
      expect(result.lifecycle).toMatchObject({ trainable: true, overridden: false });
    } finally {
      standIn.setLifecycle(HAIKU.id, {
        status: "LEGACY",
        legacyTime: new Date("2026-03-10T00:00:00Z"),
        endOfLifeTime: new Date("2026-09-10T00:00:00Z"),
      });
    }
  });

  it("AccessDenied on GetFoundationModel names the permission and where it is granted", async () => {
    standIn.injectFault({ operation: "GetFoundationModel", errorType: "AccessDeniedException" });
    const error = await failure(
      launchTrainingJob({ s3: local.client, bedrock, plan: await input("haiku-denied", true), files }),
    );
    expect(error).toBeInstanceOf(BedrockJobError);
    expect((error as BedrockJobError).code).toBe("AccessDeniedException");
    expect(error.message).toContain("Bedrock GetFoundationModel in us-west-2 failed");
    expect((error as BedrockJobError).hint).toContain("bedrock:GetFoundationModel");
    expect((error as BedrockJobError).hint).toContain("docs/aws/tunegate.cfn.yml");
    expect(local.proxy.requests).toEqual([]);
  });
});
