import type { LaunchResult } from "@tunegate/aws";
import { consoleCustomModelsUrl, consoleCustomModelUrl, formatBytes, toPretty } from "@tunegate/core";
import type { ModelRun, ReadyTraining, TrainEvents } from "@tunegate/usecases";
import type { Io } from "../io";
import { colorEnabled, type ProgressBar, progressBar } from "../terminal";

/** The train use case's progress on the terminal: progress bars on stderr, each launched job on stdout. */
export function terminalEvents(io: Io): TrainEvents & { checkProgress?: ProgressBar } {
  const check = progressBar(io.stderr);
  let upload: { name: string; bar: ProgressBar | undefined } | undefined;
  const uploadDone = () => {
    upload?.bar?.done();
    upload = undefined;
  };
  return {
    ...(check ? { checkProgress: check } : {}),
    preparedAll: () => check?.done(),
    uploadProgress(name, role, p) {
      if (upload?.name !== name) upload = { name, bar: progressBar(io.stderr) };
      upload.bar?.update({ file: `${name} ${role}`, bytesRead: p.loaded, totalBytes: p.total });
    },
    launched(r) {
      uploadDone();
      if (r.launch.lifecycle?.overridden) io.stderr.write(`warning: ${r.launch.lifecycle.warning}\n`);
      io.stdout.write(describeLaunch(r.name, r.launch));
    },
    launchFailed(r) {
      uploadDone();
      io.stderr.write(`${r.name}: ${r.error}\n`);
    },
    waiting: (r) => io.stderr.write(`Waiting for ${r.job.jobName}...\n`),
    waited: (r) =>
      io.stdout.write(
        `${r.job.jobName}: ${r.job.status}${r.job.failureMessage ? `: ${r.job.failureMessage}` : ""}\n`,
      ),
    waitFailed: (r) => io.stderr.write(`${r.name}: ${r.error}\n`),
  };
}

/** Why each blocked model cannot train: its data problems in full, or the reason its job cannot be planned. */
export function printBlocked(io: Io, runs: readonly ModelRun[]): void {
  for (const { name, prepared: p } of runs) {
    if (p && !p.ok && p.stage === "validate") {
      io.stdout.write(toPretty(p.report, { color: colorEnabled(io.stdout, io.env) }));
      io.stderr.write(`${name}: the datasets have errors; nothing is uploaded for this model.\n`);
    } else if (p && !p.ok) {
      io.stderr.write(`${name}: ${p.error.message}\n`);
    }
  }
  io.stderr.write("Nothing was uploaded and no job was started.\n");
}

/** The exact uploads and job request of each model, and what the training costs. */
export function printDryRun(io: Io, runs: readonly (ModelRun & { prepared: ReadyTraining })[]): void {
  for (const { prepared: p } of runs) {
    io.stdout.write(`${p.target.model.name} (dry run: nothing is uploaded or started)\n`);
    for (const u of p.plan.uploads) {
      io.stdout.write(
        `  upload ${p.target.names[u.role]} (${formatBytes(u.bytes)}, sha256 ${u.sha256})\n    to ${u.uri} unless it is there already\n`,
      );
    }
    io.stdout.write(`  CreateModelCustomizationJob, unless a job of this training exists:\n`);
    io.stdout.write(`${indent(JSON.stringify(p.plan.request, null, 2), 4)}\n`);
    io.stdout.write(
      `  estimated ${Math.round(p.cost.billedTokens).toLocaleString("en-US")} billed tokens${p.cost.usd === undefined ? "" : ` ≈ $${p.cost.usd.toFixed(2)}`}\n\n`,
    );
  }
}

function describeLaunch(name: string, result: LaunchResult): string {
  const lines: string[] = [];
  for (const u of result.uploads) {
    lines.push(
      u.uploaded
        ? `  uploaded ${u.uri} (${formatBytes(u.bytesSent)})`
        : `  ${u.uri} is there already with the same SHA-256: not uploaded again`,
    );
  }
  const { job, plan } = result;
  const head = result.created
    ? `${name}: started ${job.jobName} (${job.status})`
    : `${name}: ${job.jobName} of this exact training exists already (${job.status}); no second job started`;
  lines.unshift(head);
  lines.push(`  job ARN  ${job.jobArn}`);
  lines.push(
    `  console  ${job.customModelArn ? consoleCustomModelUrl(plan.region, job.customModelArn) : consoleCustomModelsUrl(plan.region)}`,
  );
  lines.push(`  status   tunegate status ${job.jobName} --region ${plan.region}`);
  return `${lines.join("\n")}\n\n`;
}

function indent(text: string, spaces: number): string {
  return text
    .split("\n")
    .map((line) => `${" ".repeat(spaces)}${line}`)
    .join("\n");
}
