import { availableParallelism } from "node:os";
import type { BaseModel, RecordFormat } from "../catalog/schema";
import type { Problem, ProblemCounts, SeverityOverride } from "../problem";
import { datasetRules } from "../rules/dataset-rules";
import type { DatasetStats } from "../stats/collect";
import { loadTokenizer } from "../tokens/count";
import { FileChecker } from "./file-checker";
import { compileLabelPattern } from "./label-pattern";
import { type RecordView as LineRecordView, recordIdentity } from "./line-checker";
import { BatchPool, type ParallelOptions } from "./worker-pool";

export { DatasetReadError, formatBytes } from "./file-checker";
export { labelPatternProblem } from "./label-pattern";
export { firstInvalidUtf8 } from "./line-checker";
export { runDatasetWorker } from "./worker-entry";
export type { ParallelOptions } from "./worker-pool";

export type DatasetRole = "train" | "validation";

export interface DatasetFile {
  /** Where to read the file. */
  path: string;
  role: DatasetRole;
  /** How problems name the file (e.g. the path relative to the repository); defaults to `path`. */
  name?: string;
  /**
   * The file's bytes as they are being written, read instead of the file so checking runs alongside
   * whatever writes it. Each chunk must be in the file at `path` before the next is asked for (repeats
   * are confirmed by reading lines back), and chunk boundaries need not fall on line ends.
   */
  chunks?: AsyncIterable<Buffer>;
  /** The expected size with `chunks`, for choosing worker threads; the real size is known at the end. */
  sizeHint?: number;
}

/** One record as the engine read it, for consumers such as the dataset diff. */
export interface RecordView extends LineRecordView {
  file: string;
  role: DatasetRole;
}

export interface ValidateOptions {
  model: BaseModel;
  /** Severity per rule id; `off` silences a rule. */
  severities?: Readonly<Record<string, SeverityOverride>>;
  /** Regex over the final assistant reply; its first group (or whole match) is the record's class label. */
  labelPattern?: string;
  /** Problems listed per file; the rest are counted. */
  maxProblemsPerFile?: number;
  /** Sees every readable record, in order. Line checks then run on the calling thread. */
  onRecord?: (record: RecordView) => void;
  onProgress?: (progress: { file: string; bytesRead: number; totalBytes: number }) => void;
  /** Check large files on worker threads (see ParallelOptions). */
  parallel?: ParallelOptions;
}

export interface FileReport {
  path: string;
  role: DatasetRole;
  bytes: number;
  /** Non-empty lines: what Bedrock counts as records. */
  records: number;
  /** Problems by line, at most `maxProblemsPerFile`. */
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

const DEFAULT_PARALLEL_MIN_BYTES = 16 * 1024 * 1024;

/** Checks every file against the base model's rules, then the files against each other. */
export async function validateDatasets(
  files: readonly DatasetFile[],
  options: ValidateOptions,
): Promise<ValidationReport> {
  compileLabelPattern(options.labelPattern); // a bad pattern is bad input: fail before reading anything
  const tokenizer = loadTokenizer();
  const checkers: FileChecker[] = [];
  let pool: BatchPool | undefined;
  // Workers start for the first file large enough to pay for them (its checker knows its size), and
  // serve the files after it; with onRecord, every record must be seen on this thread.
  const parallel = options.onRecord ? undefined : options.parallel;
  const poolFor = (bytes: number): BatchPool | undefined => {
    if (parallel && !pool && bytes >= (parallel.minBytes ?? DEFAULT_PARALLEL_MIN_BYTES)) {
      const threads = parallel.threads ?? Math.min(3, Math.max(1, availableParallelism() - 1));
      pool = new BatchPool(
        parallel.script,
        { model: options.model, labelPattern: options.labelPattern },
        threads,
      );
    }
    return pool;
  };
  try {
    for (const file of files) {
      const checker = new FileChecker(file, options, tokenizer, poolFor);
      checkers.push(checker);
      await checker.run();
    }
    // Inside the try: it reads records back, and the files close in the finally.
    checkAcrossFiles(checkers, options.model);
  } finally {
    for (const c of checkers) c.close();
    await pool?.close();
  }
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

/** Record totals across files, and prompts shared between training and validation. */
function checkAcrossFiles(checkers: readonly FileChecker[], model: BaseModel): void {
  const train = checkers.filter((c) => c.file.role === "train");
  const validation = checkers.filter((c) => c.file.role === "validation");
  const maxTotal = model.quotas.maxTotalRecords;
  const total = checkers.reduce((n, c) => n + c.records, 0);
  if (maxTotal !== undefined && total > maxTotal && checkers.length > 1) {
    const at = validation[0] ?? checkers[0]!;
    const n = (x: number) => x.toLocaleString("en-US");
    at.emit(
      datasetRules.totalRecords.id,
      1,
      1,
      "",
      `Training and validation hold ${n(total)} records together; ${model.name} takes at most ${n(maxTotal)}.`,
    );
  }
  for (const v of validation) {
    for (const [key, slot] of v.prompts.entries()) {
      for (const t of train) {
        const trainSlot = t.prompts.get(key);
        if (trainSlot === undefined) continue;
        const here = v.prompts.at(slot);
        const there = t.prompts.at(trainSlot);
        // Confirm on the texts: the key is 53 bits of the prompt's digest.
        const a = v.recordAt(here);
        const b = t.recordAt(there);
        if (
          a.conversation &&
          b.conversation &&
          recordIdentity(a.conversation, a.malformed) === recordIdentity(b.conversation, b.malformed)
        ) {
          v.emit(
            datasetRules.validationLeak.id,
            here.line,
            1,
            "",
            `The same prompt is in the training data at ${t.name}:${there.line}.`,
          );
          break;
        }
      }
    }
  }
}
