// The metrics files of a job the Bedrock stand-in ran, found by listing its output folder in s3rver.
import { BedrockClient, CreateModelCustomizationJobCommand } from "@aws-sdk/client-bedrock";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { type BedrockStandIn, startBedrockStandIn } from "@tunegate/bedrock-local";
import { type LocalS3, startS3 } from "@tunegate/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JobOutputError, jobIdFromArn, jobOutputLocation, readJobMetrics } from "../src/job-output";
import { createS3Client } from "../src/s3-client";

const CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
let s3server: LocalS3;
let s3: S3Client;
let bedrock: BedrockStandIn;
let control: BedrockClient;

const record = (i: number) =>
  JSON.stringify({
    messages: [
      { role: "user", content: `ticket ${i}` },
      { role: "assistant", content: `ROUTE: q${i % 3}` },
    ],
  });
const file = (n: number) => `${Array.from({ length: n }, (_, i) => record(i)).join("\n")}\n`;

beforeAll(async () => {
  s3server = await startS3({ buckets: ["data", "locked"] });
  s3 = createS3Client({
    endpoint: s3server.endpoint,
    region: "us-west-2",
    credentials: CREDENTIALS,
    env: {},
  });
  await s3.send(new PutObjectCommand({ Bucket: "data", Key: "train.jsonl", Body: file(64) }));
  await s3.send(new PutObjectCommand({ Bucket: "data", Key: "validation.jsonl", Body: file(32) }));
  bedrock = await startBedrockStandIn({
    s3: { endpoint: s3server.endpoint, credentials: CREDENTIALS },
    jobDurationMs: 60 * 60_000, // virtual: ends when the test advances the clock
  });
  control = new BedrockClient({
    endpoint: bedrock.url,
    region: "us-west-2",
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
  });
});

afterAll(async () => {
  control.destroy();
  s3.destroy();
  await bedrock.close();
  await s3server.close();
});

describe("jobIdFromArn and jobOutputLocation", () => {
  it("takes the last segment of the ARN and adds the job folder to the output URI", () => {
    const arn =
      "arn:aws:bedrock:us-west-2:123456789012:model-customization-job/anthropic.claude-3-haiku-20240307-v1:0:200k/abc123";
    expect(jobIdFromArn(arn)).toBe("abc123");
    expect(jobOutputLocation("s3://out/runs", arn)).toEqual({
      bucket: "out",
      prefix: "runs/model-customization-job-abc123/",
    });
    expect(jobOutputLocation("s3://out", arn).prefix).toBe("model-customization-job-abc123/");
    expect(() => jobIdFromArn("my-job-name")).toThrow(/not a model customization job ARN/);
  });
});

describe("readJobMetrics", () => {
  it("finds and reads the files the stand-in wrote, with the figures it wrote", async () => {
    const { jobArn } = await control.send(
      new CreateModelCustomizationJobCommand({
        jobName: "metrics-job",
        customModelName: "metrics-model",
        roleArn: "arn:aws:iam::123456789012:role/bedrock",
        baseModelIdentifier: "anthropic.claude-3-haiku-20240307-v1:0:200k",
        trainingDataConfig: { s3Uri: "s3://data/train.jsonl" },
        validationDataConfig: { validators: [{ s3Uri: "s3://data/validation.jsonl" }] },
        outputDataConfig: { s3Uri: "s3://data/output/" },
        hyperParameters: { epochCount: "3", batchSize: "8" },
      }),
    );
    await bedrock.advance(60 * 60_000);
    expect(bedrock.jobs()[0]!.status).toBe("Completed");
    const metrics = await readJobMetrics(s3, { outputS3Uri: "s3://data/output/", jobArn: jobArn! });
    const id = jobIdFromArn(jobArn!);
    expect(metrics.training!.uri).toBe(
      `s3://data/output/model-customization-job-${id}/training_artifacts/step_wise_training_metrics.csv`,
    );
    expect(metrics.validation!.uri).toContain("/validation_artifacts/post_fine_tuning_validation/");
    // 64 records / batch 8 = 8 steps per epoch, 3 epochs; validation once per epoch.
    expect(metrics.training!.points).toHaveLength(24);
    expect(metrics.training!.points.map((p) => p.step)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(metrics.validation!.points.map((p) => p.epoch)).toEqual([1, 2, 3]);
    // The last rows are what GetModelCustomizationJob reports as the job's metrics.
    const { GetModelCustomizationJobCommand } = await import("@aws-sdk/client-bedrock");
    const job = await control.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn! }));
    expect(metrics.training!.points.at(-1)!.loss).toBe(job.trainingMetrics!.trainingLoss);
    expect(metrics.validation!.points.at(-1)!.loss).toBe(job.validationMetrics![0]!.validationLoss);
  });

  it("finds the validation file in the other documented folder", async () => {
    const arn = "arn:aws:bedrock:us-west-2:123456789012:model-customization-job/m/layout2";
    const prefix = "out2/model-customization-job-layout2/";
    const put = (key: string, body: string) =>
      s3.send(new PutObjectCommand({ Bucket: "data", Key: `${prefix}${key}`, Body: body }));
    await put(
      "training_artifacts/step_wise_training_metrics.csv",
      "step_number,epoch_number,training_loss,perplexity\n0,1,1.5,4.48\n",
    );
    await put(
      "validation_artifacts/validation_metrics.csv",
      "step_number,epoch_number,validation_loss,perplexity\n0,1,1.25,3.49\n",
    );
    await put("checkpoints/part-0", "x");
    const metrics = await readJobMetrics(s3, { outputS3Uri: "s3://data/out2", jobArn: arn });
    expect(metrics.keys.length).toBe(3);
    expect(metrics.validation!.uri).toBe(`s3://data/${prefix}validation_artifacts/validation_metrics.csv`);
    expect(metrics.validation!.points).toEqual([{ step: 0, epoch: 1, loss: 1.25, perplexity: 3.49 }]);
    expect(metrics.training!.points[0]!.loss).toBe(1.5);
  });

  it("returns no files for an empty folder, and explains a missing bucket", async () => {
    const arn = "arn:aws:bedrock:us-west-2:1:model-customization-job/m/none";
    const empty = await readJobMetrics(s3, { outputS3Uri: "s3://data/nothing/", jobArn: arn });
    expect(empty).toEqual({ keys: [], otherValidationUris: [] });
    await expect(readJobMetrics(s3, { outputS3Uri: "s3://no-such-bucket/x/", jobArn: arn })).rejects.toThrow(
      JobOutputError,
    );
  });
});
