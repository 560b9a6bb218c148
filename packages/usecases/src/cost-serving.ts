import {
  compareServing,
  type RequestSize,
  type ResolvedConfig,
  type ResolvedModel,
  requestsPerSecondOf,
  SEED_UNIT_CAPACITY,
  type ServingComparison,
  type ServingPriceKey,
  servingSetup,
  UserError,
} from "@tunegate/core";

/**
 * The serving part of `tunegate cost`: the workload (given, or the model's own request size at one
 * model unit's load), the prices (the catalog's, with given overrides) and the comparison of the four
 * ways to serve the model.
 */

export interface ServingOptions {
  /** Sustained requests per second during the active hours, or a monthly count spread over them. */
  rate?: number;
  requestsPerMonth?: number;
  /** Hours a day with traffic (default 24). */
  hoursPerDay?: number;
  /** Input tokens of a request served from a prompt cache (default: the data's system prompt). */
  cachedTokens?: number;
  /** Requests per second one model unit serves (default: the seed's figure, marked unconfirmed). */
  unitRequestsPerSecond?: number;
  /** A catalog model priced with prompt caching, e.g. a larger one (default: the base model). */
  cachedModel?: string;
  /** Prices in US dollars that replace the catalog's, by `<option>.<price>`. */
  prices?: Partial<Record<ServingPriceKey, number>>;
}

export type ServingCost = ServingComparison & {
  /** Where the load came from. */
  loadFrom: string;
};

export function servingCost(
  config: ResolvedConfig,
  model: ResolvedModel,
  request: RequestSize,
  options: ServingOptions,
): ServingCost {
  const hoursPerDay = options.hoursPerDay ?? 24;
  const cachedModel =
    options.cachedModel === undefined ? undefined : config.catalog.find(options.cachedModel);
  if (options.cachedModel !== undefined && !cachedModel) {
    throw new UserError(`--cached-model ${options.cachedModel} is not in the catalog.`, {
      fix: "name a built-in model, or add the model (with its prices) under catalog: in tunegate.yml",
    });
  }
  const cachedTokens = Math.min(options.cachedTokens ?? request.systemTokens, request.inputTokens);
  const overrides = Object.fromEntries(
    Object.entries(options.prices ?? {}).map(([key, usd]) => [key, { usd, source: `--price ${key}=${usd}` }]),
  );
  const setup = servingSetup(model.baseModel, {
    caches: cachedTokens > 0,
    overrides,
    ...(cachedModel ? { cachedModel } : {}),
    ...(options.unitRequestsPerSecond === undefined
      ? {}
      : {
          unitRequestsPerSecond: {
            value: options.unitRequestsPerSecond,
            source: `--unit-capacity ${options.unitRequestsPerSecond}`,
          },
        }),
  });
  const unit = setup.provisioned.unitRequestsPerSecond.value;
  const [requestsPerSecond, loadFrom] =
    options.rate !== undefined
      ? [options.rate, "--requests-per-second"]
      : options.requestsPerMonth !== undefined
        ? [requestsPerSecondOf(options.requestsPerMonth, hoursPerDay), "--requests-per-month"]
        : [
            unit,
            `one model unit's capacity${setup.provisioned.unitRequestsPerSecond === SEED_UNIT_CAPACITY ? " (the seed's figure)" : ""}; give --requests-per-second or --requests-per-month`,
          ];
  return {
    ...compareServing(setup, {
      requestsPerSecond,
      hoursPerDay,
      inputTokens: request.inputTokens,
      outputTokens: request.outputTokens,
      cachedTokens,
    }),
    loadFrom,
  };
}
