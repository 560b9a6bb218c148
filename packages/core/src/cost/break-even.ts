import { activeSecondsPerMonth, type CostCurve } from "./serving";

/**
 * Loads at which one serving option becomes cheaper than another, solved exactly rather than sampled.
 * Over each stretch of load where both bills are straight lines (a Provisioned Throughput bill is flat
 * within one model unit and jumps by a unit's price at each unit's capacity) the difference of the two
 * bills has at most one root; the winner can also change at a unit boundary, where the jump happens.
 */

/** At `requestsPerSecond` the cheaper of the two changes from `cheaperBelow` to `cheaperAbove`. */
export interface Switch {
  requestsPerSecond: number;
  cheaperBelow: "a" | "b" | "tie";
  cheaperAbove: "a" | "b" | "tie";
}

export interface PairBreakEven {
  /** In order of load, every change of the cheaper option above zero load. */
  switches: Switch[];
  /** The cheaper at every load above the last switch; "alternates" when they keep trading places. */
  beyond: "a" | "b" | "tie" | "alternates";
}

/** Unit boundaries examined at most: past this many units, the result says "alternates". */
const MAX_UNITS = 1_000;

/** Where two options trade places as the load grows from zero (exclusive) to infinity. */
export function breakEven(a: CostCurve, b: CostCurve, hoursPerDay: number): PairBreakEven {
  const seconds = activeSecondsPerMonth(hoursPerDay);
  // Each curve as "fixed + slope x load" on a unit's stretch n (load in ((n-1) c, n c]).
  const line = (curve: CostCurve, unit: number) =>
    curve.kind === "tokens"
      ? { fixed: curve.fixedPerMonthUsd, slope: curve.perRequestUsd * seconds }
      : { fixed: unit * curve.perUnitPerMonthUsd, slope: 0 };
  const units = [a, b].filter((c) => c.kind === "units");
  const capacity = units.length ? Math.min(...units.map((c) => c.unitRequestsPerSecond)) : Infinity;
  const { stretches, beyondKnown } = stretchCount(a, b, seconds);

  const switches: Switch[] = [];
  let current: Switch["cheaperAbove"] | undefined;
  const move = (at: number, next: Switch["cheaperAbove"]) => {
    if (current !== undefined && next !== current) {
      switches.push({ requestsPerSecond: at, cheaperBelow: current, cheaperAbove: next });
    }
    current = next;
  };
  for (let n = 1; n <= stretches; n++) {
    const lo = capacity === Infinity ? 0 : (n - 1) * capacity;
    const hi = capacity === Infinity ? Infinity : n * capacity;
    // The units of a stepped bill on this stretch (two stepped bills here have the same capacity).
    const unitsOf = (c: CostCurve) =>
      c.kind === "units" ? Math.ceil((n * capacity) / c.unitRequestsPerSecond - 1e-9) : 0;
    const la = line(a, unitsOf(a));
    const lb = line(b, unitsOf(b));
    // d(load) = a's bill - b's bill on this stretch: negative where a is cheaper.
    const fixed = la.fixed - lb.fixed;
    const slope = la.slope - lb.slope;
    const start = fixed + slope * lo;
    move(lo, cheaper(start === 0 ? slope : start));
    if (slope !== 0) {
      const root = -fixed / slope;
      if (root > lo && root < hi) move(root, cheaper(slope));
    }
  }
  return { switches, beyond: beyondKnown ? current! : "alternates" };
}

const cheaper = (difference: number): Switch["cheaperAbove"] =>
  difference < 0 ? "a" : difference > 0 ? "b" : "tie";

/**
 * How many unit stretches can hold a change: past them, one option is cheaper at every load. With a
 * per-token bill F + v x load against units of price H and capacity c, g = v c - H is what one more
 * unit's worth of traffic costs beyond a unit: g > 0, the units win from stretch 2 + (H - F) / g on;
 * g < 0, the tokens win from stretch 1 + F / -g on; g = 0, they alternate in every stretch when 0 < F < H.
 */
function stretchCount(
  a: CostCurve,
  b: CostCurve,
  seconds: number,
): { stretches: number; beyondKnown: boolean } {
  if (a.kind === b.kind) {
    // Two per-token bills are two lines: one stretch. Two unit bills with the same capacity scale together.
    if (a.kind === "tokens" || b.kind !== "units" || a.unitRequestsPerSecond === b.unitRequestsPerSecond) {
      return { stretches: 1, beyondKnown: true };
    }
    // Their steps would not line up; the comparison has one stepped option, so this is never asked.
    throw new Error("breakEven compares at most one bill per model unit of each capacity");
  }
  const tokens = a.kind === "tokens" ? a : (b as Extract<CostCurve, { kind: "tokens" }>);
  const units = a.kind === "units" ? a : (b as Extract<CostCurve, { kind: "units" }>);
  const F = tokens.fixedPerMonthUsd;
  const H = units.perUnitPerMonthUsd;
  const g = tokens.perRequestUsd * seconds * units.unitRequestsPerSecond - H;
  const needed =
    g > 0 ? Math.floor(1 + (H - F) / g) + 1 : g < 0 ? Math.floor(F / -g) + 1 : F > 0 && F < H ? Infinity : 1;
  const stretches = Math.max(1, needed);
  return stretches > MAX_UNITS
    ? { stretches: MAX_UNITS, beyondKnown: false }
    : { stretches, beyondKnown: true };
}
