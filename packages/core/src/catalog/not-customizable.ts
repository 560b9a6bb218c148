/** Model families that Bedrock cannot fine-tune, so a config naming one gets a precise answer. */
export const NOT_CUSTOMIZABLE: readonly { pattern: RegExp; why: string }[] = [
  {
    pattern: /claude.*(sonnet|opus)|claude-(sonnet|opus)/i,
    why: "Claude Sonnet and Opus models cannot be fine-tuned on Amazon Bedrock (and Claude 3 Haiku, the one Claude model that could, reached end-of-life on 2026-09-10); Amazon Nova 2 Lite or Nova Lite train today",
  },
  {
    pattern: /claude-(3-5|3-7|haiku-4|sonnet-4|opus-4)/i,
    why: "Bedrock offers no supervised fine-tuning for this Claude model; add it to the catalog in tunegate.yml only if AWS has enabled it for your account",
  },
];
