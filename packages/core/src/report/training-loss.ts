import { compareLosses, type Delta, downsample, type LossSummary } from "../training/loss-summary";
import { safeCode, safeInline } from "./markdown-safe";
import { details, table } from "./training-format";
import type { Section, TrainingCommentInput } from "./training-input";

/** The loss sections of the training comment: final and best loss against the baseline, charts by step and epoch. */

const fmtLoss = (x: number) => x.toFixed(4);

function fmtDelta(d: Delta | undefined): string {
  if (!d) return "";
  const sign = d.change > 0 ? "+" : d.change < 0 ? "−" : "±";
  const rel = d.relative === undefined ? "" : ` (${sign}${Math.abs(d.relative * 100).toFixed(1)}%)`;
  const word = d.change < 0 ? " lower" : d.change > 0 ? " higher" : "";
  return `${sign}${fmtLoss(Math.abs(d.change))}${rel}${word}`;
}

export function lossSections(input: TrainingCommentInput): Section[] {
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
