import type { LossPoint } from "./metrics-csv";

/** What a reviewer reads first about one loss curve: where it ended and the best it reached. */
export interface LossSummary {
  points: number;
  first: LossPoint;
  final: LossPoint;
  /** The lowest loss; the earliest such point when several tie. */
  best: LossPoint;
  epochs: EpochSummary[];
}

export interface EpochSummary {
  epoch: number;
  /** Rows of this epoch. */
  steps: number;
  /** The loss at the epoch's last row: what the model had learned when the epoch ended. */
  last: number;
  lastStep: number;
  mean: number;
  min: number;
}

/** Summary of a curve, or undefined for an empty one (a job that wrote no rows). */
export function summarizeLosses(points: readonly LossPoint[]): LossSummary | undefined {
  const first = points[0];
  if (first === undefined) return undefined;
  let best = first;
  const byEpoch = new Map<number, LossPoint[]>();
  for (const p of points) {
    if (p.loss < best.loss) best = p;
    const rows = byEpoch.get(p.epoch);
    if (rows) rows.push(p);
    else byEpoch.set(p.epoch, [p]);
  }
  const epochs = [...byEpoch.entries()]
    .sort(([a], [b]) => a - b)
    .map(([epoch, rows]): EpochSummary => {
      const last = rows[rows.length - 1]!;
      let sum = 0;
      let min = Number.POSITIVE_INFINITY;
      for (const r of rows) {
        sum += r.loss;
        if (r.loss < min) min = r.loss;
      }
      return {
        epoch,
        steps: rows.length,
        last: last.loss,
        lastStep: last.step,
        mean: sum / rows.length,
        min,
      };
    });
  return { points: points.length, first, final: points[points.length - 1]!, best, epochs };
}

/** A change against the baseline job: negative is better for a loss. */
export interface Delta {
  current: number;
  baseline: number;
  /** current - baseline. */
  change: number;
  /** change / baseline, or undefined when the baseline is 0. */
  relative?: number;
}

export function delta(current: number, baseline: number): Delta {
  const change = current - baseline;
  return baseline === 0
    ? { current, baseline, change }
    : { current, baseline, change, relative: change / baseline };
}

export interface LossComparison {
  final: Delta;
  best: Delta;
}

/** Final and best loss of a job against the same curve of the baseline job. */
export function compareLosses(current: LossSummary, baseline: LossSummary): LossComparison {
  return {
    final: delta(current.final.loss, baseline.final.loss),
    best: delta(current.best.loss, baseline.best.loss),
  };
}

/**
 * At most `max` points of a curve for a chart: the first and last rows always, the best row always (a
 * reviewer looks for it), and the rest evenly spaced by row index. Below the limit every row is kept.
 */
export function downsample<T extends LossPoint>(points: readonly T[], max = 100): T[] {
  if (points.length <= max) return [...points];
  const limit = Math.max(3, max);
  let bestIndex = 0;
  for (let i = 1; i < points.length; i++) if (points[i]!.loss < points[bestIndex]!.loss) bestIndex = i;
  const keep = new Set<number>([0, points.length - 1, bestIndex]);
  const slots = limit - keep.size;
  // Evenly spaced interior indices; a collision with a kept index just leaves the result one shorter.
  for (let k = 1; k <= slots; k++) {
    keep.add(Math.round((k * (points.length - 1)) / (slots + 1)));
  }
  return [...keep].sort((a, b) => a - b).map((i) => points[i]!);
}
