import type { BaseModel } from "../catalog/schema";
import type { Conversation, RecordFinding } from "./conversation";
import { defineRule, formatPath } from "./define";

/**
 * Rules of Amazon Nova 2 Lite supervised fine-tuning (nova-2-sft-data-prep.html): the Converse format
 * plus an optional `reasoningContent` block before the assistant's text, media in user turns only, one
 * kind of media per dataset, no tool sections, no reasoning with media.
 */
const formats = ["bedrock-conversation-2024"] as const;
const SOURCE = "https://docs.aws.amazon.com/bedrock/latest/userguide/nova-2-sft-data-prep.html";
const reasoning = '{"reasoningContent": {"reasoningText": {"text": "Two charges, one purchase: billing."}}}';
const withAnswer = (assistant: string) =>
  `{"messages": [{"role": "user", "content": [{"text": "My card was charged twice"}]}, {"role": "assistant", "content": [${assistant}]}]}`;
const good = withAnswer(`${reasoning}, {"text": "ROUTE: billing"}`);

export const nova2Rules = {
  reasoningShape: defineRule({
    id: "nova-2/reasoning-shape",
    severity: "error",
    title: 'A reasoning block is {"reasoningContent": {"reasoningText": {"text": "..."}}} and nothing else',
    hint: `Write {"reasoningContent": {"reasoningText": {"text": "..."}}}: Nova 2 Lite supports only reasoningText (${SOURCE}).`,
    formats,
    example: {
      bad: withAnswer('{"reasoningContent": {"redactedContent": "..."}}, {"text": "ROUTE: billing"}'),
      good,
    },
  }),
  reasoningPlacement: defineRule({
    id: "nova-2/reasoning-placement",
    severity: "error",
    title: "One reasoning block per assistant turn, before its text block; none in user turns",
    hint: `Move the reasoningContent block into the assistant turn, before its {"text": ...} block (${SOURCE}).`,
    formats,
    example: { bad: withAnswer(`{"text": "ROUTE: billing"}, ${reasoning}`), good },
  }),
  reasoningWithMedia: defineRule({
    id: "nova-2/reasoning-with-media",
    severity: "error",
    title: "A record with an image or a video has no reasoning block",
    hint: `Drop the reasoningContent block, or the media: Nova 2 Lite does not support reasoning content with media (${SOURCE}).`,
    formats,
    example: {
      bad: `{"messages": [{"role": "user", "content": [{"text": "Is this a refund?"}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}, {"role": "assistant", "content": [${reasoning}, {"text": "ROUTE: billing"}]}]}`,
      good: '{"messages": [{"role": "user", "content": [{"text": "Is this a refund?"}, {"image": {"format": "png", "source": {"s3Location": {"uri": "s3://my-bucket/receipt.png"}}}}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]}',
    },
  }),
  toolUse: defineRule({
    id: "nova-2/tool-use",
    severity: "error",
    title: "No tool sections (toolConfig, toolUse, toolResult)",
    hint: `Remove the tool section; write a tool call as text if the model must learn it. AWS: "Adding tool sections might cause your job to fail" (${SOURCE}).`,
    formats,
    example: {
      bad: withAnswer('{"toolUse": {"toolUseId": "t1", "name": "route", "input": {"queue": "billing"}}}'),
      good: withAnswer('{"text": "ROUTE: billing"}'),
    },
  }),
  mixedMedia: defineRule({
    id: "nova-2/mixed-media",
    severity: "error",
    title: "A dataset is text only, text and images, or text and videos: never images and videos",
    hint: `Keep one kind of media per dataset: move the records with the other kind to a dataset of their own (${SOURCE}).`,
    formats,
    example: {
      bad: "(line 1 of train.jsonl has an image, line 2 a video)",
      good: "(every record with media in train.jsonl has images; the videos are in a dataset of their own)",
    },
  }),
};

export function isNova2(model: BaseModel): boolean {
  return model.family === "nova-2";
}

export function checkNova2(conv: Conversation, report: (f: RecordFinding) => void): void {
  for (const path of conv.toolSections ?? []) {
    report({
      rule: nova2Rules.toolUse.id,
      path,
      message: `"${formatPath(path)}" is a tool section; Nova 2 Lite fine-tuning does not support tool use.`,
    });
  }
  let reasoningAt: RecordFinding["path"] | undefined;
  let media = false;
  for (const turn of conv.turns) {
    let reasoningInTurn = 0;
    let textSeen = false;
    for (const part of turn.parts) {
      if (part.kind === "image" || part.kind === "video") media = true;
      else if (part.kind === "text") textSeen = true;
      else if (part.kind === "tool") {
        report({
          rule: nova2Rules.toolUse.id,
          path: part.path,
          message: `A "${part.block}" block is a tool section; Nova 2 Lite fine-tuning does not support tool use.`,
        });
      } else if (part.kind === "reasoning") {
        reasoningAt ??= part.path;
        if (part.problem !== undefined) {
          report({ rule: nova2Rules.reasoningShape.id, path: part.path, message: part.problem });
        }
        const where = formatPath(part.path);
        const misplaced =
          turn.role !== "assistant"
            ? `${where} is in a "${turn.role || "no role"}" turn; reasoning goes in assistant turns only.`
            : textSeen
              ? `${where} comes after the turn's text block; the reasoning block goes before it.`
              : ++reasoningInTurn > 1
                ? `${where} is a second reasoning block in the turn; an assistant turn takes one.`
                : undefined;
        if (misplaced)
          report({ rule: nova2Rules.reasoningPlacement.id, path: part.path, message: misplaced });
      }
    }
  }
  if (media && reasoningAt !== undefined) {
    report({
      rule: nova2Rules.reasoningWithMedia.id,
      path: reasoningAt,
      message:
        "The record has both media and a reasoning block; Nova 2 Lite does not support reasoning content with media.",
    });
  }
}
