import { existsSync } from "node:fs";
import * as core from "@actions/core";
import type { BedrockClient } from "@aws-sdk/client-bedrock";
import type { S3Client } from "@aws-sdk/client-s3";
import {
  createBedrockClient,
  createS3Client,
  type LaunchResult,
  launchTrainingJob,
  type PreparedTraining,
  prepareTraining,
  waitForJob,
} from "@tunegate/aws";
import {
  GITHUB_ANNOTATIONS_PER_SEVERITY,
  isTerminal,
  type ResolvedConfig,
  toWorkflowCommands,
  trainCommentMarker,
} from "@tunegate/core";
import {
  createOctokit,
  findComment,
  findPullRequestForCommit,
  httpStatus,
  info,
  type Octokit,
  type PullRequestRef,
  runnerContext,
  tokenLogin,
  upsertComment,
} from "@tunegate/github";
import { changedPaths, pathsChangedSince } from "./changed-paths";
import { renderTrainingStarted } from "./comment";
import { readInputs } from "./inputs";
import { lastTrainedCommits } from "./last-trained";
import type { ModelRun } from "./model-run";
import { type JobOutput, jobOutput, writeSummary } from "./outputs";
import { loadTargets, modelsChangedBy } from "./targets";

async function act(): Promise<void> {
  const inputs = readInputs();
  const context = runnerContext();
  const octokit = inputs.githubToken ? createOctokit(inputs.githubToken, context.apiUrl) : undefined;
  const { config, targets, warnings } = await loadTargets(inputs.config, context.workspace);
  for (const warning of warnings) core.warning(warning);

  // Which models: the ones named, or the ones whose datasets or settings this push changed.
  let names: string[];
  if (inputs.models.length > 0) {
    const unknown = inputs.models.filter((m) => !targets.has(m));
    if (unknown.length > 0) {
      throw new Error(
        `models names ${unknown.map((m) => `"${m}"`).join(", ")}, which ${inputs.config} does not define. Defined: ${[...targets.keys()].join(", ")}.`,
      );
    }
    names = [...new Set(inputs.models)];
  } else {
    names = await modelsToTrain(config, context, octokit, inputs.dryRun);
  }
  if (names.length === 0) {
    info("No model's datasets or settings changed in this push: nothing to train.");
    setOutputs([]);
    await writeSummary([], inputs.dryRun);
    return;
  }
  info(`Models to train: ${names.join(", ")}`);

  const pr = octokit ? await pullRequestOf(octokit, context.owner, context.repo, context.sha) : undefined;
  if (pr) info(`Commit ${context.sha.slice(0, 7)} belongs to pull request #${pr.number}.`);

  // 1. Re-validate and plan every model before anything is sent: invalid data never trains, and a
  //    model that cannot be requested does not leave uploads behind.
  const runs: ModelRun[] = [];
  const worker = new URL("./dataset-worker.js", import.meta.url);
  for (const name of names) {
    const target = targets.get(name)!;
    const prepared = await prepareTraining(target, {
      commit: context.sha,
      repository: context.repository,
      pullRequest: pr?.number,
      ...(existsSync(worker) ? { parallel: { script: worker } } : {}),
    });
    runs.push({ name, prepared });
    reportPrepared(prepared);
  }
  const blocked = runs.filter((r) => !r.prepared?.ok);
  annotateDataProblems(runs, blocked.length);
  if (blocked.length > 0) {
    setOutputs([]);
    await writeSummary(runs, inputs.dryRun);
    core.setFailed(
      `${blocked.map((r) => r.name).join(", ")} cannot be trained (see the errors above); nothing was uploaded and no job was started.`,
    );
    return;
  }

  if (inputs.dryRun) {
    for (const r of runs) printDryRun(r);
    setOutputs(runs.map((r) => jobOutput(r)));
    await writeSummary(runs, true);
    return;
  }

  // 2. Upload and start, model by model; one model's failure does not stop the others.
  const s3Clients = new Map<string, S3Client>();
  for (const r of runs) {
    const prepared = r.prepared as Extract<PreparedTraining, { ok: true }>;
    const region = prepared.plan.region;
    const s3 = s3Clients.get(region) ?? createS3Client({ region });
    const bedrock = bedrockFor(region);
    s3Clients.set(region, s3);
    try {
      r.launch = await launchTrainingJob({
        s3,
        bedrock,
        plan: prepared.planInput,
        files: prepared.target.files,
        onUploadProgress: uploadLogger(r.name),
      });
      r.job = r.launch.job;
      logLaunch(r.launch, r.name);
    } catch (error) {
      r.error = (error as Error).message;
      core.error(`${r.name}: ${r.error}`);
    }
  }

  // 3. One comment per job on the merged pull request, as soon as it started, posted by the run that
  //    started it: a run that found the job (a re-run, or a run racing another) leaves the comment to
  //    that run, so two runs of one merge never post it twice.
  if (inputs.comment && octokit && pr) {
    for (const r of runs) {
      if (r.launch?.created) r.comment = await comment(octokit, context, pr, r);
      else if (r.launch) info(`${r.name}: the run that started ${r.launch.job.jobName} comments on it.`);
    }
  } else if (inputs.comment && !pr) {
    info("No pull request found for this commit: no comment posted.");
  }

  // 4. Optionally wait for the jobs to end (the report action updates the comments with the results).
  if (inputs.waitMinutes > 0) await waitForAll(runs, bedrockClients, inputs.waitMinutes);

  for (const client of s3Clients.values()) client.destroy();
  setOutputs(runs.filter((r) => r.launch).map((r) => jobOutput(r)));
  await writeSummary(runs, false);
  const failed = runs.filter((r) => r.error || r.job?.status === "Failed" || r.job?.status === "Stopped");
  if (failed.length > 0) {
    core.setFailed(
      failed
        .map(
          (r) =>
            `${r.name}: ${r.error ?? `job ${r.job?.jobName} ${r.job?.status}${r.job?.failureMessage ? `: ${r.job.failureMessage}` : ""}`}`,
        )
        .join("\n"),
    );
  }
}

/** One Bedrock client per Region for the whole run. */
const bedrockClients = new Map<string, BedrockClient>();
function bedrockFor(region: string): BedrockClient {
  const client = bedrockClients.get(region) ?? createBedrockClient({ region });
  bedrockClients.set(region, client);
  return client;
}

/**
 * The models whose datasets or settings changed in this push, plus any that changed since the commit
 * they were last trained on: a run that was skipped or cancelled (a concurrency group keeps only the
 * newest queued run) is caught up by the next one. A model never trained is compared with the newest
 * commit any of this repository's models was trained on. Models whose data and settings did not change
 * plan the training key of their existing job, which is reported, not started again.
 */
async function modelsToTrain(
  config: ResolvedConfig,
  context: ReturnType<typeof runnerContext>,
  octokit: Octokit | undefined,
  dryRun: boolean,
): Promise<string[]> {
  const changed = await changedPaths({
    workspace: context.workspace,
    sha: context.sha,
    before: typeof context.event.before === "string" ? context.event.before : undefined,
    github: octokit ? { octokit, owner: context.owner, repo: context.repo } : undefined,
  });
  info(`Changed files (${changed.source}): ${changed.paths.length}`);
  const selected = await modelsChangedBy(config, changed.paths, context.workspace, changed.base);
  if (selected.note) info(selected.note);
  const names = new Set(selected.names);
  if (dryRun) {
    info("Dry run: the models this push changed, without looking up what earlier runs trained.");
    return [...names];
  }

  let last: Awaited<ReturnType<typeof lastTrainedCommits>>;
  try {
    for (const m of config.models) bedrockFor(m.region);
    last = await lastTrainedCommits(bedrockClients, context.repository);
  } catch (error) {
    core.warning(
      `Could not read which commits the models were last trained on (${(error as Error).message}); only this push's changes count, so a model changed by a skipped or cancelled run is not caught up.`,
    );
    return [...names];
  }
  const floor = await newestAncestor(context.workspace, last.commits, context.sha);
  const bases = new Map<string, string[]>();
  for (const m of config.models) {
    if (names.has(m.name)) continue;
    const base = last.byModel.get(m.name) ?? floor;
    if (!base || base === context.sha) continue;
    bases.set(base, [...(bases.get(base) ?? []), m.name]);
  }
  for (const [base, models] of bases) {
    const paths = await pathsChangedSince(context.workspace, base, context.sha);
    if (!paths) {
      info(
        `${models.join(", ")}: last trained at ${base.slice(0, 7)}, which is not in this checkout's history; changes since then are not looked for (check out with fetch-depth: 0 to catch up skipped runs).`,
      );
      continue;
    }
    const since = await modelsChangedBy(config, paths, context.workspace, base);
    for (const name of since.names.filter((n) => models.includes(n))) {
      info(`${name}: changed since ${base.slice(0, 7)}, the commit it was last trained on; catching up.`);
      names.add(name);
    }
  }
  return config.models.map((m) => m.name).filter((n) => names.has(n));
}

/** The newest of `commits` (newest first) that is in this history, if any. */
async function newestAncestor(workspace: string, commits: readonly string[], sha: string) {
  for (const commit of commits) if (await pathsChangedSince(workspace, commit, sha)) return commit;
  return undefined;
}

async function pullRequestOf(octokit: Octokit, owner: string, repo: string, sha: string) {
  try {
    return await findPullRequestForCommit(octokit, owner, repo, sha);
  } catch (error) {
    core.warning(
      `Could not look up the pull request of ${sha.slice(0, 7)} (HTTP ${httpStatus(error) ?? "?"}: ${(error as Error).message}); the jobs get no tunegate:pull-request tag and no comment is posted.`,
    );
    return undefined;
  }
}

/**
 * The data problems of every model, as one ranked set of annotations: GitHub keeps 10 errors per step,
 * and the step's own error lines (one per blocked model, and the failure) count against that too.
 */
function annotateDataProblems(runs: readonly ModelRun[], blocked: number): void {
  const reports = runs.flatMap((r) =>
    r.prepared && !r.prepared.ok && r.prepared.stage === "validate" ? [r.prepared.report] : [],
  );
  if (reports.length === 0) return;
  const problems = reports.flatMap((report) => report.files.flatMap((f) => f.problems));
  const unlisted = reports.reduce((n, report) => n + report.files.reduce((m, f) => m + f.omitted, 0), 0);
  const limitPerSeverity = Math.max(1, GITHUB_ANNOTATIONS_PER_SEVERITY - blocked - 1);
  for (const line of toWorkflowCommands(problems, {
    unlisted,
    limitPerSeverity,
    fullListAt: "`tunegate validate`",
  })) {
    process.stdout.write(`${line}\n`);
  }
}

function reportPrepared(prepared: PreparedTraining): void {
  const name = prepared.target.model.name;
  if (!prepared.ok && prepared.stage === "validate") {
    core.error(
      `${name}: the datasets have ${prepared.report.summary.errors} error(s) for ${prepared.report.model.name}; they are not uploaded and no job starts.`,
    );
    return;
  }
  if (!prepared.ok) {
    core.error(`${name}: ${prepared.error.message}`);
    return;
  }
  // A legacy base model was warned about with the config (with its position in tunegate.yml).
  const { report, plan } = prepared;
  const records = report.files.map((f) => `${f.role} ${f.records} records`).join(", ");
  info(`${name}: data valid (${records}); job ${plan.request.jobName} planned in ${plan.region}.`);
}

function printDryRun(r: ModelRun): void {
  const prepared = r.prepared as Extract<PreparedTraining, { ok: true }>;
  core.startGroup(`Dry run: ${r.name} (nothing is uploaded or started)`);
  for (const u of prepared.plan.uploads) {
    info(
      `Would upload ${prepared.target.names[u.role] ?? u.role} (${u.bytes} bytes, sha256 ${u.sha256}) to ${u.uri} unless it is there already`,
    );
  }
  info("Would call CreateModelCustomizationJob with (unless a job of this training exists):");
  info(JSON.stringify(prepared.plan.request, null, 2));
  core.endGroup();
}

function uploadLogger(model: string) {
  const reported = new Map<string, number>();
  return (role: "train" | "validation", p: { loaded: number; total: number }) => {
    if (p.total === 0) return;
    const quarter = Math.floor((p.loaded / p.total) * 4);
    if ((reported.get(role) ?? -1) >= quarter) return;
    reported.set(role, quarter);
    info(`${model}: uploading ${role} data ${Math.round((p.loaded / p.total) * 100)}% of ${p.total} bytes`);
  };
}

function logLaunch(launch: LaunchResult, model: string): void {
  if (launch.lifecycle?.overridden) core.warning(launch.lifecycle.warning);
  for (const u of launch.uploads) {
    info(
      u.uploaded
        ? `${model}: uploaded ${u.uri} (${u.bytesSent} bytes${u.multipart ? ", multipart" : ""})`
        : `${model}: ${u.uri} is there already with the same SHA-256: not uploaded again`,
    );
    if (u.warning) core.warning(u.warning);
  }
  if (launch.readError) {
    core.warning(
      `${model}: job ${launch.job.jobArn} was created, but reading it back failed (${launch.readError}); its status is unknown here, see the Bedrock console.`,
    );
  }
  info(
    launch.created
      ? `${model}: started job ${launch.job.jobName} (${launch.job.jobArn})`
      : `${model}: job ${launch.job.jobName} of this exact training exists already (${launch.job.status}); no second job started`,
  );
}

async function waitForAll(
  runs: ModelRun[],
  clients: Map<string, BedrockClient>,
  minutes: number,
): Promise<void> {
  const deadline = Date.now() + minutes * 60_000;
  // Poll often enough to end soon after the job, rarely enough to stay far from Bedrock's quotas.
  const intervalMs = Math.min(30_000, Math.max(1_000, (minutes * 60_000) / 20));
  for (const r of runs) {
    if (!r.launch || !r.job || isTerminal(r.job.status)) continue;
    const client = clients.get(r.launch.plan.region)!;
    info(
      `${r.name}: waiting up to ${Math.max(0, Math.round((deadline - Date.now()) / 1000))} s for ${r.job.jobName} to end`,
    );
    try {
      r.job = await waitForJob(client, r.job.jobArn, {
        timeoutMs: Math.max(0, deadline - Date.now()),
        intervalMs,
        onPoll: (job) => core.debug(`${r.name}: ${job.status}`),
      });
    } catch (error) {
      r.error = (error as Error).message;
      core.error(`${r.name}: ${r.error}`);
      continue;
    }
    info(
      `${r.name}: job ${r.job.jobName} is ${r.job.status}${r.job.failureMessage ? `: ${r.job.failureMessage}` : ""}`,
    );
  }
}

async function comment(
  octokit: Octokit,
  context: ReturnType<typeof runnerContext>,
  pr: PullRequestRef,
  r: ModelRun,
): Promise<string> {
  const launch = r.launch!;
  const prepared = r.prepared as Extract<PreparedTraining, { ok: true }>;
  const job = r.job ?? launch.job;
  const marker = trainCommentMarker(r.name, job.jobName);
  try {
    // The report action rewrites this comment when the job ends: never overwrite it from here.
    const existing = await findComment(
      octokit,
      context.owner,
      context.repo,
      pr.number,
      marker,
      await tokenLogin(octokit),
    );
    if (existing) {
      info(`${r.name}: the pull request already has the comment for ${job.jobName}: ${existing.html_url}`);
      return "kept";
    }
    const body = renderTrainingStarted({
      model: r.name,
      baseModel: prepared.plan.baseModel,
      region: launch.plan.region,
      commit: context.sha,
      job,
      created: launch.created,
      attempt: launch.plan.attempt,
      datasets: launch.plan.uploads.map((u) => ({
        role: u.role,
        path: prepared.target.names[u.role] ?? u.key,
        records: prepared.report.files.find((f) => f.role === u.role)?.records ?? 0,
        bytes: u.bytes,
        sha256: u.sha256,
        uri: u.uri,
      })),
      hyperparameters: launch.plan.effectiveHyperparameters,
      configured: Object.keys(launch.plan.request.hyperParameters),
      cost: prepared.cost,
      lifecycleWarning: prepared.lifecycle,
      runUrl: context.runUrl,
    });
    const result = await upsertComment({
      octokit,
      owner: context.owner,
      repo: context.repo,
      issueNumber: pr.number,
      marker,
      body,
    });
    if (result.action === "forbidden") {
      core.warning(`${r.name}: ${result.reason}`);
      return "forbidden";
    }
    info(`${r.name}: comment ${result.action} on #${pr.number}: ${result.url}`);
    return result.action;
  } catch (error) {
    // A comment is a courtesy: the job runs whether or not it is posted.
    core.warning(`${r.name}: could not comment on #${pr.number}: ${(error as Error).message}`);
    return "failed";
  }
}

function setOutputs(jobs: JobOutput[]): void {
  core.setOutput("jobs", JSON.stringify(jobs));
  core.setOutput(
    "job-arns",
    jobs
      .map((j) => j.jobArn)
      .filter((a) => a !== "")
      .join(","),
  );
}

/**
 * The action, as GitHub's TypeScript action template shapes it: src/index.ts calls this when the runner
 * starts dist/index.js, and `@github/local-action` imports this module and calls it. Importing the
 * module starts nothing. What it throws fails the step in src/index.ts (runAction).
 */
export async function run(): Promise<void> {
  try {
    await act(); // what it throws fails the step in src/index.ts's runAction
  } finally {
    // Open keep-alive sockets would hold the step after its work is done.
    for (const client of bedrockClients.values()) client.destroy();
  }
}
