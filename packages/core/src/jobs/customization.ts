import type { CustomizationType } from "../catalog/schema";
import { checkString, type RequestProblem } from "./constraints";
import {
  type CustomizationConfig,
  type JobCustomization,
  LAMBDA_ARN,
  REASONING_EFFORTS,
  RFT_NUMBER_HYPERPARAMETERS,
  type RftNumberName,
  type RftNumberSpec,
  TEACHER_MODEL_IDENTIFIER,
} from "./customization-shapes";

export * from "./customization-shapes";

export function customizationTypeOf(customization: JobCustomization | undefined): CustomizationType {
  if (customization === undefined) return "FINE_TUNING";
  return customization.kind === "reinforcement" ? "REINFORCEMENT_FINE_TUNING" : "DISTILLATION";
}

/** The request's `customizationConfig`, with only the members the configuration set. */
export function customizationConfig(customization: JobCustomization): CustomizationConfig {
  if (customization.kind === "reinforcement") {
    const hyperParameters = { ...customization.hyperparameters };
    return {
      rftConfig: {
        graderConfig: { lambdaGrader: { lambdaArn: customization.graderArn } },
        ...(Object.keys(hyperParameters).length > 0 ? { hyperParameters } : {}),
      },
    };
  }
  return {
    distillationConfig: {
      teacherModelConfig: {
        teacherModelIdentifier: customization.teacher,
        ...(customization.maxResponseLengthForInference === undefined
          ? {}
          : { maxResponseLengthForInference: customization.maxResponseLengthForInference }),
      },
    },
  };
}

/** Why an RFT hyperparameter value is refused (type, integer, range), or undefined when it is sent as is. */
export function rftNumberProblem(name: RftNumberName, value: unknown): string | undefined {
  const spec: RftNumberSpec = RFT_NUMBER_HYPERPARAMETERS[name];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    return `must be a number (the RFT API takes typed numbers, not strings like "2"); got ${JSON.stringify(value)}`;
  }
  if (spec.kind === "integer" && !Number.isInteger(value)) return `must be an integer; got ${value}`;
  const range = `${spec.min ?? "-∞"} to ${spec.max ?? "∞"} (Smithy shape ${spec.shape})`;
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
    return `must be ${range}; got ${value}`;
  }
  return undefined;
}

/** The Smithy constraints of `customizationConfig`, checked before any byte is uploaded. */
export function checkCustomizationConfig(config: CustomizationConfig): RequestProblem[] {
  const problems: RequestProblem[] = [];
  if ("rftConfig" in config) {
    const at = "customizationConfig.rftConfig";
    problems.push(
      ...checkString(
        `${at}.graderConfig.lambdaGrader.lambdaArn`,
        config.rftConfig.graderConfig.lambdaGrader.lambdaArn,
        LAMBDA_ARN,
      ),
    );
    const hp = config.rftConfig.hyperParameters ?? {};
    for (const name of Object.keys(RFT_NUMBER_HYPERPARAMETERS) as RftNumberName[]) {
      if (hp[name] === undefined) continue;
      const problem = rftNumberProblem(name, hp[name]);
      if (problem) problems.push({ field: `${at}.hyperParameters.${name}`, message: `${problem}.` });
    }
    if (hp.reasoningEffort !== undefined && !REASONING_EFFORTS.includes(hp.reasoningEffort)) {
      problems.push({
        field: `${at}.hyperParameters.reasoningEffort`,
        message: `must be one of ${REASONING_EFFORTS.join(", ")}.`,
      });
    }
    return problems;
  }
  const teacher = config.distillationConfig.teacherModelConfig;
  const at = "customizationConfig.distillationConfig.teacherModelConfig";
  problems.push(
    ...checkString(`${at}.teacherModelIdentifier`, teacher.teacherModelIdentifier, TEACHER_MODEL_IDENTIFIER),
  );
  const max = teacher.maxResponseLengthForInference;
  if (max !== undefined && (!Number.isSafeInteger(max) || max < 1)) {
    problems.push({ field: `${at}.maxResponseLengthForInference`, message: "must be a positive integer." });
  }
  return problems;
}

/** The grader Lambda of a model trained with reinforcement fine-tuning (`reinforcement.grader`), if any. */
export function graderArnOf(model: { customization?: JobCustomization | undefined }): string | undefined {
  return model.customization?.kind === "reinforcement" ? model.customization.graderArn : undefined;
}
