import { type createS3Client, type JobDetails, JobOutputError, readJobMetrics } from "@tunegate/aws";
import { type CurveData, summarizeLosses } from "@tunegate/core";

type S3Client = ReturnType<typeof createS3Client>;

/** A job's loss curves from its metrics files; what could not be read is said in `notes`. */
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
