import * as core from "@actions/core";
import type { LaunchResult, PreparedTraining } from "@tunegate/aws";
import { GITHUB_ANNOTATIONS_PER_SEVERITY, toWorkflowCommands } from "@tunegate/core";
import { info } from "@tunegate/github";
import type { ModelRun, ReadyTraining, TrainEvents } from "@tunegate/usecases";

/** The train use case's progress, in the runner's log. */
export function logEvents(options: { comment: boolean }): TrainEvents {
  const reported = new Map<string, number>();
  return {
    prepared: (r) => reportPrepared(r.prepared),
    uploadProgress(name, role, p) {
      if (p.total === 0) return;
      const quarter = Math.floor((p.loaded / p.total) * 4);
      if ((reported.get(`${name}\0${role}`) ?? -1) >= quarter) return;
      reported.set(`${name}\0${role}`, quarter);
      info(`${name}: uploading ${role} data ${Math.round((p.loaded / p.total) * 100)}% of ${p.total} bytes`);
    },
    launched(r) {
      logLaunch(r.launch, r.name);
      if (options.comment && !r.launch.created) {
        info(`${r.name}: the run that started ${r.launch.job.jobName} comments on it.`);
      }
    },
    launchFailed: (r) => core.error(`${r.name}: ${r.error}`),
    waiting: (r, ms) =>
      info(`${r.name}: waiting up to ${Math.round(ms / 1000)} s for ${r.job.jobName} to end`),
    polled: (r, job) => core.debug(`${r.name}: ${job.status}`),
    waited: (r) =>
      info(
        `${r.name}: job ${r.job.jobName} is ${r.job.status}${r.job.failureMessage ? `: ${r.job.failureMessage}` : ""}`,
      ),
    waitFailed: (r) => core.error(`${r.name}: ${r.error}`),
  };
}

/**
 * The data problems of every model, as one ranked set of annotations: GitHub keeps 10 errors per step,
 * and the step's own error lines (one per blocked model, and the failure) count against that too.
 */
export function annotateDataProblems(runs: readonly ModelRun[], blocked: number): void {
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

export function printDryRun(r: ModelRun & { prepared: ReadyTraining }): void {
  const { prepared } = r;
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
