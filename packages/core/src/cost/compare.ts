import { breakEven, type Switch } from "./break-even";
import {
  type CostCurve,
  modelUnitsFor,
  monthlyUsd,
  requestsPerMonth,
  SERVING_OPTIONS,
  type ServingOptionId,
  type SourcedPrice,
  type TokenPrices,
  tokenCurve,
  unitCurve,
  type Workload,
} from "./serving";

/** A figure that is not a price, with where it comes from (e.g. one model unit's capacity). */
export interface SourcedFigure {
  value: number;
  source: string;
}

/** An option's prices, or why it cannot be priced or used (a missing price, a model AWS cannot serve so). */
export type OptionSetup<P> = { prices: P } | { unavailable: string };

/** Everything the comparison needs besides the workload, each price with its source. */
export interface ServingSetup {
  cached: OptionSetup<TokenPrices> & { model: { id: string; name: string } };
  base: OptionSetup<TokenPrices> & { model: { id: string; name: string } };
  custom: OptionSetup<TokenPrices>;
  provisioned: OptionSetup<{ perHour: SourcedPrice }> & { unitRequestsPerSecond: SourcedFigure };
}

export type ServingOptionCost =
  | {
      id: ServingOptionId;
      label: string;
      /** The model billed per token: the cached and base options name theirs. */
      model?: { id: string; name: string };
      available: true;
      /** The prices used, by name (input, output, cacheRead, cacheWrite, perHour), each with its source. */
      prices: Record<string, SourcedPrice>;
      /** Per-token options: one request, and the cache writes of a month with traffic. */
      perRequestUsd?: number;
      fixedPerMonthUsd?: number;
      /** Provisioned Throughput: the model units the load needs. */
      modelUnits?: number;
      monthlyUsd: number;
    }
  | { id: ServingOptionId; label: string; available: false; reason: string };

export interface OptionSwitch {
  requestsPerSecond: number;
  cheaperBelow: ServingOptionId | "tie";
  cheaperAbove: ServingOptionId | "tie";
}

export interface ServingBreakEven {
  between: [ServingOptionId, ServingOptionId];
  /** Every load (above zero) where the cheaper of the two changes; empty: they never break even. */
  switches: OptionSwitch[];
  beyond: ServingOptionId | "tie" | "alternates";
}

export interface ServingComparison {
  workload: Workload & { requestsPerMonth: number };
  unitRequestsPerSecond: SourcedFigure;
  options: ServingOptionCost[];
  breakEvens: ServingBreakEven[];
  /** The cheapest option over every load above zero, in order of load (the lower envelope of the bills). */
  cheapestByLoad: { fromRequestsPerSecond: number; id: ServingOptionId }[];
  /** The cheapest available option at the workload's load; absent when none can be priced. */
  winner?: { id: ServingOptionId; monthlyUsd: number; tiedWith: ServingOptionId[] };
}

/** Two bills within a millionth of a cent are the same bill (floating-point noise, not a difference). */
const SAME_USD = 1e-8;

export function compareServing(setup: ServingSetup, workload: Workload): ServingComparison {
  const curves = new Map<ServingOptionId, CostCurve>();
  const options = SERVING_OPTIONS.map((id): ServingOptionCost => {
    const option = setup[id];
    const label = labelOf(id, setup);
    if ("unavailable" in option) return { id, label, available: false, reason: option.unavailable };
    if (id === "provisioned") {
      const { perHour } = (option as { prices: { perHour: SourcedPrice } }).prices;
      const capacity = setup.provisioned.unitRequestsPerSecond.value;
      const curve = unitCurve(perHour, capacity);
      curves.set(id, curve);
      return {
        id,
        label,
        available: true,
        prices: { perHour },
        modelUnits: modelUnitsFor(workload.requestsPerSecond, capacity),
        monthlyUsd: monthlyUsd(curve, workload.requestsPerSecond, workload.hoursPerDay),
      };
    }
    const prices = (option as { prices: TokenPrices }).prices;
    const curve = tokenCurve(id === "cached" ? prices : withoutCache(prices), workload);
    curves.set(id, curve);
    return {
      id,
      label,
      ...(id === "cached" || id === "base" ? { model: setup[id].model } : {}),
      available: true,
      prices: Object.fromEntries(Object.entries(prices).filter(([, p]) => p !== undefined)),
      perRequestUsd: curve.kind === "tokens" ? curve.perRequestUsd : 0,
      fixedPerMonthUsd: curve.kind === "tokens" ? curve.fixedPerMonthUsd : 0,
      monthlyUsd: monthlyUsd(curve, workload.requestsPerSecond, workload.hoursPerDay),
    };
  });

  const available = SERVING_OPTIONS.filter((id) => curves.has(id));
  const breakEvens: ServingBreakEven[] = [];
  available.forEach((a, i) => {
    for (const b of available.slice(i + 1)) {
      const pair = breakEven(curves.get(a)!, curves.get(b)!, workload.hoursPerDay);
      const name = (side: Switch["cheaperAbove"]) => (side === "a" ? a : side === "b" ? b : "tie");
      breakEvens.push({
        between: [a, b],
        switches: pair.switches.map((s) => ({
          requestsPerSecond: s.requestsPerSecond,
          cheaperBelow: name(s.cheaperBelow),
          cheaperAbove: name(s.cheaperAbove),
        })),
        beyond: pair.beyond === "alternates" ? "alternates" : name(pair.beyond),
      });
    }
  });

  const priced = options.filter((o) => o.available);
  const least = Math.min(...priced.map((o) => o.monthlyUsd));
  const tied = priced.filter((o) => o.monthlyUsd - least <= SAME_USD).map((o) => o.id);
  return {
    workload: { ...workload, requestsPerMonth: requestsPerMonth(workload) },
    unitRequestsPerSecond: setup.provisioned.unitRequestsPerSecond,
    options,
    breakEvens,
    cheapestByLoad: cheapestByLoad(curves, breakEvens, workload.hoursPerDay),
    ...(tied.length ? { winner: { id: tied[0]!, monthlyUsd: least, tiedWith: tied.slice(1) } } : {}),
  };
}

/** Without prompt caching every input token is billed at the input price. */
function withoutCache(prices: TokenPrices): TokenPrices {
  return { input: prices.input, output: prices.output };
}

function labelOf(id: ServingOptionId, setup: ServingSetup): string {
  switch (id) {
    case "cached":
      return `${setup.cached.model.name} on demand with prompt caching`;
    case "base":
      return `${setup.base.model.name} on demand (the base model)`;
    case "custom":
      return "the custom model on demand (custom model deployment)";
    case "provisioned":
      return "the custom model on Provisioned Throughput";
  }
}

/**
 * Which option is cheapest from which load on. The cheapest can only change where two options trade
 * places, so between consecutive break-even loads one probe per stretch decides it.
 */
function cheapestByLoad(
  curves: ReadonlyMap<ServingOptionId, CostCurve>,
  breakEvens: readonly ServingBreakEven[],
  hoursPerDay: number,
): ServingComparison["cheapestByLoad"] {
  if (curves.size === 0) return [];
  const loads = [
    ...new Set([0, ...breakEvens.flatMap((b) => b.switches.map((s) => s.requestsPerSecond))]),
  ].sort((x, y) => x - y);
  const out: ServingComparison["cheapestByLoad"] = [];
  loads.forEach((from, i) => {
    const next = loads[i + 1];
    const probe = next === undefined ? from * 2 + 1 : (from + next) / 2;
    let best: ServingOptionId | undefined;
    let least = Infinity;
    for (const [id, curve] of curves) {
      const usd = monthlyUsd(curve, probe, hoursPerDay);
      if (usd < least - SAME_USD) {
        least = usd;
        best = id;
      }
    }
    if (best && out.at(-1)?.id !== best) out.push({ fromRequestsPerSecond: from, id: best });
  });
  return out;
}
