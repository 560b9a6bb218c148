// The AWS pages the built-in catalog cites, one constant per page.
export const AWS_QUOTAS =
  "https://docs.aws.amazon.com/bedrock/latest/userguide/model-customization-prepare.html";
export const AWS_CLAUDE_HP = "https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-anth-claude-3.html";
export const AWS_TEXT_DATA = "https://docs.aws.amazon.com/bedrock/latest/userguide/preparing-text-data.html";
export const AWS_HAIKU_VALIDATOR =
  "aws-samples/amazon-bedrock-samples custom-models/bedrock-fine-tuning/claude-haiku/DataValidation (AWS sample, not a user-guide page)";
export const AWS_NOVA_VALIDATOR =
  "AWS's Nova data validator in aws-samples/amazon-bedrock-samples (AWS sample, not a user-guide page)";
export const AWS_HP = "https://docs.aws.amazon.com/bedrock/latest/userguide/custom-models-hp.html";
export const AWS_NOVA_HP = "https://docs.aws.amazon.com/bedrock/latest/userguide/cm-hp-nova-mm.html";
export const AWS_FINE_TUNING =
  "https://docs.aws.amazon.com/bedrock/latest/userguide/custom-model-fine-tuning.html";
export const AWS_LIFECYCLE =
  "https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle-legacy.html";
export const AWS_NOVA_2_SFT =
  "https://docs.aws.amazon.com/bedrock/latest/userguide/nova-2-sft-data-prep.html";
export const AWS_RFT = "https://docs.aws.amazon.com/bedrock/latest/userguide/reinforcement-fine-tuning.html";
export const AWS_DISTILLATION =
  "https://docs.aws.amazon.com/bedrock/latest/userguide/prequisites-model-distillation.html";
export const AWS_ON_DEMAND =
  "https://docs.aws.amazon.com/bedrock/latest/userguide/deploy-custom-model-on-demand.html";
export const AWS_BATCH =
  "https://docs.aws.amazon.com/bedrock/latest/userguide/batch-inference-supported.html";
export const AWS_LLAMA_VALIDATOR =
  "AWS's Llama data validator in aws-samples/amazon-bedrock-samples (AWS sample, not a user-guide page)";
