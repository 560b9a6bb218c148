import type { BaseModel } from "./catalog/schema";
import type { TokenFigure } from "./tokens/count";

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
