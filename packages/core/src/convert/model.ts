/**
 * The one conversation model every dataset format is read into and written from: readers per source
 * format, writers per target format, so a new format is one reader and one writer, not a function per
 * pair. It holds everything any supported format can say, so a record converted to a format that says
 * less loses exactly what the writer reports.
 */
import { UserError } from "../user-error";

/** Where an image or video lives: an S3 object (the only source Bedrock training data takes), a URL, or inline bytes. */
export type MediaSource = { s3: string } | { url: string } | { base64: string; mediaType?: string };

export type Block = (
  | { type: "text"; text: string }
  | { type: "reasoning"; text: string }
  | { type: "image" | "video"; format?: string; source: MediaSource; detail?: string }
  | { type: "toolUse"; id: string; name: string; input: unknown }
  | { type: "toolResult"; toolUseId: string; text: string; status?: string }
) & {
  /** Where the block was in the source record, so a loss is reported where the user wrote it. */
  at?: string;
};

export interface ChatMessage {
  role: "user" | "assistant";
  content: Block[];
  /** OpenAI's speaker name. */
  name?: string;
  /** OpenAI's per-turn training weight (0: the turn is context, not trained on). */
  weight?: number;
  /** Where the message was in the source record. */
  at?: string;
}

export interface Chat {
  /** System prompt blocks, in order. */
  system: string[];
  messages: ChatMessage[];
  /** System messages written inside the conversation, each before the message at `before`. */
  lateSystem: { before: number; text: string; at?: string }[];
  /** OpenAI's function definitions for the tools the conversation calls. */
  tools?: unknown;
  /** The grader's reference answer (reinforcement fine-tuning). */
  reference?: { value: unknown };
  id?: unknown;
  /** Top-level fields passed through to the grader (reinforcement fine-tuning). */
  metadata?: Record<string, unknown>;
  /** Converse `schemaVersion` as written, so a Converse record is written back as it was. */
  schemaVersion?: string;
}

/** Something of a record the target cannot carry: where it was in the source record, and what it is. */
export interface Loss {
  path: string;
  what: string;
  /** Nothing sensible can be written even when dropping is allowed (e.g. a multi-turn prompt/completion). */
  fatal?: boolean;
}

/** A source record that cannot be read as a conversation at all. */
export class UnreadableRecord extends UserError {
  override name = "UnreadableRecord";
  constructor(
    message: string,
    readonly path = "",
  ) {
    super(message);
  }
}

export const textOf = (blocks: readonly Block[]): string[] =>
  blocks.flatMap((b) => (b.type === "text" ? [b.text] : []));
