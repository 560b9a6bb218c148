import * as core from "@actions/core";
import type { PreparedTraining } from "@tunegate/aws";
import { consoleCustomModelsUrl, safeCode, safeInline } from "@tunegate/core";
import type { ModelRun } from "@tunegate/usecases";

/** One entry of the `jobs` output. */
export interface JobOutput {
  model: string;
  /** Empty in a dry run. */
  jobArn: string;
  jobName: string;
  customModelName: string;
  trainingS3Uri: string;
  validationS3Uri: string | null;
  /** The job's status, or "DryRun". */
  status: string;
  /** True when this run started the job; false when it existed already (or in a dry run). */
  created: boolean;
}

export function jobOutput(r: ModelRun): JobOutput {
  const prepared = r.prepared as Extract<PreparedTraining, { ok: true }>;
  const plan = r.launch?.plan ?? prepared.plan;
  const uri = (role: "train" | "validation") => plan.uploads.find((u) => u.role === role)?.uri;
  const job = r.job ?? r.launch?.job;
  return {
    model: r.name,
    jobArn: job?.jobArn ?? "",
    jobName: job?.jobName ?? plan.request.jobName,
    customModelName: job?.customModelName ?? plan.request.customModelName,
    trainingS3Uri: job?.trainingS3Uri ?? uri("train")!,
    validationS3Uri: job?.validationS3Uris[0] ?? uri("validation") ?? null,
    status: job?.status ?? "DryRun",
    created: r.launch?.created ?? false,
  };
}

/** The job summary: one row per model, what happened and where to look. */
export async function writeSummary(runs: readonly ModelRun[], dryRun: boolean): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const lines = [`## tunegate train${dryRun ? " (dry run: nothing uploaded or started)" : ""}`, ""];
  if (runs.length === 0) {
    lines.push("No model's datasets or settings changed: nothing to train.");
  } else {
    lines.push("| Model | Outcome | Job | Region |", "| --- | --- | --- | --- |");
    for (const r of runs) lines.push(row(r, dryRun));
  }
  await core.summary.addRaw(`${lines.join("\n")}\n`).write();
}

function row(r: ModelRun, dryRun: boolean): string {
  const prepared = r.prepared;
  if (!prepared) return `| ${safeCode(r.name)} | not prepared | | |`;
  if (!prepared.ok) {
    const why =
      prepared.stage === "validate"
        ? `❌ ${prepared.report.summary.errors} data error(s): not uploaded, not started`
        : `❌ cannot be requested: ${safeInline(prepared.error.problems.map((p) => `${p.field} ${p.message}`).join("; "), 400)}`;
    return `| ${safeCode(r.name)} | ${why} | | |`;
  }
  const region = prepared.plan.region;
  const job = r.job ?? r.launch?.job;
  let outcome: string;
  if (dryRun) outcome = "dry run: request printed in the log";
  else if (r.error) outcome = `❌ ${safeInline(r.error, 400)}`;
  else if (r.launch?.created) outcome = `🚀 started (${safeInline(job?.status ?? "", 40)})`;
  else outcome = `⏳ existed already (${safeInline(job?.status ?? "", 40)})`;
  const name = job?.jobName ?? prepared.plan.request.jobName;
  return `| ${safeCode(r.name)} | ${outcome} | ${safeCode(name)} | [${safeCode(region)}](${consoleCustomModelsUrl(region)}) |`;
}
