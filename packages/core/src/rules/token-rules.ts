import { defineRule } from "./define";

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
