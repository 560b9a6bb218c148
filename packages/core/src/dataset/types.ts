import type { BaseModel, RecordFormat } from "../catalog/schema";
import type { Problem, ProblemCounts, SeverityOverride } from "../problem";
import type { DatasetStats } from "../stats/collect";
import type { DatasetIo } from "./io";
import type { RecordView as LineRecordView } from "./line-checker";
import type { ParallelOptions } from "./worker-pool";

/** What validateDatasets takes and returns, apart from the engine, so the file checker and it share them. */

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
  /** Files, digests and threads: `nodeDatasetIo` from @tunegate/files. */
  io: DatasetIo;
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
  /**
   * Calibrate the stats' token estimates with the tokenizer on a sample of each file (default true).
   * A caller that shows no token figure (the CLI's problem listings) passes false: the estimates then
   * use the model's planning ratio, and the tokenizer (~1 MB of code and data) is loaded only when a
   * record's bytes exceed the model's token limit.
   */
  calibrateTokens?: boolean;
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
