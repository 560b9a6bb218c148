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
  if (format === "rft-chat") {
    // A prompt, its final reply the grader's reference answer. A blank final reply stays in the prompt,
    // so the empty-content example shows an empty message rather than an empty reference answer.
    const last = turns[turns.length - 1];
    const answered = last !== undefined && last[0] === "assistant" && last[1].trim() !== "";
    const prompt = answered ? turns.slice(0, -1) : turns;
    return JSON.stringify({
      messages: [
        ...(system === undefined ? [] : [{ role: "system", content: system }]),
        ...prompt.map(([role, content]) => ({ role, content })),
      ],
      reference_answer: answered ? last[1] : "ROUTE: billing",
    });
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
