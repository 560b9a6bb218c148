import { createHash } from "node:crypto";
import {
  BATCH_DONE,
  BATCH_ENDED_BADLY,
  type BackoffOptions,
  type BatchJob,
  type BatchOutcome,
  batchRecords,
  createBatchJob,
  type createBedrockClient,
  type createS3Client,
  findBatchJobs,
  putBatchRecords,
  readBatchOutcomes,
  waitForBatchJob,
} from "@tunegate/aws";
import {
  type EvalCase,
  evaluationBatchKeys,
  type JobTag,
  NAME_PREFIX,
  nameSlug,
  s3Uri,
  UserError,
} from "@tunegate/core";

/**
 * An evaluation through Bedrock batch inference: the cases go to S3 as one records file under a
 * content-addressed key, one batch job per model answers them on Bedrock's fleet, and the results come
 * back from S3. The job's name and token derive from the model and the records' SHA-256, so a re-run
 * (after a timeout, a crash, a cancelled workflow) finds the same job instead of paying for a second;
 * only a job that failed, stopped or expired is submitted again, as the next attempt.
 */

export interface BatchEvaluationOptions {
  /** Batch inference for more than this many cases (where the catalog supports it); undefined: never. */
  batchAbove: number | undefined;
  bucket: string;
  /** "" or ending in "/", as tunegate.yml's s3.prefix. */
  prefix: string;
  /** The service role Bedrock reads the records and writes the results as (the model's roleArn). */
  roleArn: string;
  /** Tags like the jobs' (repository, model, ...). */
  tags: readonly JobTag[];
  bedrock: ReturnType<typeof createBedrockClient>;
  s3: ReturnType<typeof createS3Client>;
  /** How long to wait for the job, and the clock (tests pass the stand-in's). */
  wait: BackoffOptions;
  log?: (message: string) => void;
}

/** The batch job has not ended within the wait: it goes on, and a re-run scores it. */
export class BatchPendingError extends UserError {
  override name = "BatchPendingError";
  constructor(readonly job: BatchJob) {
    super(
      `the batch inference job ${job.name} (${job.arn}) is ${job.status}` +
        `${job.totalRecordCount ? ` (${job.processedRecordCount ?? 0} of ${job.totalRecordCount} records)` : ""}; ` +
        "run the report again once it has ended to score it (the same job is found, nothing is paid twice)",
      { fix: "Run the report again later." },
    );
  }
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const ATTEMPT = /-a(\d{1,3})$/;

/** `tunegate-eval-<model>-<key12>`: the batch job names and their pattern (letters, digits, single -). */
export function batchJobName(modelName: string, modelId: string, recordsSha256: string): string {
  const key = sha256(JSON.stringify(["tunegate-eval", modelId, recordsSha256])).slice(0, 12);
  const room = 63 - `${NAME_PREFIX}-eval--${key}-a999`.length;
  return `${NAME_PREFIX}-eval-${nameSlug(modelName, room)}-${key}`;
}

/** Answers of one model to every case, by record id, through one batch job. */
export async function batchOutcomes(
  modelName: string,
  modelId: string,
  cases: readonly EvalCase[],
  maxTokens: number | undefined,
  options: BatchEvaluationOptions,
): Promise<{ job: BatchJob; outcomes: Map<string, BatchOutcome> }> {
  const log = options.log ?? (() => {});
  const records = batchRecords(cases, maxTokens === undefined ? {} : { maxTokens });
  const recordsSha = sha256(records);
  const keys = evaluationBatchKeys({ prefix: options.prefix, model: modelName, sha256: recordsSha });
  const uploaded = await putBatchRecords(options.s3, {
    bucket: options.bucket,
    key: keys.input,
    sha256: recordsSha,
    body: records,
  });
  log(
    `${cases.length} records ${uploaded === "present" ? "already in" : "uploaded to"} ${s3Uri(options.bucket, keys.input)}.`,
  );

  const base = batchJobName(modelName, modelId, recordsSha);
  const mine = (await findBatchJobs(options.bedrock, base)).filter(
    (job) => job.name === base || (job.name.startsWith(`${base}-a`) && ATTEMPT.test(job.name)),
  );
  const attemptOf = (job: BatchJob) => Number(ATTEMPT.exec(job.name)?.[1] ?? 1);
  const latest = mine.sort((a, b) => attemptOf(b) - attemptOf(a))[0];
  let job: BatchJob | undefined =
    latest && !(BATCH_ENDED_BADLY.has(latest.status) && latest.status !== "Stopping") ? latest : undefined;
  if (job) log(`Batch inference job ${job.name} found (${job.status}): not submitted again.`);
  else {
    const attempt = latest ? attemptOf(latest) + 1 : 1;
    const name = attempt > 1 ? `${base}-a${attempt}` : base;
    const token = `${NAME_PREFIX}-${sha256(JSON.stringify(["tunegate-batch", modelId, recordsSha, attempt])).slice(0, 40)}`;
    const created = await createBatchJob(options.bedrock, {
      name,
      clientRequestToken: token,
      modelId,
      roleArn: options.roleArn,
      inputS3Uri: s3Uri(options.bucket, keys.input),
      outputS3Uri: s3Uri(options.bucket, keys.output),
      tags: options.tags,
    });
    log(
      `Batch inference job ${name} submitted for ${modelId}${latest ? ` (the earlier one, ${latest.name}, ended ${latest.status})` : ""}.`,
    );
    job = {
      arn: created.arn,
      name,
      modelId,
      status: "Submitted",
      outputS3Uri: s3Uri(options.bucket, keys.output),
    };
  }
  if (!BATCH_DONE.has(job.status)) job = await waitForBatchJob(options.bedrock, job.arn, options.wait);
  if (!BATCH_DONE.has(job.status)) {
    if (BATCH_ENDED_BADLY.has(job.status) && job.status !== "Stopping") {
      throw new UserError(
        `the batch inference job ${job.name} (${job.arn}) ended ${job.status}${job.message ? `: ${job.message}` : ""}`,
        { fix: "Fix what the message names; the next run submits a new attempt." },
      );
    }
    throw new BatchPendingError(job);
  }
  const outcomes = await readBatchOutcomes(options.s3, {
    arn: job.arn,
    outputS3Uri: job.outputS3Uri ?? s3Uri(options.bucket, keys.output),
  });
  log(`Batch inference job ${job.name} ${job.status}: ${outcomes.size} results read.`);
  return { job, outcomes };
}
