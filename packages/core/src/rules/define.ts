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

/**
 * How a rule's check reports a problem: the engine applies the configured severity, the listing limit
 * and the masking of sensitive text, so the check only says where and what.
 */
export type EmitProblem = (
  rule: string,
  line: number,
  column: number,
  path: string,
  message: string,
  hint?: string,
) => void;

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

/*
 * Shared, frozen paths for the hot path: every part of every record carries a path such as
 * ["messages", 3, "content"], and a fresh array for each is measurable garbage on large files. Paths are
 * only ever read or copied, never changed. Cached by index (a string key would cost more than it saves).
 */
const messagePaths: PathSegment[][] = [];
const contentPaths: PathSegment[][] = [];
const blockTextPaths: PathSegment[][][] = [];
const systemBlockPaths: PathSegment[][] = [];

function cached<T>(slots: T[], index: number, make: () => T): T {
  let value = slots[index];
  if (value === undefined) {
    value = make();
    slots[index] = value;
  }
  return value;
}
const frozen = (...path: PathSegment[]) => Object.freeze(path) as PathSegment[];

/** `["messages", i]` */
export const messagePath = (i: number) => cached(messagePaths, i, () => frozen("messages", i));
/** `["messages", i, "content"]` */
export const contentPath = (i: number) => cached(contentPaths, i, () => frozen("messages", i, "content"));
/** `["messages", i, "content", j, "text"]` */
export const blockTextPath = (i: number, j: number) =>
  cached(
    cached(blockTextPaths, i, () => []),
    j,
    () => frozen("messages", i, "content", j, "text"),
  );
/** `["system", i, "text"]` */
export const systemBlockPath = (i: number) => cached(systemBlockPaths, i, () => frozen("system", i, "text"));
/** A one-key path such as `["system"]` or `["prompt"]`. */
const keyPaths = new Map<string, PathSegment[]>();
export const keyPath = (key: string) => {
  let path = keyPaths.get(key);
  if (!path) {
    path = frozen(key);
    keyPaths.set(key, path);
  }
  return path;
};
