import { graderArnOf, type ResolvedModel } from "@tunegate/core";

/**
 * The one place the grader check reads a model's reinforcement fine-tuning settings in tunegate.yml:
 * the grader's Lambda ARN (`reinforcement.grader`), and whether the model is trained by reinforcement
 * (its data is in the RFT format).
 */
export function graderOf(model: ResolvedModel): string | undefined {
  return graderArnOf(model);
}

export function isReinforcementModel(model: ResolvedModel): boolean {
  return model.customization?.kind === "reinforcement" || model.baseModel.format === "rft-chat";
}
