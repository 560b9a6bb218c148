/**
 * A value from a dataset quoted in a message. Datasets are untrusted and may be huge, so a quoted value
 * is JSON-escaped (no raw newlines or markup survive) and cut to a length that fits on one line.
 */
export function preview(value: unknown, max = 40): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length <= max ? json : `${json.slice(0, max - 4)}..."`;
}
