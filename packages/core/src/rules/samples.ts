import type { RecordFormat } from "../catalog/schema";

/**
 * One JSONL record in a given format, for rule examples in the docs: the same conversation written as
 * each format writes it.
 */
export function sampleRecord(
  format: RecordFormat,
  turns: readonly [string, string][],
  system?: string,
): string {
  if (format === "prompt-completion") {
    return JSON.stringify({ prompt: turns[0]?.[1] ?? "", completion: turns[1]?.[1] ?? "" });
  }
  if (format === "claude-messages") {
    return JSON.stringify({
      ...(system === undefined ? {} : { system }),
      messages: turns.map(([role, content]) => ({ role, content })),
    });
  }
  return JSON.stringify({
    schemaVersion: "bedrock-conversation-2024",
    ...(system === undefined ? {} : { system: [{ text: system }] }),
    messages: turns.map(([role, text]) => ({ role, content: [{ text }] })),
  });
}
