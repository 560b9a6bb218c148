import type { BaseModel } from "../catalog/schema";
import { formatBytes } from "../format-bytes";
import { formatCount } from "../format-count";
import { type CountTokens, TOKENIZER_NAME } from "../tokens/count";
import { defineRule, type EmitProblem } from "./define";

/** Token limits per record. How tokens are counted: see tokens/count.ts. */
export const tokenRules = {
  recordLimit: defineRule({
    id: "tokens/record-limit",
    severity: "error",
    title: "A record stays within the base model's token limit",
    hint: "Shorten the record or split the conversation; Bedrock fails the job on a record over the limit.",
    example: {
      bad: "(a Claude 3 Haiku record of about 40,000 tokens: a whole manual pasted into one prompt)",
      good: "(the manual split into records of at most 32,000 tokens each)",
    },
  }),
  nearLimit: defineRule({
    id: "tokens/near-limit",
    severity: "warning",
    title: "A record may exceed the token limit under a conservative estimate",
    hint: "Shorten the record to be safe: the model's own tokenizer is not public, so the count is an estimate.",
    example: {
      bad: "(a Claude 3 Haiku record of 100,000 characters: ~26,000 tokens by the stand-in tokenizer, 33,000 at 3 characters per token)",
      good: "(the record shortened to well under the limit by either count)",
    },
  }),
};

/** tokens/record-limit for a line too long to parse at all. */
export function checkOverlongLine(emit: EmitProblem, line: number, length: number): void {
  emit(
    tokenRules.recordLimit.id,
    line,
    1,
    "",
    `The line is ${formatBytes(length)} long, far over any record limit; it was not parsed.`,
  );
}

/**
 * tokens/record-limit and tokens/near-limit for records whose length brings them near the limit:
 * counted with the stand-in tokenizer, and against the model's conservative characters per token.
 */
export function checkRecordTokens(
  emit: EmitProblem,
  records: readonly { line: number; text: string; chars: number }[],
  count: CountTokens,
  model: BaseModel,
): void {
  const limit = model.quotas.maxTokensPerRecord!;
  const n = (x: number) => formatCount(x);
  for (const { line, text, chars } of records) {
    const tokens = count(text);
    const planning = Math.ceil(chars / model.tokenization.charsPerToken);
    if (tokens > limit) {
      emit(
        tokenRules.recordLimit.id,
        line,
        1,
        "",
        `The record has about ${n(tokens)} tokens (estimated with the ${TOKENIZER_NAME} tokenizer); ${model.name} takes at most ${n(limit)} per record.`,
      );
    } else if (planning > limit) {
      emit(
        tokenRules.nearLimit.id,
        line,
        1,
        "",
        `The record has about ${n(tokens)} tokens by the ${TOKENIZER_NAME} tokenizer but ${n(planning)} at ${model.tokenization.charsPerToken} characters per token; the limit is ${n(limit)}.`,
      );
    }
  }
}
