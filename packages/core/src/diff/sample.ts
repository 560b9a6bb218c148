import type { RecordFormat } from "../catalog/schema";
import type { DatasetIo } from "../dataset/io";
import { readChunkedLines } from "../dataset/line-reader";
import { claudeParser } from "../rules/claude-format";
import type { Conversation, FormatParser } from "../rules/conversation";
import { converseParser } from "../rules/converse-format";
import { promptCompletionParser } from "../rules/prompt-completion-format";
import { rftParser } from "../rules/rft-format";
import { maskSensitive } from "../rules/sensitive";

/**
 * A record kept to show reviewers what changed: its text, bounded so that keeping a few samples of a
 * file with megabyte-long lines stays cheap. Text is raw (untrusted): renderers escape it. Secrets and
 * personal data are masked here, once, so no output that shows a sample can show one.
 */
export interface SampleTurn {
  role: string;
  text: string;
  /** Images and videos in the turn, shown as a count. */
  media: number;
  /** True when `text` was cut to the sample limit. */
  truncated: boolean;
}

export interface SampleRecord {
  /** The line of the file the record is on (1-based). */
  line: number;
  /** The system prompt ("" when there is none). */
  system: string;
  systemTruncated: boolean;
  turns: SampleTurn[];
  /** Turns left out from the middle of a long conversation. */
  omittedTurns: number;
}

export interface SampleLimits {
  /** Longest text kept per turn and for the system prompt, in UTF-16 code units. */
  maxTextChars: number;
  /** Most turns kept: the first ones and the final reply, the middle is counted. */
  maxTurns: number;
}

export const DEFAULT_SAMPLE_LIMITS: SampleLimits = { maxTextChars: 1_500, maxTurns: 6 };

/** Cuts `text` to `max` code units without splitting a surrogate pair. */
export function cutText(text: string, max: number): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  let end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { text: text.slice(0, end), truncated: true };
}

// Text kept past the sample limit so a secret that straddles the cut is still recognised and masked
// whole: the longest credential format the scan knows is well under this.
const MASK_MARGIN = 32 * 1024;

/** The sample's text with every secret and personal datum masked, then cut to the limit. */
function maskedCut(text: string, max: number): { text: string; truncated: boolean } {
  const head = cutText(text, max + MASK_MARGIN);
  const cut = cutText(maskSensitive(head.text), max);
  return { text: cut.text, truncated: cut.truncated || head.truncated };
}

export function toSample(
  line: number,
  conversation: Conversation,
  limits: SampleLimits = DEFAULT_SAMPLE_LIMITS,
): SampleRecord {
  const system = maskedCut(conversation.system.map((s) => s.text).join("\n"), limits.maxTextChars);
  const all = conversation.turns;
  const keep = Math.max(2, limits.maxTurns);
  // The opening turns say what the record is about; the last one is what the model learns to answer.
  const head = all.length > keep ? all.slice(0, keep - 1) : all;
  const tail = all.length > keep ? all.slice(all.length - 1) : [];
  const turns = [...head, ...tail].map((turn): SampleTurn => {
    let text = "";
    let media = 0;
    for (const p of turn.parts) {
      if (p.kind === "text") text += text ? `\n${p.text}` : p.text;
      else media++;
      if (text.length > limits.maxTextChars + MASK_MARGIN) break;
    }
    const cut = maskedCut(text, limits.maxTextChars);
    return { role: turn.role, text: cut.text, media, truncated: cut.truncated };
  });
  // What an RFT prompt is graded against, shown after the prompt like a reply.
  if (conversation.reference !== undefined) {
    const cut = maskedCut(referenceText(conversation.reference), limits.maxTextChars);
    turns.push({ role: "reference_answer", text: cut.text, media: 0, truncated: cut.truncated });
  }
  return {
    line,
    system: system.text,
    systemTruncated: system.truncated,
    turns,
    omittedTurns: all.length - head.length - tail.length,
  };
}

/** A reference answer (kept as JSON) as a reviewer reads it: a string as itself, anything else as JSON. */
function referenceText(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "string" ? value : json;
  } catch {
    return json;
  }
}

const PARSERS: Record<RecordFormat, FormatParser> = {
  "claude-messages": claudeParser,
  "bedrock-conversation-2024": converseParser,
  "prompt-completion": promptCompletionParser,
  "rft-chat": rftParser,
};

/** Sees the conversation on one of the wanted lines. */
export type ConversationVisitor = (line: number, conversation: Conversation) => void;

/**
 * Reads the records on the given lines of a JSONL file. Only those lines are parsed; the rest of the
 * file is scanned for line breaks and dropped (memory stays flat), and reading stops after the last.
 */
export async function readConversationsAt(
  io: Pick<DatasetIo, "chunks">,
  path: string,
  lines: ReadonlySet<number>,
  format: RecordFormat,
  visit: ConversationVisitor,
): Promise<void> {
  if (lines.size === 0) return;
  const last = Math.max(...lines);
  const parser = PARSERS[format];
  const done = new Error("all wanted lines read");
  try {
    await readChunkedLines(io.chunks(path), {
      head: () => true,
      overlong: () => {},
      batch: ({ bytes, firstLine }) => {
        if (firstLine > last) throw done;
        let start = 0;
        for (let line = firstLine; start < bytes.length; line++) {
          let end = bytes.indexOf(10, start);
          if (end === -1) end = bytes.length;
          if (lines.has(line)) {
            const conversation = parseLine(bytes.toString("utf8", start, end), parser);
            if (conversation) visit(line, conversation);
          }
          start = end + 1;
        }
      },
    });
  } catch (err) {
    if (err !== done) throw err;
  }
}

function parseLine(text: string, parser: FormatParser): Conversation | undefined {
  const clean = text.replace(/^\uFEFF/, "").replace(/\r$/, "");
  try {
    return parser.parse(JSON.parse(clean), () => {});
  } catch {
    return undefined;
  }
}
