/** How bad a problem is. Errors block training; warnings and notices inform the reviewer. */
export type Severity = "error" | "warning" | "notice";

/** A severity as configured per rule: `off` silences the rule. */
export type SeverityOverride = Severity | "off";

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** One problem found in a dataset, pointed at its place. */
export interface Problem {
  /** Stable rule id, e.g. `claude/roles-alternate`. */
  rule: string;
  severity: Severity;
  /** The dataset file, as the user named it. */
  file: string;
  /** 1-based line of the file (for a file-level problem, the line where it shows first). */
  line: number;
  /** 1-based column in characters (UTF-16 code units, as editors and GitHub count). */
  column: number;
  /** JSON path inside the record, e.g. `messages[3].role`; empty for file-level problems. */
  path: string;
  message: string;
  /** What to do about it. */
  hint: string;
}

export interface ProblemCounts {
  errors: number;
  warnings: number;
  notices: number;
}

export function countProblems(problems: Iterable<Pick<Problem, "severity">>): ProblemCounts {
  const counts: ProblemCounts = { errors: 0, warnings: 0, notices: 0 };
  for (const p of problems) {
    if (p.severity === "error") counts.errors++;
    else if (p.severity === "warning") counts.warnings++;
    else counts.notices++;
  }
  return counts;
}

export function addCounts(a: ProblemCounts, b: ProblemCounts): ProblemCounts {
  return { errors: a.errors + b.errors, warnings: a.warnings + b.warnings, notices: a.notices + b.notices };
}

/** Most important first: errors before warnings before notices, then by file and line. */
export function compareProblems(a: Problem, b: Problem): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column
  );
}
