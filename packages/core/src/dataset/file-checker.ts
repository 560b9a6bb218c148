import type { Problem, ProblemCounts, Severity } from "../problem";
import type { Conversation } from "../rules/conversation";
import { checkRecordCount, datasetRules } from "../rules/dataset-rules";
import { formatPath } from "../rules/define";
import { checkCrlf, checkEmpty, checkFileSize, checkHead } from "../rules/file-rules";
import { getRule } from "../rules/index";
import { nova2Rules } from "../rules/nova-2-rules";
import { rftRules } from "../rules/rft-format";
import { maskSensitive } from "../rules/sensitive";
import { checkOverlongLine, checkRecordTokens } from "../rules/token-rules";
import { type DatasetStats, labelImbalance, StatsCollector } from "../stats/collect";
import type { CountTokens } from "../tokens/count";
import { CALIBRATION_SAMPLE_CHARS, CalibrationSample } from "./calibration-sample";
import type { RandomAccessFile } from "./io";
import { locateValue } from "./json-locate";
import { startsWithBom } from "./line-bytes";
import { type BatchResult, LineChecker, MEDIA_IMAGE, MEDIA_VIDEO } from "./line-checker";
import { type BatchSink, type LineBatch, readChunkedLines } from "./line-reader";
import { finalReply, joinText, losesContent, recordIdentity } from "./prompt-identity";
import { PromptIndex } from "./prompt-index";
import type { DatasetFile, FileReport, ValidateOptions } from "./types";
import type { BatchPool } from "./worker-pool";

const DEFAULT_MAX_PROBLEMS = 1000;
/** Checked batches (about 1 MiB of lines each) waiting to merge behind a worker's batch. */
const MAX_BATCHES_AHEAD = 8;
/** Smaller batches are checked on the calling thread. */
const MIN_WORKER_BATCH_BYTES = 64 * 1024;

/**
 * One file's single pass. Line checks run here or on worker threads; everything that depends on line
 * order (problem listing, duplicates, conflicting answers, counts, stats) is merged here, in order.
 */
export class FileChecker {
  readonly name: string;
  readonly problems: Problem[] = [];
  readonly counts: ProblemCounts = { errors: 0, warnings: 0, notices: 0 };
  omitted = 0;
  records = 0;
  bytes = 0;
  /** Where each distinct prompt first appeared. A repeat is confirmed by reading both lines back. */
  readonly prompts = new PromptIndex();
  readonly #checker: LineChecker;
  readonly #stats: StatsCollector;
  readonly #maxProblems: number;
  #file: RandomAccessFile | undefined;
  #bom = false;
  #crlf = { count: 0, first: 0 };
  readonly #sample = new CalibrationSample();
  #ids: Map<string, number> | undefined;
  /** Line of the first record past the role's record cap, once there is one. */
  #overCapLine: number | undefined;
  /** One-kind-of-media datasets: the first record with media, and the records of the other kind. */
  #media: { kind: number; line: number; other: number; otherLine: number } | undefined;

  constructor(
    readonly file: DatasetFile,
    readonly options: ValidateOptions,
    /** The tokenizer, loaded on first call. */
    readonly tokenizer: () => Promise<CountTokens>,
    /** The worker pool for a file of this size, if any (see validateDatasets). */
    readonly poolFor: (bytes: number) => BatchPool | undefined,
  ) {
    this.name = file.name ?? file.path;
    this.#maxProblems = options.maxProblemsPerFile ?? DEFAULT_MAX_PROBLEMS;
    this.#checker = new LineChecker({ model: options.model, labelPattern: options.labelPattern }, options.io);
    this.#stats = new StatsCollector(options.labelPattern);
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
    // Messages quote dataset values and paths name its keys: whatever matches a secret or personal-data
    // pattern is masked here, so no output (comment, summary, annotations, SARIF, CLI) can show it.
    this.problems.push({
      rule,
      severity,
      file: this.name,
      line,
      column,
      path: maskSensitive(path),
      message: maskSensitive(message),
      hint: hint === undefined ? getRule(rule).hint : maskSensitive(hint),
    });
  }

  /** Reads and checks the file. Throws DatasetReadError when it cannot be read at all. */
  async run(): Promise<void> {
    const { path, role, chunks } = this.file;
    // Chunks arrive as the file is written: its size is known only at the end.
    const size = chunks ? (this.file.sizeHint ?? 0) : await this.options.io.size(path, this.name);
    this.bytes = size;
    const emit = this.emit.bind(this);
    if (!chunks && checkEmpty(emit, size)) return;
    const model = this.options.model;
    if (role === "validation" && model.validationData?.supported === false) {
      this.emit(
        datasetRules.validationUnsupported.id,
        1,
        1,
        "",
        `${model.name} takes no validation file in a fine-tuning job (${model.validationData.source}).`,
      );
    }
    if (!chunks) checkFileSize(emit, size, role, model);
    const pool = this.poolFor(size);
    // Batches in line order: checked on a worker (a promise) or here (already done). A worker's result is
    // merged as soon as it is back, without waiting on it while there is other work to do.
    const inflight: { result?: BatchResult; pending?: Promise<BatchResult> }[] = [];
    /** Merges what is back, in order, then waits on the head until at most `ahead` batches wait. */
    const mergeUntil = async (ahead: number) => {
      for (;;) {
        while (inflight[0]?.result) await this.#merge(inflight.shift()!.result!);
        if (inflight.length <= ahead) return;
        await inflight[0]!.pending;
      }
    };
    let bytesRead = 0;
    const progress = (batch: LineBatch) => {
      bytesRead = batch.offset + batch.bytes.length;
      this.options.onProgress?.({ file: this.name, bytesRead, totalBytes: size });
    };
    const sink: BatchSink = {
      head: (bytes) => this.#checkHead(bytes),
      batch: async (batch) => {
        // While the sample is short, every batch brings a full one; only merged results (in line order)
        // add to it, so the calibration does not depend on which thread finished first.
        const options = { sampleChars: this.#wantsSample ? CALIBRATION_SAMPLE_CHARS : 0, bom: this.#bom };
        if (pool) {
          // The calling thread checks a batch itself when every worker is busy, so all cores work
          // and no core is spent only waiting, and a batch of a line or two (a line carried from one
          // chunk to the next) that costs less than its message; results still merge in line order.
          if (pool.hasIdleWorker && batch.bytes.length >= MIN_WORKER_BATCH_BYTES) {
            const slot: (typeof inflight)[number] = {};
            slot.pending = pool.run(batch, options).then((r) => {
              slot.result = r;
              return r;
            });
            // Awaited in turn below; a failure while reading ahead must not be left unhandled.
            slot.pending.catch(() => {});
            inflight.push(slot);
          } else inflight.push({ result: this.#checker.checkBatch(batch, options) });
          // Bounded: results wait only for the worker batch before them, a few batches at most.
          await mergeUntil(MAX_BATCHES_AHEAD - 1);
        } else {
          const onRecord = this.options.onRecord;
          await this.#merge(
            this.#checker.checkBatch(
              batch,
              options,
              onRecord && ((r) => onRecord({ ...r, file: this.name, role })),
            ),
          );
        }
        progress(batch);
      },
      overlong: (line, _offset, length) => checkOverlongLine(emit, line, length),
    };
    await readChunkedLines(chunks ?? this.options.io.chunks(path), sink);
    await mergeUntil(0);
    if (chunks) {
      this.bytes = bytesRead;
      if (!checkEmpty(emit, bytesRead)) checkFileSize(emit, bytesRead, role, model);
    }
    checkCrlf(emit, this.#crlf);
    this.#checkCounts();
    this.#checkMediaKinds();
  }

  get #wantsSample(): boolean {
    return this.options.calibrateTokens !== false && !this.#sample.complete;
  }

  #checkHead(head: Buffer): boolean {
    const verdict = checkHead(this.emit.bind(this), head, this.name);
    if (verdict === "bom") this.#bom = true;
    return verdict !== "unreadable";
  }

  async #merge(result: BatchResult): Promise<void> {
    for (const f of result.findings) this.emit(f.rule, f.line, f.column, f.path, f.message, f.hint);
    if (result.crlf.count > 0) {
      if (this.#crlf.count === 0) this.#crlf.first = result.crlf.first;
      this.#crlf.count += result.crlf.count;
    }
    const r = result.records;
    const cap =
      this.file.role === "train" ? this.#quotas.maxTrainingRecords : this.#quotas.maxValidationRecords;
    if (cap !== undefined && this.#overCapLine === undefined && this.records + r.count > cap) {
      this.#overCapLine = r.line[cap - this.records]!;
    }
    this.records += r.count;
    if (this.#oneMediaKind) this.#mergeMedia(r);
    for (let i = 0; i < r.count; i++) {
      const id = r.ids?.[i];
      if (id !== undefined) this.#checkId(id, r.line[i]!);
      const key = r.promptKey[i]!;
      if (Number.isNaN(key)) continue; // no readable conversation: already reported
      const line = r.line[i]!;
      this.#stats.add({
        chars: r.chars[i]!,
        turns: r.turns[i]!,
        hasSystem: r.hasSystem[i] === 1,
        label: r.labels?.[i],
        line,
      });
      const earlier = this.prompts.get(key);
      if (earlier === undefined) this.prompts.add(key, line, r.offset[i]!, r.length[i]!);
      else
        this.#compareRepeat(this.prompts.at(earlier), { line, offset: r.offset[i]!, length: r.length[i]! });
    }
    this.#sample.add(result);
    if (result.tokenChecks.length > 0) await this.#checkTokens(result.tokenChecks);
  }

  /** Record ids (RFT) must be unique: the grader's scores are matched to replies by id. */
  #checkId(id: string, line: number): void {
    this.#ids ??= new Map();
    const first = this.#ids.get(id);
    if (first === undefined) this.#ids.set(id, line);
    else this.emit(rftRules.duplicateId.id, line, 1, "id", `The id ${id} is already used on line ${first}.`);
  }

  get #quotas() {
    return this.options.model.quotas;
  }

  get #oneMediaKind(): boolean {
    return this.options.model.family === "nova-2";
  }

  #mergeMedia(r: BatchResult["records"]): void {
    for (let i = 0; i < r.count; i++) {
      const kind = r.media[i]!;
      if (kind === 0) continue;
      if (this.#media === undefined) {
        // A record with both kinds is its own problem (nova/image-and-video); the image sets the kind.
        this.#media = {
          kind: kind & MEDIA_IMAGE ? MEDIA_IMAGE : MEDIA_VIDEO,
          line: r.line[i]!,
          other: 0,
          otherLine: 0,
        };
      } else if ((kind & ~this.#media.kind) !== 0) {
        if (this.#media.other++ === 0) this.#media.otherLine = r.line[i]!;
      }
    }
  }

  #checkMediaKinds(): void {
    const m = this.#media;
    if (m === undefined || m.other === 0) return;
    const [first, second] = m.kind === MEDIA_IMAGE ? ["an image", "a video"] : ["a video", "an image"];
    this.emit(
      nova2Rules.mixedMedia.id,
      m.otherLine,
      1,
      "",
      `Line ${m.otherLine} has ${second}, but line ${m.line}, the file's first record with media, has ${first}: ${this.options.model.name} takes images or videos in one dataset, never both (${m.other} record${m.other === 1 ? "" : "s"} of the other kind).`,
    );
  }

  /** A prompt seen before: the same answer is a duplicate, another answer a conflict. */
  #compareRepeat(
    earlier: { line: number; offset: number; length: number },
    current: { line: number; offset: number; length: number },
  ) {
    const first = this.recordAt(earlier);
    const before = first.conversation;
    const now = this.recordAt(current);
    // The same 53-bit key for different prompts: not a repeat. (About one chance in 10^4 for a file of
    // a million distinct prompts; the record simply is not indexed.)
    if (!before || !now.conversation) return;
    if (recordIdentity(before, first.malformed) !== recordIdentity(now.conversation, now.malformed)) return;
    const beforeTurn = before && finalReply(before);
    const nowTurn = now.conversation && finalReply(now.conversation);
    const beforeAnswer = before.reference ?? (beforeTurn ? joinText(beforeTurn.parts) : "");
    const nowAnswer = now.conversation.reference ?? (nowTurn ? joinText(nowTurn.parts) : "");
    if (beforeAnswer === nowAnswer) {
      this.emit(
        datasetRules.duplicateRecord.id,
        current.line,
        1,
        "",
        `The record repeats line ${earlier.line} exactly.`,
      );
    } else {
      const path = nowTurn ? nowTurn.path : [];
      this.emit(
        datasetRules.conflictingAnswers.id,
        current.line,
        locateValue(now.text, path) + 1,
        formatPath(path),
        `Same prompt as line ${earlier.line}, with a different answer.`,
      );
    }
  }

  /** The record at a line read earlier, read back from the file. */
  recordAt(where: { offset: number; length: number }): {
    conversation: Conversation | undefined;
    text: string;
    /** The parsed record when part of its content could not be read (see recordIdentity). */
    malformed: object | undefined;
  } {
    this.#file ??= this.options.io.open(this.file.path);
    const buf = this.#file.read(where.offset, where.length);
    let bytes = startsWithBom(buf) ? buf.subarray(3) : buf;
    if (bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, bytes.length - 1);
    const text = bytes.toString("utf8");
    const record = JSON.parse(text);
    let malformed = false;
    const conversation = this.#checker.parser.parse(record, (f) => {
      if (losesContent(f)) malformed = true;
    });
    return { conversation, text, malformed: malformed ? record : undefined };
  }

  async #checkTokens(checks: BatchResult["tokenChecks"]): Promise<void> {
    checkRecordTokens(this.emit.bind(this), checks, await this.tokenizer(), this.options.model);
  }

  #checkCounts(): void {
    checkRecordCount(
      this.emit.bind(this),
      this.records,
      this.file.role,
      this.options.model,
      this.#overCapLine,
    );
  }

  finish(count: CountTokens | undefined): FileReport {
    const calibration = this.#sample.calibration(count, this.options.model);
    const stats: DatasetStats = this.#stats.finish(calibration);
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
      const { unlabeled, firstUnlabeledLine, pattern } = stats.labels;
      if (unlabeled > 0) {
        this.emit(
          datasetRules.labelMissing.id,
          firstUnlabeledLine ?? 1,
          1,
          "",
          `${unlabeled} final repl${unlabeled === 1 ? "y does" : "ies do"} not match the label pattern /${pattern}/ (the first at line ${firstUnlabeledLine}).`,
        );
      }
    }
    // Batches merge in order, but file-level findings (counts, CRLF, labels) come last: list by line.
    this.problems.sort((a, b) => a.line - b.line);
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

  close(): void {
    this.#file?.close();
    this.#file = undefined;
  }
}
