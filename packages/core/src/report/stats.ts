import type { BaseModel } from "../catalog/schema";
import { estimateTrainingCost, type TrainingCost } from "../cost";
import { type DatasetStats, labelImbalance } from "../stats/collect";
import { int, type Paint, paint, percent } from "./ansi";

/** Dataset stats as JSON: every token figure is marked estimated and names its method. */
export interface StatsJson {
  records: number;
  turns: DatasetStats["turns"];
  withSystemPrompt: number;
  characters: number;
  tokens: {
    estimated: boolean;
    method: string;
    total: number;
    mean: number;
    p50: number;
    p95: number;
    max: number;
  };
  /** Records per estimated token length: `from` inclusive, `upTo` exclusive (`null`: no upper edge). */
  histogram: { from: number; upTo: number | null; count: number }[];
  labels?: {
    pattern: string;
    counts: { label: string; count: number; share: number }[];
    unlabeled: number;
    firstUnlabeledLine?: number;
    imbalance?: {
      largest: string;
      largestCount: number;
      smallest: string;
      smallestCount: number;
      ratio: number;
    };
  };
}

export interface CostJson {
  model: { id: string; name: string };
  epochs: number;
  trainingTokens: number;
  billedTokens: number;
  estimated: boolean;
  method: string;
  usd?: number;
  pricePerMillionTokens?: { usd: number; source: string };
  /** Why no dollar figure is given. */
  note?: string;
}

export interface StatsReportOptions {
  model: BaseModel;
  /** Training epochs the bill is computed for (core `epochsFor`). */
  epochs: number;
  /** Where the epoch count comes from, e.g. "--epochs" or "the catalog default"; shown next to it. */
  epochsSource?: string;
}

export function statsToJson(stats: DatasetStats): StatsJson {
  const out: StatsJson = {
    records: stats.records,
    turns: { ...stats.turns },
    withSystemPrompt: stats.withSystemPrompt,
    characters: stats.characters,
    tokens: {
      estimated: !stats.tokens.total.exact,
      method: stats.tokens.total.method,
      total: stats.tokens.total.value,
      mean: stats.tokens.mean,
      p50: stats.tokens.p50,
      p95: stats.tokens.p95,
      max: stats.tokens.max,
    },
    histogram: stats.histogram.map((b, i) => ({
      from: i === 0 ? 0 : stats.histogram[i - 1]!.upTo,
      upTo: Number.isFinite(b.upTo) ? b.upTo : null,
      count: b.count,
    })),
  };
  if (stats.labels) {
    const labelled = stats.records - stats.labels.unlabeled;
    const imbalance = labelImbalance(stats.labels);
    out.labels = {
      pattern: stats.labels.pattern,
      counts: Object.entries(stats.labels.counts).map(([label, count]) => ({
        label,
        count,
        share: labelled === 0 ? 0 : count / labelled,
      })),
      unlabeled: stats.labels.unlabeled,
      ...(stats.labels.firstUnlabeledLine === undefined
        ? {}
        : { firstUnlabeledLine: stats.labels.firstUnlabeledLine }),
      ...(imbalance
        ? {
            imbalance: {
              largest: imbalance.largest[0],
              largestCount: imbalance.largest[1],
              smallest: imbalance.smallest[0],
              smallestCount: imbalance.smallest[1],
              ratio: imbalance.largest[1] / imbalance.smallest[1],
            },
          }
        : {}),
    };
  }
  return out;
}

export function costToJson(cost: TrainingCost, model: BaseModel): CostJson {
  return {
    model: { id: model.id, name: model.name },
    epochs: cost.epochs,
    trainingTokens: cost.trainingTokens.value,
    billedTokens: cost.billedTokens,
    estimated: !cost.trainingTokens.exact,
    method: cost.trainingTokens.method,
    ...(cost.usd === undefined
      ? { note: noPriceNote(model) }
      : { usd: cost.usd, pricePerMillionTokens: { ...cost.pricePerMillionTokens! } }),
  };
}

/** `tunegate stats --format json`: the stats plus the estimated training bill. */
export function toStatsJson(
  stats: DatasetStats,
  options: StatsReportOptions,
): StatsJson & { cost: CostJson } {
  const cost = estimateTrainingCost(options.model, stats.tokens.total, options.epochs);
  return { ...statsToJson(stats), cost: costToJson(cost, options.model) };
}

function noPriceNote(model: BaseModel): string {
  return `The catalog has no training price for ${model.name}, so only tokens are given. Add prices.trainingPerMillionTokens (with its source) to the model's catalog entry in tunegate.yml for a dollar figure.`;
}

const BAR_WIDTH = 32;

/** `tunegate stats`: a readable summary; every token figure is marked as an estimate (`~`). */
export function toStatsText(
  stats: DatasetStats,
  options: StatsReportOptions & { file?: string; color?: boolean },
): string {
  const c = paint(options.color ?? false);
  const { model } = options;
  const out: string[] = [];
  const row = (label: string, value: string) => out.push(`  ${label.padEnd(22)}${value}`);
  const approx = (n: number) => `~${int(n)}`;

  out.push(c.bold(`${options.file ? `${options.file}: ` : ""}dataset statistics (${model.name})`), "");
  row("Records", int(stats.records));
  row(
    "Turns per record",
    `mean ${stats.turns.mean.toFixed(1)}, min ${int(stats.turns.min)}, max ${int(stats.turns.max)}`,
  );
  row(
    "With a system prompt",
    `${int(stats.withSystemPrompt)} of ${int(stats.records)} (${percent(stats.withSystemPrompt, stats.records)})`,
  );
  row("Characters", int(stats.characters));
  out.push("", `  ${c.bold("Tokens (estimated)")}`);
  row("  total", approx(stats.tokens.total.value));
  row("  mean per record", approx(stats.tokens.mean));
  row("  p50 per record", approx(stats.tokens.p50));
  row("  p95 per record", approx(stats.tokens.p95));
  row("  max per record", approx(stats.tokens.max));
  row("  method", c.dim(stats.tokens.total.method));

  out.push("", `  ${c.bold("Records by length (estimated tokens)")}`);
  out.push(...histogramLines(stats, c));

  if (stats.labels) out.push("", ...labelLines(stats, c));

  const cost = estimateTrainingCost(model, stats.tokens.total, options.epochs);
  out.push("", `  ${c.bold("Estimated training cost")}`);
  row("  epochs", `${cost.epochs}${options.epochsSource ? ` (${options.epochsSource})` : ""}`);
  row(
    "  billed tokens",
    `${approx(cost.trainingTokens.value)} x ${cost.epochs} = ${approx(cost.billedTokens)} (estimated)`,
  );
  if (cost.usd !== undefined && cost.pricePerMillionTokens) {
    row(
      "  cost",
      `${approxUsd(cost.usd)} at ${usd(cost.pricePerMillionTokens.usd)} per million tokens (${cost.pricePerMillionTokens.source})`,
    );
  } else {
    row("  cost", c.yellow(noPriceNote(model)));
  }
  return `${out.join("\n")}\n`;
}

function histogramLines(stats: DatasetStats, c: Paint): string[] {
  const max = Math.max(1, ...stats.histogram.map((b) => b.count));
  const labels = stats.histogram.map((b, i) => {
    const from = i === 0 ? 0 : stats.histogram[i - 1]!.upTo;
    return Number.isFinite(b.upTo) ? `${int(from)}-${int(b.upTo - 1)}` : `${int(from)}+`;
  });
  const width = Math.max(...labels.map((l) => l.length));
  const countWidth = Math.max(...stats.histogram.map((b) => int(b.count).length));
  return stats.histogram.map((b, i) => {
    const bar = "█".repeat(Math.round((b.count / max) * BAR_WIDTH)) || (b.count > 0 ? "▏" : "");
    return `    ${labels[i]!.padStart(width)}  ${c.cyan(bar.padEnd(BAR_WIDTH))}  ${int(b.count).padStart(countWidth)}  ${c.dim(percent(b.count, stats.records))}`;
  });
}

function labelLines(stats: DatasetStats, c: Paint): string[] {
  const labels = stats.labels!;
  const entries = Object.entries(labels.counts);
  const labelled = stats.records - labels.unlabeled;
  const out = [`  ${c.bold(`Labels (/${labels.pattern}/)`)}`];
  if (entries.length === 0) out.push("    no final reply matches the pattern");
  const width = Math.max(8, ...entries.map(([l]) => l.length));
  const max = Math.max(1, ...entries.map(([, n]) => n));
  for (const [label, count] of entries) {
    const bar = "█".repeat(Math.max(1, Math.round((count / max) * BAR_WIDTH)));
    out.push(
      `    ${label.padEnd(width)}  ${int(count).padStart(6)}  ${percent(count, labelled).padStart(6)}  ${c.cyan(bar)}`,
    );
  }
  if (labels.unlabeled > 0) {
    out.push(
      `    ${c.dim(`${int(labels.unlabeled)} record${labels.unlabeled === 1 ? "" : "s"} without a label (the first at line ${labels.firstUnlabeledLine})`)}`,
    );
  }
  const imbalance = labelImbalance(labels);
  if (imbalance) {
    const [big, bigN] = imbalance.largest;
    const [small, smallN] = imbalance.smallest;
    out.push(
      `    ${c.yellow(`warning: label imbalance: "${big}" has ${int(bigN)} records, "${small}" only ${int(smallN)} (${Math.round(bigN / smallN)}:1)`)}`,
    );
  }
  return out;
}

function approxUsd(n: number): string {
  return n > 0 && n < 0.01 ? "< $0.01" : `~${usd(n)}`;
}

function usd(n: number): string {
  return `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
