import type { S3Client } from "@aws-sdk/client-s3";
import { type MetricSeries, parseSeriesCsv } from "@tunegate/core";
import {
  getText,
  jobOutputLocation,
  listKeys,
  TRAINING_METRICS_FILE,
  VALIDATION_METRICS_FILE,
} from "./job-output";

/**
 * The metric series a job left in its output folder besides its loss files: a reinforcement
 * fine-tuning job's rewards and grader metrics. AWS documents neither their names nor their layout, so
 * the folder is listed and every CSV with a step column is read (training/series-csv.ts); anything else
 * is named as not read, so a reviewer knows it is there.
 */

/** Files read at most: a job's folder can hold checkpoints and many files. */
export const MAX_SERIES_FILES = 10;

export interface SeriesObject {
  /** `s3://bucket/key` of the file. */
  uri: string;
  /** The key below the job's folder, e.g. `training_artifacts/step_wise_reward_metrics.csv`. */
  name: string;
  series: MetricSeries[];
  skippedRows: number;
  droppedColumns: number;
}

export interface JobSeries {
  files: SeriesObject[];
  /** Files under the folder that hold no series tunegate can read (names below the folder). */
  unread: string[];
}

const LOSS_FILES = [TRAINING_METRICS_FILE, VALIDATION_METRICS_FILE];

export async function readJobSeries(
  s3: S3Client,
  job: { outputS3Uri: string; jobArn: string },
): Promise<JobSeries> {
  const { bucket, prefix } = jobOutputLocation(job.outputS3Uri, job.jobArn);
  const keys = (await listKeys(s3, bucket, prefix)).filter((k) => !k.endsWith("/") && !k.endsWith(".tmp"));
  const result: JobSeries = { files: [], unread: [] };
  for (const key of keys.sort()) {
    const name = key.slice(prefix.length);
    const csv = key.toLowerCase().endsWith(".csv") && !LOSS_FILES.some((f) => key.endsWith(`/${f}`));
    if (!csv || result.files.length >= MAX_SERIES_FILES) {
      if (!LOSS_FILES.some((f) => key.endsWith(`/${f}`))) result.unread.push(name);
      continue;
    }
    const parsed = parseSeriesCsv(await getText(s3, bucket, key));
    if (!parsed) result.unread.push(name);
    else result.files.push({ uri: `s3://${bucket}/${key}`, name, ...parsed });
  }
  return result;
}
