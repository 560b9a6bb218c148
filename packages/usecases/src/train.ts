import {
  calibrateCost,
  type JobDetails,
  type LaunchResult,
  launchTrainingJob,
  type PreparedTraining,
  type PrepareOptions,
  prepareTraining,
  type TrainingTarget,
  waitForJob,
} from "@tunegate/aws";
import { isTerminal } from "@tunegate/core";
import type { Clock } from "./ports";
import type { RegionClients } from "./train/clients";

export { ChangedPathsError, type CompareCommits, changedPaths } from "./train/changed-paths";
export { RegionClients } from "./train/clients";
export { lastTrainedCommits } from "./train/last-trained";
export { modelsChangedBy, modelsChangedInPush, type PushSelection } from "./train/select";

/** What happened to one model in this run. */
export interface ModelRun {
  name: string;
  prepared?: PreparedTraining;
  launch?: LaunchResult;
  /** The latest state read (after waiting, when asked to). */
  job?: JobDetails;
  /** Why uploading, starting or waiting failed. */
  error?: string;
  /** What became of the pull request's comment. */
  comment?: string;
}

/** A model whose data is valid and whose job could be planned. */
export type ReadyTraining = Extract<PreparedTraining, { ok: true }>;

/** What the caller hears as the run goes, to show it (the runner's log, the terminal). */
export interface TrainEvents {
  prepared?(run: ModelRun & { prepared: PreparedTraining }): void;
  /** Every model was checked and planned; nothing was sent yet. */
  preparedAll?(): void;
  uploadProgress?(name: string, role: "train" | "validation", p: { loaded: number; total: number }): void;
  launched?(run: ModelRun & { launch: LaunchResult }): void;
  launchFailed?(run: ModelRun, error: Error): void;
  waiting?(run: ModelRun & { job: JobDetails }, remainingMs: number): void;
  polled?(run: ModelRun, job: JobDetails): void;
  waited?(run: ModelRun & { job: JobDetails }): void;
  waitFailed?(run: ModelRun, error: Error): void;
}

export interface TrainRequest {
  /** The models to train, in order, each located on disk (`trainingTarget`). */
  targets: readonly TrainingTarget[];
  /** What the jobs are tagged with, and how the datasets are checked. */
  prepare: PrepareOptions;
  dryRun: boolean;
  /** Minutes to wait for the started jobs to end (0: return once they started). */
  waitMinutes: number;
}

export interface TrainPorts {
  clients: RegionClients;
  clock: Clock;
  events?: TrainEvents;
  /**
   * Called for each job this run created, as soon as it started (the merged pull request's comment):
   * a run that found the job existing leaves the comment to the run that started it, so two runs of one
   * merge never post it twice. Returns what became of the comment.
   */
  jobStarted?(run: ModelRun & { launch: LaunchResult; prepared: ReadyTraining }): Promise<string>;
}

export type TrainResult =
  /** Some model's data has errors or its job cannot be requested: nothing was uploaded or started. */
  | { outcome: "blocked"; runs: ModelRun[]; blocked: ModelRun[] }
  /** Every model can train; nothing was sent (the plans are in `runs`). */
  | { outcome: "dry-run"; runs: (ModelRun & { prepared: ReadyTraining })[] }
  /** Uploads and job starts were attempted; `failed` lists the models whose upload, start or job failed. */
  | { outcome: "launched"; runs: ModelRun[]; failed: ModelRun[] };

/**
 * Trains models as a merge does: re-validate and plan every model before anything is sent (invalid data
 * never trains, and a model that cannot be requested leaves no uploads behind); then upload and start
 * model by model, one model's failure not stopping the others (an identical training's job is found,
 * not started again, and the base model's lifecycle is checked against the clock); then optionally wait.
 */
export async function train(request: TrainRequest, ports: TrainPorts): Promise<TrainResult> {
  const events = ports.events ?? {};
  const runs: ModelRun[] = [];
  // A cost estimate is shown for every model of a dry run, and for a job this run starts (in its
  // comment); for a job that exists already it is shown nowhere. So a real run checks the data without
  // the tokenizer (the slowest thing the check loads) and calibrates the cost of the jobs it starts.
  const prepare: PrepareOptions = {
    ...request.prepare,
    calibrateTokens: request.prepare.calibrateTokens ?? request.dryRun,
  };
  for (const target of request.targets) {
    const run = { name: target.model.name, prepared: await prepareTraining(target, prepare) };
    runs.push(run);
    events.prepared?.(run);
  }
  events.preparedAll?.();
  const blocked = runs.filter((r) => !r.prepared?.ok);
  if (blocked.length > 0) return { outcome: "blocked", runs, blocked };
  const ready = runs as (ModelRun & { prepared: ReadyTraining })[];
  if (request.dryRun) return { outcome: "dry-run", runs: ready };

  for (const r of ready) {
    const region = r.prepared.plan.region;
    try {
      const launch = await launchTrainingJob({
        s3: () => ports.clients.s3(region),
        bedrock: ports.clients.bedrock(region),
        plan: r.prepared.planInput,
        files: r.prepared.target.files,
        onUploadProgress: (role, p) => events.uploadProgress?.(r.name, role, p),
      });
      r.launch = launch;
      r.job = launch.job;
      events.launched?.({ ...r, launch });
    } catch (error) {
      r.error = (error as Error).message;
      events.launchFailed?.(r, error as Error);
    }
  }
  for (const r of ready) {
    if (!r.launch?.created) continue;
    try {
      r.prepared = await calibrateCost(r.prepared, prepare);
    } catch {
      // The job runs whatever the estimate: one that cannot be calibrated stays the planning-ratio
      // estimate, which names its method wherever it is shown.
    }
  }
  if (ports.jobStarted) {
    for (const r of ready) {
      if (r.launch?.created) r.comment = await ports.jobStarted({ ...r, launch: r.launch });
    }
  }
  if (request.waitMinutes > 0) await waitForAll(ready, request.waitMinutes, ports, events);
  const failed = runs.filter((r) => r.error || r.job?.status === "Failed" || r.job?.status === "Stopped");
  return { outcome: "launched", runs, failed };
}

async function waitForAll(runs: ModelRun[], minutes: number, ports: TrainPorts, events: TrainEvents) {
  const deadline = ports.clock.now().getTime() + minutes * 60_000;
  const remaining = () => Math.max(0, deadline - ports.clock.now().getTime());
  // Poll often enough to end soon after the job, rarely enough to stay far from Bedrock's quotas.
  const intervalMs = Math.min(30_000, Math.max(1_000, (minutes * 60_000) / 20));
  for (const r of runs) {
    if (!r.launch || !r.job || isTerminal(r.job.status)) continue;
    events.waiting?.({ ...r, job: r.job }, remaining());
    try {
      r.job = await waitForJob(ports.clients.bedrock(r.launch.plan.region), r.job.jobArn, {
        timeoutMs: remaining(),
        intervalMs,
        onPoll: (job) => events.polled?.(r, job),
      });
    } catch (error) {
      r.error = (error as Error).message;
      events.waitFailed?.(r, error as Error);
      continue;
    }
    events.waited?.({ ...r, job: r.job });
  }
}

/** One line per failed model: its error, or its job's end. */
export function failureLines(failed: readonly ModelRun[]): string {
  return failed
    .map(
      (r) =>
        `${r.name}: ${r.error ?? `job ${r.job?.jobName} ${r.job?.status}${r.job?.failureMessage ? `: ${r.job.failureMessage}` : ""}`}`,
    )
    .join("\n");
}
