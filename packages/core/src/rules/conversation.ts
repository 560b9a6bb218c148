import type { PathSegment } from "./define";

/**
 * Every record format normalises to this shape, so the rules that do not depend on the format (roles,
 * empty content, reserved strings, media, tokens, secrets, duplicates, labels) are written once.
 */
export interface TextPart {
  kind: "text";
  text: string;
  path: PathSegment[];
}
export interface MediaPart {
  kind: "image" | "video";
  format: unknown;
  uri: unknown;
  path: PathSegment[];
}
/**
 * A `reasoningContent` block (Nova 2 Lite): `reasoning` when it is `{"reasoningText": {"text": "..."}}` and
 * nothing else, else undefined with `problem` saying what is wrong.
 */
export interface ReasoningPart {
  kind: "reasoning";
  reasoning: TextPart | undefined;
  problem?: string;
  path: PathSegment[];
}
/** A `toolUse` or `toolResult` block: the Converse API's tool sections. */
export interface ToolPart {
  kind: "tool";
  block: string;
  /** The block's value as JSON: part of what the record says, so records that differ here differ. */
  json: string;
  path: PathSegment[];
}
export type Part = TextPart | MediaPart | ReasoningPart | ToolPart;

export interface Turn {
  /** The role as written; empty when it was missing or not a string. */
  role: string;
  parts: Part[];
  path: PathSegment[];
  /** False when the content could not be read (already reported), so content rules skip the turn. */
  readable: boolean;
}

export interface Conversation {
  system: TextPart[];
  turns: Turn[];
  /** The record's own id, JSON-encoded, in formats that carry one (RFT): ids must be unique in a file. */
  recordId?: string;
  /** The answer the record teaches when it is not a final turn (RFT's reference answer, JSON-encoded). */
  reference?: string;
  /** Paths of top-level tool sections (`toolConfig`), which only some models take. */
  toolSections?: PathSegment[][];
}

/** Where a problem sits inside a record, and what to tell the user. */
export interface RecordFinding {
  rule: string;
  path: PathSegment[];
  message: string;
  /** Overrides the rule's default hint when the check knows a more precise fix. */
  hint?: string;
}

/** The rules of one record format: structure checks that end in a normalised conversation. */
export interface FormatParser {
  /** Returns the conversation, or undefined when the structure is too broken to read one. */
  parse(record: unknown, report: (finding: RecordFinding) => void): Conversation | undefined;
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  return `a ${typeof value}`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
