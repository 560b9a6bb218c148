import { describe, expect, it } from "vitest";
import {
  type CaseResult,
  EVAL_RESULTS_FORMAT,
  type EvalResults,
  type LossPoint,
  MAX_COMMENT_SIZE,
  renderTrainingComment,
  scoreCases,
  summarizeLosses,
  type TrainingCommentInput,
  trainCommentMarker,
} from "../src/index";
import { HAIKU } from "./support";

const curve = (steps: number, perEpoch: number, start: number, offset = 0): LossPoint[] =>
  Array.from({ length: steps }, (_, i) => ({
    step: i,
    epoch: 1 + Math.floor(i / perEpoch),
    loss: Math.round((start * Math.exp(-i / 60) + 0.3 + offset + (i % 7) * 0.001) * 1e6) / 1e6,
  }));

const training = curve(500, 250, 2.5);
const validation = [
  { step: 249, epoch: 1, loss: 0.61 },
  { step: 499, epoch: 2, loss: 0.52 },
];
const marker = trainCommentMarker("support-router", "tunegate-support-router-abc");

function completed(extra: Partial<TrainingCommentInput> = {}): TrainingCommentInput {
  return {
    marker,
    modelName: "support-router",
    baseModel: HAIKU,
    job: {
      jobName: "tunegate-support-router-abc",
      jobArn:
        "arn:aws:bedrock:us-west-2:123456789012:model-customization-job/anthropic.claude-3-haiku-20240307-v1:0:200k/abc",
      status: "Completed",
      creationTime: new Date("2026-11-20T10:00:00Z"),
      endTime: new Date("2026-11-20T11:23:45Z"),
      hyperParameters: { epochCount: "2", batchSize: "8" },
      outputModelArn:
        "arn:aws:bedrock:us-west-2:123456789012:custom-model/anthropic.claude-3-haiku-20240307-v1:0:200k/xyz",
    },
    training: { points: training, summary: summarizeLosses(training)! },
    validation: { points: validation, summary: summarizeLosses(validation)! },
    ...extra,
  };
}

describe("renderTrainingComment: a completed job", () => {
  const body = renderTrainingComment(
    completed({
      baseline: {
        jobName: "tunegate-support-router-old",
        training: summarizeLosses(curve(500, 250, 2.5, 0.1))!,
        validation: summarizeLosses([{ step: 9, epoch: 1, loss: 0.65 }])!,
      },
    }),
  );

  it("starts with the train action's marker and names status, duration and hyperparameters", () => {
    expect(body.startsWith(`${marker}\n`)).toBe(true);
    expect(body).toContain("### ✅ Training completed: `support-router` (Claude 3 Haiku)");
    expect(body).toContain(
      "| Duration | 1 h 23 min (started 2026-11-20 10:00 UTC, ended 2026-11-20 11:23 UTC) |",
    );
    expect(body).toContain(
      "| Hyperparameters | `batchSize=8`, `epochCount=2`, `learningRateMultiplier=1` (default), `earlyStoppingThreshold=0.001` (default), `earlyStoppingPatience=2` (default) |",
    );
  });

  it("gives final and best losses with deltas against the baseline", () => {
    const s = summarizeLosses(training)!;
    expect(body).toContain(
      `| Training loss | ${s.final.loss.toFixed(4)} | ${s.best.loss.toFixed(4)} (${s.best.step}) | −0.1000`,
    );
    // 0.52 against 0.65: -0.13, -20.0%.
    expect(body).toContain("| Validation loss | 0.5200 | 0.5200 (499) | −0.1300 (−20.0%) lower |");
  });

  it("draws at most 100 points and lists the same numbers in a table", () => {
    const block = /```mermaid\n[\s\S]*?title "Training loss by step"[\s\S]*?```/.exec(body)![0];
    const xs = /x-axis "step" \[([^\]]*)\]/.exec(block)![1]!.split(", ").map(Number);
    const ys = /line \[([^\]]*)\]/.exec(block)![1]!.split(", ");
    expect(xs.length).toBeLessThanOrEqual(100);
    expect(xs.length).toBe(ys.length);
    expect(xs[0]).toBe(0);
    expect(xs.at(-1)).toBe(499);
    for (const [i, x] of xs.entries()) {
      const row = new RegExp(`^\\| ${x} \\| \\d+ \\| ${ys[i]!.replace(".", "\\.")} \\|$`, "m");
      expect(body).toMatch(row);
      expect(Number(ys[i])).toBeCloseTo(training[x]!.loss, 4);
    }
  });

  it("charts loss by epoch with validation, and tables it", () => {
    expect(body).toContain('x-axis "epoch" [1, 2]');
    expect(body).toMatch(/\| 2 \| 250 \| [0-9.]+ \| [0-9.]+ \| 0\.5200 \|/);
  });

  it("says what Provisioned Throughput costs and where the figure comes from", () => {
    expect(body).toContain("about **$50.00 per hour** per model unit");
    expect(body).toContain("check the AWS Bedrock pricing page");
    // The way to buy it is tunegate's own command, which prints the price before buying.
    expect(body).toContain("tunegate provision create support-router");
    expect(body).toContain("`provisioned-model: <its name>` and `teardown: true`");
  });

  it("renders the same bytes for the same state", () => {
    expect(renderTrainingComment(completed())).toBe(renderTrainingComment(completed()));
  });
});

describe("renderTrainingComment: a failed job", () => {
  it("shows the message and the likely fix", () => {
    const body = renderTrainingComment({
      marker,
      modelName: "support-router",
      baseModel: HAIKU,
      job: {
        jobName: "j",
        jobArn: "arn:aws:bedrock:us-west-2:1:model-customization-job/m/j",
        status: "Failed",
        failureMessage:
          "Could not validate GetObject permissions to access Amazon S3 bucket: data at key support/train.jsonl",
      },
    });
    expect(body).toContain("### ❌ Training failed");
    expect(body).toContain(
      "**Bedrock says:** Could not validate GetObject permissions to access Amazon S3 bucket\\: data at key support/train\\.jsonl",
    );
    expect(body).toContain("**Likely cause: S3 read permission.** The job's service role cannot read");
    expect(body).not.toContain("Provisioned Throughput");
  });

  it("keeps hostile text inert: no HTML, no mentions, no references, no broken table", () => {
    const hostile =
      "<img src=x onerror=alert(1)> @octocat please see #12 | `code` [link](https://evil.example)\n# Heading";
    const body = renderTrainingComment({
      marker,
      modelName: "m",
      job: {
        jobName: "j|x",
        jobArn: "arn:aws:bedrock:us-west-2:1:model-customization-job/m/j",
        status: "Failed",
        failureMessage: hostile,
      },
    });
    expect(body).not.toContain("<img");
    expect(body).not.toMatch(/@octocat/);
    expect(body).toContain("@\u200boctocat");
    expect(body).not.toMatch(/(^|[^\\])#12/);
    expect(body).not.toMatch(/^# Heading/m);
    // The brackets are escaped and the URL broken, so no link is formed.
    expect(body).toContain("\\[link\\]\\(https\\:\u200b//evil\\.example\\)");
    expect(body).toContain("| Job | `j\\|x` |");
  });
});

describe("renderTrainingComment: an evaluation", () => {
  const cases = (n: number, right: number, label = (i: number) => `r${i % 3}`): CaseResult[] =>
    Array.from({ length: n }, (_, i) => ({
      id: String(i + 1),
      reference: `ROUTE: ${label(i)}`,
      prediction: i < right ? `ROUTE: ${label(i)}` : "ROUTE: other",
      latencyMs: 100 + i,
      inputTokens: 400,
      outputTokens: 4,
    }));
  const results = (targetRight: number, baselineRight: number): EvalResults => ({
    format: EVAL_RESULTS_FORMAT,
    labelPattern: "ROUTE: (\\w+)",
    dataset: { path: "data/eval.jsonl", cases: 30 },
    target: {
      model: "arn:aws:bedrock:us-west-2:1:provisioned-model/pt1",
      summary: scoreCases(cases(30, targetRight), {
        labelPattern: "ROUTE: (\\w+)",
        latencySource: "service",
      }),
    },
    baseline: {
      model: "anthropic.claude-3-haiku-20240307-v1:0",
      summary: scoreCases(cases(30, baselineRight), { labelPattern: "ROUTE: (\\w+)", prices: HAIKU.prices }),
    },
  });

  it("tables accuracy, exact match, latency, tokens and cost, with the confusion matrix", () => {
    const body = renderTrainingComment(completed({ evaluation: { results: results(27, 21) } }));
    expect(body).toContain("| Accuracy | 90.0% (27/30) | 70.0% (21/30) |");
    expect(body).toContain("| Tokens in / out | 12,000 / 120 | 12,000 / 120 |");
    expect(body).toContain("| Cost of these tokens | no price in the catalog | $0.0032 |");
    expect(body).toContain("| Reference \\ answer | r0 | r1 | r2 | other |");
    expect(body).toContain("The model beats the baseline: accuracy 90.0% against 70.0%.");
    // Haiku on demand: 400 x 0.25 + 4 x 1.25 per million = $0.000105 per request; $50 / 0.000105 = 476,190.
    expect(body).toContain("**476,190 base-model requests per hour**");
  });

  it("shows a label pattern in prose as written, pipes included", () => {
    const r = results(27, 21);
    const body = renderTrainingComment(
      completed({ evaluation: { results: { ...r, labelPattern: "^ROUTE: (a|b)" } } }),
    );
    expect(body).toContain("Labels: `^ROUTE: (a|b)`.");
  });

  it("advises against deploying a model no better than the baseline", () => {
    const body = renderTrainingComment(completed({ evaluation: { results: results(20, 21) } }));
    expect(body).toContain("**Consider not deploying this model:**");
  });

  it("stays within GitHub's limit with thousands of labels", () => {
    const many = scoreCases(
      cases(3000, 1500, (i) => `label-${i}-${"x".repeat(40)}`),
      {
        labelPattern: "ROUTE: (\\S+)",
      },
    );
    const body = renderTrainingComment(
      completed({
        evaluation: { results: { format: EVAL_RESULTS_FORMAT, target: { model: "t", summary: many } } },
      }),
    );
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_SIZE);
    expect(body).toContain("more labels not shown");
  });

  it("drops detail tables, not figures, when the limit is small", () => {
    const body = renderTrainingComment(
      completed({ maxChars: 6000, evaluation: { results: results(27, 21) } }),
    );
    expect(body.length).toBeLessThanOrEqual(6000);
    expect(body).toContain("| Accuracy | 90.0% (27/30)");
    expect(body).toContain("left out to fit GitHub's comment size limit");
  });
});
