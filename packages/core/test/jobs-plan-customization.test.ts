import { describe, expect, it } from "vitest";
import { graderArnOf, JobPlanError, planJob } from "../src/index";
import { haikuModel, planInput, SHA_TRAIN } from "./jobs-support";
import { catalog, NOVA_LITE } from "./support";

const NOVA_2_LITE = catalog.get("amazon.nova-2-lite-v1:0:256k");
const GRADER = "arn:aws:lambda:us-east-1:123456789012:function:gsm8k-grader";

function problemsOf(fn: () => unknown): { field: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof JobPlanError) return err.problems;
    throw err;
  }
  throw new Error("expected a JobPlanError");
}

const rftModel = (hyperparameters = {}) =>
  haikuModel({
    name: "math-tutor",
    baseModel: NOVA_2_LITE,
    region: "us-east-1",
    hyperparameters: {},
    customization: { kind: "reinforcement", graderArn: GRADER, hyperparameters },
  });

describe("planJob: reinforcement fine-tuning and distillation", () => {
  it("sends REINFORCEMENT_FINE_TUNING with rftConfig's typed numbers and no hyperParameters map", () => {
    const plan = planJob(
      planInput({
        model: rftModel({ epochCount: 2, batchSize: 64, learningRate: 0.00001, reasoningEffort: "low" }),
        datasets: { train: { sha256: SHA_TRAIN, bytes: 1000 } },
      }),
    );
    expect(plan.request.customizationType).toBe("REINFORCEMENT_FINE_TUNING");
    expect(plan.request.customizationConfig).toEqual({
      rftConfig: {
        graderConfig: { lambdaGrader: { lambdaArn: GRADER } },
        hyperParameters: { epochCount: 2, batchSize: 64, learningRate: 0.00001, reasoningEffort: "low" },
      },
    });
    expect("hyperParameters" in plan.request).toBe(false);
    expect(plan.effectiveHyperparameters).toEqual({
      epochCount: "2",
      batchSize: "64",
      learningRate: "0.00001",
      reasoningEffort: "low",
    });
  });

  it("leaves rftConfig.hyperParameters out when none is configured", () => {
    const plan = planJob(
      planInput({ model: rftModel(), datasets: { train: { sha256: SHA_TRAIN, bytes: 1 } } }),
    );
    expect(plan.request.customizationConfig).toEqual({
      rftConfig: { graderConfig: { lambdaGrader: { lambdaArn: GRADER } } },
    });
  });

  it("makes a new grader or new RFT hyperparameters a new training", () => {
    const train = { train: { sha256: SHA_TRAIN, bytes: 1 } };
    const a = planJob(planInput({ model: rftModel({ epochCount: 2 }), datasets: train }));
    const b = planJob(planInput({ model: rftModel({ epochCount: 3 }), datasets: train }));
    const c = planJob(
      planInput({
        model: {
          ...rftModel({ epochCount: 2 }),
          customization: {
            kind: "reinforcement",
            graderArn: `${GRADER}-v2`,
            hyperparameters: { epochCount: 2 },
          },
        },
        datasets: train,
      }),
    );
    expect(new Set([a.trainingKey, b.trainingKey, c.trainingKey]).size).toBe(3);
  });

  it("refuses a string, an out-of-range number, a bad grader ARN and the supervised map, all at once", () => {
    const model = {
      ...rftModel({ epochCount: "2" as unknown as number, batchSize: 8 }),
      hyperparameters: { epochCount: "2" },
      customization: {
        kind: "reinforcement" as const,
        graderArn: "arn:aws:lambda:us-east-1:1:grader",
        hyperparameters: { epochCount: "2" as unknown as number, batchSize: 8 },
      },
    };
    expect(
      problemsOf(() => planJob(planInput({ model, datasets: { train: { sha256: SHA_TRAIN, bytes: 1 } } }))),
    ).toEqual([
      {
        field: "customizationConfig.rftConfig.graderConfig.lambdaGrader.lambdaArn",
        message: expect.stringContaining("does not match"),
      },
      {
        field: "customizationConfig.rftConfig.hyperParameters.epochCount",
        message: 'must be a number (the RFT API takes typed numbers, not strings like "2"); got "2".',
      },
      {
        field: "customizationConfig.rftConfig.hyperParameters.batchSize",
        message: "must be 16 to 512 (Smithy shape RFTBatchSize); got 8.",
      },
      {
        field: "hyperParameters.epochCount",
        message: "is not sent with a REINFORCEMENT_FINE_TUNING job; it takes no hyperParameters map.",
      },
    ]);
  });

  it("refuses RFT on a base model whose catalog entry does not list it", () => {
    const model = { ...rftModel(), baseModel: NOVA_LITE };
    expect(problemsOf(() => planJob(planInput({ model })))).toContainEqual({
      field: "customizationType",
      message: "Amazon Nova Lite does not support REINFORCEMENT_FINE_TUNING (FINE_TUNING, DISTILLATION).",
    });
  });

  it("sends DISTILLATION with the teacher and its response length, and no hyperParameters map", () => {
    const plan = planJob(
      planInput({
        model: haikuModel({
          baseModel: NOVA_LITE,
          region: "us-east-1",
          hyperparameters: {},
          customization: {
            kind: "distillation",
            teacher: "amazon.nova-pro-v1:0",
            maxResponseLengthForInference: 1000,
          },
        }),
        datasets: { train: { sha256: SHA_TRAIN, bytes: 1 } },
      }),
    );
    expect(plan.request.customizationType).toBe("DISTILLATION");
    expect(plan.request.customizationConfig).toEqual({
      distillationConfig: {
        teacherModelConfig: {
          teacherModelIdentifier: "amazon.nova-pro-v1:0",
          maxResponseLengthForInference: 1000,
        },
      },
    });
    expect("hyperParameters" in plan.request).toBe(false);
    expect(plan.effectiveHyperparameters).toEqual({});
  });

  it("names the grader of an RFT model, and none of another", () => {
    expect(graderArnOf(rftModel())).toBe(GRADER);
    expect(graderArnOf(haikuModel())).toBeUndefined();
  });

  it("keeps a supervised job's request as it was: no customizationConfig", () => {
    const plan = planJob(planInput());
    expect(plan.request.customizationType).toBe("FINE_TUNING");
    expect("customizationConfig" in plan.request).toBe(false);
    expect(plan.request.hyperParameters).toEqual({ epochCount: "3" });
  });
});
