import type { JobDetails } from "@tunegate/aws";
import { consoleCustomModelsUrl, consoleCustomModelUrl, type JobTag, TAG } from "@tunegate/core";
import type { repositoryJobs, StatusResult } from "@tunegate/usecases";

/** What `tunegate status` prints, and whether the job shown failed or was stopped. */
export function statusText(
  result: StatusResult,
  region: string,
  format: "pretty" | "json",
): { text: string; failed: boolean } {
  if (result.kind === "job") {
    const { job, tags } = result;
    return {
      text:
        format === "json"
          ? `${JSON.stringify({ ...job, tags, region }, null, 2)}\n`
          : describeJob(job, tags, region),
      failed: job.status === "Failed" || job.status === "Stopped",
    };
  }
  const { repository, jobs } = result;
  if (format === "json")
    return { text: `${JSON.stringify({ repository, region, jobs }, null, 2)}\n`, failed: false };
  if (jobs.length === 0) return { text: `No tunegate jobs of ${repository} in ${region}.\n`, failed: false };
  return { text: jobsTable(jobs, repository, region), failed: false };
}

/** `tunegate status` without a job: one row per recent job of the repository. */
export function jobsTable(
  jobs: Awaited<ReturnType<typeof repositoryJobs>>,
  repository: string,
  region: string,
): string {
  const tag = (tags: JobTag[], key: string) => tags.find((t) => t.key === key)?.value ?? "";
  const rows = jobs.map((j) => [
    j.jobName,
    j.status,
    j.creationTime ? isoMinute(j.creationTime) : "",
    tag(j.tags, TAG.model),
    tag(j.tags, TAG.commit).slice(0, 7),
    tag(j.tags, TAG.pullRequest) ? `#${tag(j.tags, TAG.pullRequest)}` : "",
  ]);
  return `Recent tunegate jobs of ${repository} in ${region}:\n\n${table([["JOB", "STATUS", "STARTED", "MODEL", "COMMIT", "PR"], ...rows])}`;
}

/** `tunegate status JOB`: the job's state, data, settings, losses and tags. */
export function describeJob(job: JobDetails, tags: JobTag[], region: string): string {
  const lines: [string, string][] = [
    ["ARN", job.jobArn],
    ["Base model", job.baseModelArn ?? ""],
    ["Started", job.creationTime ? isoMinute(job.creationTime) : ""],
  ];
  if (job.endTime)
    lines.push([
      "Ended",
      `${isoMinute(job.endTime)}${job.creationTime ? ` (${duration(job.endTime.getTime() - job.creationTime.getTime())})` : ""}`,
    ]);
  if (job.failureMessage) lines.push(["Failure", job.failureMessage]);
  lines.push([
    "Custom model",
    job.customModelArn ?? `${job.customModelName ?? ""} (exists once the job completes)`,
  ]);
  if (job.trainingS3Uri) lines.push(["Training", job.trainingS3Uri]);
  for (const uri of job.validationS3Uris) lines.push(["Validation", uri]);
  if (job.outputS3Uri) lines.push(["Output", job.outputS3Uri]);
  const hp = Object.entries(job.hyperParameters).map(([k, v]) => `${k}=${v}`);
  lines.push(["Hyperparameters", hp.length > 0 ? hp.join(", ") : "service defaults"]);
  if (job.trainingLoss !== undefined) lines.push(["Training loss", String(job.trainingLoss)]);
  if (job.validationLosses.length > 0) lines.push(["Validation loss", job.validationLosses.join(", ")]);
  for (const t of tags.filter((t) => t.key.startsWith("tunegate:"))) lines.push([t.key, t.value]);
  lines.push([
    "Console",
    job.customModelArn ? consoleCustomModelUrl(region, job.customModelArn) : consoleCustomModelsUrl(region),
  ]);
  const width = Math.max(...lines.map(([k]) => k.length));
  return `${job.jobName}  ${job.status}\n${lines.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join("\n")}\n`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return `${rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n")}\n`;
}

function isoMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes < 60
    ? `${minutes} min`
    : `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}
