import {
  type createBedrockClient,
  type createS3Client,
  getJob,
  type JobDetails,
  JobOutputError,
  readJobMetrics,
} from "@tunegate/aws";
import { type CurveData, type JobTag, type LossSummary, summarizeLosses } from "@tunegate/core";
import type { BatchEvaluationOptions } from "./evaluate-batch";

type S3Client = ReturnType<typeof createS3Client>;
type BedrockClient = ReturnType<typeof createBedrockClient>;

/** A job's loss curves from the metrics files in its output folder; what could not be read goes to `notes`. */
export async function curvesOf(
  job: JobDetails,
  s3: S3Client,
  notes: string[],
): Promise<{ training?: CurveData; validation?: CurveData }> {
  if (!job.outputS3Uri) {
    notes.push("The job names no output folder, so no metrics were read.");
    return {};
  }
  try {
    const m = await readJobMetrics(s3, { outputS3Uri: job.outputS3Uri, jobArn: job.jobArn });
    const out: { training?: CurveData; validation?: CurveData } = {};
    for (const [key, file] of [
      ["training", m.training],
      ["validation", m.validation],
    ] as const) {
      if (!file) continue;
      if (file.skipped.length > 0) {
        notes.push(
          `${file.skipped.length} row(s) of ${file.uri} have no readable loss (first: line ${file.skipped[0]!.line}, ${file.skipped[0]!.reason}).`,
        );
      }
      const summary = summarizeLosses(file.points);
      if (summary) out[key] = { points: file.points, summary, source: file.uri };
    }
    if (!m.training)
      notes.push(
        `No step_wise_training_metrics.csv under the job's output folder (${m.keys.length} files there).`,
      );
    return out;
  } catch (err) {
    notes.push(
      err instanceof JobOutputError ? err.message : `Reading the metrics failed: ${(err as Error).message}`,
    );
    return {};
  }
}

/**
 * The batch inference settings of one job's evaluation: tagged like the job, run with the Region's
 * clients; none when the report runs without batch inference.
 */
export function jobBatchOptions(
  ctx: {
    batchAbove?: number | undefined;
    batchWaitMs?: number | undefined;
    bedrock: ReturnType<typeof createBedrockClient>;
    s3: S3Client;
  },
  jobTags: readonly JobTag[],
  log: (message: string) => void,
): { batch?: Omit<BatchEvaluationOptions, "bucket" | "prefix" | "roleArn"> } {
  if (ctx.batchAbove === undefined) return {};
  return {
    batch: {
      batchAbove: ctx.batchAbove,
      tags: jobTags.filter((t) => t.key.startsWith("tunegate:") && t.key !== "tunegate:reported"),
      bedrock: ctx.bedrock,
      s3: ctx.s3,
      wait: { timeoutMs: ctx.batchWaitMs ?? 5 * 60 * 60_000 },
      log,
    },
  };
}

/** The loss summaries of the job this one is compared with; what could not be read goes to `notes`. */
export async function baselineOf(
  baselineJob: { jobArn: string; jobName: string },
  bedrock: BedrockClient,
  s3: S3Client,
  notes: string[],
): Promise<{ jobName: string; training?: LossSummary; validation?: LossSummary }> {
  const own: string[] = [];
  const base = await curvesOf(await getJob(bedrock, baselineJob.jobArn), s3, own);
  for (const n of own) notes.push(`Baseline ${baselineJob.jobName}: ${n}`);
  return {
    jobName: baselineJob.jobName,
    ...(base.training ? { training: base.training.summary } : {}),
    ...(base.validation ? { validation: base.validation.summary } : {}),
  };
}
