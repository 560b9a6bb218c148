import { formatCount } from "../format-count";
import type { Problem, Severity } from "../problem";
import { GITHUB_ANNOTATIONS_PER_SEVERITY } from "./github-limits";
import { toRepositoryPath } from "./paths";
import { rankProblems } from "./rank";

export interface WorkflowCommandOptions {
  /** Annotations emitted per severity; the closing notice counts against the notice limit. */
  limitPerSeverity?: number;
  /** Problems the engine counted but did not list (`FileReport.omitted`), added to the closing notice. */
  unlisted?: number;
  /** Where the reader finds every problem, completing "the full list is in ...". */
  fullListAt?: string;
}

const COMMAND: Record<Severity, string> = { error: "error", warning: "warning", notice: "notice" };
const DEFAULT_FULL_LIST = "the output of `tunegate validate` (pretty, json or sarif format)";

/** Escapes a command's message: `%`, CR and LF would otherwise end or corrupt the command. */
export function escapeData(text: string): string {
  return text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** Escapes a command property value: also `:` and `,`, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

/**
 * GitHub workflow-command annotations (`::error file=...,line=...::message`), one per line, for the
 * most important problems only: GitHub would drop the rest silently, so at most `limitPerSeverity` of
 * each severity are emitted (see `rankProblems`) and a closing notice says how many more there are and
 * where to read them. Files are named relative to the repository root, as GitHub matches them.
 */
export function toWorkflowCommands(
  problems: readonly Problem[],
  options: WorkflowCommandOptions = {},
): string[] {
  const limit = options.limitPerSeverity ?? GITHUB_ANNOTATIONS_PER_SEVERITY;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`limitPerSeverity must be a positive integer, not ${limit}.`);
  }
  const unlisted = options.unlisted ?? 0;
  const total: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const p of problems) total[p.severity]++;
  const truncated = unlisted > 0 || Object.values(total).some((n) => n > limit);
  // The closing notice is a notice too: keep a slot for it, or GitHub would drop it with the rest.
  const room: Record<Severity, number> = {
    error: limit,
    warning: limit,
    notice: truncated ? limit - 1 : limit,
  };

  const lines: string[] = [];
  const shown: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const p of rankProblems(problems)) {
    if (shown[p.severity] >= room[p.severity]) continue;
    shown[p.severity]++;
    lines.push(annotation(p));
  }
  if (truncated) {
    const hidden: Record<Severity, number> = {
      error: total.error - shown.error,
      warning: total.warning - shown.warning,
      notice: total.notice - shown.notice,
    };
    lines.push(moreNotice(hidden, unlisted, options.fullListAt ?? DEFAULT_FULL_LIST));
  }
  return lines;
}

/** A problem of a file that is not a dataset (tunegate.yml), at its line and column when it has them. */
export interface FileIssue {
  message: string;
  line?: number;
  column?: number;
  hint?: string;
}

/** Workflow-command lines for problems of a file that is not a dataset (the config), at most `limit`. */
export function fileIssueCommands(
  file: string,
  issues: readonly FileIssue[],
  level: "error" | "warning" = "error",
  limit = GITHUB_ANNOTATIONS_PER_SEVERITY,
): string[] {
  const title = `title=${escapeProperty("tunegate config")}`;
  const lines = issues.slice(0, limit).map((issue) => {
    const props = [
      `file=${escapeProperty(toRepositoryPath(file))}`,
      ...(issue.line === undefined ? [] : [`line=${issue.line}`]),
      ...(issue.column === undefined ? [] : [`col=${issue.column}`]),
      title,
    ].join(",");
    return `::${level} ${props}::${escapeData(issue.hint ? `${issue.message}\n${issue.hint}` : issue.message)}`;
  });
  if (issues.length > lines.length) {
    lines.push(
      `::notice ${title}::${escapeData(`${issues.length - lines.length} more problems in ${file} are in the job log.`)}`,
    );
  }
  return lines;
}

function annotation(p: Problem): string {
  const props = [
    `file=${escapeProperty(toRepositoryPath(p.file))}`,
    `line=${p.line}`,
    `col=${p.column}`,
    `title=${escapeProperty(`tunegate ${p.rule}`)}`,
  ].join(",");
  const body = [p.message, p.path ? `at ${p.path}` : "", p.hint].filter(Boolean).join("\n");
  return `::${COMMAND[p.severity]} ${props}::${escapeData(body)}`;
}

function moreNotice(hidden: Record<Severity, number>, unlisted: number, fullListAt: string): string {
  const parts = [
    plural(hidden.error, "error"),
    plural(hidden.warning, "warning"),
    plural(hidden.notice, "notice"),
  ].filter((s) => !s.startsWith("0 "));
  const count = hidden.error + hidden.warning + hidden.notice + unlisted;
  const breakdown = [
    ...(parts.length > 0 ? [parts.join(", ")] : []),
    ...(unlisted > 0 ? [`${formatCount(unlisted)} counted but not listed by the validator`] : []),
  ].join("; ");
  const text = `${plural(count, "more problem")} ${count === 1 ? "is" : "are"} not annotated here (${breakdown}): GitHub shows only a few annotations per step. The full list is in ${fullListAt}.`;
  return `::notice title=${escapeProperty("tunegate: more problems")}::${escapeData(text)}`;
}

function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`;
}
