import { type Chat, type Loss, textOf, UnreadableRecord } from "../convert/model";
import { detectFormat, READERS, type SourceFormat } from "../convert/readers";
import type { EvalMessage } from "../evaluation/eval-set";
import { isObject } from "../rules/conversation";
import { preview } from "../rules/preview";

/** One prompt for the teacher: the conversation up to the reply the teacher is to write. */
export interface DistillPrompt {
  /** The prompt's line in the prompts file. */
  line: number;
  /** The system prompt's text ("" when none). */
  system: string;
  /** Text turns, starting and ending with a user turn. */
  messages: EvalMessage[];
}

export type PromptRead = { prompt: DistillPrompt } | { line: number; reason: string };

/**
 * Reads one line of a prompts file: `{"prompt": "...", "system"?: "..."}` (one prompt per line), or a
 * record in any format convert reads (a final assistant turn, if any, is what the teacher replaces).
 * `from` is the file's format once a record has shown it. The teacher is asked text only: a prompt with
 * images, tool calls or a system message inside the conversation is refused with its reason.
 */
export function readPrompt(
  raw: string,
  line: number,
  from?: SourceFormat,
): PromptRead & { from?: SourceFormat } {
  let record: unknown;
  try {
    record = JSON.parse(raw);
  } catch (err) {
    return { line, reason: `not JSON (${(err as Error).message})` };
  }
  if (!isObject(record)) return { line, reason: "not a JSON object" };
  if (typeof record.prompt === "string" && !("completion" in record)) {
    const extra = Object.keys(record).filter((k) => k !== "prompt" && k !== "system");
    if (extra.length > 0) return { line, reason: `unknown field "${extra[0]}" beside "prompt"` };
    if (record.system !== undefined && typeof record.system !== "string")
      return { line, reason: `"system" is ${preview(record.system)}, not a string` };
    if (record.prompt.trim() === "") return { line, reason: "the prompt is empty" };
    return {
      prompt: { line, system: record.system ?? "", messages: [{ role: "user", text: record.prompt }] },
    };
  }
  const format = from ?? detectFormat(record);
  const losses: Loss[] = [];
  let chat: Chat;
  try {
    chat = READERS[format ?? "openai-chat"](record, losses);
  } catch (err) {
    if (err instanceof UnreadableRecord) return { line, reason: err.message };
    throw err;
  }
  const found = format === undefined ? {} : { from: format };
  return { ...promptOf(chat, line), ...found };
}

function promptOf(chat: Chat, line: number): PromptRead {
  const messages = [...chat.messages];
  if (messages.at(-1)?.role === "assistant") messages.pop();
  if (messages.length === 0 || messages[0]!.role !== "user")
    return { line, reason: "the conversation does not start with a user turn" };
  if (chat.lateSystem.length > 0) return { line, reason: "a system message inside the conversation" };
  const turns: EvalMessage[] = [];
  for (const m of messages) {
    const other = m.content.find((b) => b.type !== "text");
    if (other) return { line, reason: `a ${other.type} block: the teacher is asked text only` };
    turns.push({ role: m.role, text: textOf(m.content).join("\n") });
  }
  return { prompt: { line, system: chat.system.join("\n"), messages: turns } };
}
