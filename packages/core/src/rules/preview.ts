import { maskSensitive } from "./sensitive";

/**
 * A value from a dataset quoted in a message. Datasets are untrusted and may be huge, so a quoted value
 * is JSON-escaped (no raw newlines or markup survive), its secrets masked, and cut to a length that
 * fits on one line.
 */
export function preview(value: unknown, max = 40): string {
  // A quoted value shows no secret: masked before it is escaped and cut, while it still reads as written.
  const json = maskSensitive(
    JSON.stringify(typeof value === "string" ? maskSensitive(value) : value) ?? String(value),
  );
  return json.length <= max ? json : `${json.slice(0, max - 4)}..."`;
}
