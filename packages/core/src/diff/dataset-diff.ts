import type { RecordFormat } from "../catalog/schema";
import {
  type DatasetFile,
  type DatasetRole,
  type FileReport,
  type ValidateOptions,
  type ValidationReport,
  validateDatasets,
} from "../dataset/validate";
import type { ProblemCounts } from "../problem";
import type { LabelStats } from "../stats/collect";
import type { TokenFigure } from "../tokens/count";
import { type LabelShifts, labelShifts } from "./labels";
import { type RecordDiff, RecordDiffBuilder } from "./record-diff";
import { readConversationsAt, type SampleLimits } from "./sample";

/** One version of a dataset file, as the engine measured it. */
export interface DatasetSide {
  records: number;
  bytes: number;
  tokens: TokenFigure;
  counts: ProblemCounts;
  labels?: LabelStats;
}

/** How the file itself changed between base and head. */
export type FileChange = "added" | "removed" | "modified" | "unchanged";

/** Everything reviewers are told about one dataset file of a change. */
export interface DatasetDiff {
  /** The file as the repository names it. */
  path: string;
  role: DatasetRole;
  change: FileChange;
  base?: DatasetSide;
  head?: DatasetSide;
  /** The record-level diff; absent for a file the change did not touch. */
  records?: RecordDiff;
  labels?: LabelShifts;
}

export interface DiffFile {
  /** How reports name the file (its repository path). */
  name: string;
  role: DatasetRole;
  /** Where the head version is on disk; absent when the change deletes the file. */
  head?: string;
  /** Where the base version is on disk; absent when the change adds the file. */
  base?: string;
  /** False for a file the change did not touch: it is validated, not diffed. */
  changed: boolean;
}

export interface DiffDatasetsOptions {
  /** How to validate; `onRecord` is the diff's own. */
  validate: Omit<ValidateOptions, "onRecord">;
  /** Samples kept per kind and file (default 3). */
  samples?: number;
  limits?: SampleLimits;
}

export interface DatasetsReview {
  /** The head versions, validated together (so leaks between training and validation are found). */
  head: ValidationReport;
  /** The base versions of the changed files, validated the same way for their figures. */
  base: ValidationReport | undefined;
  /** One per file, in the order given. */
  diffs: DatasetDiff[];
}

/**
 * Validates the head version of a model's datasets and diffs each changed file against its base
 * version, streaming both: the base files first (their records feed the diff and their stats give the
 * "before" figures), then the head files in one validation. Unchanged files are validated without the
 * diff hook, so large ones can still use worker threads.
 */
export async function diffDatasets(
  files: readonly DiffFile[],
  options: DiffDatasetsOptions,
): Promise<DatasetsReview> {
  const builders = new Map<string, RecordDiffBuilder>();
  for (const f of files) {
    if (f.changed) {
      builders.set(
        f.name,
        new RecordDiffBuilder({
          sha1: options.validate.io.sha1,
          samples: options.samples ?? 3,
          ...limitsOf(options),
        }),
      );
    }
  }
  const { parallel: _parallel, ...serial } = options.validate;

  const baseFiles: DatasetFile[] = files.flatMap((f) =>
    f.changed && f.base !== undefined ? [{ path: f.base, role: f.role, name: f.name }] : [],
  );
  const base =
    baseFiles.length > 0
      ? await validateDatasets(baseFiles, {
          ...serial,
          onRecord: (r) => builders.get(r.file)?.addBase(r),
        })
      : undefined;

  const headFiles: DatasetFile[] = files.flatMap((f) =>
    f.head !== undefined ? [{ path: f.head, role: f.role, name: f.name }] : [],
  );
  const anyChanged = files.some((f) => f.changed && f.head !== undefined);
  const head = await validateDatasets(
    headFiles,
    anyChanged ? { ...serial, onRecord: (r) => builders.get(r.file)?.addHead(r) } : options.validate,
  );

  const format: RecordFormat = options.validate.model.format;
  const diffs: DatasetDiff[] = [];
  for (const f of files) {
    const headReport = head.files.find((r) => r.path === f.name);
    const baseReport = base?.files.find((r) => r.path === f.name);
    const builder = builders.get(f.name);
    const records = builder
      ? await builder.finish(
          f.base === undefined
            ? undefined
            : (lines, visit) => readConversationsAt(options.validate.io, f.base!, lines, format, visit),
        )
      : undefined;
    diffs.push(assembleDiff(f, baseReport, headReport, records));
  }
  return { head, base, diffs };
}

function limitsOf(options: DiffDatasetsOptions): { limits?: SampleLimits } {
  return options.limits ? { limits: options.limits } : {};
}

function assembleDiff(
  file: DiffFile,
  baseReport: FileReport | undefined,
  headReport: FileReport | undefined,
  records: RecordDiff | undefined,
): DatasetDiff {
  const change: FileChange = !file.changed
    ? "unchanged"
    : file.base === undefined
      ? "added"
      : file.head === undefined
        ? "removed"
        : "modified";
  const base = baseReport ? sideOf(baseReport) : undefined;
  const head = headReport ? sideOf(headReport) : undefined;
  const labels = file.changed ? labelShifts(base?.labels, head?.labels) : undefined;
  return {
    path: file.name,
    role: file.role,
    change,
    ...(base ? { base } : {}),
    ...(head ? { head } : {}),
    ...(records ? { records } : {}),
    ...(labels ? { labels } : {}),
  };
}

export function sideOf(report: FileReport): DatasetSide {
  return {
    records: report.records,
    bytes: report.bytes,
    tokens: report.stats.tokens.total,
    counts: { ...report.counts },
    ...(report.stats.labels ? { labels: report.stats.labels } : {}),
  };
}
