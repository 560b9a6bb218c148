import type { BaseModel } from "../catalog/schema";
import { onDemandPrices, onDemandUsd } from "../cost";
import type { GateCheck } from "../evaluation/gates";
import { type EvalResults, type EvalSummary, headlineScore } from "../evaluation/results";
import type { JobStatus } from "../jobs/existing";
import { failureHint } from "../training/failure-hints";
import { compareLosses, type Delta, downsample, type LossSummary } from "../training/loss-summary";
import type { LossPoint } from "../training/metrics-csv";
import { safeCode, safeInline } from "./markdown-safe";
import { MAX_COMMENT_SIZE } from "./pr-comment";

/**
 * The PR comment for one customization job: what the train action posted when the job started, updated
 * in place with the result. Everything that comes from a job, a dataset or a model's answers is escaped;
 * the output is deterministic (no "updated at" clock), so an unchanged state renders the same bytes and
 * the comment is not edited again.
 */

export interface JobView {
  jobName: string;
  jobArn: string;
  status: JobStatus | (string & {});
  creationTime?: Date;
  endTime?: Date;
  hyperParameters?: Readonly<Record<string, string>>;
  failureMessage?: string;
  outputModelArn?: string;
  /** The base model as the job names it (ARN or id). */
  baseModelId?: string;
}

export interface CurveData {
  points: readonly LossPoint[];
  summary: LossSummary;
  /** Where the figures come from, e.g. the S3 URI of the CSV. */
  source?: string;
}

export interface BaselineView {
  jobName: string;
  training?: LossSummary;
  validation?: LossSummary;
}

export interface EvaluationView {
  results?: EvalResults;
  gates?: GateCheck[];
  /** Why no evaluation ran (no target model yet, no dataset configured...). */
  skipped?: string;
  /** Where the results file was written or read. */
  resultsPath?: string;
}

export interface TrainingCommentInput {
  /** The hidden marker that identifies the comment (the train action's), placed first. */
  marker: string;
  /** The model's name in tunegate.yml. */
  modelName: string;
  /** The catalog entry of the base model, for its name and prices; absent when unknown. */
  baseModel?: BaseModel;
  job: JobView;
  training?: CurveData;
  validation?: CurveData;
  /** Why metrics are missing or partial (a file not found, unreadable rows). */
  metricsNotes?: string[];
  baseline?: BaselineView;
  evaluation?: EvaluationView;
  /** Most points per chart (default 100). */
  maxChartPoints?: number;
  /** Largest body (default GitHub's 65,536 characters). */
  maxChars?: number;
}

const STATUS_TEXT: Record<string, string> = {
  InProgress: "⏳ Training in progress",
  Completed: "✅ Training completed",
  Failed: "❌ Training failed",
  Stopping: "⏹️ Training stopping",
  Stopped: "⏹️ Training stopped",
};

/** A section of the comment; optional ones are dropped, last first, when the body is too long. */
interface Section {
  text: string;
  optional?: boolean;
}

export function renderTrainingComment(input: TrainingCommentInput): string {
  const max = input.maxChars ?? MAX_COMMENT_SIZE;
  const sections: Section[] = [
    { text: input.marker },
    { text: header(input) },
    { text: jobTable(input) },
    ...failureSection(input),
    ...lossSections(input),
    ...evaluationSections(input),
    { text: nextSteps(input) },
  ];
  let body = join(sections);
  // Drop optional sections from the end until the body fits; the figures a reviewer needs are required.
  for (let i = sections.length - 1; body.length > max && i >= 0; i--) {
    if (!sections[i]!.optional) continue;
    sections.splice(i, 1);
    body = join([
      ...sections,
      { text: "_Some detail tables were left out to fit GitHub's comment size limit._" },
    ]);
  }
  if (body.length > max) {
    // Only long untrusted text (a failure message) can get here; safeInline() capped it, so this is a guard.
    body = `${body.slice(0, max - 80)}\n\n_The rest of this comment was cut to fit GitHub's size limit._`;
  }
  return body;
}

function join(sections: readonly Section[]): string {
  return `${sections.map((s) => s.text).join("\n\n")}\n`;
}

function header(input: TrainingCommentInput): string {
  const status = STATUS_TEXT[input.job.status] ?? `Training ${safeInline(input.job.status, 40)}`;
  const base = input.baseModel ? ` (${safeInline(input.baseModel.name, 80)})` : "";
  return `### ${status}: ${safeCode(input.modelName, 80, false)}${base}`;
}

function jobTable(input: TrainingCommentInput): string {
  const { job } = input;
  const rows: [string, string][] = [
    ["Job", safeCode(job.jobName, 100)],
    ["Status", safeInline(job.status, 40)],
  ];
  if (job.creationTime) {
    const end = job.endTime ?? undefined;
    rows.push([
      "Duration",
      end
        ? `${formatDuration(end.getTime() - job.creationTime.getTime())} (started ${iso(job.creationTime)}, ended ${iso(end)})`
        : `started ${iso(job.creationTime)}`,
    ]);
  }
  if (job.baseModelId) rows.push(["Base model", safeCode(job.baseModelId, 200)]);
  // What the job was sent, then the catalog's defaults for the rest: the service applied those.
  const sent = job.hyperParameters ?? {};
  const hp = Object.entries(sent)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => safeCode(`${k}=${v}`, 80));
  for (const spec of input.baseModel?.hyperparameters ?? []) {
    if (!(spec.name in sent)) hp.push(`${safeCode(`${spec.name}=${spec.default}`, 80)} (default)`);
  }
  if (hp.length > 0) rows.push(["Hyperparameters", hp.join(", ")]);
  if (job.outputModelArn) rows.push(["Custom model", safeCode(job.outputModelArn, 300)]);
  return table(["", ""], rows);
}

function failureSection(input: TrainingCommentInput): Section[] {
  const { job } = input;
  if (job.status !== "Failed") return [];
  const message = job.failureMessage
    ? safeInline(job.failureMessage, 2000)
    : "Bedrock gave no failure message.";
  const hint = failureHint(job.failureMessage);
  const lines = [`**Bedrock says:** ${message}`];
  lines.push(
    hint
      ? `**Likely cause: ${hint.kind}.** ${safeInline(hint.fix, 1000)}`
      : "**Likely cause:** not one tunegate recognises; see the message above and the Bedrock console.",
  );
  return [{ text: lines.join("\n\n") }];
}

const fmtLoss = (x: number) => x.toFixed(4);

function fmtDelta(d: Delta | undefined): string {
  if (!d) return "";
  const sign = d.change > 0 ? "+" : d.change < 0 ? "−" : "±";
  const rel = d.relative === undefined ? "" : ` (${sign}${Math.abs(d.relative * 100).toFixed(1)}%)`;
  const word = d.change < 0 ? " lower" : d.change > 0 ? " higher" : "";
  return `${sign}${fmtLoss(Math.abs(d.change))}${rel}${word}`;
}

function lossSections(input: TrainingCommentInput): Section[] {
  const { training, validation, baseline } = input;
  const out: Section[] = [];
  const notes = (input.metricsNotes ?? []).map((n) => `_${safeInline(n, 300)}_`);
  if (!training && !validation) {
    if (input.job.status === "Completed") {
      out.push({
        text: ["#### Loss", "No metrics files were found in the job's output folder.", ...notes].join("\n\n"),
      });
    }
    return out;
  }
  const withBaseline = baseline !== undefined;
  const headers = [
    "",
    "Final",
    "Best (step)",
    ...(withBaseline ? [`Final vs ${safeCode(baseline.jobName, 80)}`] : []),
  ];
  const rows: string[][] = [];
  for (const [name, curve, base] of [
    ["Training loss", training, baseline?.training],
    ["Validation loss", validation, baseline?.validation],
  ] as const) {
    if (!curve) continue;
    const s = curve.summary;
    const cmp = base ? compareLosses(s, base) : undefined;
    rows.push([
      name,
      fmtLoss(s.final.loss),
      `${fmtLoss(s.best.loss)} (${s.best.step})`,
      ...(withBaseline ? [cmp ? fmtDelta(cmp.final) : "no baseline figure"] : []),
    ]);
  }
  const intro = withBaseline
    ? `Baseline: the previous completed job of this model, ${safeCode(baseline.jobName, 100, false)}. Lower is better.`
    : "No earlier completed job of this model to compare with. Lower is better.";
  out.push({ text: ["#### Loss", table(headers, rows), intro, ...notes].join("\n\n") });

  const maxPoints = input.maxChartPoints ?? 100;
  if (training && training.points.length > 1) {
    const pts = downsample(training.points, maxPoints);
    const shown =
      pts.length < training.points.length ? ` (${pts.length} of ${training.points.length} steps)` : "";
    out.push({
      text: [
        `#### Training loss by step${shown}`,
        chart(
          "Training loss by step",
          "step",
          pts.map((p) => String(p.step)),
          [pts.map((p) => p.loss)],
        ),
      ].join("\n\n"),
    });
    out.push({
      optional: true,
      text: details(
        `Chart data: training loss at ${pts.length} steps`,
        table(
          ["Step", "Epoch", "Training loss"],
          pts.map((p) => [String(p.step), String(p.epoch), fmtLoss(p.loss)]),
        ),
      ),
    });
  }
  const epochs = epochRows(training?.summary, validation?.summary);
  if (epochs.length > 0) {
    const series = [
      ...(training ? [epochs.map((e) => e.training ?? Number.NaN)] : []),
      ...(validation ? [epochs.map((e) => e.validation ?? Number.NaN)] : []),
    ];
    const complete = series.every((s) => s.every(Number.isFinite));
    const legend =
      training && validation
        ? "Blue: training loss at the end of each epoch; orange: validation loss."
        : training
          ? "Training loss at the end of each epoch."
          : "Validation loss per epoch.";
    const parts = ["#### Loss by epoch"];
    // A chart of one point says nothing, and a series with gaps cannot be drawn: the table stays.
    if (epochs.length > 1 && complete) {
      parts.push(
        chart(
          "Loss by epoch",
          "epoch",
          epochs.map((e) => String(e.epoch)),
          series,
        ),
        legend,
      );
    }
    parts.push(
      table(
        [
          "Epoch",
          ...(training ? ["Steps", "Training loss (end)", "Training loss (mean)"] : []),
          ...(validation ? ["Validation loss"] : []),
        ],
        epochs.map((e) => [
          String(e.epoch),
          ...(training
            ? [
                String(e.steps ?? ""),
                e.training === undefined ? "" : fmtLoss(e.training),
                e.mean === undefined ? "" : fmtLoss(e.mean),
              ]
            : []),
          ...(validation ? [e.validation === undefined ? "" : fmtLoss(e.validation)] : []),
        ]),
      ),
    );
    out.push({ text: parts.join("\n\n") });
  }
  return out;
}

interface EpochRow {
  epoch: number;
  steps?: number;
  training?: number;
  mean?: number;
  validation?: number;
}

function epochRows(training: LossSummary | undefined, validation: LossSummary | undefined): EpochRow[] {
  const rows = new Map<number, EpochRow>();
  for (const e of training?.epochs ?? [])
    rows.set(e.epoch, { epoch: e.epoch, steps: e.steps, training: e.last, mean: e.mean });
  for (const e of validation?.epochs ?? []) {
    const row = rows.get(e.epoch) ?? { epoch: e.epoch };
    row.validation = e.last;
    rows.set(e.epoch, row);
  }
  return [...rows.values()].sort((a, b) => a.epoch - b.epoch);
}

/** Mermaid xychart-beta; numbers only in the data, so nothing untrusted reaches the diagram source. */
function chart(title: string, xLabel: string, categories: string[], series: number[][]): string {
  const all = series.flat().filter(Number.isFinite);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo) * 0.05 || 0.05;
  const y0 = Math.max(0, lo - pad);
  const y1 = hi + pad;
  return [
    "```mermaid",
    '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#1f77b4, #ff7f0e"}}}}%%',
    "xychart-beta",
    `  title "${title}"`,
    `  x-axis "${xLabel}" [${categories.join(", ")}]`,
    `  y-axis "loss" ${y0.toFixed(3)} --> ${y1.toFixed(3)}`,
    ...series.map((s) => `  line [${s.map((v) => v.toFixed(4)).join(", ")}]`),
    "```",
  ].join("\n");
}

const MAX_LABEL_ROWS = 30;
const MAX_MATRIX_LABELS = 12;

function evaluationSections(input: TrainingCommentInput): Section[] {
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

function nextSteps(input: TrainingCommentInput): string {
  const { job, baseModel } = input;
  const lines = ["#### What next"];
  switch (job.status) {
    case "InProgress":
    case "Stopping":
      lines.push("The report action updates this comment when the job ends.");
      break;
    case "Stopped":
      lines.push(
        "The job was stopped before it finished, so there is no model. Re-run the train action to start it again.",
      );
      break;
    case "Failed":
      lines.push(
        "Fix the cause above and merge the fix, or re-run the train action if the data was not the problem. Run `npx tunegate validate` on the dataset first: it checks what Bedrock checks.",
      );
      break;
    case "Completed":
      lines.push(...provisioningAdvice(input));
      break;
    default:
      lines.push("The job is in a state tunegate does not know; see the Bedrock console.");
  }
  if (job.status === "Completed" && !baseModel) {
    lines.push(
      "_The base model is not in tunegate's catalog, so no prices are shown; add it under `catalog:` in tunegate.yml._",
    );
  }
  return lines.join("\n\n");
}

function provisioningAdvice(input: TrainingCommentInput): string[] {
  const { job, baseModel, evaluation } = input;
  const out: string[] = [];
  const hourly = baseModel?.prices.provisionedThroughputPerHour;
  const results = evaluation?.results;
  const target = results ? headlineScore(results.target.summary) : undefined;
  const base = results?.baseline ? headlineScore(results.baseline.summary) : undefined;
  if (target && base && target.value <= base.value) {
    out.push(
      `**Consider not deploying this model:** its ${target.name} (${pct(target.value)}) is no better than the baseline's (${pct(base.value)}). A custom model is only served through Provisioned Throughput, billed by the hour whether used or not.`,
    );
  } else if (target && base) {
    out.push(`The model beats the baseline: ${target.name} ${pct(target.value)} against ${pct(base.value)}.`);
  }
  if (hourly) {
    out.push(
      `To use it, buy **Provisioned Throughput**: about **$${hourly.usd.toFixed(2)} per hour** per model unit (≈ $${(hourly.usd * 24 * 30).toLocaleString("en-US", { maximumFractionDigits: 0 })} per 30 days), billed from creation until you delete it; creation takes about 20–30 minutes, and model units may first have to be requested from AWS support. _Source: ${safeInline(hourly.source, 300)}._`,
    );
    const perRequest = onDemandCostPerRequest(input);
    if (perRequest) {
      const breakEven = hourly.usd / perRequest.usd;
      out.push(
        `On demand, the base model costs about $${perRequest.usd.toPrecision(3)} per request at this evaluation's average of ${Math.round(perRequest.input)} input and ${Math.round(perRequest.output)} output tokens, so one model unit costs as much as **${Math.round(breakEven).toLocaleString("en-US")} base-model requests per hour** (${(breakEven / 3600).toFixed(1)} per second). Below that volume the base model on demand is cheaper, unless the quality gain is worth the difference.`,
      );
    }
  } else {
    out.push(
      "The catalog has no Provisioned Throughput price for this base model; add `prices.provisionedThroughputPerHour` (with its source) to its catalog entry in tunegate.yml to see the cost here.",
    );
  }
  if (job.outputModelArn) {
    out.push(
      [
        "```sh",
        `aws bedrock create-provisioned-model-throughput --model-units 1 --provisioned-model-name ${shellWord(input.modelName)}-pt --model-id ${shellWord(job.outputModelArn)}`,
        "```",
      ].join("\n"),
    );
    if (!results) {
      out.push(
        "Then run the report action again with `eval: true` and `target-model: <provisioned model ARN>` to compare it with the base model.",
      );
    }
  }
  return out;
}

/** On-demand cost of one request to the base model, from the evaluation's token counts and catalog prices. */
function onDemandCostPerRequest(
  input: TrainingCommentInput,
): { usd: number; input: number; output: number } | undefined {
  const prices = onDemandPrices(input.baseModel?.prices);
  const summary = input.evaluation?.results?.baseline?.summary ?? input.evaluation?.results?.target.summary;
  if (!prices || !summary?.tokens || summary.answered === 0) return undefined;
  const avgIn = summary.tokens.input / summary.answered;
  const avgOut = summary.tokens.output / summary.answered;
  const usd = onDemandUsd(prices, avgIn, avgOut);
  return usd > 0 ? { usd, input: avgIn, output: avgOut } : undefined;
}

/** A word safe to paste into a POSIX shell: anything unusual is replaced, not quoted. */
function shellWord(text: string): string {
  return text.replace(/[^A-Za-z0-9:/._+-]/g, "-").slice(0, 300);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function iso(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "unknown";
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${sec} s`;
  return `${sec} s`;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

function details(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
