import type { Calibration, TokenFigure } from "../tokens/count";

/** What reviewers see about a dataset: size, shape, tokens and labels. Token figures are estimates. */
export interface DatasetStats {
  records: number;
  /** Messages per record (a prompt/completion record counts as two). */
  turns: { min: number; mean: number; max: number };
  /** Records with a non-empty system prompt. */
  withSystemPrompt: number;
  characters: number;
  tokens: {
    total: TokenFigure;
    mean: number;
    p50: number;
    p95: number;
    max: number;
  };
  /** Records per token-length bucket: `upTo` is the bucket's exclusive upper edge (Infinity for the last). */
  histogram: { upTo: number; count: number }[];
  labels?: LabelStats;
}

export interface LabelStats {
  pattern: string;
  counts: Record<string, number>;
  /** Records whose final reply does not match the pattern. */
  unlabeled: number;
  /** Line of the first unlabeled record, for the notice. */
  firstUnlabeledLine?: number;
}

const HISTOGRAM_EDGES = [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, Number.POSITIVE_INFINITY];

/** Collects per-record figures in one pass; memory grows by 4 bytes a record (its character count). */
export class StatsCollector {
  #chars = new Uint32Array(1024);
  #records = 0;
  #turnsMin = Number.POSITIVE_INFINITY;
  #turnsMax = 0;
  #turnsSum = 0;
  #withSystem = 0;
  #totalChars = 0;
  #labelCounts = new Map<string, number>();
  #unlabeled = 0;
  #firstUnlabeledLine: number | undefined;
  readonly #labelPattern: string | undefined;

  /** `labelPattern`: the pattern labels were read with, when the dataset is a classifier. */
  constructor(labelPattern?: string) {
    this.#labelPattern = labelPattern;
  }

  /** `label`: the record's class label, undefined when its reply does not match the pattern. */
  add(record: {
    chars: number;
    turns: number;
    hasSystem: boolean;
    label: string | undefined;
    line: number;
  }): void {
    if (this.#records === this.#chars.length) {
      const grown = new Uint32Array(this.#chars.length * 2);
      grown.set(this.#chars);
      this.#chars = grown;
    }
    this.#chars[this.#records++] = record.chars;
    this.#totalChars += record.chars;
    this.#turnsSum += record.turns;
    if (record.turns < this.#turnsMin) this.#turnsMin = record.turns;
    if (record.turns > this.#turnsMax) this.#turnsMax = record.turns;
    if (record.hasSystem) this.#withSystem++;
    if (this.#labelPattern !== undefined) {
      const label = record.label;
      if (label === undefined) {
        this.#unlabeled++;
        this.#firstUnlabeledLine ??= record.line;
      } else this.#labelCounts.set(label, (this.#labelCounts.get(label) ?? 0) + 1);
    }
  }

  finish(calibration: Calibration): DatasetStats {
    const n = this.#records;
    const tokens = Array.from(this.#chars.subarray(0, n), (c) =>
      Math.round(c * calibration.tokensPerChar),
    ).sort((a, b) => a - b);
    const total = estimatedTokens(this.#totalChars, calibration);
    const histogram = HISTOGRAM_EDGES.map((upTo) => ({ upTo, count: 0 }));
    for (const t of tokens) histogram.find((b) => t < b.upTo)!.count++;
    while (histogram.length > 1 && histogram[histogram.length - 1]!.count === 0) histogram.pop();
    const stats: DatasetStats = {
      records: n,
      turns: { min: n ? this.#turnsMin : 0, mean: n ? this.#turnsSum / n : 0, max: this.#turnsMax },
      withSystemPrompt: this.#withSystem,
      characters: this.#totalChars,
      tokens: {
        total,
        mean: n ? total.value / n : 0,
        p50: percentile(tokens, 0.5),
        p95: percentile(tokens, 0.95),
        max: tokens[n - 1] ?? 0,
      },
      histogram,
    };
    if (this.#labelPattern !== undefined) {
      stats.labels = {
        pattern: this.#labelPattern,
        counts: Object.fromEntries(
          [...this.#labelCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
        ),
        unlabeled: this.#unlabeled,
        ...(this.#firstUnlabeledLine === undefined ? {} : { firstUnlabeledLine: this.#firstUnlabeledLine }),
      };
    }
    return stats;
  }
}

/** A dataset's tokens, estimated from its characters with a calibration (see calibrate). */
export function estimatedTokens(characters: number, calibration: Calibration): TokenFigure {
  return {
    value: Math.round(characters * calibration.tokensPerChar),
    exact: false,
    method: calibration.method,
  };
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** A label distribution is imbalanced when its largest class outnumbers its smallest ten to one. */
export const IMBALANCE_RATIO = 10;

export function labelImbalance(
  labels: LabelStats,
): { largest: [string, number]; smallest: [string, number] } | undefined {
  const entries = Object.entries(labels.counts);
  if (entries.length < 2) return undefined;
  const largest = entries[0]!;
  const smallest = entries[entries.length - 1]!;
  return largest[1] >= IMBALANCE_RATIO * smallest[1] ? { largest, smallest } : undefined;
}
