import {
  collapseSystematic,
  type DatasetFile,
  type DatasetRole,
  findRule,
  formatCount,
  type SeverityOverride,
  toJsonReport,
  toPretty,
  toSarif,
  toWorkflowCommands,
  type ValidationReport,
} from "@tunegate/core";
import { UsageError } from "./io";
import { displayName, oneOf } from "./options";
import { VERSION } from "./version";

export const VALIDATE_FORMATS = ["pretty", "json", "github", "sarif"] as const;
const LEVELS = ["error", "warning", "notice", "off"] as const;
const PREFIX = /^(train|validation):(.+)$/;

/** The path of a `train:path` or `validation:path` argument, or the argument itself. */
export function datasetPath(arg: string): string {
  return PREFIX.exec(arg)?.[2] ?? arg;
}

/** `train:path` and `validation:path` set the role of one file; anything else takes --role, else tunegate.yml's. */
export function datasetFile(arg: string, roleOf: (path: string) => DatasetRole, cwd: string): DatasetFile {
  const m = PREFIX.exec(arg);
  const path = m ? m[2]! : arg;
  return { path, role: m ? (m[1] as DatasetRole) : roleOf(path), name: displayName(path, cwd) };
}

/** `--severity RULE=LEVEL` flags, each naming a rule that exists. */
export function parseSeverities(specs: readonly string[]): Record<string, SeverityOverride> {
  const out: Record<string, SeverityOverride> = {};
  for (const spec of specs) {
    const eq = spec.lastIndexOf("=");
    if (eq <= 0)
      throw new UsageError(`--severity takes RULE=LEVEL, e.g. labels/imbalance=error; got "${spec}".`);
    const rule = spec.slice(0, eq);
    if (!findRule(rule)) {
      throw new UsageError(
        `--severity names an unknown rule "${rule}". Rule ids look like "claude/roles-alternate"; the report shows each problem's rule in brackets.`,
      );
    }
    out[rule] = oneOf(`--severity ${rule}=`, spec.slice(eq + 1), LEVELS);
  }
  return out;
}

/** The report in the format asked for. */
export function renderReport(
  report: ValidationReport,
  format: (typeof VALIDATE_FORMATS)[number],
  color: boolean,
): string {
  switch (format) {
    case "pretty":
      return toPretty(report, { color });
    case "json":
      return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
    case "sarif":
      return `${JSON.stringify(toSarif(report, { toolVersion: VERSION }), null, 2)}\n`;
    case "github": {
      // One annotation per systematic problem (with its count), not one per record.
      const problems = report.files.flatMap((f) => collapseSystematic(f.problems, () => f.records).problems);
      const unlisted = report.files.reduce((n, f) => n + f.omitted, 0);
      const lines = toWorkflowCommands(problems, { unlisted });
      lines.push(`tunegate: ${countsSentence(report)}.`);
      return `${lines.join("\n")}\n`;
    }
  }
}

export function countsSentence(report: ValidationReport): string {
  const { errors, warnings, notices } = report.summary;
  const files = report.files.length;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}, ${plural(notices, "notice")} in ${plural(files, "file")} checked for ${report.model.name}`;
}

function plural(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? "" : "s"}`;
}
