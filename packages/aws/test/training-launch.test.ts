// Starting customization jobs against the Bedrock stand-in, with datasets in s3rver behind the fault
// proxy: the request sent, idempotency, retries after failed jobs, and what reaches S3.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BedrockClient } from "@aws-sdk/client-bedrock";
import { type BedrockStandIn, startBedrockStandIn } from "@tunegate/bedrock-local";
import { type PlanJobInput, resolveCatalog } from "@tunegate/core";
import { s3, startFaultProxy } from "@tunegate/testkit";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBedrockClient } from "../src/bedrock-client";
import type { BedrockJobError } from "../src/bedrock-errors";
import { listJobsByTag, waitForJob } from "../src/bedrock-jobs";
import { hashDatasets, launchTrainingJob, planTrainingJob } from "../src/training-launch";
import { type LocalS3, startLocalS3 } from "./support/local-s3";

// A base model that trains today; the lifecycle guard's own tests use Claude 3 Haiku.
const NOVA_LITE = resolveCatalog().get("amazon.nova-lite-v1:0:300k");
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const record = (i: number, tag = "") =>
  JSON.stringify({
    schemaVersion: "bedrock-conversation-2024",
    messages: [
      { role: "user", content: [{ text: `ticket ${i}${tag}` }] },
      { role: "assistant", content: [{ text: `ROUTE: q${i % 3}` }] },
    ],
  });
const lines = (n: number, tag = "") => `${Array.from({ length: n }, (_, i) => record(i, tag)).join("\n")}\n`;

let local: LocalS3;
let standIn: BedrockStandIn;
let bedrock: BedrockClient;
let files: { train: string; validation: string };

beforeAll(async () => {
  local = await startLocalS3("tunegate-data");
  standIn = await startBedrockStandIn({
    region: "us-east-1",
    s3: {
      endpoint: local.s3rverUrl,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    },
    // Virtual time: jobs end when a test advances the clock, never while it is still looking.
    jobDurationMs: 60 * 60_000,
  });
  bedrock = createBedrockClient({
    endpoint: standIn.url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
    env: {},
  });
  files = { train: join(local.scratch, "train.jsonl"), validation: join(local.scratch, "validation.jsonl") };
  await writeFile(files.train, lines(40));
  await writeFile(files.validation, lines(32, " (held out)"));
});

afterAll(async () => {
  bedrock?.destroy();
  await standIn?.close();
  await local?.close();
});

beforeEach(() => {
  local.proxy.reset();
  standIn.clearFaults();
});

async function input(model = "support-router", overrides: Partial<PlanJobInput> = {}): Promise<PlanJobInput> {
  return {
    model: {
      name: model,
      baseModel: NOVA_LITE,
      region: "us-east-1",
      hyperparameters: { epochCount: "2", learningRate: "0.00001" },
      s3: { bucket: local.bucket, prefix: "tunegate/" },
      roleArn: "arn:aws:iam::123456789012:role/TunegateBedrock",
    },
    datasets: await hashDatasets(files),
    commit: COMMIT,
    repository: "acme/data",
    pullRequest: 7,
    ...overrides,
  };
}

/** The error a launch failed with; a launch that succeeds fails the test. */
async function failure(launch: Promise<unknown>): Promise<BedrockJobError | Error> {
  try {
    await launch;
  } catch (error) {
    return error as BedrockJobError | Error;
  }
  throw new Error("expected the launch to fail");
}

const creates = () => standIn.requests().filter((r) => r.operation === "CreateModelCustomizationJob");
const puts = () => local.proxy.requests.filter((r) => s3.putObject()(r));

describe("launchTrainingJob", () => {
  it("uploads both files, then sends exactly the planned request", async () => {
    const plan = await input();
    const before = creates().length;
    const result = await launchTrainingJob({ s3: local.client, bedrock, plan, files });
    expect(result.created).toBe(true);
    expect(result.uploads.map((u) => [u.uploaded, u.bytesSent])).toEqual([
      [true, (await hashDatasets(files)).train.bytes],
      [true, (await hashDatasets(files)).validation!.bytes],
    ]);
    const sent = creates().slice(before);
    expect(sent).toHaveLength(1);
    // The planned request, with this launch's idempotency token (the training's token plus a run suffix).
    const planned = planTrainingJob(plan).request;
    expect(sent[0]!.input).toEqual({ ...planned, clientRequestToken: expect.any(String) });
    expect(sent[0]!.input!.clientRequestToken).toMatch(
      new RegExp(`^${planned.clientRequestToken}-[0-9a-f]{16}$`),
    );
    expect(result.job).toMatchObject({ jobName: result.plan.request.jobName, status: "InProgress" });
    expect(result.job.trainingS3Uri).toBe(result.plan.uploads[0]!.uri);
  });

  it("a second run reports the same job: no upload, no create", async () => {
    const plan = await input();
    const first = await launchTrainingJob({ s3: local.client, bedrock, plan, files });
    local.proxy.clearLog();
    const before = creates().length;
    const again = await launchTrainingJob({ s3: local.client, bedrock, plan, files });
    expect(again.created).toBe(false);
    expect(again.job.jobArn).toBe(first.job.jobArn);
    expect(creates().length).toBe(before);
    expect(local.proxy.requests).toEqual([]);
  });

  it("an S3 client given as a function is made only when there is something to upload", async () => {
    const plan = await input("on-demand-s3");
    let made = 0;
    const s3 = async () => {
      made++;
      return local.client;
    };
    const first = await launchTrainingJob({ s3, bedrock, plan, files });
    expect(first.created).toBe(true);
    expect(made).toBe(1);
    const again = await launchTrainingJob({ s3, bedrock, plan, files });
    expect(again.created).toBe(false);
    expect(made).toBe(1);
  });

  it("the same data pushed at another commit is the same training: the existing job is reported", async () => {
    const first = await launchTrainingJob({ s3: local.client, bedrock, plan: await input(), files });
    const later = await launchTrainingJob({
      s3: local.client,
      bedrock,
      plan: await input("support-router", { commit: "f".repeat(40), pullRequest: 8 }),
      files,
    });
    expect(later.created).toBe(false);
    expect(later.job.jobArn).toBe(first.job.jobArn);
  });

  it("two runs of the same training at once start one job, and only the run that started it says so", async () => {
    const plan = await input("raced-model");
    const before = standIn.jobs().length;
    const results = await Promise.all([
      launchTrainingJob({ s3: local.client, bedrock, plan, files }),
      launchTrainingJob({ s3: local.client, bedrock, plan, files }),
    ]);
    expect(standIn.jobs().length).toBe(before + 1);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0]!.job.jobArn).toBe(results[1]!.job.jobArn);
  });

  it("recognises a name clash by the error's type (ResourceInUseException), whatever its message", async () => {
    const plan = await input("clashed-model");
    const first = await launchTrainingJob({ s3: local.client, bedrock, plan, files });
    // A second run whose search happened before the first run's create: its list comes back empty,
    // and its create meets the name, answered with a type and a message of the service's choosing.
    const proxy = await startFaultProxy(standIn.url);
    const late = createBedrockClient({
      endpoint: proxy.url,
      region: "us-west-2",
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
      env: {},
    });
    try {
      const json = { "content-type": "application/json" };
      proxy.inject({
        match: (r) => r.method === "GET" && r.path === "/model-customization-jobs",
        status: 200,
        headers: json,
        body: JSON.stringify({ modelCustomizationJobSummaries: [] }),
      });
      proxy.inject({
        match: (r) => r.method === "POST" && r.path === "/model-customization-jobs",
        status: 409,
        headers: { ...json, "x-amzn-errortype": "ResourceInUseException" },
        body: JSON.stringify({ message: "Resource is busy." }),
      });
      const second = await launchTrainingJob({ s3: local.client, bedrock: late, plan, files });
      expect(second.created).toBe(false);
      expect(second.job.jobArn).toBe(first.job.jobArn);
      expect(proxy.requests.filter((r) => r.injected).map((r) => r.method)).toEqual(["GET", "POST"]);
    } finally {
      late.destroy();
      await proxy.close();
    }
  });

  it("keeps the ARN of a job it created when reading the job back fails", async () => {
    const plan = await input("unread-model");
    standIn.injectFault({
      operation: "GetModelCustomizationJob",
      errorType: "InternalServerException",
      times: 10,
    });
    const result = await launchTrainingJob({ s3: local.client, bedrock, plan, files });
    const created = standIn.jobs().find((j) => j.jobName === result.plan.request.jobName);
    expect(created).toBeDefined();
    expect(result).toMatchObject({ created: true, job: { jobArn: created!.jobArn, status: "Unknown" } });
    expect(result.readError).toContain("GetModelCustomizationJob");
  });

  it("after a failed job, the next run starts attempt 2 and the uploads are skipped", async () => {
    const plan = await input("retried-model");
    const first = await launchTrainingJob({ s3: local.client, bedrock, plan, files });
    await standIn.idle();
    standIn.failJob(first.job.jobArn, "Internal error");
    local.proxy.clearLog();
    const retry = await launchTrainingJob({ s3: local.client, bedrock, plan, files });
    expect(retry.created).toBe(true);
    expect(retry.plan.attempt).toBe(2);
    expect(retry.job.jobName).toBe(`${first.job.jobName}-a2`);
    expect(retry.earlier.map((j) => j.status)).toEqual(["Failed"]);
    expect(retry.uploads.map((u) => u.uploaded)).toEqual([false, false]);
    expect(puts()).toEqual([]);
  });

  it("retries Bedrock's 429 ThrottlingException to success", async () => {
    standIn.injectFault({
      operation: "CreateModelCustomizationJob",
      errorType: "ThrottlingException",
      times: 2,
    });
    const result = await launchTrainingJob({
      s3: local.client,
      bedrock,
      plan: await input("throttled"),
      files,
    });
    expect(result.created).toBe(true);
    const attempts = standIn
      .requests()
      .filter(
        (r) => r.operation === "CreateModelCustomizationJob" && r.input?.jobName === result.job.jobName,
      );
    expect(attempts.map((r) => r.status)).toEqual([429, 429, 201]);
  });

  it("reports throttling that outlasts the retries, with the attempts made", async () => {
    standIn.injectFault({
      operation: "ListModelCustomizationJobs",
      errorType: "ThrottlingException",
      times: 10,
    });
    const quick = createBedrockClient({
      endpoint: standIn.url,
      region: "us-east-1",
      maxAttempts: 2,
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
      env: {},
    });
    const error = (await failure(
      launchTrainingJob({ s3: local.client, bedrock: quick, plan: await input("busy"), files }),
    )) as BedrockJobError;
    quick.destroy();
    expect(error.code).toBe("ThrottlingException");
    expect(error.message).toContain("after 2 attempts");
    expect(error.hint).toContain("run the step again later");
  });

  it("AccessDenied on iam:PassRole names the role and the condition to add; nothing is created", async () => {
    standIn.injectFault({
      operation: "CreateModelCustomizationJob",
      errorType: "AccessDeniedException",
      message:
        "User: arn:aws:sts::123456789012:assumed-role/gh/ci is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/TunegateBedrock",
    });
    const error = (await failure(
      launchTrainingJob({ s3: local.client, bedrock, plan: await input("denied"), files }),
    )) as BedrockJobError;
    expect(error.code).toBe("AccessDeniedException");
    expect(error.hint).toContain("iam:PassRole on arn:aws:iam::123456789012:role/TunegateBedrock");
    expect(error.hint).toContain('"iam:PassedToService": "bedrock.amazonaws.com"');
    expect(standIn.jobs().some((j) => j.jobName.includes("denied"))).toBe(false);
  });

  it.each([
    ["ServiceQuotaExceededException", "Service Quotas"],
    ["ResourceNotFoundException", "cannot be customized in us-east-1"],
    ["ValidationException", "tunegate.yml"],
  ])("%s is explained with its likely fix", async (errorType, fix) => {
    standIn.injectFault({ operation: "CreateModelCustomizationJob", errorType });
    const error = (await failure(
      launchTrainingJob({ s3: local.client, bedrock, plan: await input(`x-${errorType}`), files }),
    )) as BedrockJobError;
    expect(error.code).toBe(errorType);
    expect(error.hint).toContain(fix);
  });

  it("refuses a bucket Bedrock would refuse before any request, explaining it once", async () => {
    const plan = await input();
    plan.model = { ...plan.model, s3: { bucket: "Tunegate_Data", prefix: "tunegate/" } };
    local.proxy.clearLog();
    const before = standIn.requests().length;
    const error = await failure(launchTrainingJob({ s3: local.client, bedrock, plan, files }));
    expect(error.message).toContain('"Tunegate_Data" has uppercase letters');
    expect(error.message.match(/has uppercase letters/g)).toHaveLength(1);
    expect(error.message).toContain("trainingDataConfig.s3Uri, outputDataConfig.s3Uri");
    expect(local.proxy.requests).toEqual([]);
    expect(standIn.requests().length).toBe(before);
  });
});

describe("job queries", () => {
  it("waitForJob polls until the job ends", async () => {
    const result = await launchTrainingJob({ s3: local.client, bedrock, plan: await input("waited"), files });
    const seen: string[] = [];
    const job = await waitForJob(bedrock, result.job.jobArn, {
      timeoutMs: 60_000,
      intervalMs: 10,
      sleep: async () => {
        await standIn.advance(30 * 60_000);
      },
      onPoll: (j) => seen.push(j.status),
    });
    expect(job.status).toBe("Completed");
    expect(job.customModelArn).toMatch(/custom-model/);
    expect(seen.at(0)).toBe("InProgress");
  });

  it("waitForJob returns the running job when the time is up", async () => {
    const result = await launchTrainingJob({
      s3: local.client,
      bedrock,
      plan: await input("impatient"),
      files,
    });
    let t = 0;
    const job = await waitForJob(bedrock, result.job.jobArn, {
      timeoutMs: 100,
      intervalMs: 60,
      now: () => t,
      sleep: async (ms) => {
        t += ms;
      },
    });
    expect(job.status).toBe("InProgress");
    expect(t).toBe(100);
  });

  it("listJobsByTag finds a repository's jobs, newest first", async () => {
    await launchTrainingJob({
      s3: local.client,
      bedrock,
      plan: await input("other-repo", { repository: "acme/other" }),
      files,
    });
    const mine = await listJobsByTag(
      bedrock,
      { key: "tunegate:repository", value: "acme/other" },
      { nameContains: "tunegate-" },
    );
    expect(mine.map((j) => j.jobName)).toEqual([expect.stringMatching(/^tunegate-other-repo-/)]);
    const all = await listJobsByTag(
      bedrock,
      { key: "tunegate:repository", value: "acme/data" },
      { limit: 3 },
    );
    expect(all).toHaveLength(3);
    const times = all.map((j) => j.creationTime!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
