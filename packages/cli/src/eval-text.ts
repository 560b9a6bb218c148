import { type checkGates, type EvalResults, type EvalSummary, headlineScore } from "@tunegate/core";
import type { Io } from "./io";

/** The pretty form of `tunegate eval`: a table of both models, per-label figures and the gates. */
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function evalText(results: EvalResults, checks: ReturnType<typeof checkGates>): string {
  const rows: [string, (s: EvalSummary) => string][] = [
    ["cases (answered)", (s) => `${s.cases} (${s.answered})`],
    [
      "accuracy",
      (s) =>
        s.classification
          ? `${pct(s.classification.accuracy)} (${s.classification.correct}/${s.classification.total})`
          : "-",
    ],
    ["exact match", (s) => `${pct(s.exactMatch.rate)} (${s.exactMatch.matched}/${s.cases})`],
    [
      "latency p50 / p95",
      (s) => (s.latencyMs ? `${Math.round(s.latencyMs.p50)} / ${Math.round(s.latencyMs.p95)} ms` : "-"),
    ],
    ["tokens in / out", (s) => (s.tokens ? `${s.tokens.input} / ${s.tokens.output}` : "-")],
    ["cost", (s) => (s.cost ? `$${s.cost.usd.toFixed(4)}` : "no price")],
  ];
  const models = [results.target, ...(results.baseline ? [results.baseline] : [])];
  const header = ["", ...models.map((m, i) => `${i === 0 ? "target" : "baseline"}: ${m.model}`)];
  const lines = [header, ...rows.map(([name, f]) => [name, ...models.map((m) => f(m.summary))])];
  const widths = header.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  const out = [
    `Evaluation of ${results.name ?? "the model"} on ${results.dataset?.path ?? "the dataset"}`,
    "",
  ];
  for (const l of lines)
    out.push(
      l
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join("  ")
        .trimEnd(),
    );
  const k = results.target.summary.classification;
  if (k) {
    out.push("", "Per label (target): support, precision, recall");
    for (const l of k.labels) {
      out.push(
        `  ${l.label}: ${l.support}, ${l.precision === undefined ? "-" : pct(l.precision)}, ${l.recall === undefined ? "-" : pct(l.recall)}`,
      );
    }
    out.push("", "Confusion matrix (target; rows: reference, columns: answer)");
    const cols = k.confusion.columns;
    const w = Math.max(...[...k.confusion.rows, ...cols].map((c) => c.length));
    out.push(`  ${"".padEnd(w)}  ${cols.map((c) => c.padStart(w)).join(" ")}`);
    k.confusion.rows.forEach((r, i) => {
      out.push(`  ${r.padEnd(w)}  ${k.confusion.matrix[i]!.map((n) => String(n).padStart(w)).join(" ")}`);
    });
  }
  if (results.baseline) {
    const t = headlineScore(results.target.summary);
    const b = headlineScore(results.baseline.summary);
    const d = t.value - b.value;
    out.push(
      "",
      `${t.name}: target ${pct(t.value)}, baseline ${pct(b.value)} (${d >= 0 ? "+" : ""}${(d * 100).toFixed(1)} points)`,
    );
  }
  for (const c of checks) out.push(`${c.passed ? "pass" : "FAIL"} ${c.gate}: ${c.message}`);
  return `${out.join("\n")}\n`;
}

/** "12/40 answers" on a terminal's stderr, at most five times a second, then the final count. */
export function answersProgress(io: Io): (done: number, total: number) => void {
  let lastShown = 0;
  return (done, total) => {
    if (io.stderr.isTTY && (done === total || Date.now() - lastShown > 200)) {
      lastShown = Date.now();
      io.stderr.write(`\r${done}/${total} answers${done === total ? "\n" : ""}`);
    }
  };
}
