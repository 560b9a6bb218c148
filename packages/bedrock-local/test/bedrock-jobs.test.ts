// Customization jobs end to end: real @aws-sdk/client-bedrock against the stand-in, data in s3rver.
import {
  type BedrockClient,
  CreateModelCustomizationJobCommand,
  GetCustomModelCommand,
  GetModelCustomizationJobCommand,
  ListCustomModelsCommand,
  ListModelCustomizationJobsCommand,
  ListTagsForResourceCommand,
  StopModelCustomizationJobCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-bedrock";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type BedrockStandIn, startBedrockStandIn } from "../src/index.js";
import {
  bedrockClient,
  caught,
  HAIKU,
  haikuFile,
  haikuRecord,
  jobInput,
  type LocalS3,
  S3_CREDENTIALS,
  startLocalS3,
} from "./support.js";

const JOB_DURATION_MS = 60 * 60 * 1000; // an hour of virtual time; tests advance instead of waiting

let s3: LocalS3;
let bedrock: BedrockStandIn;
let client: BedrockClient;

beforeAll(async () => {
  s3 = await startLocalS3(["data"]);
  await s3.put("data", "train.jsonl", haikuFile(40));
  await s3.put("data", "validation.jsonl", haikuFile(32));
  bedrock = await startBedrockStandIn({
    s3: { endpoint: s3.endpoint, credentials: S3_CREDENTIALS },
    jobDurationMs: JOB_DURATION_MS,
    stopDurationMs: 1_000,
  });
  client = bedrockClient(bedrock.url);
});

afterAll(async () => {
  client.destroy();
  await bedrock.close();
  await s3.close();
});

async function readS3(key: string): Promise<string> {
  const answer = await s3.client.send(new GetObjectCommand({ Bucket: "data", Key: key }));
  return (await answer.Body?.transformToString()) ?? "";
}

function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split("\n")
    .map((line) => line.split(","));
}

describe("a valid job", () => {
  test("goes InProgress -> Completed, writes the metrics CSVs and registers the custom model", async () => {
    const { jobArn } = await client.send(
      new CreateModelCustomizationJobCommand(
        jobInput("support-router-1", {
          validationDataConfig: { validators: [{ s3Uri: "s3://data/validation.jsonl" }] },
          jobTags: [{ key: "pr", value: "42" }],
          customModelTags: [{ key: "dataset", value: "support-router" }],
        }),
      ),
    );
    expect(jobArn).toMatch(
      /^arn:aws:bedrock:us-west-2:123456789012:model-customization-job\/anthropic\.claude-3-haiku-20240307-v1:0:200k\/[a-z0-9]{12}$/,
    );
    await bedrock.idle(); // data read and checked; training takes an hour of virtual time
    const running = await client.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    expect(running.status).toBe("InProgress");
    expect(running.creationTime).toBeInstanceOf(Date);
    expect(running.endTime).toBeUndefined();
    expect(running.baseModelArn).toBe(`arn:aws:bedrock:us-west-2::foundation-model/${HAIKU}`);
    expect(running.hyperParameters).toEqual({ epochCount: "2", batchSize: "8" });

    await bedrock.advance(JOB_DURATION_MS);
    const done = await client.send(
      new GetModelCustomizationJobCommand({ jobIdentifier: "support-router-1" }),
    );
    expect(done.status).toBe("Completed");
    expect(done.endTime?.getTime()).toBeGreaterThanOrEqual(
      (running.creationTime?.getTime() ?? 0) + JOB_DURATION_MS,
    );

    const jobId = jobArn?.split("/").at(-1);
    const listed = await s3.client.send(new ListObjectsV2Command({ Bucket: "data", Prefix: "output/" }));
    expect(listed.Contents?.map((object) => object.Key).sort()).toEqual([
      "output/.write_access_check_file.tmp",
      `output/model-customization-job-${jobId}/training_artifacts/step_wise_training_metrics.csv`,
      `output/model-customization-job-${jobId}/validation_artifacts/post_fine_tuning_validation/validation/validation_metrics.csv`,
    ]);

    // 40 records, batch 8 -> 5 steps per epoch, 2 epochs -> steps 0..9.
    const training = parseCsv(
      await readS3(
        `output/model-customization-job-${jobId}/training_artifacts/step_wise_training_metrics.csv`,
      ),
    );
    expect(training[0]).toEqual(["step_number", "epoch_number", "training_loss", "perplexity"]);
    const rows = training.slice(1).map((row) => row.map(Number));
    expect(rows.map((row) => row[0])).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(rows.map((row) => row[1])).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    const losses = rows.map((row) => row[2] ?? Number.NaN);
    expect(losses[0]).toBeGreaterThan(losses.at(-1) ?? Number.POSITIVE_INFINITY);
    for (const row of rows) expect(row[3]).toBeCloseTo(Math.exp(row[2] ?? 0), 4);
    expect(done.trainingMetrics?.trainingLoss).toBeCloseTo(losses.at(-1) ?? 0, 5);

    const validation = parseCsv(
      await readS3(
        `output/model-customization-job-${jobId}/validation_artifacts/post_fine_tuning_validation/validation/validation_metrics.csv`,
      ),
    );
    expect(validation[0]).toEqual(["step_number", "epoch_number", "validation_loss", "perplexity"]);
    expect(validation.slice(1).map((row) => row[1])).toEqual(["1", "2"]);
    expect(done.validationMetrics?.[0]?.validationLoss).toBeCloseTo(Number(validation.at(-1)?.[2]), 5);

    expect(done.outputModelArn).toMatch(
      /custom-model\/anthropic\.claude-3-haiku-20240307-v1:0:200k\/[a-z0-9]{12}$/,
    );
    const byName = await client.send(
      new GetCustomModelCommand({ modelIdentifier: "support-router-1-model" }),
    );
    const byArn = await client.send(new GetCustomModelCommand({ modelIdentifier: done.outputModelArn }));
    expect(byName.modelArn).toBe(done.outputModelArn);
    expect(byArn.jobArn).toBe(jobArn);
    expect(byArn.trainingMetrics?.trainingLoss).toBe(done.trainingMetrics?.trainingLoss);

    const jobTags = await client.send(new ListTagsForResourceCommand({ resourceARN: jobArn }));
    expect(jobTags.tags).toEqual([{ key: "pr", value: "42" }]);
    const modelTags = await client.send(new ListTagsForResourceCommand({ resourceARN: done.outputModelArn }));
    expect(modelTags.tags).toEqual([{ key: "dataset", value: "support-router" }]);
    await client.send(
      new TagResourceCommand({ resourceARN: jobArn, tags: [{ key: "status", value: "merged" }] }),
    );
    const retagged = await client.send(new ListTagsForResourceCommand({ resourceARN: jobArn }));
    expect(retagged.tags).toEqual([
      { key: "pr", value: "42" },
      { key: "status", value: "merged" },
    ]);

    const models = await client.send(new ListCustomModelsCommand({ nameContains: "support-router-1" }));
    expect(models.modelSummaries?.map((model) => model.modelName)).toEqual(["support-router-1-model"]);
  });

  test("the same clientRequestToken twice makes one job; a different request with it conflicts", async () => {
    const input = jobInput("idempotent-1", { clientRequestToken: "token-123" });
    const before = bedrock.jobs().length;
    const first = await client.send(new CreateModelCustomizationJobCommand(input));
    const second = await client.send(new CreateModelCustomizationJobCommand(input));
    expect(second.jobArn).toBe(first.jobArn);
    expect(second.$metadata.httpStatusCode).toBe(201);
    expect(bedrock.jobs().length).toBe(before + 1);

    const error = await caught(() =>
      client.send(new CreateModelCustomizationJobCommand({ ...input, hyperParameters: { epochCount: "3" } })),
    );
    expect(error.name).toBe("ConflictException");
  });

  test("a job name in use is rejected", async () => {
    await client.send(new CreateModelCustomizationJobCommand(jobInput("taken-name")));
    const error = await caught(() =>
      client.send(
        new CreateModelCustomizationJobCommand(jobInput("taken-name", { customModelName: "other" })),
      ),
    );
    expect(error.name).toBe("ConflictException");
    expect(error.message).toBe("The provided job name is currently in use.");
  });

  test("Stop moves the job through Stopping to Stopped, and it never completes", async () => {
    const { jobArn } = await client.send(new CreateModelCustomizationJobCommand(jobInput("stop-me")));
    await client.send(new StopModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    const stopping = await client.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    expect(stopping.status).toBe("Stopping");
    await bedrock.advance(1_000);
    const stopped = await client.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    expect(stopped.status).toBe("Stopped");
    expect(stopped.endTime).toBeInstanceOf(Date);
    await bedrock.advance(JOB_DURATION_MS);
    expect((await client.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }))).status).toBe(
      "Stopped",
    );
    const again = await caught(() =>
      client.send(new StopModelCustomizationJobCommand({ jobIdentifier: jobArn })),
    );
    expect(again.name).toBe("ValidationException");
  });

  test("failJob() fails a running job with the given message", async () => {
    const { jobArn } = await client.send(new CreateModelCustomizationJobCommand(jobInput("fail-me")));
    bedrock.failJob("fail-me", "Internal error occurred. Please retry the job.");
    const job = await client.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }));
    expect(job.status).toBe("Failed");
    expect(job.failureMessage).toBe("Internal error occurred. Please retry the job.");
    await bedrock.advance(JOB_DURATION_MS);
    expect((await client.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }))).status).toBe(
      "Failed",
    );
  });

  test("tags: untagging, the 50-tag limit, unknown resources", async () => {
    const { jobArn } = await client.send(
      new CreateModelCustomizationJobCommand(jobInput("tagged", { jobTags: [{ key: "a", value: "1" }] })),
    );
    await client.send(new UntagResourceCommand({ resourceARN: jobArn, tagKeys: ["a"] }));
    expect((await client.send(new ListTagsForResourceCommand({ resourceARN: jobArn }))).tags).toEqual([]);
    const tags = Array.from({ length: 51 }, (_, position) => ({ key: `k${position}`, value: "v" }));
    const tooMany = await caught(() => client.send(new TagResourceCommand({ resourceARN: jobArn, tags })));
    expect(tooMany.name).toBe("TooManyTagsException");
    expect((tooMany as Error & { resourceName?: string }).resourceName).toBe(jobArn);
    const unknown = await caught(() =>
      client.send(new ListTagsForResourceCommand({ resourceARN: `${jobArn?.slice(0, -12)}000000000000` })),
    );
    expect(unknown.name).toBe("ResourceNotFoundException");
  });

  test("an unknown job answers ResourceNotFoundException with status 404", async () => {
    const error = await caught(() =>
      client.send(new GetModelCustomizationJobCommand({ jobIdentifier: "no-such-job" })),
    );
    expect(error.name).toBe("ResourceNotFoundException");
    expect(error.$metadata?.httpStatusCode).toBe(404);
  });
});

describe("base models and Regions", () => {
  test("a base model that cannot be customized in the Region is not found", async () => {
    for (const baseModelIdentifier of [
      "amazon.nova-micro-v1:0:128k", // us-east-1 only in the default catalog
      "anthropic.claude-3-opus-20240229-v1:0", // not customizable at all
      `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`, // right model, wrong Region
    ]) {
      const error = await caught(() =>
        client.send(
          new CreateModelCustomizationJobCommand(jobInput("region-check", { baseModelIdentifier })),
        ),
      );
      expect(error.name).toBe("ResourceNotFoundException");
      expect(error.message).toContain(baseModelIdentifier);
    }
  });

  test("a stand-in in us-east-1 does not customize Claude 3 Haiku", async () => {
    const east = await startBedrockStandIn({
      region: "us-east-1",
      s3: { endpoint: s3.endpoint, credentials: S3_CREDENTIALS },
    });
    const eastClient = bedrockClient(east.url, "us-east-1");
    try {
      const error = await caught(() =>
        eastClient.send(new CreateModelCustomizationJobCommand(jobInput("east-haiku"))),
      );
      expect(error.name).toBe("ResourceNotFoundException");
      const nova = await eastClient.send(
        new CreateModelCustomizationJobCommand(
          jobInput("east-nova", {
            baseModelIdentifier: "amazon.nova-micro-v1:0:128k",
            hyperParameters: { epochCount: "1" },
          }),
        ),
      );
      expect(nova.jobArn).toContain(":us-east-1:");
    } finally {
      eastClient.destroy();
      await east.close();
    }
  });

  test("hyperparameters are checked against the base model", async () => {
    const unknown = await caught(() =>
      client.send(
        new CreateModelCustomizationJobCommand(
          jobInput("hp-1", { hyperParameters: { learningRate: "0.0001" } }),
        ),
      ),
    );
    expect(unknown.name).toBe("ValidationException");
    expect(unknown.message).toContain("learningRate");
    const outOfRange = await caught(() =>
      client.send(
        new CreateModelCustomizationJobCommand(jobInput("hp-2", { hyperParameters: { batchSize: "2" } })),
      ),
    );
    expect(outOfRange.name).toBe("ValidationException");
    expect(outOfRange.message).toContain("between 4 and 256");
  });
});

describe("data the service would refuse fails the job", () => {
  async function runToFailure(name: string, key: string, overrides = {}) {
    const { jobArn } = await client.send(
      new CreateModelCustomizationJobCommand(
        jobInput(name, { trainingDataConfig: { s3Uri: `s3://data/${key}` }, ...overrides }),
      ),
    );
    await bedrock.idle();
    return client.send(new GetModelCustomizationJobCommand({ jobIdentifier: jobArn }));
  }

  test("an empty line", async () => {
    const lines = haikuFile(40).split("\n");
    lines.splice(5, 0, "");
    await s3.put("data", "empty-line.jsonl", lines.join("\n"));
    const job = await runToFailure("bad-empty-line", "empty-line.jsonl");
    expect(job.status).toBe("Failed");
    expect(job.failureMessage).toBe(
      "Unable to parse Amazon S3 file: empty-line.jsonl. Data files must conform to JSONL format.",
    );
    expect(bedrock.jobs().find((snapshot) => snapshot.jobName === "bad-empty-line")?.failureDetail).toBe(
      "line 6 is empty",
    );
    expect(job.endTime).toBeInstanceOf(Date);
  });

  test("too few records", async () => {
    await s3.put("data", "too-few.jsonl", haikuFile(10));
    const job = await runToFailure("bad-too-few", "too-few.jsonl");
    expect(job.status).toBe("Failed");
    expect(job.failureMessage).toContain("has 10 records");
    expect(job.failureMessage).toContain("at least 32");
  });

  test("keys that do not match the record format", async () => {
    const record = JSON.stringify({ prompt: "Ticket: refund", completion: "billing" });
    await s3.put("data", "wrong-format.jsonl", `${haikuFile(40)}${record}\n`);
    const job = await runToFailure("bad-format", "wrong-format.jsonl");
    expect(job.failureMessage).toBe(
      "Unable to parse Amazon S3 file: wrong-format.jsonl. Data files must conform to JSONL format.",
    );
    expect(bedrock.jobs().find((snapshot) => snapshot.jobName === "bad-format")?.failureDetail).toContain(
      "line 41",
    );
  });

  test("a line that is not JSON", async () => {
    await s3.put("data", "not-json.jsonl", `${haikuRecord(0)}\n{"messages": [\n`);
    const job = await runToFailure("bad-json", "not-json.jsonl");
    expect(job.failureMessage).toContain("Data files must conform to JSONL format.");
  });

  test("a missing training object", async () => {
    const job = await runToFailure("bad-missing", "nowhere/missing.jsonl");
    expect(job.failureMessage).toBe(
      "Could not validate GetObject permissions to access Amazon S3 bucket: data at key nowhere/missing.jsonl",
    );
  });

  test("an output bucket that does not exist", async () => {
    const job = await runToFailure("bad-output", "train.jsonl", {
      outputDataConfig: { s3Uri: "s3://no-such-bucket/out" },
    });
    expect(job.failureMessage).toBe(
      "Amazon S3 perms missing (PutObject): Could not validate PutObject permissions to access S3 bucket: no-such-bucket at key out/.write_access_check_file.tmp",
    );
  });
});

describe("ListModelCustomizationJobs", () => {
  test("filters, sorts and pages with nextToken", async () => {
    for (const name of ["list-a", "list-b", "list-c"]) {
      await client.send(new CreateModelCustomizationJobCommand(jobInput(name)));
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListModelCustomizationJobsCommand({
          nameContains: "list-",
          sortOrder: "Ascending",
          maxResults: 2,
          nextToken,
        }),
      );
      expect(page.modelCustomizationJobSummaries?.length).toBeLessThanOrEqual(2);
      seen.push(...(page.modelCustomizationJobSummaries ?? []).map((job) => job.jobName ?? ""));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual(["list-a", "list-b", "list-c"]);

    const descending = await client.send(new ListModelCustomizationJobsCommand({ nameContains: "list-" }));
    expect(descending.modelCustomizationJobSummaries?.map((job) => job.jobName)).toEqual([
      "list-c",
      "list-b",
      "list-a",
    ]);

    const failed = await client.send(new ListModelCustomizationJobsCommand({ statusEquals: "Failed" }));
    expect(failed.modelCustomizationJobSummaries?.every((job) => job.status === "Failed")).toBe(true);
    expect(failed.modelCustomizationJobSummaries?.length).toBeGreaterThan(0);

    const future = await client.send(
      new ListModelCustomizationJobsCommand({
        // A date no job of the stand-in can have, whatever its virtual clock says: no reading of a clock.
        creationTimeAfter: new Date("2100-01-01T00:00:00Z"),
      }),
    );
    expect(future.modelCustomizationJobSummaries).toEqual([]);
  });
});
