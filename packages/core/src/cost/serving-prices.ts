import type { BaseModel, Prices } from "../catalog/schema";
import type { ServingSetup, SourcedFigure } from "./compare";
import type { SourcedPrice, TokenPrices } from "./serving";

/**
 * The one price lookup of the serving comparison: every price comes from a catalog entry (the built-in
 * ones, changed or extended under `catalog:` in tunegate.yml) unless the caller overrides it, and each
 * keeps its source. A price nobody states leaves its option unavailable, saying which price to add.
 */

/** The prices a caller may override, as `<option>.<price>`. */
export const SERVING_PRICE_KEYS = [
  "cached.input",
  "cached.output",
  "cached.cacheRead",
  "cached.cacheWrite",
  "base.input",
  "base.output",
  "custom.input",
  "custom.output",
  "provisioned.perHour",
] as const;
export type ServingPriceKey = (typeof SERVING_PRICE_KEYS)[number];

/** The catalog field each overridable price comes from. */
export const CATALOG_PRICE_OF: Record<ServingPriceKey, keyof Prices> = {
  "cached.input": "inputPerMillionTokens",
  "cached.output": "outputPerMillionTokens",
  "cached.cacheRead": "cacheReadPerMillionTokens",
  "cached.cacheWrite": "cacheWritePerMillionTokens",
  "base.input": "inputPerMillionTokens",
  "base.output": "outputPerMillionTokens",
  "custom.input": "customModelInputPerMillionTokens",
  "custom.output": "customModelOutputPerMillionTokens",
  "provisioned.perHour": "provisionedThroughputPerHour",
};

/**
 * The seed's figure for one model unit. AWS publishes no throughput per model unit (it depends on the
 * model and the size of a request), so it is a figure to replace with a measured one.
 */
export const SEED_UNIT_CAPACITY: SourcedFigure = {
  value: 80,
  source:
    "unconfirmed: the figure tunegate started from (one model unit near 80 requests per second); AWS publishes no throughput per model unit",
};

export interface ServingPriceOptions {
  /** The model priced with prompt caching; default: the base model itself. */
  cachedModel?: Pick<BaseModel, "id" | "name" | "prices">;
  overrides?: Partial<Record<ServingPriceKey, SourcedPrice>>;
  unitRequestsPerSecond?: SourcedFigure;
  /** Whether the workload caches tokens: only then are cache prices needed. */
  caches: boolean;
}

export function servingSetup(base: BaseModel, options: ServingPriceOptions): ServingSetup {
  const cachedModel = options.cachedModel ?? base;
  const over = options.overrides ?? {};
  const price = (key: ServingPriceKey, prices: Prices) => over[key] ?? prices[CATALOG_PRICE_OF[key]];
  const missing = (keys: readonly ServingPriceKey[], model: { name: string }, prices: Prices) => {
    const absent = keys.filter((k) => !price(k, prices));
    return absent.length
      ? `no ${absent.map((k) => `prices.${CATALOG_PRICE_OF[k]}`).join(", ")} for ${model.name} (add under catalog:, or override ${absent.join(", ")})`
      : undefined;
  };
  const tokens = (option: "cached" | "base" | "custom", prices: Prices): TokenPrices => ({
    input: price(`${option}.input`, prices)!,
    output: price(`${option}.output`, prices)!,
    ...(option === "cached" && price("cached.cacheRead", prices)
      ? { cacheRead: price("cached.cacheRead", prices)!, cacheWrite: price("cached.cacheWrite", prices)! }
      : {}),
  });

  const cachedKeys: ServingPriceKey[] = ["cached.input", "cached.output"];
  if (options.caches) cachedKeys.push("cached.cacheRead", "cached.cacheWrite");
  const cachedGap = missing(cachedKeys, cachedModel, cachedModel.prices);
  const baseGap = missing(["base.input", "base.output"], base, base.prices);

  return {
    cached: {
      model: { id: cachedModel.id, name: cachedModel.name },
      ...(cachedGap ? { unavailable: cachedGap } : { prices: tokens("cached", cachedModel.prices) }),
    },
    base: {
      model: { id: base.id, name: base.name },
      ...(baseGap ? { unavailable: baseGap } : { prices: tokens("base", base.prices) }),
    },
    custom: customSetup(base, over, {
      inputPerMillionTokens: price("base.input", base.prices),
      outputPerMillionTokens: price("base.output", base.prices),
    }),
    provisioned: {
      unitRequestsPerSecond: options.unitRequestsPerSecond ?? SEED_UNIT_CAPACITY,
      ...provisionedSetup(base, price("provisioned.perHour", base.prices)),
    },
  };
}

/**
 * The custom model on demand. AWS bills custom model deployments per token but publishes no rates
 * tunegate can cite, so without a catalog or override price the base model's on-demand price stands in,
 * its source saying so.
 */
function customSetup(
  base: BaseModel,
  over: Partial<Record<ServingPriceKey, SourcedPrice>>,
  onDemand: Pick<Prices, "inputPerMillionTokens" | "outputPerMillionTokens">,
): ServingSetup["custom"] {
  if (base.serving && !base.serving.onDemand) {
    return {
      unavailable: `a custom model of ${base.name} cannot be served on demand (${base.serving.source})`,
    };
  }
  const stand = (key: "custom.input" | "custom.output", fallback: keyof typeof onDemand) => {
    const own = over[key] ?? base.prices[CATALOG_PRICE_OF[key]];
    if (own) return own;
    const basePrice = onDemand[fallback];
    return basePrice
      ? {
          usd: basePrice.usd,
          source: `unconfirmed: AWS publishes no custom model deployment rates; the base model's on-demand price stands in (${basePrice.source})`,
        }
      : undefined;
  };
  const input = stand("custom.input", "inputPerMillionTokens");
  const output = stand("custom.output", "outputPerMillionTokens");
  if (input && output) return { prices: { input, output } };
  return {
    unavailable: `no prices.customModelInputPerMillionTokens and prices.customModelOutputPerMillionTokens (nor on-demand prices) for ${base.name} (add under catalog:, or override custom.input, custom.output)`,
  };
}

function provisionedSetup(
  base: BaseModel,
  perHour: SourcedPrice | undefined,
): { prices: { perHour: SourcedPrice } } | { unavailable: string } {
  if (base.serving && !base.serving.provisionedThroughput) {
    return {
      unavailable: `no Provisioned Throughput can be bought for a custom model of ${base.name} (${base.serving.source})`,
    };
  }
  return perHour
    ? { prices: { perHour } }
    : {
        unavailable: `no prices.provisionedThroughputPerHour for ${base.name} (add under catalog:, or override provisioned.perHour)`,
      };
}
