import type { ProblemCounts } from "../problem";
import type { FailOn, ReviewedModel } from "./review-input";

/** The verdict of the whole review: does the check fail under `failOn`? */
export function reviewFails(counts: ProblemCounts, failOn: FailOn): boolean {
  if (failOn === "never") return false;
  return counts.errors > 0 || (failOn === "warning" && counts.warnings > 0);
}

export function reviewCounts(models: readonly ReviewedModel[]): ProblemCounts {
  const total: ProblemCounts = { errors: 0, warnings: 0, notices: 0 };
  for (const m of models) {
    total.errors += m.counts.errors;
    total.warnings += m.counts.warnings;
    total.notices += m.counts.notices;
  }
  return total;
}

export const ICON = { fail: "❌", warn: "⚠️", pass: "✅" } as const;

export function verdictOf(counts: ProblemCounts, failOn: FailOn): keyof typeof ICON {
  if (reviewFails(counts, failOn)) return "fail";
  return counts.errors > 0 || counts.warnings > 0 ? "warn" : "pass";
}
