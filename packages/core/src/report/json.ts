import type { FileReport, ValidationReport } from "../dataset/validate";
import { compareProblems, type ProblemCounts, type Severity } from "../problem";
import { type StatsJson, statsToJson } from "./stats";

/** One problem in the JSON report: the file is the entry it is listed under. */
export interface JsonProblem {
  rule: string;
  severity: Severity;
  line: number;
  column: number;
  path: string;
  message: string;
  hint: string;
}

export interface JsonFileReport {
  path: string;
  role: FileReport["role"];
  records: number;
  problems: JsonProblem[];
  bytes: number;
  /** Problems counted beyond the listing limit and not listed. */
  omitted: number;
  /** Counts of every problem found, listed or not. */
  counts: ProblemCounts;
  stats: StatsJson;
}

/** The stable machine-readable report of `tunegate validate --format json`. */
export interface JsonReport {
  files: JsonFileReport[];
  summary: ProblemCounts;
  model: ValidationReport["model"];
}

/** The JSON report: problems per file in reading order (line, then column), summary counts, stats. */
export function toJsonReport(report: ValidationReport): JsonReport {
  return {
    files: report.files.map((f) => ({
      path: f.path,
      role: f.role,
      records: f.records,
      problems: [...f.problems]
        .sort((a, b) => a.line - b.line || a.column - b.column || compareProblems(a, b))
        .map((p) => ({
          rule: p.rule,
          severity: p.severity,
          line: p.line,
          column: p.column,
          path: p.path,
          message: p.message,
          hint: p.hint,
        })),
      bytes: f.bytes,
      omitted: f.omitted,
      counts: { ...f.counts },
      stats: statsToJson(f.stats),
    })),
    summary: {
      errors: report.summary.errors,
      warnings: report.summary.warnings,
      notices: report.summary.notices,
    },
    model: { ...report.model },
  };
}
