// Bedrock's customization types, apart from the catalog schema: the job constraints check a request
// against them, and the line checks (worker threads) import those constraints without zod.
export const CUSTOMIZATION_TYPES = [
  "FINE_TUNING",
  "CONTINUED_PRE_TRAINING",
  "DISTILLATION",
  "REINFORCEMENT_FINE_TUNING",
] as const;
