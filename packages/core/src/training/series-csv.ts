/**
 * Metric series a job writes beside (or instead of) its loss files, such as the rewards of a
 * reinforcement fine-tuning job. AWS does not document their place or layout, so any CSV under the job's
 * output folder with a step column is read: every other numeric column is one series, named by its
 * header. A file without a step column is not a series file (the caller lists it as not read).
 */

/** Header names of the step column, in the order they are looked for. */
const STEP_COLUMNS = ["step_number", "step", "global_step", "training_step"];
const EPOCH_COLUMNS = ["epoch_number", "epoch"];
/** A job's file is trusted input from AWS, but a comment must stay small: the first columns only. */
export const MAX_SERIES_PER_FILE = 8;

export interface SeriesPoint {
  step: number;
  epoch?: number;
  value: number;
}

export interface MetricSeries {
  /** The column's header, as written (at most 60 characters). */
  name: string;
  points: SeriesPoint[];
}

export interface SeriesFile {
  series: MetricSeries[];
  /** Rows whose step was not a number. */
  skippedRows: number;
  /** Columns beyond MAX_SERIES_PER_FILE, left out. */
  droppedColumns: number;
}

/** The series of a CSV, or undefined when its header has no step column or no other numeric column. */
export function parseSeriesCsv(text: string): SeriesFile | undefined {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const header = (lines[0] ?? "").split(",").map((h) => unquote(h).slice(0, 60));
  const lower = header.map((h) => h.toLowerCase());
  const stepAt = STEP_COLUMNS.map((c) => lower.indexOf(c)).find((i) => i >= 0);
  if (stepAt === undefined) return undefined;
  const epochAt = EPOCH_COLUMNS.map((c) => lower.indexOf(c)).find((i) => i >= 0);
  const columns = header
    .map((name, at) => ({ name, at }))
    .filter(({ at, name }) => at !== stepAt && at !== epochAt && name !== "");
  const rows = lines.slice(1).filter((l) => l.trim() !== "");
  const cells = rows.map((r) => r.split(",").map(unquote));
  let skippedRows = 0;
  const kept = cells.filter((c) => {
    const ok = Number.isFinite(Number(c[stepAt])) && (c[stepAt] ?? "") !== "";
    if (!ok) skippedRows++;
    return ok;
  });
  const series: MetricSeries[] = [];
  for (const { name, at } of columns) {
    const points: SeriesPoint[] = [];
    for (const c of kept) {
      const cell = c[at] ?? "";
      const value = Number(cell);
      if (cell === "" || !Number.isFinite(value)) continue;
      const epoch = epochAt === undefined ? Number.NaN : Number(c[epochAt]);
      points.push({ step: Number(c[stepAt]), ...(Number.isFinite(epoch) ? { epoch } : {}), value });
    }
    if (points.length > 0) series.push({ name, points });
  }
  if (series.length === 0) return undefined;
  return {
    series: series.slice(0, MAX_SERIES_PER_FILE),
    skippedRows,
    droppedColumns: Math.max(0, series.length - MAX_SERIES_PER_FILE),
  };
}

function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}
