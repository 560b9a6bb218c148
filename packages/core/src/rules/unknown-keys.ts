import { formatCount } from "../format-count";
import type { RecordFinding } from "./conversation";
import type { PathSegment } from "./define";

/**
 * Unknown keys listed one by one per object; the rest are one finding. Each finding is located in the
 * record's text by a scan, so listing every key of a record with 100,000 of them would take minutes
 * (one scan per key) for a report nobody reads past the first few.
 */
export const UNKNOWN_KEYS_LISTED = 10;

/**
 * Reports the keys of `object` that `known` lacks under `rule`: the first `UNKNOWN_KEYS_LISTED` each at
 * its own path, then one finding at the object that counts the others. `where` names the object in
 * messages ("the record", "messages[0]").
 */
export function reportUnknownKeys(
  object: Record<string, unknown>,
  known: { has(key: string): boolean },
  at: readonly PathSegment[],
  where: string,
  rule: string,
  report: (f: RecordFinding) => void,
): void {
  let unknown = 0;
  const more: string[] = [];
  for (const key in object) {
    if (known.has(key)) continue;
    unknown++;
    if (unknown <= UNKNOWN_KEYS_LISTED) {
      report({ rule, path: [...at, key], message: `Unknown key "${key}" in ${where}.` });
    } else if (more.length < 3) more.push(key);
  }
  const rest = unknown - UNKNOWN_KEYS_LISTED;
  if (rest > 0) {
    const named = more.map((k) => `"${k.length > 40 ? `${k.slice(0, 40)}…` : k}"`).join(", ");
    report({
      rule,
      path: [...at],
      message: `${formatCount(rest)} more unknown key${rest === 1 ? "" : "s"} in ${where} (${named}${rest > more.length ? ", …" : ""}).`,
    });
  }
}
