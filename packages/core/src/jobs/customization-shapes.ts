/**
 * What a reinforcement fine-tuning or distillation job adds to CreateModelCustomizationJob: the
 * `customizationConfig` union of the 2026-04 Smithy model (`com.amazonaws.bedrock#CustomizationConfig`).
 * A supervised job sends none. Unlike the string map `hyperParameters` of supervised jobs, RFT
 * hyperparameters are typed numbers (`com.amazonaws.bedrock#RFTHyperParameters`).
 */

/** One RFT hyperparameter as the Smithy model types it: its shape, integer or float, and its range. */
export interface RftNumberSpec {
  kind: "integer" | "float";
  /** The Smithy shape name, so a reader can check the range in bedrock-2023-04-20.json. */
  shape: string;
  min?: number;
  max?: number;
}

/**
 * `com.amazonaws.bedrock#RFTHyperParameters`, member by member, with each target shape's
 * `smithy.api#range` (models 2026-04). `RFTMaxPromptLength` and `RFTInferenceMaxTokens` carry no range
 * in the model: any positive integer is sent, and the service decides. AWS publishes no defaults.
 */
export const RFT_NUMBER_HYPERPARAMETERS = {
  epochCount: { kind: "integer", shape: "EpochCount", min: 1, max: 50 },
  batchSize: { kind: "integer", shape: "RFTBatchSize", min: 16, max: 512 },
  learningRate: { kind: "float", shape: "RFTLearningRate", min: 1e-7, max: 1e-3 },
  maxPromptLength: { kind: "integer", shape: "RFTMaxPromptLength", min: 1 },
  trainingSamplePerPrompt: { kind: "integer", shape: "RFTTrainingSamplePerPrompt", min: 2, max: 16 },
  inferenceMaxTokens: { kind: "integer", shape: "RFTInferenceMaxTokens", min: 1 },
  evalInterval: { kind: "integer", shape: "RFTEvalInterval", min: 1, max: 100 },
} as const satisfies Record<string, RftNumberSpec>;

/** `com.amazonaws.bedrock#ReasoningEffort` enum values. */
export const REASONING_EFFORTS = ["low", "medium", "high"] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

export type RftNumberName = keyof typeof RFT_NUMBER_HYPERPARAMETERS;
export type RftHyperparameters = Partial<Record<RftNumberName, number>> & {
  reasoningEffort?: ReasoningEffort;
};

/** `com.amazonaws.bedrock#LambdaArn` (length 1 to 512). */
export const LAMBDA_ARN = {
  min: 1,
  max: 512,
  pattern:
    /^arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}(-gov)?-[a-z]+-\d{1}:\d{12}:function:[a-zA-Z0-9-_.]+(:(\$LATEST|[a-zA-Z0-9-_]+))?$/,
} as const;

/** `com.amazonaws.bedrock#TeacherModelIdentifier`: a foundation-model id or ARN, or an inference profile ARN. */
export const TEACHER_MODEL_IDENTIFIER = {
  min: 1,
  max: 2048,
  pattern:
    /^(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:((:foundation-model\/([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})|(([0-9a-zA-Z][_-]?)+)$)|([0-9]{12}:inference-profile\/[a-zA-Z0-9-:.]+$)))|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})$/,
} as const;

/** How a configured model is customized, beyond supervised fine-tuning. */
export type JobCustomization =
  | { kind: "reinforcement"; graderArn: string; hyperparameters: RftHyperparameters }
  | { kind: "distillation"; teacher: string; maxResponseLengthForInference?: number | undefined };

/** `customizationConfig` as the API takes it. */
export type CustomizationConfig =
  | {
      rftConfig: {
        graderConfig: { lambdaGrader: { lambdaArn: string } };
        hyperParameters?: RftHyperparameters;
      };
    }
  | {
      distillationConfig: {
        teacherModelConfig: { teacherModelIdentifier: string; maxResponseLengthForInference?: number };
      };
    };
