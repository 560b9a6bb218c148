import { compareProblems, type Problem, SEVERITY_RANK } from "../problem";

/**
 * Rule ids (exact) and families (ending in "/") from most to least important, for reports that can
 * show only a few problems (GitHub keeps 10 annotations per severity and step). Within a severity,
 * what stops the job or leaks data comes before what only needs a record fixed.
 */
const IMPORTANCE: readonly string[] = [
  // The file cannot be read as JSONL at all: every other finding follows from it.
  "file/",
  // A credential in the repository needs rotating, whatever else is wrong.
  "sensitive/secret",
  // Bedrock refuses the whole job.
  "dataset/too-few-records",
  "dataset/too-many-records",
  "dataset/total-records",
  "tokens/record-limit",
  // A record Bedrock cannot parse.
  "json/",
  "claude/",
  "converse/",
  "prompt-completion/",
  // Training runs, but learns something unwanted.
  "sensitive/",
  "dataset/validation-leak",
  "dataset/conflicting-answers",
  "tokens/",
  "dataset/",
  "labels/",
];

/** 0 for the most important rule; unknown rules come last. */
export function ruleImportance(ruleId: string): number {
  for (const [i, entry] of IMPORTANCE.entries()) {
    if (entry.endsWith("/") ? ruleId.startsWith(entry) : ruleId === entry) return i;
  }
  return IMPORTANCE.length;
}

/**
 * Problems in the order a reviewer should see them when only the first few are shown: errors, then
 * warnings, then notices; within a severity the first problem of every rule before any repeat (ten
 * copies of one mistake say less than ten different mistakes), then by rule importance, file and line.
 * Returns a new array; the input is left as it is.
 */
export function rankProblems<P extends Problem>(problems: readonly P[]): P[] {
  const inReadingOrder = [...problems].sort(compareProblems);
  const seen = new Set<string>();
  const repeat = new Map<P, boolean>();
  for (const p of inReadingOrder) {
    const key = `${p.severity}\u0000${p.rule}`;
    repeat.set(p, seen.has(key));
    seen.add(key);
  }
  return inReadingOrder.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      Number(repeat.get(a)) - Number(repeat.get(b)) ||
      ruleImportance(a.rule) - ruleImportance(b.rule) ||
      compareProblems(a, b),
  );
}
