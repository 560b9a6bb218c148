import type { JobDetails } from "@tunegate/aws";
import { type createS3Client, JobOutputError, readJobSeries } from "@tunegate/aws";
import type { SeriesFileView } from "@tunegate/core";

type S3Client = ReturnType<typeof createS3Client>;

/** Whether a job reports rewards rather than losses: reinforcement fine-tuning. */
export function reportsSeries(job: JobDetails): boolean {
  return job.customizationType === "REINFORCEMENT_FINE_TUNING";
}

/**
 * The reward and metric series a job left in its output folder (found by listing it), with a note for
 * each file there that holds none and for what could not be read.
 */
export async function seriesOf(job: JobDetails, s3: S3Client, notes: string[]): Promise<SeriesFileView[]> {
  if (!job.outputS3Uri) {
    notes.push("The job names no output folder, so no reward series were read.");
    return [];
  }
  try {
    const found = await readJobSeries(s3, { outputS3Uri: job.outputS3Uri, jobArn: job.jobArn });
    if (found.files.length === 0) {
      notes.push(
        `No reward or metric series (a CSV with a step column) under the job's output folder (${found.unread.length} other files there).`,
      );
    }
    for (const f of found.files) {
      if (f.skippedRows > 0) notes.push(`${f.skippedRows} row(s) of ${f.uri} have no readable step.`);
      if (f.droppedColumns > 0) notes.push(`${f.droppedColumns} more column(s) of ${f.uri} are not shown.`);
    }
    if (found.unread.length > 0) {
      const shown = found.unread.slice(0, 5).join(", ");
      notes.push(
        `Not read as series: ${shown}${found.unread.length > 5 ? ` and ${found.unread.length - 5} more` : ""}.`,
      );
    }
    return found.files.map((f) => ({ name: f.name, series: f.series }));
  } catch (err) {
    notes.push(
      err instanceof JobOutputError
        ? err.message
        : `Reading the job's series failed: ${(err as Error).message}`,
    );
    return [];
  }
}
