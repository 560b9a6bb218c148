// The service's rules for the customization types beyond FINE_TUNING, on a request the Smithy model
// already accepted (types and ranges of rftConfig.hyperParameters are checked there): the base model
// must take the type, the type needs its own member of the customizationConfig union, a distillation
// teacher must teach this student. Unconfirmed wording: no AWS page quotes these messages. The stand-in
// is stricter than AWS may be in one place: an RFT or distillation request that also sends the
// supervised string map `hyperParameters` is refused, because tunegate must never send it.

import { validation } from "../smithy/errors.js";
import type { BaseModelSpec } from "./catalog.js";

export interface RftConfigInput {
  readonly graderConfig?: { readonly lambdaGrader?: { readonly lambdaArn: string } };
  readonly hyperParameters?: Readonly<Record<string, number | string>>;
}

export interface DistillationConfigInput {
  readonly teacherModelConfig: {
    readonly teacherModelIdentifier: string;
    readonly maxResponseLengthForInference?: number;
  };
}

export interface CustomizationConfigInput {
  readonly rftConfig?: RftConfigInput;
  readonly distillationConfig?: DistillationConfigInput;
}

/** The model id a teacher identifier names (a foundation-model ARN, or an inference profile's model). */
function teacherModelId(identifier: string): string {
  const profile = /:inference-profile\/(?:[a-z-]+\.)?([a-z0-9-]+\.[^/]+)$/.exec(identifier);
  if (profile) return profile[1]!;
  const arn = /:foundation-model\/(.+)$/.exec(identifier);
  return arn ? arn[1]! : identifier;
}

export function checkCustomization(
  model: BaseModelSpec,
  customizationType: string,
  config: CustomizationConfigInput | undefined,
  hyperParameters: Readonly<Record<string, string>> | undefined,
): void {
  const types = ["FINE_TUNING", ...(model.customizationTypes ?? [])];
  if (!types.includes(customizationType)) {
    throw validation(`Customization type ${customizationType} is not supported for ${model.id}.`);
  }
  const rft = config?.rftConfig;
  const distillation = config?.distillationConfig;
  if (customizationType !== "REINFORCEMENT_FINE_TUNING" && rft) {
    throw validation("customizationConfig.rftConfig is only valid for REINFORCEMENT_FINE_TUNING.");
  }
  if (customizationType !== "DISTILLATION" && distillation) {
    throw validation("customizationConfig.distillationConfig is only valid for DISTILLATION.");
  }
  if (customizationType === "FINE_TUNING") return;
  if (hyperParameters !== undefined && Object.keys(hyperParameters).length > 0) {
    throw validation(
      `hyperParameters is not supported for ${customizationType}${customizationType === "REINFORCEMENT_FINE_TUNING" ? "; set customizationConfig.rftConfig.hyperParameters" : ""}.`,
    );
  }
  if (customizationType === "REINFORCEMENT_FINE_TUNING") {
    if (!rft) throw validation("customizationConfig.rftConfig is required for REINFORCEMENT_FINE_TUNING.");
    if (!rft.graderConfig?.lambdaGrader) {
      throw validation("customizationConfig.rftConfig.graderConfig.lambdaGrader is required.");
    }
    return;
  }
  if (!distillation) throw validation("customizationConfig.distillationConfig is required for DISTILLATION.");
  const teacher = teacherModelId(distillation.teacherModelConfig.teacherModelIdentifier);
  if (!(model.teachers ?? []).includes(teacher)) {
    throw validation(`Teacher model ${teacher} is not supported for the student model ${model.id}.`);
  }
}
