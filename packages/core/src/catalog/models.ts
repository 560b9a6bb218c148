import type { BaseModelInput } from "./schema";

/**
 * The customizable base models tunegate knows out of the box. Figures come from AWS's user guide and
 * the samples AWS publishes; where no official page states a figure it is left out (the rule that needs
 * it then stays silent) or marked "unconfirmed" in its source, and users override it in `tunegate.yml`.
 */

const AWS_QUOTAS = "https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-prepare.html";
const AWS_SUPPORTED = "https://docs.aws.amazon.com/bedrock/latest/userguide/custom-model-supported.html";
const AWS_CLAUDE_HP = "https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-anth-claude-3.html";
const AWS_TEXT_DATA = "https://docs.aws.amazon.com/bedrock/latest/userguide/preparing-text-data.html";
const AWS_HAIKU_VALIDATOR =
  "aws-samples/amazon-bedrock-samples custom-models/bedrock-fine-tuning/claude-haiku/DataValidation (AWS sample, not a user-guide page)";
const AWS_NOVA_VALIDATOR =
  "AWS's Nova data validator in aws-samples/amazon-bedrock-samples (AWS sample, not a user-guide page)";
const AWS_HP = "https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models-hp.html";
const NOVA_REGIONS_UNCONFIRMED =
  "unconfirmed: Nova customization Region as AWS announced it; no page in tunegate's fact sheet states it, override in tunegate.yml";
const GIB = 1024 ** 3;

const claudeReserved = {
  values: ["\nHuman:", "\nAssistant:"],
  source: `${AWS_HAIKU_VALIDATOR}: legacy prompt markers rejected in system and content`,
};

const conversationReserved = {
  values: ["User:", "Bot:", "Assistant:", "System:", "<image>", "<video>", "[EOS]"],
  source: `${AWS_NOVA_VALIDATOR}: reserved keywords`,
};

const novaHyperparameters: BaseModelInput["hyperparameters"] = [
  { name: "epochCount", type: "integer", default: 2, min: 1, max: 5 },
  { name: "learningRate", type: "float", default: 0.00001, min: 0.000001, max: 0.0001 },
  { name: "learningRateWarmupSteps", type: "integer", default: 10, min: 0, max: 100 },
];

const llamaHyperparameters: BaseModelInput["hyperparameters"] = [
  { name: "epochCount", type: "integer", default: 5, min: 1, max: 10 },
  { name: "batchSize", type: "integer", default: 1, min: 1, max: 1 },
  { name: "learningRate", type: "float", default: 0.0001, min: 0.000005, max: 0.1 },
];

const titanHyperparameters: BaseModelInput["hyperparameters"] = [
  { name: "epochCount", type: "integer", default: 5, min: 1, max: 10 },
  { name: "batchSize", type: "integer", default: 1, min: 1, max: 64 },
  // AWS documents the default only; the accepted range is left to the service.
  { name: "learningRate", type: "float", default: 0.00001 },
  { name: "learningRateWarmupSteps", type: "integer", default: 5, min: 0, max: 250 },
];

const sixCharsPerToken = {
  charsPerToken: 6,
  source: "AWS model customization docs: about 6 characters per token for planning",
};

function nova(id: string, name: string, media: boolean): BaseModelInput {
  return {
    id,
    name,
    provider: "Amazon",
    format: "bedrock-conversation-2024",
    regions: ["us-east-1"],
    customizationTypes: ["FINE_TUNING", "DISTILLATION"],
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
            source: `${AWS_NOVA_VALIDATOR}: at most 10 images per message, one video per sample`,
          },
        }
      : {}),
    tokenization: sixCharsPerToken,
    sources: [AWS_SUPPORTED, AWS_HP, NOVA_REGIONS_UNCONFIRMED],
  };
}

function llamaConverse(id: string, name: string, vision: boolean): BaseModelInput {
  return {
    id,
    name,
    provider: "Meta",
    format: "bedrock-conversation-2024",
    regions: ["us-west-2"],
    customizationTypes: ["FINE_TUNING"],
    quotas: { source: `${AWS_QUOTAS}: no figure tunegate can cite; set them in tunegate.yml` },
    hyperparameters: llamaHyperparameters,
    reservedStrings: { values: [], source: "none documented" },
    ...(vision
      ? {
          media: {
            images: true,
            videos: false,
            maxImagesPerMessage: 10,
            maxVideosPerRecord: 0,
            source: `${AWS_TEXT_DATA}: the vision variants of Llama 3.2 take images in user turns`,
          },
        }
      : {}),
    tokenization: sixCharsPerToken,
    sources: [AWS_SUPPORTED, AWS_HP],
  };
}

function promptCompletion(
  id: string,
  name: string,
  provider: string,
  regions: string[],
  hyperparameters: BaseModelInput["hyperparameters"],
): BaseModelInput {
  return {
    id,
    name,
    provider,
    format: "prompt-completion",
    regions,
    customizationTypes: ["FINE_TUNING"],
    quotas: { source: `${AWS_QUOTAS}: no figure tunegate can cite; set them in tunegate.yml` },
    hyperparameters,
    reservedStrings: { values: [], source: "none documented" },
    tokenization: sixCharsPerToken,
    sources: [AWS_SUPPORTED, AWS_HP, AWS_TEXT_DATA],
  };
}

export const BUILT_IN_MODELS: readonly BaseModelInput[] = [
  {
    id: "anthropic.claude-3-haiku-20240307-v1:0:200k",
    name: "Claude 3 Haiku",
    provider: "Anthropic",
    format: "claude-messages",
    regions: ["us-west-2"],
    customizationTypes: ["FINE_TUNING", "DISTILLATION"],
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
      status: "legacy",
      endOfLife: "2026-09-10",
      source: "AWS model card for Claude 3 Haiku: Legacy, end-of-life 2026-09-10",
    },
    prices: {
      inputPerMillionTokens: { usd: 0.25, source: "Anthropic price list, Claude 3 Haiku on-demand input" },
      outputPerMillionTokens: { usd: 1.25, source: "Anthropic price list, Claude 3 Haiku on-demand output" },
      provisionedThroughputPerHour: {
        usd: 50,
        source:
          "approximate minimum for one model unit without commitment; check the AWS Bedrock pricing page",
      },
    },
    sources: [AWS_SUPPORTED, AWS_QUOTAS, AWS_CLAUDE_HP, AWS_TEXT_DATA, AWS_HAIKU_VALIDATOR],
  },
  nova("amazon.nova-micro-v1:0:128k", "Amazon Nova Micro", false),
  nova("amazon.nova-lite-v1:0:300k", "Amazon Nova Lite", true),
  nova("amazon.nova-pro-v1:0:300k", "Amazon Nova Pro", true),
  llamaConverse("meta.llama3-2-1b-instruct-v1:0:128k", "Meta Llama 3.2 1B Instruct", false),
  llamaConverse("meta.llama3-2-3b-instruct-v1:0:128k", "Meta Llama 3.2 3B Instruct", false),
  llamaConverse("meta.llama3-2-11b-instruct-v1:0:128k", "Meta Llama 3.2 11B Vision Instruct", true),
  llamaConverse("meta.llama3-2-90b-instruct-v1:0:128k", "Meta Llama 3.2 90B Vision Instruct", true),
  llamaConverse("meta.llama3-3-70b-instruct-v1:0:128k", "Meta Llama 3.3 70B Instruct", false),
  promptCompletion(
    "meta.llama3-1-8b-instruct-v1:0:128k",
    "Meta Llama 3.1 8B Instruct",
    "Meta",
    ["us-west-2"],
    llamaHyperparameters,
  ),
  promptCompletion(
    "meta.llama3-1-70b-instruct-v1:0:128k",
    "Meta Llama 3.1 70B Instruct",
    "Meta",
    ["us-west-2"],
    llamaHyperparameters,
  ),
  promptCompletion(
    "amazon.titan-text-lite-v1:0:4k",
    "Amazon Titan Text G1 - Lite",
    "Amazon",
    ["us-east-1", "us-west-2"],
    titanHyperparameters,
  ),
  promptCompletion(
    "amazon.titan-text-express-v1:0:8k",
    "Amazon Titan Text G1 - Express",
    "Amazon",
    ["us-east-1", "us-west-2"],
    titanHyperparameters,
  ),
];

/** Model families that Bedrock cannot fine-tune, so a config naming one gets a precise answer. */
export const NOT_CUSTOMIZABLE: readonly { pattern: RegExp; why: string }[] = [
  {
    pattern: /claude.*(sonnet|opus)|claude-(sonnet|opus)/i,
    why: "Claude Sonnet and Opus models cannot be fine-tuned on Amazon Bedrock; Claude 3 Haiku is the Claude model that can",
  },
  {
    pattern: /claude-(3-5|3-7|haiku-4|sonnet-4|opus-4)/i,
    why: "Bedrock offers no supervised fine-tuning for this Claude model; add it to the catalog in tunegate.yml only if AWS has enabled it for your account",
  },
];
