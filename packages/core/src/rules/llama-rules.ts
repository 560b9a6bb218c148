import type { BaseModel } from "../catalog/schema";
import type { Conversation, RecordFinding } from "./conversation";
import { defineRule } from "./define";

/** Rules of Meta Llama on top of the Converse format (Llama 3.2 and 3.3), from AWS's Llama validator. */
const formats = ["bedrock-conversation-2024"] as const;
const messages =
  '"messages": [{"role": "user", "content": [{"text": "My card was charged twice"}]}, {"role": "assistant", "content": [{"text": "ROUTE: billing"}]}]';

export const llamaRules = {
  systemBlocks: defineRule({
    id: "llama/system-blocks",
    severity: "error",
    title: "`system` holds at most one text block",
    hint: 'Join the system blocks into one {"text": ...} block: AWS\'s Llama data validator allows a single system block.',
    formats,
    example: {
      bad: `{"system": [{"text": "You route tickets."}, {"text": "Answer with ROUTE: <queue>."}], ${messages}}`,
      good: `{"system": [{"text": "You route tickets. Answer with ROUTE: <queue>."}], ${messages}}`,
    },
  }),
};

export function isLlamaConverse(model: BaseModel): boolean {
  return model.family === "llama" && model.format === "bedrock-conversation-2024";
}

export function checkLlama(conv: Conversation, report: (f: RecordFinding) => void): void {
  const second = conv.system[1];
  if (second) {
    report({
      rule: llamaRules.systemBlocks.id,
      path: second.path.slice(0, 2),
      message: `"system" has ${conv.system.length} blocks; Llama takes one.`,
    });
  }
}
