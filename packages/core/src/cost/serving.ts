/**
 * What serving a model costs per month under a workload, for the four ways tunegate compares: a
 * (larger) model with prompt caching, the base model on demand, the custom model on demand (custom
 * model deployment) and the custom model on Provisioned Throughput. Pure arithmetic over prices the
 * caller resolved, each with its source; nothing here looks a price up or guesses one.
 */

/** A month is 30 days, as every "per 30 days" figure of tunegate counts it. */
export const DAYS_PER_MONTH = 30;
/** Provisioned Throughput bills every hour from creation until it is deleted, used or not. */
export const PROVISIONED_HOURS_PER_MONTH = 24 * DAYS_PER_MONTH;
/**
 * Cache writes per active hour: one per 5-minute cache lifetime. Reads refresh the cache, so at steady
 * traffic this is an upper bound; it is billed only in a month with traffic.
 */
export const CACHE_WRITES_PER_ACTIVE_HOUR = 12;

export const SERVING_OPTIONS = ["cached", "base", "custom", "provisioned"] as const;
export type ServingOptionId = (typeof SERVING_OPTIONS)[number];

export interface SourcedPrice {
  usd: number;
  source: string;
}

/** A request load and its size. Tokens are per request; `cachedTokens` is the part of `inputTokens` a cache serves. */
export interface Workload {
  /** Sustained requests per second during the active hours. */
  requestsPerSecond: number;
  /** Hours a day with that traffic (1-24); the rest of the day has none. */
  hoursPerDay: number;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
}

/** Seconds of traffic a month at one request per second. */
export function activeSecondsPerMonth(hoursPerDay: number): number {
  return hoursPerDay * 3600 * DAYS_PER_MONTH;
}

export function requestsPerMonth(w: Pick<Workload, "requestsPerSecond" | "hoursPerDay">): number {
  return w.requestsPerSecond * activeSecondsPerMonth(w.hoursPerDay);
}

/** The sustained rate of a monthly request count spread over the active hours. */
export function requestsPerSecondOf(perMonth: number, hoursPerDay: number): number {
  return perMonth / activeSecondsPerMonth(hoursPerDay);
}

/**
 * How an option's monthly bill grows with the load: per token (a fixed part, the cache writes, billed
 * once there is any traffic, plus a price per request), or per model unit, a step function.
 */
export type CostCurve =
  | { kind: "tokens"; perRequestUsd: number; fixedPerMonthUsd: number }
  | { kind: "units"; perUnitPerMonthUsd: number; unitRequestsPerSecond: number };

/**
 * Model units a load needs: at least one (a Provisioned Throughput that exists bills), and a load exactly
 * at a unit's capacity fits in that unit. The tolerance absorbs floating-point noise of the division only.
 */
export function modelUnitsFor(requestsPerSecond: number, unitRequestsPerSecond: number): number {
  return Math.max(1, Math.ceil(requestsPerSecond / unitRequestsPerSecond - 1e-9));
}

export function monthlyUsd(curve: CostCurve, requestsPerSecond: number, hoursPerDay: number): number {
  if (curve.kind === "units") {
    return modelUnitsFor(requestsPerSecond, curve.unitRequestsPerSecond) * curve.perUnitPerMonthUsd;
  }
  if (requestsPerSecond <= 0) return 0;
  return curve.fixedPerMonthUsd + curve.perRequestUsd * requestsPerMonth({ requestsPerSecond, hoursPerDay });
}

/** Token prices of an option billed per token; the cache prices only matter when tokens are cached. */
export interface TokenPrices {
  input: SourcedPrice;
  output: SourcedPrice;
  cacheRead?: SourcedPrice;
  cacheWrite?: SourcedPrice;
}

/** Cost of one request: cached input at the cache-read price, the rest of the input and the output at theirs. */
export function perRequestUsd(prices: TokenPrices, w: Workload): number {
  const cached = prices.cacheRead ? Math.min(w.cachedTokens, w.inputTokens) : 0;
  return (
    ((w.inputTokens - cached) * prices.input.usd +
      cached * (prices.cacheRead?.usd ?? 0) +
      w.outputTokens * prices.output.usd) /
    1_000_000
  );
}

/** The per-token curve of these prices; with cache prices, the cache writes of a month with traffic. */
export function tokenCurve(prices: TokenPrices, w: Workload): CostCurve {
  const cached = prices.cacheRead ? Math.min(w.cachedTokens, w.inputTokens) : 0;
  const writes = CACHE_WRITES_PER_ACTIVE_HOUR * w.hoursPerDay * DAYS_PER_MONTH;
  return {
    kind: "tokens",
    perRequestUsd: perRequestUsd(prices, w),
    fixedPerMonthUsd: cached > 0 ? (writes * cached * (prices.cacheWrite?.usd ?? 0)) / 1_000_000 : 0,
  };
}

export function unitCurve(perHour: SourcedPrice, unitRequestsPerSecond: number): CostCurve {
  return {
    kind: "units",
    perUnitPerMonthUsd: perHour.usd * PROVISIONED_HOURS_PER_MONTH,
    unitRequestsPerSecond,
  };
}
