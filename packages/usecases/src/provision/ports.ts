import type { createBedrockClient } from "@tunegate/aws";

export type BedrockClient = ReturnType<typeof createBedrockClient>;
