import { formatCount } from "../format-count";
import type { Problem } from "../problem";

/**
 * A problem is systematic when the same rule, at the same severity, fires on at least this share of a
 * file's records and on at least SYSTEMATIC_MIN_RECORDS of them: the file was written the wrong way
 * once (a converter, a template), not record by record. Reviewers need to see that once, with its
 * count and where it starts, rather than hundreds of identical rows crowding out the real findings.
 */
export const SYSTEMATIC_SHARE = 0.5;
export const SYSTEMATIC_MIN_RECORDS = 10;
/** Lines named in a systematic problem's message. */
const FIRST_LINES = 5;

export interface CollapsedProblems {
  /** The problems, each systematic group replaced by its first problem, which names the count. */
  problems: Problem[];
  /** Problems folded into a systematic group (listed no more, but counted in its message). */
  folded: number;
}

/**
 * Folds every systematic problem into one: the first occurrence, its message followed by how many
 * records have it and their first lines. The terminal report, the annotations and the PR comment show
 * this; the JSON report and SARIF keep every problem, for tools. `records` is the record count per file.
 */
export function collapseSystematic(
  problems: readonly Problem[],
  records: (file: string) => number | undefined,
): CollapsedProblems {
  const groups = new Map<string, Problem[]>();
  for (const p of problems) {
    const key = `${p.file}\u0000${p.rule}\u0000${p.severity}`;
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
    }
    group.push(p);
  }
  const replaced = new Map<Problem, Problem | null>();
  let folded = 0;
  for (const group of groups.values()) {
    const lines = [...new Set(group.map((p) => p.line))].sort((a, b) => a - b);
    const total = records(group[0]!.file);
    // (More lines than records: the problems are not this file version's, so their share says nothing.)
    if (
      total === undefined ||
      lines.length > total ||
      lines.length < SYSTEMATIC_MIN_RECORDS ||
      lines.length < total * SYSTEMATIC_SHARE
    ) {
      continue;
    }
    const first = group.reduce((a, b) =>
      b.line < a.line || (b.line === a.line && b.column < a.column) ? b : a,
    );
    const shown = lines.slice(0, FIRST_LINES).join(", ");
    const more = lines.length - FIRST_LINES;
    replaced.set(first, {
      ...first,
      message: `${first.message} The same problem is on ${formatCount(lines.length)} of ${formatCount(total)} records (lines ${shown}${more > 0 ? ` and ${formatCount(more)} more` : ""}): one cause to fix once.`,
    });
    for (const p of group) if (p !== first) replaced.set(p, null);
    folded += group.length - 1;
  }
  if (folded === 0) return { problems: [...problems], folded: 0 };
  const out: Problem[] = [];
  for (const p of problems) {
    const r = replaced.get(p);
    if (r === undefined) out.push(p);
    else if (r !== null) out.push(r);
  }
  return { problems: out, folded };
}
