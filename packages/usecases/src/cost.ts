import { join } from "node:path";
import {
  estimateTrainingCost,
  measureRequestSize,
  onDemandPrices,
  onDemandUsd,
  type ParallelOptions,
  perRequestUsd,
  type RequestSize,
  type ResolvedConfig,
  type ResolvedModel,
  type TokenFigure,
  validateDatasets,
} from "@tunegate/core";
import { nodeDatasetIo } from "@tunegate/files";
import { type ServingCost, type ServingOptions, servingCost } from "./cost-serving";

/**
 * What a model of tunegate.yml costs: the training job, storing the custom model, the Provisioned
 * Throughput it is served through, and the base model on demand for comparison. Every price comes from
 * the catalog with its source; a price the catalog lacks stays absent, never guessed.
 */

/** Hours in the "per 30 days" figures, as the report action's comment counts them. */
const HOURS_PER_30_DAYS = 24 * 30;

export interface Price {
  usd: number;
  source: string;
}

export interface ModelCost {
  model: string;
  baseModel: { id: string; name: string };
  region: string;
  training: {
    file: string;
    tokens: TokenFigure;
    epochs: number;
    epochsFrom: string;
    billedTokens: number;
    price?: Price;
    usd?: number;
  };
  storage: { perMonth?: Price };
  provisionedThroughput: { modelUnits: number; perHourPerUnit?: Price; perHour?: number; per30Days?: number };
  onDemand: {
    request: RequestSize;
    input?: Price;
    output?: Price;
    usdPerRequest?: number;
    /** Requests per second at which one hour of Provisioned Throughput costs as much as on demand. */
    breakEvenPerSecond?: number;
    cached?: { usdPerRequest: number; breakEvenPerSecond?: number; source: string };
    /** With --requests-per-second: both bills over 30 days. */
    at?: { requestsPerSecond: number; onDemandPer30Days: number; provisionedPer30Days?: number };
  };
  /** Caching, base and custom model on demand and Provisioned Throughput compared under the workload. */
  serving: ServingCost;
}

export interface CostOptions extends ServingOptions {
  modelUnits: number;
  /** Expected sustained traffic, to compare both monthly bills. */
  rate?: number;
  /** Request sizes that override the ones measured on the training data. */
  inputTokens?: number;
  outputTokens?: number;
  /** Worker threads for counting the training tokens of a large file. */
  parallel?: ParallelOptions;
}

export async function estimateModelCost(
  config: ResolvedConfig,
  model: ResolvedModel,
  options: CostOptions,
): Promise<ModelCost> {
  const base = model.baseModel;
  const trainingPath = join(config.root, model.training);
  const report = await validateDatasets([{ path: trainingPath, role: "train", name: model.training }], {
    ...(options.parallel ? { parallel: options.parallel } : {}),
    model: base,
    io: nodeDatasetIo,
  });
  const tokens = report.files[0]!.stats.tokens.total;
  const epochs = model.hyperparameterValues.epochCount ?? 1;
  const training = estimateTrainingCost(base, tokens, epochs);
  const prices = base.prices;

  const hourlyPerUnit = prices.provisionedThroughputPerHour;
  const perHour = hourlyPerUnit ? hourlyPerUnit.usd * options.modelUnits : undefined;
  const request = await measureRequestSize(trainingPath, base, nodeDatasetIo, options);
  const input = prices.inputPerMillionTokens;
  const output = prices.outputPerMillionTokens;
  const onDemand = onDemandPrices(prices);
  const perRequest = onDemand && onDemandUsd(onDemand, request.inputTokens, request.outputTokens);
  const cacheRead = prices.cacheReadPerMillionTokens;
  const cachedPerRequest =
    onDemand &&
    cacheRead &&
    perRequestUsd(
      { input: onDemand.inputPerMillionTokens, output: onDemand.outputPerMillionTokens, cacheRead },
      { ...request, requestsPerSecond: 0, hoursPerDay: 24, cachedTokens: request.systemTokens },
    );
  const breakEven = (usd: number | undefined) =>
    perHour !== undefined && usd !== undefined && usd > 0 ? perHour / usd / 3600 : undefined;

  return {
    model: model.name,
    baseModel: { id: base.id, name: base.name },
    region: model.region,
    training: {
      file: model.training,
      tokens,
      epochs,
      epochsFrom:
        model.hyperparameters.epochCount !== undefined
          ? "hyperparameters.epochCount"
          : `the default epochCount of ${base.name}`,
      billedTokens: training.billedTokens,
      ...(training.pricePerMillionTokens ? { price: training.pricePerMillionTokens } : {}),
      ...(training.usd === undefined ? {} : { usd: training.usd }),
    },
    storage: prices.storagePerMonth ? { perMonth: prices.storagePerMonth } : {},
    provisionedThroughput: {
      modelUnits: options.modelUnits,
      ...(hourlyPerUnit && perHour !== undefined
        ? { perHourPerUnit: hourlyPerUnit, perHour, per30Days: perHour * HOURS_PER_30_DAYS }
        : {}),
    },
    onDemand: {
      request,
      ...(input ? { input } : {}),
      ...(output ? { output } : {}),
      ...(perRequest === undefined ? {} : { usdPerRequest: perRequest }),
      ...(breakEven(perRequest) === undefined ? {} : { breakEvenPerSecond: breakEven(perRequest)! }),
      ...(cachedPerRequest === undefined || request.systemTokens === 0
        ? {}
        : {
            cached: {
              usdPerRequest: cachedPerRequest,
              ...(breakEven(cachedPerRequest) === undefined
                ? {}
                : { breakEvenPerSecond: breakEven(cachedPerRequest)! }),
              source: cacheRead!.source,
            },
          }),
      ...(options.rate !== undefined && perRequest !== undefined
        ? {
            at: {
              requestsPerSecond: options.rate,
              onDemandPer30Days: perRequest * options.rate * 3600 * HOURS_PER_30_DAYS,
              ...(perHour === undefined ? {} : { provisionedPer30Days: perHour * HOURS_PER_30_DAYS }),
            },
          }
        : {}),
    },
    serving: servingCost(config, model, request, options),
  };
}
