import { describe, expect, it } from "vitest";
import {
  parseSeriesCsv,
  renderTrainingComment,
  type TrainingCommentInput,
  trainCommentMarker,
} from "../src/index";
import { catalog } from "./support";

const NOVA_2_LITE = catalog.get("amazon.nova-2-lite-v1:0:256k");
const GRADER = "arn:aws:lambda:us-east-1:123456789012:function:gsm8k-grader";
const rewards = parseSeriesCsv(
  `step_number,epoch_number,aggregate_reward_score,accuracy\n${Array.from(
    { length: 12 },
    (_, i) => `${i},${1 + Math.floor(i / 6)},${(0.2 + i * 0.05).toFixed(2)},${(0.1 + i * 0.04).toFixed(2)}`,
  ).join("\n")}\n`,
)!;

function rftJob(extra: Partial<TrainingCommentInput> = {}): TrainingCommentInput {
  return {
    marker: trainCommentMarker("math-tutor", "tunegate-math-tutor-abc"),
    modelName: "math-tutor",
    baseModel: NOVA_2_LITE,
    job: {
      jobName: "tunegate-math-tutor-abc",
      jobArn:
        "arn:aws:bedrock:us-east-1:123456789012:model-customization-job/amazon.nova-2-lite-v1:0:256k/abc",
      status: "Completed",
      hyperParameters: {},
      customizationType: "REINFORCEMENT_FINE_TUNING",
      customizationConfig: {
        rftConfig: {
          graderConfig: { lambdaGrader: { lambdaArn: GRADER } },
          hyperParameters: { epochCount: 2, batchSize: 64 },
        },
      },
    },
    series: [{ name: "training_artifacts/step_wise_reward_metrics.csv", series: rewards.series }],
    ...extra,
  };
}

describe("the training comment of an RFT job", () => {
  it("shows the grader, the typed hyperparameters and the reward series, charted like the losses", () => {
    const body = renderTrainingComment(rftJob());
    expect(body).toContain(`| Grader | \`${GRADER}\` |`);
    expect(body).toContain("| Hyperparameters | `batchSize=64`, `epochCount=2` |");
    // Nova 2 Lite's supervised defaults do not apply to an RFT job.
    expect(body).not.toContain("(default)");
    expect(body).not.toContain("No metrics files were found");
    expect(body).toContain("#### Rewards and metrics");
    expect(body).toContain(
      "| 1 | `aggregate_reward_score` | `training_artifacts/step_wise_reward_metrics.csv` | 12 | 0.2000 | 0.7500 | 0.7500 (11) |",
    );
    expect(body).toContain('  title "Reward by step"');
    expect(body).toContain('  y-axis "reward" 0.173 --> 0.777');
    expect(body).toContain("  line [0.2000, 0.2500, 0.3000");
    expect(body).toContain('  title "Series 2 by step"');
  });

  it("keeps a hostile series name out of the diagram and escapes it in the text", () => {
    const hostile = parseSeriesCsv('step,x" ] ``` <img src=x> @here\n0,1\n1,2\n')!;
    expect(hostile.series[0]!.name).toBe('x" ] ``` <img src=x> @here');
    const body = renderTrainingComment(rftJob({ series: [{ name: "evil.csv", series: hostile.series }] }));
    const mermaid = body.slice(
      body.indexOf("```mermaid"),
      body.indexOf("```", body.indexOf("```mermaid") + 3),
    );
    expect(mermaid).not.toContain("img");
    expect(mermaid).toContain('title "Series 1 by step"');
    // Outside the diagram, the name is only ever shown inside a code span, where nothing renders.
    expect(body.split('````x" ] ``` <img src=x> @here````').length - 1).toBe(2);
    expect(body.replaceAll('````x" ] ``` <img src=x> @here````', "")).not.toContain("img");
  });

  it("says so when a completed RFT job left no series, and names the distillation teacher", () => {
    const empty = renderTrainingComment(
      rftJob({ series: [], metricsNotes: ["No reward or metric series found."] }),
    );
    expect(empty).toContain("No metrics files were found in the job's output folder.");
    const distilled = renderTrainingComment(
      rftJob({
        job: {
          ...rftJob().job,
          customizationType: "DISTILLATION",
          customizationConfig: {
            distillationConfig: {
              teacherModelConfig: {
                teacherModelIdentifier: "amazon.nova-pro-v1:0",
                maxResponseLengthForInference: 1000,
              },
            },
          },
        },
        series: [],
      }),
    );
    expect(distilled).toContain("| Teacher | `amazon.nova-pro-v1:0` |");
    expect(distilled).toContain("| Longest teacher answer | 1000 tokens |");
  });
});
