import type { RecordFormat } from "../catalog/schema";
import type { Severity } from "../problem";

/** What a rule is, for the engine, the docs and the reports. */
export interface RuleMeta {
  /** Stable id: `family/name`. Users configure severities by it, so never rename one. */
  id: string;
  /** Severity unless the configuration says otherwise. */
  severity: Severity;
  /** One line: what the rule checks. */
  title: string;
  /** What to do about a problem, when the check does not say something more precise. */
  hint: string;
  /** Formats the rule applies to; absent: every format. */
  formats?: readonly RecordFormat[];
  /** A failing JSONL record (or file description) and its fix, for the docs. */
  example?: { bad: string; good: string };
}

export function defineRule(meta: RuleMeta): RuleMeta {
  return Object.freeze(meta);
}

/** A segment of a JSON path inside a record: a key or an array index. */
export type PathSegment = string | number;

/** `["messages", 3, "role"]` -> `messages[3].role`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

const pathCache = new Map<string, readonly PathSegment[]>();

/**
 * A shared, frozen path for the hot path: a record's parts carry paths such as
 * `["messages", 3, "content"]`, and building a new array for every part of every record is measurable
 * garbage on large files. Paths are only ever read or copied, never changed.
 */
export function sharedPath(...segments: PathSegment[]): PathSegment[] {
  const key = segments.join("\u0000");
  let path = pathCache.get(key);
  if (!path) {
    path = Object.freeze(segments);
    if (pathCache.size < 10_000) pathCache.set(key, path);
  }
  return path as PathSegment[];
}
