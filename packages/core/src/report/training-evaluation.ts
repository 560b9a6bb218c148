import type { EvalSummary } from "../evaluation/results";
import { safeCode, safeInline } from "./markdown-safe";
import { details, pct, table } from "./training-format";
import type { Section, TrainingCommentInput } from "./training-input";

/** The evaluation sections of the training comment: target against baseline, per label, confusion matrix. */

const MAX_LABEL_ROWS = 30;
const MAX_MATRIX_LABELS = 12;

export function evaluationSections(input: TrainingCommentInput): Section[] {
  const ev = input.evaluation;
  if (!ev) return [];
  if (!ev.results) {
    return [
      {
        text: `#### Evaluation\n\nNot run: ${safeInline(ev.skipped ?? "no evaluation was asked for.", 500)}`,
      },
    ];
  }
  const r = ev.results;
  const t = r.target.summary;
  const b = r.baseline?.summary;
  const cols = [
    "",
    `Target ${safeCode(r.target.model, 120)}`,
    ...(r.baseline ? [`Baseline ${safeCode(r.baseline.model, 120)}`] : []),
  ];
  const row = (name: string, f: (s: EvalSummary) => string): string[] => [name, f(t), ...(b ? [f(b)] : [])];
  const rows: string[][] = [row("Cases (answered)", (s) => `${s.cases} (${s.answered})`)];
  if (t.classification || b?.classification) {
    rows.push(
      row("Accuracy", (s) =>
        s.classification
          ? `${pct(s.classification.accuracy)} (${s.classification.correct}/${s.classification.total})`
          : "",
      ),
    );
  }
  rows.push(row("Exact match", (s) => `${pct(s.exactMatch.rate)} (${s.exactMatch.matched}/${s.cases})`));
  if (t.latencyMs || b?.latencyMs) {
    rows.push(
      row("Latency p50 / p95", (s) =>
        s.latencyMs ? `${Math.round(s.latencyMs.p50)} ms / ${Math.round(s.latencyMs.p95)} ms` : "",
      ),
    );
  }
  if (t.tokens || b?.tokens) {
    rows.push(
      row("Tokens in / out", (s) =>
        s.tokens
          ? `${s.tokens.input.toLocaleString("en-US")} / ${s.tokens.output.toLocaleString("en-US")}`
          : "",
      ),
    );
  }
  rows.push(
    row("Cost of these tokens", (s) => (s.cost ? `$${s.cost.usd.toFixed(4)}` : "no price in the catalog")),
  );
  const text = ["#### Evaluation", table(cols, rows)];
  if (r.dataset) {
    text.push(
      `Dataset ${safeCode(r.dataset.path, 200, false)}: ${r.dataset.cases} cases${r.dataset.skipped ? `, ${r.dataset.skipped} records skipped (no final assistant reply)` : ""}.` +
        (r.labelPattern ? ` Labels: ${safeCode(r.labelPattern, 100, false)}.` : ""),
    );
  }
  const costSource = t.cost ?? b?.cost;
  if (costSource) {
    text.push(
      `_Prices: input $${costSource.inputPerMillionTokens.usd}/M tokens (${safeInline(costSource.inputPerMillionTokens.source, 200)}), output $${costSource.outputPerMillionTokens.usd}/M tokens (${safeInline(costSource.outputPerMillionTokens.source, 200)}). A custom model on Provisioned Throughput is billed by the hour instead._`,
    );
  }
  if (t.errors > 0)
    text.push(`_${t.errors} target call(s) failed after retries; they count as wrong answers._`);
  for (const g of ev.gates ?? [])
    text.push(`${g.passed ? "✅" : "❌"} **${g.gate}**: ${safeInline(g.message, 500)}`);
  if (ev.resultsPath) text.push(`Results file: ${safeCode(ev.resultsPath, 200, false)}.`);
  const sections: Section[] = [{ text: text.join("\n\n") }];

  const k = t.classification;
  if (k) {
    const labels = [...k.labels].sort((x, y) => y.support - x.support || (x.label < y.label ? -1 : 1));
    const shown = labels.slice(0, MAX_LABEL_ROWS);
    const perLabel = table(
      ["Label", "Support", "Precision", "Recall"],
      shown.map((l) => [
        safeInline(l.label, 60),
        String(l.support),
        l.precision === undefined ? "–" : pct(l.precision),
        l.recall === undefined ? "–" : pct(l.recall),
      ]),
    );
    const more =
      labels.length > shown.length ? `\n\n_${labels.length - shown.length} more labels not shown._` : "";
    sections.push({
      optional: true,
      text: details(`Per-label precision and recall (target, ${labels.length} labels)`, perLabel + more),
    });
    sections.push({
      optional: true,
      text: details("Confusion matrix (target): rows are references, columns answers", confusion(k)),
    });
  }
  return sections;
}

function confusion(k: NonNullable<EvalSummary["classification"]>): string {
  const { rows, columns, matrix } = k.confusion;
  // The most frequent reference labels; the other columns are summed into "other".
  const support = rows.map((_, i) => matrix[i]!.reduce((a, n) => a + n, 0));
  const order = rows.map((_, i) => i).sort((a, b) => support[b]! - support[a]! || a - b);
  const keptRows = order.slice(0, MAX_MATRIX_LABELS).sort((a, b) => a - b);
  const keptCols = columns
    .map((c, j) => ({ c, j }))
    .filter(({ c }) => keptRows.some((i) => rows[i] === c) || c.startsWith("("))
    .map(({ j }) => j);
  const otherCols = columns.map((_, j) => j).filter((j) => !keptCols.includes(j));
  const headers = [
    "Reference \\ answer",
    ...keptCols.map((j) => safeInline(columns[j]!, 40)),
    ...(otherCols.length ? ["other"] : []),
  ];
  const body = keptRows.map((i) => [
    safeInline(rows[i]!, 40),
    ...keptCols.map((j) => String(matrix[i]![j])),
    ...(otherCols.length ? [String(otherCols.reduce((a, j) => a + matrix[i]![j]!, 0))] : []),
  ]);
  const note =
    rows.length > keptRows.length
      ? `\n\n_${rows.length - keptRows.length} less frequent reference labels not shown._`
      : "";
  return table(headers, body) + note;
}
