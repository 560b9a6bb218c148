import { defineRule } from "./define";

/** Token limits per record. How tokens are counted: see tokens/count.ts. */
export const tokenRules = {
  recordLimit: defineRule({
    id: "tokens/record-limit",
    severity: "error",
    title: "A record stays within the base model's token limit",
    hint: "Shorten the record or split the conversation; Bedrock fails the job on a record over the limit.",
  }),
  nearLimit: defineRule({
    id: "tokens/near-limit",
    severity: "warning",
    title: "A record may exceed the token limit under a conservative estimate",
    hint: "Shorten the record to be safe: the model's own tokenizer is not public, so the count is an estimate.",
  }),
};
