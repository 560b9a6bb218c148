// Reinforcement fine-tuning and distillation jobs started against the Bedrock stand-in (which checks
// every request against the 2026-04 Smithy model): the exact request it received, the job it ran, and
// the reward series an RFT job leaves in its output folder, found by listing it.
import { copyFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BedrockClient } from "@aws-sdk/client-bedrock";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { type BedrockStandIn, startBedrockStandIn } from "@tunegate/bedrock-local";
import { type PlanJobInput, type PlannableModel, resolveCatalog } from "@tunegate/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBedrockClient } from "../src/bedrock-client";
import { getJob } from "../src/bedrock-jobs";
import { readJobSeries } from "../src/job-series";
import { hashDatasets, launchTrainingJob } from "../src/training-launch";
import { type LocalS3, startLocalS3 } from "./support/local-s3";

const REAL = join(import.meta.dirname, "../../../../shared/fixtures/real");
const catalog = resolveCatalog();
const NOVA_2_LITE = catalog.get("amazon.nova-2-lite-v1:0:256k");
const NOVA_LITE = catalog.get("amazon.nova-lite-v1:0:300k");
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const GRADER = "arn:aws:lambda:us-east-1:123456789012:function:gsm8k-grader";
const ROLE = "arn:aws:iam::123456789012:role/TunegateBedrock";

let local: LocalS3;
let standIn: BedrockStandIn;
let bedrock: BedrockClient;
let rftFiles: { train: string; validation: string };
let prompts: string;
/** The RFT job the first test runs, whose output folder the second one adds files to. */
let rftJobArn: string;

beforeAll(async () => {
  local = await startLocalS3("tunegate-data");
  standIn = await startBedrockStandIn({
    region: "us-east-1",
    s3: {
      endpoint: local.s3rverUrl,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    },
    jobDurationMs: 60 * 60_000,
  });
  bedrock = createBedrockClient({
    endpoint: standIn.url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
    env: {},
  });
  // AWS's RFT sample data, as published.
  rftFiles = {
    train: join(local.scratch, "rft-train.jsonl"),
    validation: join(local.scratch, "rft-validation.jsonl"),
  };
  await copyFile(join(REAL, "bedrock-samples-rft-train.jsonl"), rftFiles.train);
  await copyFile(join(REAL, "bedrock-samples-rft-validation.jsonl"), rftFiles.validation);
  prompts = join(local.scratch, "prompts.jsonl");
  await writeFile(
    prompts,
    `${Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({
        schemaVersion: "bedrock-conversation-2024",
        messages: [{ role: "user", content: [{ text: `Summarise filing ${i}.` }] }],
      }),
    ).join("\n")}\n`,
  );
});

afterAll(async () => {
  bedrock?.destroy();
  await standIn?.close();
  await local?.close();
});

const creates = () => standIn.requests().filter((r) => r.operation === "CreateModelCustomizationJob");

async function planInput(
  model: PlannableModel,
  files: { train: string; validation?: string },
): Promise<PlanJobInput> {
  return {
    model,
    datasets: await hashDatasets(files),
    commit: COMMIT,
    repository: "acme/data",
    pullRequest: 7,
  };
}

describe("launchTrainingJob: reinforcement fine-tuning", () => {
  it("sends REINFORCEMENT_FINE_TUNING with rftConfig's typed numbers, and the job writes reward series", async () => {
    const model: PlannableModel = {
      name: "math-tutor",
      baseModel: NOVA_2_LITE,
      region: "us-east-1",
      hyperparameters: {},
      s3: { bucket: local.bucket, prefix: "tunegate/" },
      roleArn: ROLE,
      customization: {
        kind: "reinforcement",
        graderArn: GRADER,
        hyperparameters: {
          epochCount: 2,
          batchSize: 64,
          learningRate: 0.00001,
          evalInterval: 2,
          reasoningEffort: "low",
        },
      },
    };
    const before = creates().length;
    const result = await launchTrainingJob({
      s3: local.client,
      bedrock,
      plan: await planInput(model, rftFiles),
      files: rftFiles,
    });
    const sent = creates().slice(before);
    expect(sent).toHaveLength(1);
    const digests = await hashDatasets(rftFiles);
    const name = result.plan.request.jobName;
    expect(sent[0]!.input).toEqual({
      jobName: name,
      customModelName: name,
      roleArn: ROLE,
      clientRequestToken: expect.stringMatching(/^tunegate-[0-9a-f]{40}-[0-9a-f]{16}$/),
      baseModelIdentifier: "amazon.nova-2-lite-v1:0:256k",
      customizationType: "REINFORCEMENT_FINE_TUNING",
      customizationConfig: {
        rftConfig: {
          graderConfig: { lambdaGrader: { lambdaArn: GRADER } },
          hyperParameters: {
            epochCount: 2,
            batchSize: 64,
            learningRate: 0.00001,
            evalInterval: 2,
            reasoningEffort: "low",
          },
        },
      },
      jobTags: result.plan.request.jobTags,
      customModelTags: result.plan.request.jobTags,
      trainingDataConfig: {
        s3Uri: `s3://${local.bucket}/tunegate/math-tutor/${digests.train.sha256}/train.jsonl`,
      },
      validationDataConfig: {
        validators: [
          {
            s3Uri: `s3://${local.bucket}/tunegate/math-tutor/${digests.validation!.sha256}/validation.jsonl`,
          },
        ],
      },
      outputDataConfig: { s3Uri: `s3://${local.bucket}/tunegate/math-tutor/output/` },
    });
    expect(sent[0]!.status).toBe(201);

    await standIn.advance(60 * 60_000);
    const job = await getJob(bedrock, result.job.jobArn);
    rftJobArn = job.jobArn;
    expect(job).toMatchObject({ status: "Completed", customizationType: "REINFORCEMENT_FINE_TUNING" });
    const series = await readJobSeries(local.client, { outputS3Uri: job.outputS3Uri!, jobArn: job.jobArn });
    expect(series.unread).toEqual([]);
    expect(series.files.map((f) => [f.name, f.series.map((s) => `${s.name}:${s.points.length}`)])).toEqual([
      ["training_artifacts/step_wise_reward_metrics.csv", ["aggregate_reward_score:10", "accuracy:10"]],
      ["validation_artifacts/reward_metrics.csv", ["aggregate_reward_score:5", "accuracy:5"]],
    ]);
  });

  it("lists files it cannot read as series, and reads a CSV of another layout by its step column", async () => {
    const job = await getJob(bedrock, rftJobArn);
    const folder = `tunegate/math-tutor/output/model-customization-job-${job.jobArn.slice(job.jobArn.lastIndexOf("/") + 1)}/`;
    const put = (key: string, body: string) =>
      local.client.send(new PutObjectCommand({ Bucket: local.bucket, Key: `${folder}${key}`, Body: body }));
    await put(
      "rft_artifacts/grader_metrics.csv",
      'step,format_score,"length"\n0,0.5,120\n1,0.75,n/a\nx,1,1\n',
    );
    await put("rft_artifacts/summary.json", '{"reward": 0.8}');
    await put("notes.csv", "when,what\nmonday,started\n");
    const series = await readJobSeries(local.client, { outputS3Uri: job.outputS3Uri!, jobArn: job.jobArn });
    expect(series.unread).toEqual(["notes.csv", "rft_artifacts/summary.json"]);
    const grader = series.files.find((f) => f.name === "rft_artifacts/grader_metrics.csv")!;
    expect(grader.series).toEqual([
      {
        name: "format_score",
        points: [
          { step: 0, value: 0.5 },
          { step: 1, value: 0.75 },
        ],
      },
      { name: "length", points: [{ step: 0, value: 120 }] },
    ]);
    expect(grader.skippedRows).toBe(1);
  });
});

describe("launchTrainingJob: distillation", () => {
  it("sends DISTILLATION with the teacher, no hyperParameters, and the job distils the prompts", async () => {
    const model: PlannableModel = {
      name: "filings",
      baseModel: NOVA_LITE,
      region: "us-east-1",
      hyperparameters: {},
      s3: { bucket: local.bucket, prefix: "" },
      roleArn: ROLE,
      customization: {
        kind: "distillation",
        teacher: "amazon.nova-pro-v1:0",
        maxResponseLengthForInference: 1000,
      },
    };
    const files = { train: prompts };
    const before = creates().length;
    const result = await launchTrainingJob({
      s3: local.client,
      bedrock,
      plan: await planInput(model, files),
      files,
    });
    const sent = creates().slice(before);
    const digests = await hashDatasets(files);
    expect(sent[0]!.input).toEqual({
      jobName: result.plan.request.jobName,
      customModelName: result.plan.request.jobName,
      roleArn: ROLE,
      clientRequestToken: expect.any(String),
      baseModelIdentifier: "amazon.nova-lite-v1:0:300k",
      customizationType: "DISTILLATION",
      customizationConfig: {
        distillationConfig: {
          teacherModelConfig: {
            teacherModelIdentifier: "amazon.nova-pro-v1:0",
            maxResponseLengthForInference: 1000,
          },
        },
      },
      jobTags: result.plan.request.jobTags,
      customModelTags: result.plan.request.jobTags,
      trainingDataConfig: { s3Uri: `s3://${local.bucket}/filings/${digests.train.sha256}/train.jsonl` },
      outputDataConfig: { s3Uri: `s3://${local.bucket}/filings/output/` },
    });
    await standIn.advance(60 * 60_000);
    expect(await getJob(bedrock, result.job.jobArn)).toMatchObject({
      status: "Completed",
      customizationType: "DISTILLATION",
    });
  });
});
