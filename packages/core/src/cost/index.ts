import type { BaseModel, Prices } from "../catalog/schema";
import type { TokenFigure } from "../tokens/count";

/** An estimated training bill: billed tokens = training tokens x epochs, times a price when one is known. */
export interface TrainingCost {
  trainingTokens: TokenFigure;
  epochs: number;
  billedTokens: number;
  /** Absent when no price is known: then only tokens are shown, never a guessed figure. */
  usd?: number;
  pricePerMillionTokens?: { usd: number; source: string };
}

export function epochsFor(
  model: BaseModel,
  hyperparameters: Readonly<Record<string, string | number>> = {},
): number {
  const configured = hyperparameters.epochCount;
  if (configured !== undefined) return Number(configured);
  return model.hyperparameters.find((h) => h.name === "epochCount")?.default ?? 1;
}

export function estimateTrainingCost(
  model: BaseModel,
  trainingTokens: TokenFigure,
  epochs: number,
): TrainingCost {
  const billedTokens = trainingTokens.value * epochs;
  const price = model.prices.trainingPerMillionTokens;
  return {
    trainingTokens,
    epochs,
    billedTokens,
    ...(price ? { usd: (billedTokens / 1_000_000) * price.usd, pricePerMillionTokens: price } : {}),
  };
}

/** The catalog's on-demand token prices, both of which a dollar figure needs. */
export interface OnDemandPrices {
  inputPerMillionTokens: { usd: number; source: string };
  outputPerMillionTokens: { usd: number; source: string };
}

/** The on-demand prices of a model when the catalog has both, else undefined (never a guessed figure). */
export function onDemandPrices(prices: Prices | undefined): OnDemandPrices | undefined {
  const input = prices?.inputPerMillionTokens;
  const output = prices?.outputPerMillionTokens;
  return input && output ? { inputPerMillionTokens: input, outputPerMillionTokens: output } : undefined;
}

/** What these tokens cost on demand: the one formula the CLI, the evaluation and the comments use. */
export function onDemandUsd(prices: OnDemandPrices, inputTokens: number, outputTokens: number): number {
  return (
    (inputTokens * prices.inputPerMillionTokens.usd + outputTokens * prices.outputPerMillionTokens.usd) /
    1_000_000
  );
}

/**
 * Token prices of a model named by its invocation id, e.g. an evaluation's baseline: the base model's
 * own when the id is its on-demand id (the catalog lists the customization id, with a context suffix
 * such as ":200k", and cross-Region "us." ids and foundation-model ARNs name the same model), else any
 * catalog entry of that id.
 */
export function pricesForModelId(
  modelId: string,
  baseModel: BaseModel | undefined,
  catalog?: { find(id: string): BaseModel | undefined },
): Prices | undefined {
  const bare = modelId
    .replace(/^(us|eu|apac|global)\./, "")
    .replace(/^arn:aws[^:]*:bedrock:[^:]*:[^:]*:foundation-model\//, "");
  if (baseModel && (bare === baseModel.id || bare === baseModel.id.replace(/:\d+k$/, ""))) {
    return baseModel.prices;
  }
  return catalog?.find(bare)?.prices;
}

// Serving: prompt caching, on demand and Provisioned Throughput compared under a workload.
export * from "./break-even";
export * from "./compare";
export * from "./for-data";
export * from "./request-size";
export * from "./serving";
export * from "./serving-prices";
