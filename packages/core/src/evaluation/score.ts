import type { Prices } from "../catalog/schema";
import { onDemandPrices, onDemandUsd } from "../cost";
import { compileLabelPattern, type LabelPattern } from "../dataset/label-pattern";
import { percentile } from "../stats/collect";
import type { CaseResult, Classification, EvalSummary, LabelScore } from "./results";

/** Column of the confusion matrix for an answer that carries no label. */
export const NO_LABEL = "(no label)";
/** Column for a case the model did not answer (the call failed after its retries). */
export const NO_ANSWER = "(no answer)";

export interface ScoreOptions {
  /** The label regex (tunegate.yml `labels`): its first group, or the whole match, is a case's class. */
  labelPattern?: string;
  /** Prices of the model that answered, for the cost of the evaluation's tokens. */
  prices?: Prices;
  latencySource?: "service" | "client" | "harness";
}

/**
 * Exact match compares the answer and the reference after trimming white space at both ends (a model's
 * trailing newline is not a wrong answer); nothing else is normalised.
 */
export function exactMatch(prediction: string | undefined, reference: string): boolean {
  return prediction !== undefined && prediction.trim() === reference.trim();
}

export function scoreCases(cases: readonly CaseResult[], options: ScoreOptions = {}): EvalSummary {
  const answered = cases.filter((c) => c.prediction !== undefined);
  const matched = cases.filter((c) => exactMatch(c.prediction, c.reference)).length;
  const summary: EvalSummary = {
    cases: cases.length,
    answered: answered.length,
    errors: cases.length - answered.length,
    exactMatch: { matched, rate: cases.length === 0 ? 0 : matched / cases.length },
  };
  if (options.labelPattern !== undefined) summary.classification = classify(cases, options.labelPattern);

  const latencies = cases
    .map((c) => c.latencyMs)
    .filter((l): l is number => l !== undefined)
    .sort((a, b) => a - b);
  if (latencies.length > 0) {
    summary.latencyMs = {
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      ...(options.latencySource ? { source: options.latencySource } : {}),
    };
  }
  if (cases.some((c) => c.inputTokens !== undefined || c.outputTokens !== undefined)) {
    const input = cases.reduce((n, c) => n + (c.inputTokens ?? 0), 0);
    const output = cases.reduce((n, c) => n + (c.outputTokens ?? 0), 0);
    summary.tokens = { input, output };
    const prices = onDemandPrices(options.prices);
    if (prices) summary.cost = { usd: onDemandUsd(prices, input, output), ...prices };
  }
  return summary;
}

function labelOf(pattern: LabelPattern, text: string): string | undefined {
  return pattern.label(text);
}

/**
 * Accuracy over the cases whose reference carries a label; an answer without a label, or no answer at
 * all, counts as wrong and gets its own column in the confusion matrix.
 */
export function classify(cases: readonly CaseResult[], labelPattern: string): Classification {
  const pattern = compileLabelPattern(labelPattern)!;
  const pairs: { reference: string; predicted: string }[] = [];
  let unlabeledReferences = 0;
  for (const c of cases) {
    const reference = labelOf(pattern, c.reference);
    if (reference === undefined) {
      unlabeledReferences++;
      continue;
    }
    const predicted = c.prediction === undefined ? NO_ANSWER : (labelOf(pattern, c.prediction) ?? NO_LABEL);
    pairs.push({ reference, predicted });
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const rows = [...new Set(pairs.map((p) => p.reference))].sort(byName);
  const extra = [...new Set(pairs.map((p) => p.predicted))]
    .filter((l) => !rows.includes(l) && l !== NO_LABEL && l !== NO_ANSWER)
    .sort(byName);
  const specials = [NO_LABEL, NO_ANSWER].filter((s) => pairs.some((p) => p.predicted === s));
  const columns = [...rows, ...extra, ...specials];
  const rowAt = new Map(rows.map((r, i) => [r, i]));
  const columnAt = new Map(columns.map((c, j) => [c, j]));
  const matrix = rows.map(() => columns.map(() => 0));
  const support = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const truePositives = new Map<string, number>();
  const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
  let correct = 0;
  for (const p of pairs) {
    matrix[rowAt.get(p.reference)!]![columnAt.get(p.predicted)!]!++;
    bump(support, p.reference);
    bump(predictedCount, p.predicted);
    if (p.reference === p.predicted) {
      correct++;
      bump(truePositives, p.reference);
    }
  }
  const labels: LabelScore[] = [...rows, ...extra].map((label) => {
    const s = support.get(label) ?? 0;
    const predicted = predictedCount.get(label) ?? 0;
    const tp = truePositives.get(label) ?? 0;
    return {
      label,
      support: s,
      predicted,
      truePositives: tp,
      ...(predicted > 0 ? { precision: tp / predicted } : {}),
      ...(s > 0 ? { recall: tp / s } : {}),
    };
  });
  return {
    pattern: labelPattern,
    total: pairs.length,
    correct,
    accuracy: pairs.length === 0 ? 0 : correct / pairs.length,
    labels,
    confusion: { rows, columns, matrix },
    unlabeledReferences,
  };
}
