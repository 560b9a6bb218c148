import { DISTILLATION_PAIRS } from "./distillation";
import { IMAGE_FORMATS, VIDEO_FORMATS } from "./media-formats";
import type { BaseModel } from "./schema";
import {
  AWS_BATCH,
  AWS_CLAUDE_HP,
  AWS_DISTILLATION,
  AWS_FINE_TUNING,
  AWS_HAIKU_VALIDATOR,
  AWS_HP,
  AWS_LIFECYCLE,
  AWS_LLAMA_VALIDATOR,
  AWS_NOVA_2_SFT,
  AWS_NOVA_HP,
  AWS_NOVA_VALIDATOR,
  AWS_ON_DEMAND,
  AWS_QUOTAS,
  AWS_RFT,
  AWS_TEXT_DATA,
} from "./sources";

/**
 * The customizable base models tunegate knows out of the box. Figures come from AWS's user guide and
 * the samples AWS publishes; where no official page states a figure it is left out (the rule that needs
 * it then stays silent) or marked "unconfirmed" in its source, and users override it in `tunegate.yml`.
 */

const GIB = 1024 ** 3;

const claudeReserved = {
  values: ["\nHuman:", "\nAssistant:"],
  source: `${AWS_HAIKU_VALIDATOR}: legacy prompt markers rejected in system and content`,
};

const conversationReserved = {
  values: ["User:", "Bot:", "Assistant:", "System:", "<image>", "<video>", "[EOS]"],
  source: `${AWS_NOVA_VALIDATOR}: reserved keywords`,
};

const novaHyperparameters: BaseModel["hyperparameters"] = [
  { name: "epochCount", type: "integer", default: 2, min: 1, max: 5 },
  { name: "learningRate", type: "float", default: 0.00001, min: 0.000001, max: 0.0001 },
  { name: "learningRateWarmupSteps", type: "integer", default: 10, min: 0, max: 100 },
];

const llamaHyperparameters: BaseModel["hyperparameters"] = [
  { name: "epochCount", type: "integer", default: 5, min: 1, max: 10 },
  { name: "batchSize", type: "integer", default: 1, min: 1, max: 1 },
  { name: "learningRate", type: "float", default: 0.0001, min: 0.000005, max: 0.1 },
];

const titanHyperparameters: BaseModel["hyperparameters"] = [
  { name: "epochCount", type: "integer", default: 5, min: 1, max: 10 },
  { name: "batchSize", type: "integer", default: 1, min: 1, max: 64 },
  // AWS documents the default only; the accepted range is left to the service.
  { name: "learningRate", type: "float", default: 0.00001 },
  { name: "learningRateWarmupSteps", type: "integer", default: 5, min: 0, max: 250 },
];

/** Checked against the lifecycle page in December 2026: a model it does not list as Legacy or EOL is active. */
const ACTIVE = {
  status: "active",
  source: `${AWS_LIFECYCLE}: not listed as Legacy or end-of-life (checked December 2026)`,
} as const;

/** No longer in AWS's supported-models table: AWS offers no customization for it any more. */
const RETIRED = {
  status: "end-of-life",
  source: `${AWS_FINE_TUNING}: no longer in the supported-models table (December 2026), so AWS no longer customizes it; AWS states no date`,
} as const;

const onDemand = {
  onDemand: true,
  provisionedThroughput: true,
  source: `${AWS_ON_DEMAND}: on-demand custom model deployment, for models customized on or after 2025-07-16`,
};
const provisionedOnly = {
  onDemand: false,
  provisionedThroughput: true,
  source: `${AWS_ON_DEMAND}: not among the models with on-demand deployment, so Provisioned Throughput only`,
};

const sixCharsPerToken = {
  charsPerToken: 6,
  source: "AWS model customization docs: about 6 characters per token for planning",
};

function nova(
  id: string,
  name: string,
  media: boolean,
  customizationTypes: BaseModel["customizationTypes"],
): BaseModel {
  return {
    id,
    name,
    provider: "Amazon",
    format: "bedrock-conversation-2024",
    family: "nova",
    regions: ["us-east-1"],
    customizationTypes,
    quotas: {
      minRecords: 8,
      maxTrainingRecords: 20_000,
      source: `${AWS_NOVA_VALIDATOR}: 8 to 20,000 samples`,
    },
    hyperparameters: novaHyperparameters,
    reservedStrings: conversationReserved,
    ...(media
      ? {
          media: {
            images: true,
            videos: true,
            maxImagesPerMessage: 10,
            maxVideosPerRecord: 1,
            imageFormats: [...IMAGE_FORMATS],
            videoFormats: [...VIDEO_FORMATS],
            source: `${AWS_NOVA_VALIDATOR}: at most 10 images per message, one video per sample`,
          },
        }
      : {}),
    tokenization: sixCharsPerToken,
    lifecycle: ACTIVE,
    serving: onDemand,
    batchInference: {
      foundationModel: true,
      customModels: false,
      source: `${AWS_BATCH} (checked December 2026): the base model in us-east-1; "Regions supporting custom model" N/A`,
    },
    prices: {},
    sources: [AWS_FINE_TUNING, AWS_NOVA_HP, AWS_DISTILLATION, AWS_ON_DEMAND, AWS_BATCH],
  };
}

const NOVA_2_HP_UNCONFIRMED = `AWS publishes no hyperparameter names or ranges for Nova 2 Lite on Bedrock; these are the Nova 1 figures of ${AWS_NOVA_HP}. Set the value in tunegate.yml, or correct the entry under "catalog:"`;

/** Nova 2 Lite: the Converse format with reasoning blocks, one media kind per dataset, no validation set. */
const nova2Lite: BaseModel = {
  id: "amazon.nova-2-lite-v1:0:256k",
  name: "Amazon Nova 2 Lite",
  provider: "Amazon",
  format: "bedrock-conversation-2024",
  family: "nova-2",
  regions: ["us-east-1"],
  customizationTypes: ["FINE_TUNING", "REINFORCEMENT_FINE_TUNING"],
  quotas: {
    source: `${AWS_NOVA_2_SFT}: no record or size limits stated for Nova 2 Lite; set them in tunegate.yml`,
  },
  hyperparameters: novaHyperparameters.map((h) => ({ ...h, unconfirmed: NOVA_2_HP_UNCONFIRMED })),
  reservedStrings: {
    values: conversationReserved.values,
    source: `${conversationReserved.source} (written for Nova 1; unconfirmed for Nova 2 Lite)`,
  },
  media: {
    images: true,
    videos: true,
    maxImagesPerMessage: 10,
    maxVideosPerRecord: 1,
    imageFormats: ["png", "jpeg", "gif"],
    videoFormats: ["mov", "mkv", "mp4"],
    source: `${AWS_NOVA_2_SFT}: images PNG/JPEG/GIF, videos MOV/MKV/MP4, user turns only; the counts per message and record are the Nova 1 figures of ${AWS_NOVA_VALIDATOR} (unconfirmed for Nova 2 Lite)`,
  },
  tokenization: sixCharsPerToken,
  lifecycle: ACTIVE,
  serving: onDemand,
  validationData: {
    supported: false,
    source: `${AWS_NOVA_2_SFT}: validation sets "will not be supported during SFT training"`,
  },
  prices: {},
  sources: [AWS_NOVA_2_SFT, AWS_RFT, AWS_ON_DEMAND, AWS_NOVA_HP],
};

/** AWS's Llama validator caps both file roles; it states no minimum. */
const llamaQuotas = {
  maxTrainingRecords: 10_000,
  maxValidationRecords: 1_000,
  source: `${AWS_LLAMA_VALIDATOR}: at most 10,000 training and 1,000 validation records`,
};

function llamaConverse(
  id: string,
  name: string,
  vision: boolean,
  customizationTypes: BaseModel["customizationTypes"],
  serving: BaseModel["serving"] = provisionedOnly,
): BaseModel {
  return {
    id,
    name,
    provider: "Meta",
    format: "bedrock-conversation-2024",
    family: "llama",
    regions: ["us-west-2"],
    customizationTypes,
    quotas: llamaQuotas,
    hyperparameters: llamaHyperparameters,
    reservedStrings: { values: [], source: "none documented" },
    ...(vision
      ? {
          media: {
            images: true,
            videos: false,
            maxImagesPerMessage: 10,
            maxVideosPerRecord: 0,
            imageFormats: [...IMAGE_FORMATS],
            videoFormats: [...VIDEO_FORMATS],
            source: `${AWS_TEXT_DATA}: the vision variants of Llama 3.2 take images in user turns`,
          },
        }
      : {}),
    tokenization: sixCharsPerToken,
    lifecycle: ACTIVE,
    serving,
    prices: {},
    sources: [AWS_FINE_TUNING, AWS_HP, AWS_DISTILLATION, AWS_LLAMA_VALIDATOR],
  };
}

interface PromptCompletionEntry {
  id: string;
  name: string;
  provider: string;
  family: NonNullable<BaseModel["family"]>;
  regions: string[];
  hyperparameters: BaseModel["hyperparameters"];
  customizationTypes: BaseModel["customizationTypes"];
  quotas?: BaseModel["quotas"];
  lifecycle: BaseModel["lifecycle"];
}

function promptCompletion(entry: PromptCompletionEntry): BaseModel {
  return {
    ...entry,
    format: "prompt-completion",
    quotas: entry.quotas ?? {
      source: `${AWS_QUOTAS}: no figure tunegate can cite; set them in tunegate.yml`,
    },
    reservedStrings: { values: [], source: "none documented" },
    tokenization: sixCharsPerToken,
    serving: provisionedOnly,
    prices: {},
    sources: [AWS_FINE_TUNING, AWS_HP, AWS_TEXT_DATA],
  };
}

const CATALOG_ENTRIES: readonly BaseModel[] = [
  {
    id: "anthropic.claude-3-haiku-20240307-v1:0:200k",
    name: "Claude 3 Haiku",
    provider: "Anthropic",
    format: "claude-messages",
    family: "claude-3",
    regions: ["us-west-2"],
    // Distillation "is not currently available for Anthropic models on Amazon Bedrock".
    customizationTypes: ["FINE_TUNING"],
    quotas: {
      minRecords: 32,
      minValidationRecords: 32,
      maxTrainingRecords: 10_000,
      maxValidationRecords: 1_000,
      maxTotalRecords: 10_000,
      maxTokensPerRecord: 32_000,
      maxTrainingFileBytes: 10 * GIB,
      maxValidationFileBytes: 1 * GIB,
      source: `${AWS_QUOTAS} (table "Anthropic Claude 3 Haiku"); the validation minimum of 32 is ${AWS_HAIKU_VALIDATOR}, unconfirmed`,
    },
    hyperparameters: [
      { name: "epochCount", type: "integer", default: 2, min: 1, max: 10 },
      { name: "batchSize", type: "integer", default: 32, min: 4, max: 256 },
      { name: "learningRateMultiplier", type: "float", default: 1, min: 0.1, max: 2 },
      { name: "earlyStoppingThreshold", type: "float", default: 0.001, min: 0, max: 0.1 },
      { name: "earlyStoppingPatience", type: "integer", default: 2, min: 1, max: 10 },
    ],
    reservedStrings: claudeReserved,
    tokenization: {
      charsPerToken: 3,
      source: `${AWS_HAIKU_VALIDATOR}: estimates 3 characters per token (Anthropic does not publish the tokenizer)`,
    },
    lifecycle: {
      status: "end-of-life",
      legacySince: "2026-03-10",
      extendedAccessFrom: "2026-06-10",
      endOfLife: "2026-09-10",
      source: `${AWS_LIFECYCLE} (table "Models that have reached EOL"): Legacy since 2026-03-10, no new fine-tuning jobs or Provisioned Throughput; end-of-life 2026-09-10 in every commercial Region`,
    },
    serving: {
      onDemand: false,
      provisionedThroughput: false,
      source: `${AWS_LIFECYCLE}: no new Provisioned Throughput for a Legacy base model (ones created before may continue); ${AWS_ON_DEMAND} lists no Claude model`,
    },
    prices: {
      inputPerMillionTokens: { usd: 0.25, source: "Anthropic price list, Claude 3 Haiku on-demand input" },
      outputPerMillionTokens: { usd: 1.25, source: "Anthropic price list, Claude 3 Haiku on-demand output" },
      cacheReadPerMillionTokens: { usd: 0.025, source: "Anthropic price list: cache reads at 0.1x input" },
      cacheWritePerMillionTokens: {
        usd: 0.3125,
        source: "Anthropic price list: 5-minute cache writes, 1.25x input",
      },
      provisionedThroughputPerHour: {
        usd: 50,
        source:
          "approximate minimum for one model unit without commitment; check the AWS Bedrock pricing page",
      },
    },
    sources: [AWS_LIFECYCLE, AWS_QUOTAS, AWS_CLAUDE_HP, AWS_TEXT_DATA, AWS_HAIKU_VALIDATOR],
  },
  nova("amazon.nova-micro-v1:0:128k", "Amazon Nova Micro", false, ["FINE_TUNING", "DISTILLATION"]),
  nova("amazon.nova-lite-v1:0:300k", "Amazon Nova Lite", true, ["FINE_TUNING", "DISTILLATION"]),
  // A distillation student of Nova Premier.
  nova("amazon.nova-pro-v1:0:300k", "Amazon Nova Pro", true, ["FINE_TUNING", "DISTILLATION"]),
  nova2Lite,
  llamaConverse("meta.llama3-2-1b-instruct-v1:0:128k", "Meta Llama 3.2 1B Instruct", false, [
    "FINE_TUNING",
    "DISTILLATION",
  ]),
  llamaConverse("meta.llama3-2-3b-instruct-v1:0:128k", "Meta Llama 3.2 3B Instruct", false, [
    "FINE_TUNING",
    "DISTILLATION",
  ]),
  llamaConverse("meta.llama3-2-11b-instruct-v1:0:128k", "Meta Llama 3.2 11B Vision Instruct", true, [
    "FINE_TUNING",
  ]),
  llamaConverse("meta.llama3-2-90b-instruct-v1:0:128k", "Meta Llama 3.2 90B Vision Instruct", true, [
    "FINE_TUNING",
  ]),
  llamaConverse(
    "meta.llama3-3-70b-instruct-v1:0:128k",
    "Meta Llama 3.3 70B Instruct",
    false,
    ["FINE_TUNING", "DISTILLATION"],
    onDemand,
  ),
  promptCompletion({
    id: "meta.llama3-1-8b-instruct-v1:0:128k",
    name: "Meta Llama 3.1 8B Instruct",
    provider: "Meta",
    family: "llama",
    regions: ["us-west-2"],
    hyperparameters: llamaHyperparameters,
    customizationTypes: ["FINE_TUNING", "DISTILLATION"],
    quotas: llamaQuotas,
    lifecycle: ACTIVE,
  }),
  promptCompletion({
    id: "meta.llama3-1-70b-instruct-v1:0:128k",
    name: "Meta Llama 3.1 70B Instruct",
    provider: "Meta",
    family: "llama",
    regions: ["us-west-2"],
    hyperparameters: llamaHyperparameters,
    customizationTypes: ["FINE_TUNING", "DISTILLATION"],
    quotas: llamaQuotas,
    lifecycle: ACTIVE,
  }),
  // Retired: kept so a configuration naming them gets their lifecycle, not "unknown model".
  promptCompletion({
    id: "amazon.titan-text-lite-v1:0:4k",
    name: "Amazon Titan Text G1 - Lite",
    provider: "Amazon",
    family: "titan",
    regions: ["us-east-1", "us-west-2"],
    hyperparameters: titanHyperparameters,
    customizationTypes: ["FINE_TUNING", "CONTINUED_PRE_TRAINING"],
    lifecycle: RETIRED,
  }),
  promptCompletion({
    id: "amazon.titan-text-express-v1:0:8k",
    name: "Amazon Titan Text G1 - Express",
    provider: "Amazon",
    family: "titan",
    regions: ["us-east-1", "us-west-2"],
    hyperparameters: titanHyperparameters,
    customizationTypes: ["FINE_TUNING", "CONTINUED_PRE_TRAINING"],
    lifecycle: RETIRED,
  }),
  // Cohere's hyperparameters are not in tunegate's sources: a team still using it lists them under "catalog:".
  promptCompletion({
    id: "cohere.command-text-v14:7:4k",
    name: "Cohere Command",
    provider: "Cohere",
    family: "cohere",
    regions: ["us-east-1"],
    hyperparameters: [],
    customizationTypes: ["FINE_TUNING"],
    lifecycle: RETIRED,
  }),
  promptCompletion({
    id: "cohere.command-light-text-v14:7:4k",
    name: "Cohere Command Light",
    provider: "Cohere",
    family: "cohere",
    regions: ["us-east-1"],
    hyperparameters: [],
    customizationTypes: ["FINE_TUNING"],
    lifecycle: RETIRED,
  }),
];

/**
 * The entries, each distillation student with its teachers (catalog/distillation.ts). They are written
 * as the catalog schema outputs them, defaults included, so the built-in catalog needs no schema at run
 * time (a test holds every entry to `baseModelSchema`); only additions from tunegate.yml are parsed.
 */
export const BUILT_IN_MODELS: readonly BaseModel[] = CATALOG_ENTRIES.map((entry) => {
  const distillation = DISTILLATION_PAIRS[entry.id];
  return distillation === undefined ? entry : { ...entry, distillation };
});
