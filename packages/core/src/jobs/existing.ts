import { MAX_ATTEMPT, parseJobName } from "./names";
import type { JobPlan } from "./plan";

export const JOB_STATUSES = ["InProgress", "Completed", "Failed", "Stopping", "Stopped"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A job as ListModelCustomizationJobs summarises it. */
export interface ExistingJob {
  jobArn: string;
  jobName: string;
  /** A status newer than this API version knows is kept as text. */
  status: JobStatus | (string & {});
  creationTime?: Date | undefined;
  customModelName?: string | undefined;
  customModelArn?: string | undefined;
}

export type ExistingDecision =
  /** The same training already runs or ran to completion: report this job, start nothing. */
  | { action: "reuse"; job: ExistingJob }
  /** No job of this training is alive: start one with this attempt number. */
  | { action: "create"; attempt: number; earlier: ExistingJob[] };

/** Jobs in these states hold the training; only Failed and Stopped jobs are tried again. */
const ALIVE = new Set<string>(["InProgress", "Stopping", "Completed"]);

/**
 * Decides, from the jobs a name search returned, whether the planned training already has a job.
 * Only names tunegate made for this training count (same key fragment and model slug); a job with
 * another name that merely contains the fragment is ignored. A running, stopping or completed job is
 * reused (the newest first); when every earlier attempt failed or was stopped, the next attempt starts.
 */
export function decideFromExisting(plan: JobPlan, jobs: readonly ExistingJob[]): ExistingDecision {
  const own = parseJobName(plan.request.jobName);
  const mine = jobs.filter((job) => {
    const parsed = parseJobName(job.jobName);
    return parsed !== undefined && parsed.keyFragment === plan.nameFragment && parsed.slug === own?.slug;
  });
  const alive = mine
    .filter((job) => ALIVE.has(job.status))
    .sort((a, b) => (b.creationTime?.getTime() ?? 0) - (a.creationTime?.getTime() ?? 0));
  if (alive[0]) return { action: "reuse", job: alive[0] };
  const attempts = mine.map((job) => parseJobName(job.jobName)?.attempt ?? 1);
  const attempt = attempts.length === 0 ? 1 : Math.max(...attempts) + 1;
  if (attempt > MAX_ATTEMPT) {
    throw new Error(`Training "${plan.model}" has failed ${attempts.length} times; tunegate stops retrying.`);
  }
  return { action: "create", attempt, earlier: mine };
}

export function isTerminal(status: string): boolean {
  return status === "Completed" || status === "Failed" || status === "Stopped";
}
