import { downsample } from "../training/loss-summary";
import type { MetricSeries, SeriesPoint } from "../training/series-csv";
import { safeCode, safeInline } from "./markdown-safe";
import { table } from "./training-format";
import type { JobView, Section, TrainingCommentInput } from "./training-input";
import { chart } from "./training-loss";

/**
 * The comment's parts for reinforcement fine-tuning and distillation jobs: the grader or teacher in the
 * job table, and the reward and metric series an RFT job wrote to its output folder, charted like the
 * loss curves. Series names come from files in the job's folder: they are escaped in the text and never
 * reach a diagram's source (charts carry numbers and fixed words only).
 */

/** Charts drawn at most; every series is in the table. */
const MAX_CHARTS = 4;

const fmt = (x: number) => (Math.abs(x) >= 1000 ? x.toFixed(0) : x.toFixed(4));

/** Rows of the job table that say how the job was customized (none for supervised fine-tuning). */
export function customizationRows(job: JobView): [string, string][] {
  const config = job.customizationConfig;
  if (config && "rftConfig" in config) {
    const hp = Object.entries(config.rftConfig.hyperParameters ?? {})
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => safeCode(`${k}=${String(v)}`, 80));
    return [
      ["Customization", "reinforcement fine-tuning"],
      ["Grader", safeCode(config.rftConfig.graderConfig.lambdaGrader.lambdaArn, 520)],
      ["Hyperparameters", hp.length > 0 ? hp.join(", ") : "the service's defaults (AWS publishes none)"],
    ];
  }
  if (config && "distillationConfig" in config) {
    const teacher = config.distillationConfig.teacherModelConfig;
    return [
      ["Customization", "distillation"],
      ["Teacher", safeCode(teacher.teacherModelIdentifier, 300)],
      ...(teacher.maxResponseLengthForInference === undefined
        ? []
        : ([["Longest teacher answer", `${teacher.maxResponseLengthForInference} tokens`]] as [
            string,
            string,
          ][])),
    ];
  }
  if (job.customizationType !== undefined && job.customizationType !== "FINE_TUNING") {
    return [["Customization", safeInline(job.customizationType, 40)]];
  }
  return [];
}

/** Whether the job is supervised fine-tuning, whose catalog hyperparameter defaults apply. */
export function isSupervisedJob(job: JobView): boolean {
  return job.customizationType === undefined || job.customizationType === "FINE_TUNING";
}

function highest(points: readonly SeriesPoint[]): SeriesPoint {
  return points.reduce((best, p) => (p.value > best.value ? p : best), points[0]!);
}

/** A chart title from fixed words: a series name is a file's text, so it stays out of the diagram. */
function chartTitle(series: MetricSeries, index: number): string {
  return series.name === "aggregate_reward_score" ? "Reward by step" : `Series ${index} by step`;
}

export function seriesSections(input: TrainingCommentInput): Section[] {
  const files = input.series ?? [];
  const all = files.flatMap((f) => f.series.map((s) => ({ file: f.name, series: s })));
  if (all.length === 0) return [];
  const rows = all.map(({ file, series }, i) => {
    const top = highest(series.points);
    return [
      String(i + 1),
      safeCode(series.name, 60),
      safeCode(file, 200),
      String(series.points.length),
      fmt(series.points[0]!.value),
      fmt(series.points.at(-1)!.value),
      `${fmt(top.value)} (${top.step})`,
    ];
  });
  const sections: Section[] = [
    {
      text: [
        "#### Rewards and metrics",
        table(["", "Series", "File", "Steps", "First", "Final", "Highest (step)"], rows),
        "_Read from the job's output folder. AWS does not document where or how reinforcement fine-tuning reports rewards, so every CSV with a step column there is shown. A higher reward is better._",
      ].join("\n\n"),
    },
  ];
  const maxPoints = input.maxChartPoints ?? 100;
  all
    .filter(({ series }) => series.points.length > 1)
    .slice(0, MAX_CHARTS)
    .forEach(({ file, series }, i) => {
      const shown = downsample(
        series.points.map((p) => ({ step: p.step, epoch: p.epoch ?? 0, loss: p.value })),
        maxPoints,
      );
      const index = all.findIndex((a) => a.series === series) + 1;
      sections.push({
        // The first chart is the headline figure; the others give way when the comment is too long.
        ...(i > 0 ? { optional: true } : {}),
        text: [
          `#### ${index}. ${safeCode(series.name, 60, false)} by step (${safeCode(file, 200, false)})`,
          chart(
            chartTitle(series, index),
            "step",
            shown.map((p) => String(p.step)),
            [shown.map((p) => p.loss)],
            series.name === "aggregate_reward_score" ? "reward" : "value",
          ),
        ].join("\n\n"),
      });
    });
  return sections;
}
