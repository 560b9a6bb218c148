import type { BaseModel, RecordFormat } from "../catalog/schema";
import { claudeParser } from "../rules/claude-format";
import type { Conversation, FormatParser, RecordFinding } from "../rules/conversation";
import { checkConversation, reservedStringMarkers } from "../rules/conversation-rules";
import { converseParser, conversePromptParser } from "../rules/converse-format";
import { formatPath, type PathSegment } from "../rules/define";
import { isPromptDataset } from "../rules/distillation-rules";
import { fileRules, jsonRules } from "../rules/file-rules";
import { compileMarkerTest, type MarkerTest } from "../rules/marker-search";
import { promptCompletionParser } from "../rules/prompt-completion-format";
import { rftParser } from "../rules/rft-format";
import { findSensitive, maskSensitive, SECRET_MARKERS, sensitiveFamilies } from "../rules/sensitive";
import type { DatasetIo } from "./io";
import { locateValue, rawIndexInString } from "./json-locate";
import { findJsonSyntaxError } from "./json-syntax";
import { compileLabelPattern, type LabelPattern } from "./label-pattern";
import { firstInvalidUtf8, isBlankBytes, lineEnds, startsWithBom } from "./line-bytes";
import type { LineBatch } from "./line-reader";
import { finalReply, joinText, losesContent, promptKey, recordIdentity, textsOf } from "./prompt-identity";

/**
 * The checks of one line that need nothing but the line: structure, format, conversation, sensitive
 * text, the token bound, and the record's identity. It keeps no state across lines, so batches can be
 * checked on worker threads and merged in line order by the file checker.
 */

/** A problem found on a line, before the configuration decides its severity. */
export interface LineFinding {
  rule: string;
  line: number;
  column: number;
  path: string;
  message: string;
  hint?: string;
}

/** What a batch of lines yields: plain data that crosses threads cheaply (typed arrays for records). */
export interface BatchResult {
  findings: LineFinding[];
  crlf: { count: number; first: number };
  /** Per record (non-empty line), in line order. */
  records: {
    count: number;
    line: Int32Array;
    offset: Float64Array;
    length: Int32Array;
    chars: Int32Array;
    turns: Int32Array;
    hasSystem: Uint8Array;
    /** Media kinds in the record: bit 1 an image, bit 2 a video (for one-kind-per-dataset rules). */
    media: Uint8Array;
    /**
     * The prompt's identity (everything but the final reply): 53 bits of its SHA-1, NaN for a record
     * with no readable conversation. A number, not a string, keeps the per-record state small; a shared
     * key is confirmed by comparing the prompts themselves before anything is reported.
     */
    promptKey: Float64Array;
    /** The record's own id per record, in formats that carry one (see Conversation.recordId). */
    ids: (string | undefined)[] | undefined;
    /** Label per record when a label pattern is set: undefined when the reply does not match. */
    labels: (string | undefined)[] | undefined;
  };
  /** Records whose bytes exceed the token limit: the file checker tokenizes these. */
  tokenChecks: { line: number; text: string; chars: number }[];
  /** Text of the batch's first records for token calibration, when asked for. */
  sample: string;
  /** Records whose text is in `sample`. */
  sampleRecords: number;
}

export interface LineCheckerOptions {
  model: BaseModel;
  labelPattern?: string;
}

export interface BatchOptions {
  /** How much calibration text to collect from this batch. */
  sampleChars?: number;
  /** The file starts with a byte-order mark: strip it from line 1 (the file checker reports it). */
  bom?: boolean;
}

/** One record as the engine read it, for consumers such as the dataset diff. */
export interface RecordView {
  line: number;
  conversation: Conversation;
  /** Identity of the prompt: everything but the final assistant reply. */
  promptHash: string;
  /** The final assistant reply ("" when the record does not end with one). */
  answer: string;
}

export const MEDIA_IMAGE = 1;
export const MEDIA_VIDEO = 2;

const PARSERS: Record<RecordFormat, FormatParser> = {
  "claude-messages": claudeParser,
  "bedrock-conversation-2024": converseParser,
  "prompt-completion": promptCompletionParser,
  "rft-chat": rftParser,
};

/** What the line checks need of the machine: the digest of prompt keys and the UTF-8 check. */
export type LineIo = Pick<DatasetIo, "sha1" | "isUtf8">;

export class LineChecker {
  readonly parser: FormatParser;
  readonly #io: LineIo;
  readonly #model: BaseModel;
  readonly #labels: LabelPattern | undefined;
  readonly #markers: MarkerTest | undefined;
  /** Line ends of the current batch, reused from batch to batch. */
  #ends: Int32Array = new Int32Array(4096);

  constructor(options: LineCheckerOptions, io: LineIo) {
    this.#io = io;
    this.#model = options.model;
    this.parser = isPromptDataset(options.model) ? conversePromptParser : PARSERS[options.model.format];
    this.#labels = compileLabelPattern(options.labelPattern);
    const reserved = reservedStringMarkers(options.model);
    this.#markers = reserved ? compileMarkerTest([...SECRET_MARKERS, ...reserved]) : undefined;
  }

  /** Checks every line of the batch; `onRecord` (same thread only) sees each readable record. */
  checkBatch(
    batch: LineBatch,
    options: BatchOptions = {},
    onRecord?: (record: RecordView) => void,
  ): BatchResult {
    const sampleChars = options.sampleChars ?? 0;
    const bom = options.bom ?? false;
    const { bytes } = batch;
    const found = lineEnds(bytes, this.#ends);
    this.#ends = found.ends;
    const capacity = Math.max(1, found.count);
    const out: BatchResult = {
      findings: [],
      crlf: { count: 0, first: 0 },
      records: {
        count: 0,
        line: new Int32Array(capacity),
        offset: new Float64Array(capacity),
        length: new Int32Array(capacity),
        chars: new Int32Array(capacity),
        turns: new Int32Array(capacity),
        hasSystem: new Uint8Array(capacity),
        media: new Uint8Array(capacity),
        promptKey: new Float64Array(capacity),
        labels: this.#labels ? [] : undefined,
        ids: this.#model.format === "rft-chat" ? [] : undefined,
      },
      tokenChecks: [],
      sample: "",
      sampleRecords: 0,
    };

    let start = 0;
    for (let i = 0; i < found.count; i++) {
      const end = found.ends[i]!;
      this.#checkLine(
        bytes.subarray(start, end),
        batch.firstLine + i,
        batch.offset + start,
        out,
        sampleChars,
        bom,
        onRecord,
      );
      start = end + 1;
    }

    return out;
  }

  #checkLine(
    raw: Buffer,
    line: number,
    offset: number,
    out: BatchResult,
    sampleChars: number,
    bom: boolean,
    onRecord: ((record: RecordView) => void) | undefined,
  ): void {
    const find = (rule: string, column: number, path: string, message: string, hint?: string) =>
      out.findings.push(
        hint === undefined
          ? { rule, line, column, path, message }
          : { rule, line, column, path, message, hint },
      );
    let bytes = raw;
    let lead = 0;
    if (line === 1 && bom && startsWithBom(bytes)) {
      bytes = bytes.subarray(3);
      lead = 3;
    }
    if (bytes.length > 0 && bytes[bytes.length - 1] === 13) {
      if (out.crlf.count++ === 0) out.crlf.first = line;
      bytes = bytes.subarray(0, bytes.length - 1);
    }
    if (isBlankBytes(bytes)) {
      find(
        fileRules.emptyLine.id,
        1,
        "",
        bytes.length === 0 ? "The line is empty." : "The line holds only white space.",
      );
      return;
    }
    const rec = out.records;
    const index = rec.count++;
    rec.line[index] = line;
    rec.offset[index] = offset;
    rec.length[index] = raw.length;
    if (!this.#io.isUtf8(bytes)) {
      const bad = firstInvalidUtf8(bytes);
      find(
        fileRules.notUtf8.id,
        bytes.subarray(0, bad).toString("utf8").length + 1,
        "",
        `Invalid UTF-8 at byte offset ${offset + lead + bad} of the file (byte 0x${bytes[bad]!.toString(16).padStart(2, "0")}).`,
      );
    }
    // UTF-8, toString's default: without an argument it skips the encoding lookup, which cost 10 ms of
    // 430 on a 50 MiB file at once a line.
    const text = bytes.toString();
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      const error = findJsonSyntaxError(text) ?? { index: 0, reason: "not valid JSON" };
      find(
        jsonRules.invalid.id,
        error.index + 1,
        "",
        `Invalid JSON at column ${error.index + 1}: ${error.reason}.`,
      );
      this.#noIdentity(rec, index);
      return;
    }
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      const what = Array.isArray(record) ? "an array" : record === null ? "null" : `a ${typeof record}`;
      find(jsonRules.notObject.id, 1, "", `The line is ${what}, not a record object.`);
      this.#noIdentity(rec, index);
      return;
    }
    let findings: RecordFinding[] | undefined;
    let malformed = false;
    const report = (f: RecordFinding) => {
      findings ??= [];
      findings.push(f);
    };
    const conv = this.parser.parse(record, (f) => {
      if (losesContent(f)) malformed = true;
      report(f);
    });

    if (conv) {
      // One cheap pass over the raw line decides whether the costly text searches can find anything.
      const marked = this.#markers === undefined || this.#markers.test(text);
      checkConversation(conv, this.#model, report, marked);
      this.#summarise(
        conv,
        malformed ? record : undefined,
        text,
        line,
        index,
        out,
        sampleChars,
        marked,
        onRecord,
      );
    } else this.#noIdentity(rec, index);
    if (findings) {
      for (const f of findings) {
        find(f.rule, locateValue(text, f.path) + 1, formatPath(f.path.map(maskKey)), f.message, f.hint);
      }
    }
  }

  /** A record with no readable conversation still counts, with no identity. */
  #noIdentity(rec: BatchResult["records"], index: number): void {
    rec.labels?.push(undefined);
    rec.ids?.push(undefined);
    rec.chars[index] = 0;
    rec.promptKey[index] = Number.NaN;
  }

  #summarise(
    conv: Conversation,
    /** The parsed record when the parser could not read all of its content (see recordIdentity). */
    malformed: object | undefined,
    text: string,
    line: number,
    index: number,
    out: BatchResult,
    sampleChars: number,
    secretMarked: boolean,
    onRecord: ((record: RecordView) => void) | undefined,
  ): void {
    const rec = out.records;
    let chars = 0;
    for (const t of conv.system) chars += t.text.length;
    let media = 0;
    for (const turn of conv.turns) {
      for (const p of turn.parts) {
        if (p.kind === "text") chars += p.text.length;
        else if (p.kind === "reasoning") chars += p.reasoning?.text.length ?? 0;
        else if (p.kind === "image") media |= MEDIA_IMAGE;
        else if (p.kind === "video") media |= MEDIA_VIDEO;
      }
    }
    rec.media[index] = media;

    // Token limit: the line's bytes bound the content's bytes, which bound its tokens.
    const limit = this.#model.quotas.maxTokensPerRecord;
    if (limit !== undefined && rec.length[index]! > limit) {
      const texts = textsOf(conv);
      let contentBytes = 0;
      for (const t of texts) contentBytes += Buffer.byteLength(t.text);
      if (contentBytes > limit)
        out.tokenChecks.push({ line, text: texts.map((t) => t.text).join("\n"), chars });
    }

    const families = sensitiveFamilies(text, secretMarked);
    if (families.length > 0) {
      for (const part of textsOf(conv)) {
        for (const match of findSensitive(part.text, families)) {
          const at = rawIndexInString(text, locateValue(text, part.path), match.index);
          const where = formatPath(part.path);
          out.findings.push({
            rule: match.rule,
            line,
            column: at + 1,
            path: where,
            message: `${match.kind.charAt(0).toUpperCase()}${match.kind.slice(1)} in ${where}: ${match.masked}`,
          });
        }
      }
    }

    const answerTurn = finalReply(conv);
    const answer = answerTurn ? joinText(answerTurn.parts) : "";
    const digest = this.#io.sha1(recordIdentity(conv, malformed));
    rec.promptKey[index] = promptKey(digest);

    rec.ids?.push(conv.recordId);
    rec.chars[index] = chars;
    rec.turns[index] = conv.turns.length;
    rec.hasSystem[index] = conv.system.some((s) => s.text.length > 0) ? 1 : 0;
    if (this.#labels) {
      // Labels are shown in the comment and the stats: one that holds a secret is shown masked.
      const label = this.#labels.label(answer);
      rec.labels!.push(label === undefined ? undefined : maskSensitive(label));
    }
    if (out.sample.length < sampleChars) {
      for (const t of textsOf(conv)) out.sample += `${t.text}\n`;
      out.sampleRecords++;
    }
    onRecord?.({ line, conversation: conv, promptHash: digest, answer });
  }
}

/** A key of the record as a path may show it: a key can be a secret too (`{"AKIA...": 1}`). */
function maskKey(segment: PathSegment): PathSegment {
  return typeof segment === "string" ? maskSensitive(segment) : segment;
}
