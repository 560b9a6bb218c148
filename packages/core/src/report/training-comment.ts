import { failureHint } from "../training/failure-hints";
import { renderDeploySection } from "./deploy-section";
import { safeCode, safeInline } from "./markdown-safe";
import { MAX_COMMENT_SIZE } from "./pr-comment";
import { servingSections } from "./serving-cost";
import { evaluationSections } from "./training-evaluation";
import { formatDuration, iso, table } from "./training-format";
import type { Section, TrainingCommentInput } from "./training-input";
import { lossSections } from "./training-loss";
import { nextSteps } from "./training-next-steps";
import { customizationRows, isSupervisedJob, seriesSections } from "./training-series";

/**
 * The PR comment for one customization job: what the train action posted when the job started, updated
 * in place with the result. Everything that comes from a job, a dataset or a model's answers is escaped;
 * the output is deterministic (no "updated at" clock), so an unchanged state renders the same bytes and
 * the comment is not edited again.
 */

export { formatDuration } from "./training-format";
export type {
  BaselineView,
  CurveData,
  EvaluationView,
  JobView,
  SeriesFileView,
  TrainingCommentInput,
} from "./training-input";

const STATUS_TEXT: Record<string, string> = {
  InProgress: "⏳ Training in progress",
  Completed: "✅ Training completed",
  Failed: "❌ Training failed",
  Stopping: "⏹️ Training stopping",
  Stopped: "⏹️ Training stopped",
};

export function renderTrainingComment(input: TrainingCommentInput): string {
  const max = input.maxChars ?? MAX_COMMENT_SIZE;
  const sections: Section[] = [
    { text: input.marker },
    { text: header(input) },
    { text: jobTable(input) },
    ...failureSection(input),
    ...lossSections(input),
    ...seriesSections(input),
    ...evaluationSections(input),
    ...(input.deploy ? [{ text: renderDeploySection(input.deploy) }] : []),
    { text: nextSteps(input) },
    ...servingSections(input),
  ];
  let body = join(sections);
  // Drop optional sections from the end until the body fits; the figures a reviewer needs are required.
  for (let i = sections.length - 1; body.length > max && i >= 0; i--) {
    if (!sections[i]!.optional) continue;
    sections.splice(i, 1);
    body = join([
      ...sections,
      { text: "_Some detail tables were left out to fit GitHub's comment size limit._" },
    ]);
  }
  if (body.length > max) {
    // Only long untrusted text (a failure message) can get here; safeInline() capped it, so this is a guard.
    body = `${body.slice(0, max - 80)}\n\n_The rest of this comment was cut to fit GitHub's size limit._`;
  }
  return body;
}

function join(sections: readonly Section[]): string {
  return `${sections.map((s) => s.text).join("\n\n")}\n`;
}

function header(input: TrainingCommentInput): string {
  const status = STATUS_TEXT[input.job.status] ?? `Training ${safeInline(input.job.status, 40)}`;
  const base = input.baseModel ? ` (${safeInline(input.baseModel.name, 80)})` : "";
  return `### ${status}: ${safeCode(input.modelName, 80, false)}${base}`;
}

function jobTable(input: TrainingCommentInput): string {
  const { job } = input;
  const rows: [string, string][] = [
    ["Job", safeCode(job.jobName, 100)],
    ["Status", safeInline(job.status, 40)],
  ];
  if (job.creationTime) {
    const end = job.endTime ?? undefined;
    rows.push([
      "Duration",
      end
        ? `${formatDuration(end.getTime() - job.creationTime.getTime())} (started ${iso(job.creationTime)}, ended ${iso(end)})`
        : `started ${iso(job.creationTime)}`,
    ]);
  }
  if (job.baseModelId) rows.push(["Base model", safeCode(job.baseModelId, 200)]);
  rows.push(...customizationRows(job));
  // What the job was sent, then the catalog's defaults for the rest: the service applied those.
  const sent = job.hyperParameters ?? {};
  const hp = Object.entries(sent)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => safeCode(`${k}=${v}`, 80));
  for (const spec of isSupervisedJob(job) ? (input.baseModel?.hyperparameters ?? []) : []) {
    if (!(spec.name in sent)) hp.push(`${safeCode(`${spec.name}=${spec.default}`, 80)} (default)`);
  }
  if (hp.length > 0) rows.push(["Hyperparameters", hp.join(", ")]);
  if (job.outputModelArn) rows.push(["Custom model", safeCode(job.outputModelArn, 300)]);
  return table(["", ""], rows);
}

function failureSection(input: TrainingCommentInput): Section[] {
  const { job } = input;
  if (job.status !== "Failed") return [];
  const message = job.failureMessage
    ? safeInline(job.failureMessage, 2000)
    : "Bedrock gave no failure message.";
  const hint = failureHint(job.failureMessage);
  const lines = [`**Bedrock says:** ${message}`];
  lines.push(
    hint
      ? `**Likely cause: ${hint.kind}.** ${safeInline(hint.fix, 1000)}`
      : "**Likely cause:** not one tunegate recognises; see the message above and the Bedrock console.",
  );
  return [{ text: lines.join("\n\n") }];
}
