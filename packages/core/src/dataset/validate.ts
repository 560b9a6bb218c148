import { isUtf8 } from "node:buffer";
import { hash } from "node:crypto";
import { closeSync, openSync, readSync } from "node:fs";
import { stat } from "node:fs/promises";
import type { BaseModel, RecordFormat } from "../catalog/schema";
import type { Problem, ProblemCounts, Severity, SeverityOverride } from "../problem";
import { claudeParser } from "../rules/claude-format";
import type { Conversation, FormatParser, RecordFinding, TextPart } from "../rules/conversation";
import { checkConversation, reservedStringMarkers } from "../rules/conversation-rules";
import { converseParser } from "../rules/converse-format";
import { datasetRules } from "../rules/dataset-rules";
import { formatPath } from "../rules/define";
import { fileRules, jsonRules } from "../rules/file-rules";
import { getRule } from "../rules/index";
import { promptCompletionParser } from "../rules/prompt-completion-format";
import { findSensitive, SECRET_MARKERS, type SensitiveFamily, sensitiveFamilies } from "../rules/sensitive";
import { tokenRules } from "../rules/token-rules";
import { type DatasetStats, labelImbalance, StatsCollector } from "../stats/collect";
import { type CountTokens, calibrate, loadTokenizer, TOKENIZER_NAME } from "../tokens/count";
import { columnOf, locateValue, rawIndexInString } from "./json-locate";
import { findJsonSyntaxError } from "./json-syntax";
import { readLines } from "./line-reader";

export type DatasetRole = "train" | "validation";

export interface DatasetFile {
  /** Where to read the file. */
  path: string;
  role: DatasetRole;
  /** How problems name the file (e.g. the path relative to the repository); defaults to `path`. */
  name?: string;
}

/** One record as the engine read it, for consumers such as the dataset diff. */
export interface RecordView {
  file: string;
  role: DatasetRole;
  line: number;
  conversation: Conversation;
  /** Identity of the prompt: everything but the final assistant reply. */
  promptHash: string;
  /** The final assistant reply ("" when the record does not end with one). */
  answer: string;
}

export interface ValidateOptions {
  model: BaseModel;
  /** Severity per rule id; `off` silences a rule. */
  severities?: Readonly<Record<string, SeverityOverride>>;
  /** Regex over the final assistant reply; its first group (or whole match) is the record's class label. */
  labelPattern?: string;
  /** Problems listed per file; the rest are counted. */
  maxProblemsPerFile?: number;
  onRecord?: (record: RecordView) => void;
  onProgress?: (progress: { file: string; bytesRead: number; totalBytes: number }) => void;
}

export interface FileReport {
  path: string;
  role: DatasetRole;
  bytes: number;
  /** Non-empty lines: what Bedrock counts as records. */
  records: number;
  /** Problems in the order found, at most `maxProblemsPerFile`. */
  problems: Problem[];
  /** Problems found beyond the listing limit. */
  omitted: number;
  /** Counts of all problems found, listed or not. */
  counts: ProblemCounts;
  stats: DatasetStats;
}

export interface ValidationReport {
  model: { id: string; name: string; format: RecordFormat };
  files: FileReport[];
  summary: ProblemCounts;
}

/** A file that cannot be read at all (missing, a directory, no permission): bad input, not a finding. */
export class DatasetReadError extends Error {
  override name = "DatasetReadError";
}

const PARSERS: Record<RecordFormat, FormatParser> = {
  "claude-messages": claudeParser,
  "bedrock-conversation-2024": converseParser,
  "prompt-completion": promptCompletionParser,
};

// Enough text for a stable ratio (about 16k tokens) at about 10 ms of tokenizing.
const CALIBRATION_SAMPLE_CHARS = 64 * 1024;
const DEFAULT_MAX_PROBLEMS = 1000;

/** Checks every file against the base model's rules, then the files against each other. */
export async function validateDatasets(
  files: readonly DatasetFile[],
  options: ValidateOptions,
): Promise<ValidationReport> {
  const tokenizer = loadTokenizer();
  const checkers: FileChecker[] = [];
  try {
    for (const file of files) {
      const checker = new FileChecker(file, options, tokenizer);
      checkers.push(checker);
      await checker.run();
    }
  } finally {
    for (const c of checkers) c.close();
  }
  checkAcrossFiles(checkers, options.model);
  const count = await tokenizer;
  const reports = checkers.map((c) => c.finish(count));
  const summary = reports.reduce<ProblemCounts>(
    (acc, r) => ({
      errors: acc.errors + r.counts.errors,
      warnings: acc.warnings + r.counts.warnings,
      notices: acc.notices + r.counts.notices,
    }),
    { errors: 0, warnings: 0, notices: 0 },
  );
  return {
    model: { id: options.model.id, name: options.model.name, format: options.model.format },
    files: reports,
    summary,
  };
}

/** The state of one file's single pass. */
class FileChecker {
  readonly name: string;
  readonly problems: Problem[] = [];
  readonly counts: ProblemCounts = { errors: 0, warnings: 0, notices: 0 };
  omitted = 0;
  records = 0;
  bytes = 0;
  /**
   * promptHash -> where the prompt first appeared. Answers are not kept: when a prompt repeats, the
   * earlier line is read back from disk and its answer compared exactly, which is rare and keeps memory
   * at one small entry per distinct prompt.
   */
  readonly prompts = new Map<string, { line: number; offset: number; length: number }>();
  #fd: number | undefined;
  readonly #markers: RegExp | undefined;
  readonly #stats: StatsCollector;
  readonly #parser: FormatParser;
  readonly #maxProblems: number;
  #crlf = { count: 0, first: 0 };
  #bom = false;
  #sample = "";
  #sampleRecords = 0;
  /** Records whose byte bound exceeds the token limit, tokenized after the chunk that held them. */
  #pendingTokenChecks: { line: number; text: string; chars: number }[] = [];

  constructor(
    readonly file: DatasetFile,
    readonly options: ValidateOptions,
    readonly tokenizer: Promise<CountTokens>,
  ) {
    this.name = file.name ?? file.path;
    this.#parser = PARSERS[options.model.format];
    this.#maxProblems = options.maxProblemsPerFile ?? DEFAULT_MAX_PROBLEMS;
    this.#stats = new StatsCollector(compileLabelPattern(options.labelPattern));
    const reserved = reservedStringMarkers(options.model);
    this.#markers = reserved ? new RegExp([...SECRET_MARKERS, ...reserved].join("|")) : undefined;
  }

  severityOf(ruleId: string): Severity | undefined {
    const override = this.options.severities?.[ruleId];
    if (override === "off") return undefined;
    return override ?? getRule(ruleId).severity;
  }

  emit(rule: string, line: number, column: number, path: string, message: string, hint?: string): void {
    const severity = this.severityOf(rule);
    if (!severity) return;
    this.counts[severity === "error" ? "errors" : severity === "warning" ? "warnings" : "notices"]++;
    if (this.problems.length >= this.#maxProblems) {
      this.omitted++;
      return;
    }
    this.problems.push({
      rule,
      severity,
      file: this.name,
      line,
      column,
      path,
      message,
      hint: hint ?? getRule(rule).hint,
    });
  }

  async run(): Promise<void> {
    const { path, role } = this.file;
    let size: number;
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw new DatasetReadError(`${this.name}: is a directory, not a dataset file.`);
      size = info.size;
    } catch (err) {
      if (err instanceof DatasetReadError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new DatasetReadError(
        code === "ENOENT"
          ? `${this.name}: no such file. Check the path (it is relative to the current directory).`
          : `${this.name}: cannot be read (${code ?? String(err)}).`,
      );
    }
    this.bytes = size;
    if (size === 0) {
      this.emit(fileRules.empty.id, 1, 1, "", "The file is empty.");
      return;
    }
    const quotas = this.options.model.quotas;
    const maxBytes = role === "train" ? quotas.maxTrainingFileBytes : quotas.maxValidationFileBytes;
    if (maxBytes !== undefined && size > maxBytes) {
      this.emit(
        fileRules.tooLarge.id,
        1,
        1,
        "",
        `The ${role === "train" ? "training" : "validation"} file is ${formatBytes(size)}; ${this.options.model.name} takes at most ${formatBytes(maxBytes)}.`,
      );
    }
    await readLines(path, {
      head: (bytes) => this.#checkHead(bytes),
      line: (bytes, line, offset) => this.#checkLine(bytes, line, offset),
      overlong: (line, _offset, length) =>
        this.emit(
          tokenRules.recordLimit.id,
          line,
          1,
          "",
          `The line is ${formatBytes(length)} long, far over any record limit; it was not parsed.`,
        ),
      flush: () => this.#flushTokenChecks(),
      progress: (bytesRead) => this.options.onProgress?.({ file: this.name, bytesRead, totalBytes: size }),
    });
    if (this.#crlf.count > 0) {
      this.emit(
        fileRules.crlf.id,
        this.#crlf.first,
        1,
        "",
        `${this.#crlf.count} line${this.#crlf.count === 1 ? " ends" : "s end"} with CRLF (the first is line ${this.#crlf.first}).`,
      );
    }
    this.#checkCounts();
  }

  #checkHead(head: Buffer): boolean {
    const compressed = detectCompression(head);
    if (compressed) {
      this.emit(fileRules.compressed.id, 1, 1, "", `The file is ${compressed}-compressed, not plain JSONL.`);
      return false;
    }
    if (head.toString("latin1", 0, 42) === "version https://git-lfs.github.com/spec/v1") {
      this.emit(
        fileRules.lfsPointer.id,
        1,
        1,
        "",
        "The file is a Git LFS pointer: the dataset itself was not checked out.",
      );
      return false;
    }
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      this.emit(
        fileRules.notUtf8.id,
        1,
        1,
        "",
        "The file is UTF-16 (it starts with a UTF-16 byte-order mark), not UTF-8.",
        "Re-save the file as UTF-8 without BOM.",
      );
      return false;
    }
    if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
      this.#bom = true;
      this.emit(fileRules.bom.id, 1, 1, "", "The file starts with a UTF-8 byte-order mark (EF BB BF).");
    }
    return true;
  }

  #checkLine(raw: Buffer, line: number, offset: number): void {
    let bytes = raw;
    if (line === 1 && this.#bom) bytes = bytes.subarray(3);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 13) {
      if (this.#crlf.count++ === 0) this.#crlf.first = line;
      bytes = bytes.subarray(0, bytes.length - 1);
    }
    if (isBlankBytes(bytes)) {
      this.emit(
        fileRules.emptyLine.id,
        line,
        1,
        "",
        bytes.length === 0 ? "The line is empty." : "The line holds only white space.",
      );
      return;
    }
    this.records++;
    if (!isUtf8(bytes)) {
      const bad = firstInvalidUtf8(bytes);
      this.emit(
        fileRules.notUtf8.id,
        line,
        bytes.subarray(0, bad).toString("utf8").length + 1,
        "",
        `Invalid UTF-8 at byte offset ${offset + (line === 1 && this.#bom ? 3 : 0) + bad} of the file (byte 0x${bytes[bad]!.toString(16).padStart(2, "0")}).`,
      );
    }
    const text = bytes.toString("utf8");
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      const error = findJsonSyntaxError(text) ?? { index: 0, reason: "not valid JSON" };
      const column = error.index + 1;
      this.emit(jsonRules.invalid.id, line, column, "", `Invalid JSON at column ${column}: ${error.reason}.`);
      return;
    }
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      this.emit(
        jsonRules.notObject.id,
        line,
        1,
        "",
        `The line is ${Array.isArray(record) ? "an array" : record === null ? "null" : `a ${typeof record}`}, not a record object.`,
      );
      return;
    }
    let findings: RecordFinding[] | undefined;
    const report = (f: RecordFinding) => {
      findings ??= [];
      findings.push(f);
    };
    const model = this.options.model;
    const conv = this.#parser.parse(record, report);
    if (conv) {
      // One cheap pass over the raw line decides whether the costly text searches can find anything.
      const marked = this.#markers === undefined || this.#markers.test(text);
      checkConversation(conv, model, report, marked);
      const families = sensitiveFamilies(text, marked);
      this.#checkRecord(conv, text, { offset, length: raw.length }, line, report, families);
    }
    if (findings) {
      for (const f of findings) {
        this.emit(f.rule, line, columnOf(text, f.path), formatPath(f.path), f.message, f.hint);
      }
    }
  }

  #checkRecord(
    conv: Conversation,
    text: string,
    at: { offset: number; length: number },
    line: number,
    report: (f: RecordFinding) => void,
    families: SensitiveFamily[],
  ) {
    const turns = conv.turns;
    let chars = 0;
    for (const t of conv.system) chars += t.text.length;
    for (const turn of turns) for (const p of turn.parts) if (p.kind === "text") chars += p.text.length;

    // Token limit: the line's bytes bound the content's bytes, which bound its tokens.
    const limit = this.options.model.quotas.maxTokensPerRecord;
    if (limit !== undefined && at.length > limit) {
      const texts = textsOf(conv);
      let contentBytes = 0;
      for (const t of texts) contentBytes += Buffer.byteLength(t.text);
      if (contentBytes > limit)
        this.#pendingTokenChecks.push({ line, text: texts.map((t) => t.text).join("\n"), chars });
    }

    if (families.length > 0) {
      for (const part of textsOf(conv)) {
        for (const match of findSensitive(part.text, families)) {
          const quoteAt = locateValue(text, part.path);
          this.emit(
            match.rule,
            line,
            rawIndexInString(text, quoteAt, match.index) + 1,
            formatPath(part.path),
            `${capitalise(match.kind)} in ${formatPath(part.path)}: ${match.masked}`,
          );
        }
      }
    }

    // Prompt identity, for duplicates, conflicting answers and leakage.
    const answerTurn = finalReply(conv);
    const answer = answerTurn ? joinText(answerTurn.parts) : "";
    let prompt = "";
    for (const t of conv.system) prompt += `${t.text}\u0001`;
    for (const turn of turns)
      if (turn !== answerTurn) prompt += `\u0002${turn.role}\u0003${joinText(turn.parts)}`;
    const promptHash = digest(prompt);
    const earlier = this.prompts.get(promptHash);
    if (!earlier) this.prompts.set(promptHash, { line, offset: at.offset, length: at.length });
    else if (this.#answerAt(earlier) === answer) {
      report({
        rule: datasetRules.duplicateRecord.id,
        path: [],
        message: `The record repeats line ${earlier.line} exactly.`,
      });
    } else {
      report({
        rule: datasetRules.conflictingAnswers.id,
        path: answerTurn ? answerTurn.path : [],
        message: `Same prompt as line ${earlier.line}, with a different answer.`,
      });
    }

    if (this.#sample.length < CALIBRATION_SAMPLE_CHARS) {
      for (const t of textsOf(conv)) this.#sample += `${t.text}\n`;
      this.#sampleRecords++;
    }
    const hasSystem = conv.system.some((s) => s.text.length > 0);
    this.#stats.add({ chars, turns: turns.length, hasSystem, finalReply: answer, line });
    this.options.onRecord?.({
      file: this.name,
      role: this.file.role,
      line,
      conversation: conv,
      promptHash,
      answer,
    });
  }

  /** The final reply of the record at a line read earlier, read back from the file. */
  #answerAt(where: { offset: number; length: number }): string {
    this.#fd ??= openSync(this.file.path, "r");
    const buf = Buffer.alloc(where.length);
    readSync(this.#fd, buf, 0, where.length, where.offset);
    let bytes = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
    if (bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
    const conv = this.#parser.parse(JSON.parse(bytes.toString("utf8")), () => {});
    const turn = conv && finalReply(conv);
    return turn ? joinText(turn.parts) : "";
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }

  async #flushTokenChecks(): Promise<void> {
    if (this.#pendingTokenChecks.length === 0) return;
    const count = await this.tokenizer;
    const model = this.options.model;
    const limit = model.quotas.maxTokensPerRecord!;
    for (const { line, text, chars } of this.#pendingTokenChecks) {
      const tokens = count(text);
      const planning = Math.ceil(chars / model.tokenization.charsPerToken);
      if (tokens > limit) {
        this.emit(
          tokenRules.recordLimit.id,
          line,
          1,
          "",
          `The record has about ${tokens.toLocaleString("en-US")} tokens (estimated with the ${TOKENIZER_NAME} tokenizer); ${model.name} takes at most ${limit.toLocaleString("en-US")} per record.`,
        );
      } else if (planning > limit) {
        this.emit(
          tokenRules.nearLimit.id,
          line,
          1,
          "",
          `The record has about ${tokens.toLocaleString("en-US")} tokens by the ${TOKENIZER_NAME} tokenizer but ${planning.toLocaleString("en-US")} at ${model.tokenization.charsPerToken} characters per token; the limit is ${limit.toLocaleString("en-US")}.`,
        );
      }
    }
    this.#pendingTokenChecks = [];
  }

  #checkCounts(): void {
    const q = this.options.model.quotas;
    const train = this.file.role === "train";
    const min = train ? q.minRecords : (q.minValidationRecords ?? undefined);
    const max = train ? q.maxTrainingRecords : q.maxValidationRecords;
    const what = train ? "training" : "validation";
    const name = this.options.model.name;
    if (min !== undefined && this.records < min && this.records > 0) {
      this.emit(
        datasetRules.tooFewRecords.id,
        1,
        1,
        "",
        `The ${what} file has ${this.records} records; ${name} needs at least ${min}.`,
      );
    }
    if (max !== undefined && this.records > max) {
      this.emit(
        datasetRules.tooManyRecords.id,
        1,
        1,
        "",
        `The ${what} file has ${this.records.toLocaleString("en-US")} records; ${name} takes at most ${max.toLocaleString("en-US")}.`,
      );
    }
  }

  finish(count: CountTokens): FileReport {
    const calibration = calibrate(this.#sample, count, this.#sampleRecords, this.options.model);
    const stats = this.#stats.finish(calibration);
    if (stats.labels) {
      const imbalance = labelImbalance(stats.labels);
      if (imbalance) {
        const [big, bigN] = imbalance.largest;
        const [small, smallN] = imbalance.smallest;
        this.emit(
          datasetRules.labelImbalance.id,
          1,
          1,
          "",
          `Label "${big}" has ${bigN} records, "${small}" only ${smallN} (${Math.round(bigN / smallN)}:1).`,
        );
      }
      if (stats.labels.unlabeled > 0) {
        this.emit(
          datasetRules.labelMissing.id,
          stats.labels.firstUnlabeledLine ?? 1,
          1,
          "",
          `${stats.labels.unlabeled} final repl${stats.labels.unlabeled === 1 ? "y does" : "ies do"} not match the label pattern /${stats.labels.pattern}/ (the first at line ${stats.labels.firstUnlabeledLine}).`,
        );
      }
    }
    return {
      path: this.name,
      role: this.file.role,
      bytes: this.bytes,
      records: this.records,
      problems: this.problems,
      omitted: this.omitted,
      counts: { ...this.counts },
      stats,
    };
  }
}

/** Record totals across files, and prompts shared between training and validation. */
function checkAcrossFiles(checkers: readonly FileChecker[], model: BaseModel): void {
  const train = checkers.filter((c) => c.file.role === "train");
  const validation = checkers.filter((c) => c.file.role === "validation");
  const maxTotal = model.quotas.maxTotalRecords;
  const total = checkers.reduce((n, c) => n + c.records, 0);
  if (maxTotal !== undefined && total > maxTotal && checkers.length > 1) {
    const at = validation[0] ?? checkers[0]!;
    at.emit(
      datasetRules.totalRecords.id,
      1,
      1,
      "",
      `Training and validation hold ${total.toLocaleString("en-US")} records together; ${model.name} takes at most ${maxTotal.toLocaleString("en-US")}.`,
    );
  }
  for (const v of validation) {
    for (const [promptHash, { line }] of v.prompts) {
      for (const t of train) {
        const inTrain = t.prompts.get(promptHash);
        if (inTrain) {
          v.emit(
            datasetRules.validationLeak.id,
            line,
            1,
            "",
            `The same prompt is in the training data at ${t.name}:${inTrain.line}.`,
          );
          break;
        }
      }
    }
  }
}

function compileLabelPattern(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern);
  } catch (err) {
    throw new Error(
      `The label pattern /${pattern}/ is not a valid regular expression: ${(err as Error).message}.`,
    );
  }
}

/** The last turn when it is the assistant's: what the model learns to answer. */
function finalReply(conv: Conversation): Conversation["turns"][number] | undefined {
  const last = conv.turns[conv.turns.length - 1];
  return last && last.role === "assistant" ? last : undefined;
}

function textsOf(conv: Conversation): TextPart[] {
  const texts: TextPart[] = [...conv.system];
  for (const turn of conv.turns) for (const p of turn.parts) if (p.kind === "text") texts.push(p);
  return texts;
}

function joinText(parts: Conversation["turns"][number]["parts"]): string {
  let out = "";
  for (const p of parts) if (p.kind === "text") out += out ? `\n${p.text}` : p.text;
  return out;
}

function digest(text: string): string {
  return hash("sha1", text, "base64");
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function isBlankBytes(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 32 && b !== 9) return false;
  }
  return true;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}

const MAGIC: readonly [string, number[]][] = [
  ["gzip", [0x1f, 0x8b]],
  ["zip", [0x50, 0x4b, 0x03, 0x04]],
  ["zstd", [0x28, 0xb5, 0x2f, 0xfd]],
  ["xz", [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ["bzip2", [0x42, 0x5a, 0x68]],
];

function detectCompression(head: Buffer): string | undefined {
  return MAGIC.find(([, magic]) => magic.every((b, i) => head[i] === b))?.[0];
}

/** Index of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlongs, surrogates and code points past U+10FFFF.
    const c1 = bytes[i + 1]!;
    if (
      (b === 0xe0 && c1 < 0xa0) ||
      (b === 0xed && c1 > 0x9f) ||
      (b === 0xf0 && c1 < 0x90) ||
      (b === 0xf4 && c1 > 0x8f)
    )
      return i;
    i += need + 1;
  }
  return bytes.length;
}
