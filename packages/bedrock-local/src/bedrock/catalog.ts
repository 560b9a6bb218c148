// The base models the control-plane stand-in accepts for customization, and the lifecycle
// GetFoundationModel reports for each. Figures marked "unconfirmed" are plausible placeholders, and
// every entry can be replaced through the options (or its lifecycle through setLifecycle).

/** How each line of a training file is shaped. */
export type RecordFormat = "anthropic-messages" | "bedrock-conversation-2024" | "prompt-completion";

export interface HyperParameterSpec {
  readonly type: "integer" | "float";
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/** `com.amazonaws.bedrock#FoundationModelLifecycle`: ACTIVE, or LEGACY with the dates AWS publishes. */
export interface ModelLifecycle {
  readonly status: "ACTIVE" | "LEGACY";
  readonly startOfLifeTime?: Date;
  readonly legacyTime?: Date;
  readonly publicExtendedAccessTime?: Date;
  readonly endOfLifeTime?: Date;
}

export const ACTIVE: ModelLifecycle = { status: "ACTIVE" };

export interface BaseModelSpec {
  /** Customization identifier, e.g. `anthropic.claude-3-haiku-20240307-v1:0:200k`. */
  readonly id: string;
  /** Regions in which the model can be customized. */
  readonly regions: readonly string[];
  readonly recordFormat: RecordFormat;
  /** Assistant turns may hold a `reasoningContent` block before their text (Nova 2 Lite). */
  readonly reasoningContent?: boolean;
  /** Lifecycle by Region; a Region not listed reports ACTIVE. AWS's lifecycle can differ by Region. */
  readonly lifecycle?: Readonly<Record<string, ModelLifecycle>>;
  readonly minRecords: number;
  readonly maxTrainingRecords: number;
  readonly maxValidationRecords: number;
  /** Hyperparameters the model accepts; any other name is rejected. */
  readonly hyperParameters: Readonly<Record<string, HyperParameterSpec>>;
  /** Customization types it accepts besides FINE_TUNING (REINFORCEMENT_FINE_TUNING, DISTILLATION). */
  readonly customizationTypes?: readonly string[];
  /** Foundation-model ids it can be distilled from, when it takes DISTILLATION. */
  readonly teachers?: readonly string[];
  /** Its custom models can be served on demand through a custom model deployment. */
  readonly onDemandDeployment?: boolean;
}

// prequisites-model-distillation.html: Nova Pro and Premier teach Nova Lite and Micro; Premier teaches Pro.
const NOVA_TEACHERS = ["amazon.nova-pro-v1:0", "amazon.nova-premier-v1:0"];
const NOVA_DISTILLATION = { customizationTypes: ["DISTILLATION"], teachers: NOVA_TEACHERS };

const HAIKU_HYPERPARAMETERS: Readonly<Record<string, HyperParameterSpec>> = {
  epochCount: { type: "integer", min: 1, max: 10, default: 2 },
  batchSize: { type: "integer", min: 4, max: 256, default: 32 },
  learningRateMultiplier: { type: "float", min: 0.1, max: 2, default: 1 },
  earlyStoppingThreshold: { type: "float", min: 0, max: 0.1, default: 0.001 },
  earlyStoppingPatience: { type: "integer", min: 1, max: 10, default: 2 },
};

const NOVA_HYPERPARAMETERS: Readonly<Record<string, HyperParameterSpec>> = {
  epochCount: { type: "integer", min: 1, max: 5, default: 2 },
  learningRate: { type: "float", min: 1e-6, max: 1e-4, default: 1e-5 },
  learningRateWarmupSteps: { type: "integer", min: 0, max: 100, default: 10 },
};

function novaModel(id: string, extra: Partial<BaseModelSpec> = {}): BaseModelSpec {
  return {
    id,
    regions: ["us-east-1"], // unconfirmed: Nova customization is documented for us-east-1
    recordFormat: "bedrock-conversation-2024",
    minRecords: 8,
    maxTrainingRecords: 20_000,
    maxValidationRecords: 1_000, // unconfirmed
    hyperParameters: NOVA_HYPERPARAMETERS,
    onDemandDeployment: true,
    ...extra,
  };
}

// model-lifecycle-legacy.html: Claude 3 Haiku is Legacy since 2026-03-10 in every commercial Region,
// public extended access from 2026-06-10, end-of-life 2026-09-10.
const CLAUDE_3_HAIKU_LIFECYCLE: ModelLifecycle = {
  status: "LEGACY",
  legacyTime: new Date("2026-03-10T00:00:00Z"),
  publicExtendedAccessTime: new Date("2026-06-10T00:00:00Z"),
  endOfLifeTime: new Date("2026-09-10T00:00:00Z"),
};

export const DEFAULT_BASE_MODELS: readonly BaseModelSpec[] = [
  {
    id: "anthropic.claude-3-haiku-20240307-v1:0:200k",
    regions: ["us-west-2"],
    recordFormat: "anthropic-messages",
    minRecords: 32,
    maxTrainingRecords: 10_000,
    maxValidationRecords: 1_000,
    hyperParameters: HAIKU_HYPERPARAMETERS,
    lifecycle: { "us-west-2": CLAUDE_3_HAIKU_LIFECYCLE, "us-east-1": CLAUDE_3_HAIKU_LIFECYCLE },
  },
  novaModel("amazon.nova-micro-v1:0:128k", NOVA_DISTILLATION),
  novaModel("amazon.nova-lite-v1:0:300k", NOVA_DISTILLATION),
  novaModel("amazon.nova-pro-v1:0:300k", {
    customizationTypes: ["DISTILLATION"],
    teachers: ["amazon.nova-premier-v1:0"],
  }),
  // nova-2-sft-data-prep.html: the Converse format plus a reasoning block; hyperparameters unconfirmed.
  // reinforcement-fine-tuning.html: Nova 2 Lite is the model CreateModelCustomizationJob tunes with RFT.
  novaModel("amazon.nova-2-lite-v1:0:256k", {
    reasoningContent: true,
    customizationTypes: ["REINFORCEMENT_FINE_TUNING"],
  }),
  {
    id: "meta.llama3-2-1b-instruct-v1:0:128k",
    regions: ["us-west-2"], // unconfirmed
    recordFormat: "bedrock-conversation-2024",
    minRecords: 1, // unconfirmed
    maxTrainingRecords: 10_000, // unconfirmed
    maxValidationRecords: 1_000, // unconfirmed
    hyperParameters: {
      epochCount: { type: "integer", min: 1, max: 10, default: 5 },
      batchSize: { type: "integer", min: 1, max: 1, default: 1 },
      learningRate: { type: "float", min: 5e-6, max: 0.1, default: 1e-4 },
    },
    customizationTypes: ["DISTILLATION"],
    teachers: [
      "meta.llama3-1-405b-instruct-v1:0",
      "meta.llama3-1-70b-instruct-v1:0",
      "meta.llama3-3-70b-instruct-v1:0",
    ],
  },
  {
    id: "amazon.titan-text-express-v1:0:8k",
    regions: ["us-east-1", "us-west-2"], // unconfirmed
    recordFormat: "prompt-completion",
    minRecords: 1, // unconfirmed
    maxTrainingRecords: 10_000, // unconfirmed
    maxValidationRecords: 1_000, // unconfirmed
    hyperParameters: {
      epochCount: { type: "integer", min: 1, max: 10, default: 5 },
      batchSize: { type: "integer", min: 1, max: 64, default: 1 },
      learningRate: { type: "float", min: 0, max: 1, default: 1e-5 },
      learningRateWarmupSteps: { type: "integer", min: 0, max: 250, default: 5 },
    },
  },
];

/** Resolves a base model identifier (plain id or foundation-model ARN) against a catalog. */
export function findBaseModel(
  catalog: readonly BaseModelSpec[],
  identifier: string,
): BaseModelSpec | undefined {
  const id = identifier.includes(":foundation-model/")
    ? identifier.slice(identifier.indexOf("/") + 1)
    : identifier;
  return catalog.find((model) => model.id === id);
}

/** The lifecycle a model reports in a Region. */
export function lifecycleIn(model: BaseModelSpec, region: string): ModelLifecycle {
  return model.lifecycle?.[region] ?? ACTIVE;
}
