import {
  GetObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  type S3Client,
} from "@aws-sdk/client-s3";
import { type MetricsFile, parseMetricsCsv } from "@tunegate/core";
import { parseS3Uri } from "./s3-uri";

/**
 * What a finished customization job left in its output folder (model-customization-analyze.html):
 * `<output>/model-customization-job-<job id>/training_artifacts/step_wise_training_metrics.csv` and a
 * validation metrics file whose folder differs between sources (`validation_artifacts/
 * post_fine_tuning_validation/[validation/]validation_metrics.csv` or `validation_artifacts/
 * validation_metrics.csv`). The prefix is listed rather than guessed, so any of them is found.
 */

export const TRAINING_METRICS_FILE = "step_wise_training_metrics.csv";
export const VALIDATION_METRICS_FILE = "validation_metrics.csv";

/** The job id is the last segment of the job ARN (`...:model-customization-job/<base model>/<id>`). */
export function jobIdFromArn(jobArn: string): string {
  const id = jobArn.slice(jobArn.lastIndexOf("/") + 1);
  if (!jobArn.startsWith("arn:") || id === "" || id === jobArn) {
    throw new Error(`${JSON.stringify(jobArn)} is not a model customization job ARN.`);
  }
  return id;
}

/** Bucket and key prefix of a job's output folder, from its `outputDataConfig.s3Uri` and ARN. */
export function jobOutputLocation(outputS3Uri: string, jobArn: string): { bucket: string; prefix: string } {
  const parsed = parseS3Uri(outputS3Uri);
  if (!parsed || parsed.bucket === "") throw new Error(`${JSON.stringify(outputS3Uri)} is not an S3 URI.`);
  const folder = parsed.key === "" || parsed.key.endsWith("/") ? parsed.key : `${parsed.key}/`;
  return { bucket: parsed.bucket, prefix: `${folder}model-customization-job-${jobIdFromArn(jobArn)}/` };
}

export interface MetricsObject extends MetricsFile {
  /** `s3://bucket/key` of the file read. */
  uri: string;
}

export interface JobMetrics {
  /** Every key under the job's output folder (for the log when a file is missing). */
  keys: string[];
  training?: MetricsObject;
  validation?: MetricsObject;
  /** Further validation files (one per validator, when a job had several), not read. */
  otherValidationUris: string[];
}

export class JobOutputError extends Error {
  override name = "JobOutputError";
}

/** Lists the job's output folder and reads the metrics files found there. */
export async function readJobMetrics(
  s3: S3Client,
  job: { outputS3Uri: string; jobArn: string },
): Promise<JobMetrics> {
  const { bucket, prefix } = jobOutputLocation(job.outputS3Uri, job.jobArn);
  const keys = await listKeys(s3, bucket, prefix);
  const trainingKey = keys.find((k) => k.endsWith(`/training_artifacts/${TRAINING_METRICS_FILE}`));
  const validationKeys = keys
    .filter((k) => k.endsWith(`/${VALIDATION_METRICS_FILE}`) && k.includes("/validation_artifacts/"))
    // The post-fine-tuning file first: it is the one the job's validationMetrics summarise.
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const read = async (key: string, kind: "training" | "validation"): Promise<MetricsObject> => ({
    uri: `s3://${bucket}/${key}`,
    ...parseMetricsCsv(await getText(s3, bucket, key), kind),
  });
  const result: JobMetrics = {
    keys,
    otherValidationUris: validationKeys.slice(1).map((k) => `s3://${bucket}/${k}`),
  };
  if (trainingKey) result.training = await read(trainingKey, "training");
  if (validationKeys[0]) result.validation = await read(validationKeys[0], "validation");
  return result;
}

function rank(key: string): number {
  return key.includes("/post_fine_tuning_validation/") ? 0 : 1;
}

/** Every key under `prefix`, page by page (a job with checkpoints can hold more than 1,000 keys). */
export async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    let page: ListObjectsV2CommandOutput;
    try {
      page = await s3.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
    } catch (err) {
      throw explain(err, `Listing s3://${bucket}/${prefix}`, `s3:ListBucket on arn:aws:s3:::${bucket}`);
    }
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

export async function getText(s3: S3Client, bucket: string, key: string): Promise<string> {
  try {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    if (!answer.Body) throw new Error("the object has no body");
    return await answer.Body.transformToString("utf8");
  } catch (err) {
    throw explain(err, `Reading s3://${bucket}/${key}`, `s3:GetObject on arn:aws:s3:::${bucket}/${key}`);
  }
}

function explain(err: unknown, what: string, permission: string): JobOutputError {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const denied = e.name === "AccessDenied" || status === 403;
  const message = `${what} failed: ${e.name ?? "Error"}${status ? ` (HTTP ${status})` : ""}${e.message ? ` - ${e.message}` : ""}.`;
  return new JobOutputError(
    denied ? `${message} The credentials the report step uses need ${permission}.` : message,
    { cause: err },
  );
}
