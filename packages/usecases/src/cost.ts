import { join } from "node:path";
import {
  type BaseModel,
  estimateTrainingCost,
  loadTokenizer,
  onDemandPrices,
  onDemandUsd,
  type ParallelOptions,
  type ResolvedConfig,
  type ResolvedModel,
  readEvalSet,
  type TokenFigure,
  validateDatasets,
} from "@tunegate/core";
import { nodeDatasetIo } from "@tunegate/files";

/**
 * What a model of tunegate.yml costs: the training job, storing the custom model, the Provisioned
 * Throughput it is served through, and the base model on demand for comparison. Every price comes from
 * the catalog with its source; a price the catalog lacks stays absent, never guessed.
 */

/** Hours in the "per 30 days" figures, as the report action's comment counts them. */
const HOURS_PER_30_DAYS = 24 * 30;
/** Cached prompt tokens are read at 10% of the input price: Anthropic's 90% discount. */
const CACHE_READ_FACTOR = 0.1;
const CACHE_SOURCE =
  "Anthropic's price list: cache reads at 0.1x the input price; cache writes, at 1.25x once per 5 minutes, left out";
/** Records measured for the per-request token figures: enough for a stable mean, fast on any file. */
const MAX_MEASURED_RECORDS = 2_000;

export interface Price {
  usd: number;
  source: string;
}

/** Token sizes of a typical request: the data's prompts (system prompt apart) and final replies. */
export interface RequestSize {
  inputTokens: number;
  outputTokens: number;
  /** Of inputTokens, the system prompt: what prompt caching would serve from cache. */
  systemTokens: number;
  method: string;
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
}

export interface CostOptions {
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
  const request = await requestSize(trainingPath, base, options);
  const input = prices.inputPerMillionTokens;
  const output = prices.outputPerMillionTokens;
  const onDemand = onDemandPrices(prices);
  const perRequest = onDemand && onDemandUsd(onDemand, request.inputTokens, request.outputTokens);
  const cachedPerRequest =
    onDemand &&
    onDemandUsd(
      onDemand,
      request.inputTokens - request.systemTokens + request.systemTokens * CACHE_READ_FACTOR,
      request.outputTokens,
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
              source: CACHE_SOURCE,
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
  };
}

/**
 * Mean tokens of a request like the training records: the prompt (system prompt and the turns before
 * the final reply) in, the final reply out, counted with the stand-in tokenizer tunegate uses for
 * estimates. Flags override either figure.
 */
async function requestSize(
  path: string,
  model: BaseModel,
  options: { inputTokens?: number; outputTokens?: number },
): Promise<RequestSize> {
  const set = await readEvalSet(path, { model, io: nodeDatasetIo });
  const cases = set.cases.slice(0, MAX_MEASURED_RECORDS);
  const count = await loadTokenizer();
  const mean = (values: number[]) =>
    values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  const system = mean(cases.map((c) => (c.system ? count(c.system) : 0)));
  const prompt = mean(cases.map((c) => c.messages.reduce((n, m) => n + count(m.text), 0)));
  const reply = mean(cases.map((c) => count(c.reference)));
  const measured = `mean of ${cases.length} record${cases.length === 1 ? "" : "s"} of the training data, estimated with the cl100k_base tokenizer`;
  const inputTokens = options.inputTokens ?? Math.round(system + prompt);
  return {
    inputTokens,
    outputTokens: options.outputTokens ?? Math.round(reply),
    // A given input size keeps the data's system-prompt share: what caching would serve.
    systemTokens: Math.min(inputTokens, Math.round(system)),
    method:
      options.inputTokens !== undefined && options.outputTokens !== undefined
        ? "--input-tokens and --output-tokens"
        : options.inputTokens !== undefined || options.outputTokens !== undefined
          ? `the flags given, the rest the ${measured}`
          : measured,
  };
}
