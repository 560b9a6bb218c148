import type { ResolvedModel } from "@tunegate/core";

/**
 * The one place the grader check reads a model's reinforcement fine-tuning settings in tunegate.yml:
 * the grader's Lambda ARN (`reinforcement.grader`), and whether the model is trained by reinforcement
 * (its data is in the RFT format).
 */
interface ReinforcementSettings {
  customization?: string;
  reinforcement?: { grader?: unknown };
}

export function graderOf(model: ResolvedModel): string | undefined {
  const grader = (model as ResolvedModel & ReinforcementSettings).reinforcement?.grader;
  return typeof grader === "string" && grader !== "" ? grader : undefined;
}

export function isReinforcementModel(model: ResolvedModel): boolean {
  const settings = model as ResolvedModel & ReinforcementSettings;
  return settings.customization === "reinforcement" || model.baseModel.format === "rft-chat";
}
