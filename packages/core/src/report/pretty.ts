import { type FileReport, formatBytes, type ValidationReport } from "../dataset/validate";
import { compareProblems, type Problem, type ProblemCounts, type Severity } from "../problem";
import { int, type Paint, paint } from "./ansi";
import { stripInvisible } from "./markdown-safe";
import { collapseSystematic } from "./systematic";

export interface PrettyOptions {
  /** ANSI colours; the caller decides (a TTY, NO_COLOR, FORCE_COLOR). */
  color: boolean;
}

/**
 * The terminal report of `tunegate validate`: per file a header, then its problems (errors first,
 * then by line) as `file:line:col  severity  message  [rule]`, each followed by a dimmed line with the
 * JSON path and the hint (a hint already shown for the same rule in the file is not repeated), and a
 * closing summary line.
 */
/**
 * File names and messages come from the dataset and its repository: an escape code in them would
 * recolour, move the cursor or retitle the terminal. They are shown as the PR comment shows them, with
 * control and bidi characters replaced by U+FFFD; a name also keeps to one line.
 */
const shown = (text: string) => stripInvisible(text);
const shownName = (name: string) => stripInvisible(name).replace(/[\r\n\t]/g, "\ufffd");

export function toPretty(report: ValidationReport, options: PrettyOptions): string {
  const c = paint(options.color);
  const out: string[] = [];
  for (const file of report.files) {
    out.push(...fileSection(file, c), "");
  }
  out.push(summaryLine(report, c));
  return `${out.join("\n")}\n`;
}

function fileSection(file: FileReport, c: Paint): string[] {
  const header = `${c.bold(shownName(file.path))} ${c.dim(`(${file.role}, ${int(file.records)} record${file.records === 1 ? "" : "s"}, ${formatBytes(file.bytes)})`)}`;
  const total = file.counts.errors + file.counts.warnings + file.counts.notices;
  if (total === 0) return [`${header}  ${c.green("no problems")}`];

  // One systematic problem is one entry with its count, not a screen of identical lines.
  const problems = collapseSystematic(file.problems, () => file.records).problems.sort(compareProblems);
  const locations = problems.map((p) => `${shownName(p.file)}:${p.line}:${p.column}`);
  const locationWidth = Math.max(...locations.map((l) => l.length));
  // Details line up under the message, unless long paths would push them off a normal terminal.
  const indent = " ".repeat(locationWidth > 40 ? 4 : 2 + locationWidth + 2 + 7 + 2);
  const hintsShown = new Set<string>();
  const lines = [`${header}  ${countsText(file.counts, c)}`];
  problems.forEach((p, i) => {
    lines.push(
      `  ${locations[i]!.padEnd(locationWidth)}  ${severityText(p.severity, c)}  ${shown(p.message)}  ${c.dim(`[${p.rule}]`)}`,
    );
    const detail = detailLine(p, hintsShown);
    if (detail) lines.push(`${indent}${c.dim(shown(detail))}`);
  });
  if (file.omitted > 0) {
    lines.push(
      `  ${c.yellow(`${int(file.omitted)} more problem${file.omitted === 1 ? "" : "s"} counted but not listed: fix the ones above first (they are often one mistake repeated).`)}`,
    );
  }
  return lines;
}

function detailLine(p: Problem, hintsShown: Set<string>): string {
  const key = `${p.rule}\u0000${p.hint}`;
  const hint = hintsShown.has(key) ? "" : p.hint;
  hintsShown.add(key);
  return [p.path ? `at ${p.path}` : "", hint].filter(Boolean).join(": ");
}

function severityText(severity: Severity, c: Paint): string {
  const padded = severity.padEnd(7);
  return severity === "error" ? c.red(padded) : severity === "warning" ? c.yellow(padded) : c.cyan(padded);
}

function countsText(counts: ProblemCounts, c: Paint): string {
  const parts = [
    counts.errors > 0 ? c.red(plural(counts.errors, "error")) : "",
    counts.warnings > 0 ? c.yellow(plural(counts.warnings, "warning")) : "",
    counts.notices > 0 ? c.cyan(plural(counts.notices, "notice")) : "",
  ];
  return parts.filter(Boolean).join(", ");
}

function summaryLine(report: ValidationReport, c: Paint): string {
  const { errors, warnings, notices } = report.summary;
  const records = report.files.reduce((n, f) => n + f.records, 0);
  const scope = `${plural(report.files.length, "file")}, ${plural(records, "record")}, checked for ${report.model.name}`;
  if (errors + warnings + notices === 0) return c.green(`✔ No problems in ${scope}.`);
  const counts = `${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(notices, "notice")}`;
  if (errors > 0) return c.red(c.bold(`✖ ${counts} in ${scope}.`));
  return c.yellow(`⚠ ${counts} in ${scope}: nothing blocks training.`);
}

function plural(n: number, noun: string): string {
  return `${int(n)} ${noun}${n === 1 ? "" : "s"}`;
}
