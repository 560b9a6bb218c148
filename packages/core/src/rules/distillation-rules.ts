import { AWS_DISTILLATION_PROMPTS } from "../catalog/distillation";
import type { BaseModel } from "../catalog/schema";
import type { Conversation, RecordFinding } from "./conversation";
import { defineRule } from "./define";

/**
 * Distillation prompt datasets (distillation-data-prep-option-1.html): records in the Converse format
 * whose prompts the teacher answers. A final assistant reply is optional (a labeled example the teacher
 * may follow), Meta Llama students take one user message per record, and distillation is text to text
 * (distillation-prepare-datasets.html). The Converse format's own rules apply besides these, except the
 * one that wants every record to end with the assistant.
 */
const formats = ["bedrock-conversation-2024"] as const;
const prompt =
  '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Why is the sky blue?"}]}]}';
const DISTILLATION_MODALITY =
  "https://docs.aws.amazon.com/bedrock/latest/userguide/distillation-prepare-datasets.html";

export const distillationRules = {
  singleTurn: defineRule({
    id: "distillation/single-turn",
    severity: "error",
    title: "A prompt for a single-turn student holds one user message",
    hint: `Keep one user message (and at most the assistant's reply after it) per record: Meta Llama students take single-turn prompts only (${AWS_DISTILLATION_PROMPTS}).`,
    formats,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "Hi"}]}, {"role": "assistant", "content": [{"text": "Hello"}]}, {"role": "user", "content": [{"text": "Why is the sky blue?"}]}]}',
      good: prompt,
    },
  }),
  textOnly: defineRule({
    id: "distillation/text-only",
    severity: "error",
    title: "A distillation prompt holds text only",
    hint: `Remove the image or video: Bedrock distills text to text only (${DISTILLATION_MODALITY}).`,
    formats,
    example: {
      bad: '{"schemaVersion": "bedrock-conversation-2024", "messages": [{"role": "user", "content": [{"text": "What is in this receipt?"}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}]}',
      good: prompt,
    },
  }),
};

/**
 * The base model as a distillation dataset for it is checked: its Converse rules with prompts that
 * need no final reply, text only, and the single-turn rule of its catalog entry. Record bounds are the
 * supervised job's and do not apply; the token limit does.
 */
export function distillationModel(base: BaseModel): BaseModel {
  const { media: _media, ...text } = base;
  return {
    ...text,
    quotas: {
      ...(base.quotas.maxTokensPerRecord === undefined
        ? {}
        : { maxTokensPerRecord: base.quotas.maxTokensPerRecord }),
      source: `${DISTILLATION_MODALITY}: no record bounds stated for distillation; token limit: ${base.quotas.source}`,
    },
    promptDataset: {
      singleTurn: base.distillation?.singleTurn ?? false,
      source: base.distillation?.source ?? AWS_DISTILLATION_PROMPTS,
    },
  };
}

/** Whether the model checks distillation prompts (see `distillationModel`). */
export function isPromptDataset(model: BaseModel): boolean {
  return model.promptDataset !== undefined;
}

export function checkDistillationPrompt(
  conv: Conversation,
  model: BaseModel,
  report: (f: RecordFinding) => void,
): void {
  for (const turn of conv.turns) {
    for (const part of turn.parts) {
      if (part.kind !== "image" && part.kind !== "video") continue;
      report({
        rule: distillationRules.textOnly.id,
        path: part.path,
        message: `The prompt holds ${part.kind === "image" ? "an image" : "a video"}; distillation takes text only.`,
      });
    }
  }
  if (!model.promptDataset?.singleTurn) return;
  const users = conv.turns.filter((t) => t.role === "user");
  const second = users[1];
  if (second) {
    report({
      rule: distillationRules.singleTurn.id,
      path: [...second.path, "role"],
      message: `The prompt has ${users.length} user messages; ${model.name} takes single-turn prompts (one user message).`,
    });
  }
}
