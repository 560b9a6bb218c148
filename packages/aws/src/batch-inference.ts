/**
 * Bedrock batch inference (CreateModelInvocationJob) for evaluations: the records file tunegate
 * uploads, the job calls, and the results Bedrock writes back (batch-inference-data.html,
 * batch-inference-results.html). Records use the Converse invocation type, so each `modelInput` is
 * exactly the Converse request the one-call-per-case path sends, and each `modelOutput` is read the
 * way a Converse answer is.
 */
import {
  type BedrockClient,
  CreateModelInvocationJobCommand,
  GetModelInvocationJobCommand,
  type GetModelInvocationJobCommandOutput,
  ListModelInvocationJobsCommand,
  type ModelInvocationJobSummary,
} from "@aws-sdk/client-bedrock";
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import type { EvalCase, JobTag, ModelAnswer } from "@tunegate/core";
import { type BackoffOptions, pollWithBackoff } from "./backoff";
import { type BedrockOperation, explainBedrockError } from "./bedrock-errors";
import { type ConverseBody, type ConverseSettings, converseAnswer, converseInput } from "./bedrock-runtime";
import { SHA256_METADATA_KEY } from "./dataset-upload";
import { explainS3Error } from "./s3-errors";
import { parseS3Uri } from "./s3-uri";

export interface BatchJob {
  arn: string;
  name: string;
  modelId: string;
  /** Submitted, Validating, Scheduled, InProgress, Completed, PartiallyCompleted, Failed, Stopping, Stopped, Expired. */
  status: string;
  message?: string | undefined;
  outputS3Uri?: string | undefined;
  submitTime?: Date | undefined;
  totalRecordCount?: number | undefined;
  processedRecordCount?: number | undefined;
  errorRecordCount?: number | undefined;
}

/** Ended with results to read. */
export const BATCH_DONE = new Set(["Completed", "PartiallyCompleted"]);
/** Ended without results (or with only some, after a timeout). */
export const BATCH_ENDED_BADLY = new Set(["Failed", "Stopped", "Expired", "Stopping"]);

/** `L` and the case's line, 11 characters: Bedrock's record ids are alphanumeric. */
export function batchRecordId(evalCase: EvalCase): string {
  return `L${String(evalCase.line).padStart(10, "0")}`;
}

/** The JSONL Bedrock reads: one `{recordId, modelInput}` per case, modelInput the Converse request body. */
export function batchRecords(cases: readonly EvalCase[], settings: ConverseSettings = {}): string {
  return cases
    .map((evalCase) => {
      const { modelId: _sentOnTheJob, ...modelInput } = converseInput("", evalCase, settings);
      return `${JSON.stringify({ recordId: batchRecordId(evalCase), modelInput })}\n`;
    })
    .join("");
}

/**
 * Uploads the records file unless the content-addressed key already holds it (a re-run), and says
 * which it was. The key names the SHA-256 of the body, so an object there with that checksum is it.
 */
export async function putBatchRecords(
  s3: S3Client,
  target: { bucket: string; key: string; sha256: string; body: string },
): Promise<"uploaded" | "present"> {
  const context = (operation: "HeadObject" | "PutObject") => ({
    operation,
    bucket: target.bucket,
    key: target.key,
  });
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: target.bucket, Key: target.key }));
    if (head.Metadata?.[SHA256_METADATA_KEY] === target.sha256) return "present";
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404) throw explainS3Error(error, context("HeadObject"));
  }
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: target.bucket,
        Key: target.key,
        Body: target.body,
        ContentType: "application/jsonl",
        Metadata: { [SHA256_METADATA_KEY]: target.sha256 },
      }),
    );
  } catch (error) {
    throw explainS3Error(error, context("PutObject"));
  }
  return "uploaded";
}

async function call<T>(
  client: BedrockClient,
  operation: BedrockOperation,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const region = await client.config.region().catch(() => undefined);
    throw explainBedrockError(error, { operation, region });
  }
}

function view(out: GetModelInvocationJobCommandOutput | ModelInvocationJobSummary): BatchJob {
  return {
    arn: out.jobArn ?? "",
    name: out.jobName ?? "",
    modelId: out.modelId ?? "",
    status: out.status ?? "Submitted",
    message: out.message,
    outputS3Uri: out.outputDataConfig?.s3OutputDataConfig?.s3Uri,
    submitTime: out.submitTime,
    totalRecordCount: out.totalRecordCount,
    processedRecordCount: out.processedRecordCount,
    errorRecordCount: out.errorRecordCount,
  };
}

export interface CreateBatchJobRequest {
  name: string;
  clientRequestToken: string;
  modelId: string;
  /** The service role Bedrock reads the records and writes the results as. */
  roleArn: string;
  inputS3Uri: string;
  outputS3Uri: string;
  tags: readonly JobTag[];
  /** 24 to 168 (the API's range); absent: Bedrock's default. */
  timeoutHours?: number;
}

export async function createBatchJob(
  client: BedrockClient,
  request: CreateBatchJobRequest,
): Promise<{ arn: string }> {
  const out = await call(client, "CreateModelInvocationJob", () =>
    client.send(
      new CreateModelInvocationJobCommand({
        jobName: request.name,
        clientRequestToken: request.clientRequestToken,
        modelId: request.modelId,
        roleArn: request.roleArn,
        modelInvocationType: "Converse",
        inputDataConfig: { s3InputDataConfig: { s3Uri: request.inputS3Uri, s3InputFormat: "JSONL" } },
        outputDataConfig: { s3OutputDataConfig: { s3Uri: request.outputS3Uri } },
        tags: request.tags.map((t) => ({ key: t.key, value: t.value })),
        ...(request.timeoutHours === undefined ? {} : { timeoutDurationInHours: request.timeoutHours }),
      }),
    ),
  );
  if (!out.jobArn) throw new Error("CreateModelInvocationJob answered without a jobArn");
  return { arn: out.jobArn };
}

export async function getBatchJob(client: BedrockClient, arn: string): Promise<BatchJob> {
  return view(
    await call(client, "GetModelInvocationJob", () =>
      client.send(new GetModelInvocationJobCommand({ jobIdentifier: arn })),
    ),
  );
}

/** Batch jobs whose name contains `nameContains` (a server-side filter), newest first. */
export async function findBatchJobs(client: BedrockClient, nameContains: string): Promise<BatchJob[]> {
  const jobs: BatchJob[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(client, "ListModelInvocationJobs", () =>
      client.send(
        new ListModelInvocationJobsCommand({
          nameContains,
          sortBy: "CreationTime",
          sortOrder: "Descending",
          maxResults: 100,
          ...(nextToken ? { nextToken } : {}),
        }),
      ),
    );
    for (const summary of page.invocationJobSummaries ?? []) jobs.push(view(summary));
    nextToken = page.nextToken;
  } while (nextToken);
  return jobs;
}

/** Waits until the job has ended (or the timeout passes); returns its last state. */
export function waitForBatchJob(
  client: BedrockClient,
  arn: string,
  options: BackoffOptions,
): Promise<BatchJob> {
  return pollWithBackoff(
    () => getBatchJob(client, arn),
    (job) => BATCH_DONE.has(job.status) || (BATCH_ENDED_BADLY.has(job.status) && job.status !== "Stopping"),
    options,
  );
}

/** One record's outcome: the model's answer, or the error Bedrock put in its place. */
export type BatchOutcome = { answer: ModelAnswer } | { error: string };

/**
 * Reads every `.jsonl.out` file Bedrock wrote for the job (`<output>/<job id>/`), by record id. A line
 * that cannot be read is skipped: its case then counts as unanswered rather than failing the whole
 * evaluation.
 */
export async function readBatchOutcomes(
  s3: S3Client,
  job: { arn: string; outputS3Uri: string },
): Promise<Map<string, BatchOutcome>> {
  const location = parseS3Uri(job.outputS3Uri);
  if (!location) throw new Error(`${JSON.stringify(job.outputS3Uri)} is not an S3 URI.`);
  const folder = location.key === "" || location.key.endsWith("/") ? location.key : `${location.key}/`;
  const prefix = `${folder}${job.arn.slice(job.arn.lastIndexOf("/") + 1)}/`;
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: location.bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) if (object.Key?.endsWith(".jsonl.out")) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  const outcomes = new Map<string, BatchOutcome>();
  for (const key of keys.sort()) {
    const body = await s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: key }));
    const text = (await body.Body?.transformToString("utf8")) ?? "";
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      let parsed: {
        recordId?: unknown;
        modelOutput?: unknown;
        error?: { errorCode?: unknown; errorMessage?: unknown };
      };
      try {
        parsed = JSON.parse(line) as typeof parsed;
      } catch {
        continue;
      }
      if (typeof parsed.recordId !== "string") continue;
      if (parsed.modelOutput !== null && typeof parsed.modelOutput === "object") {
        outcomes.set(parsed.recordId, { answer: converseAnswer(parsed.modelOutput as ConverseBody) });
      } else {
        const code = parsed.error?.errorCode;
        const message =
          typeof parsed.error?.errorMessage === "string" ? parsed.error.errorMessage : "no answer";
        outcomes.set(parsed.recordId, {
          error: `batch inference error${code === undefined ? "" : ` ${String(code)}`}: ${message}`,
        });
      }
    }
  }
  return outcomes;
}
