import { describe, expect, it } from "vitest";
import {
  breakEven,
  type CostCurve,
  compareServing,
  modelUnitsFor,
  resolveCatalog,
  type ServingSetup,
  servingSetup,
  type Workload,
} from "../src/index";

const p = (usd: number, source = "test price") => ({ usd, source });

/**
 * The seed's case: a 12,000-token system prompt cached at a 90% discount, against a fine-tuned model on
 * Provisioned Throughput at about $50 an hour per model unit, one unit near 80 requests per second.
 * The larger model is priced like Claude 3.5 Haiku on Anthropic's list ($0.80 in, $4.00 out, cache read
 * 0.1x = $0.08, cache write 1.25x = $1.00 per million tokens); the base model like Claude 3 Haiku
 * ($0.25 in, $1.25 out); the custom model on demand at the base model's rates (AWS states none).
 */
const seed: ServingSetup = {
  cached: {
    model: { id: "larger", name: "Larger model" },
    prices: { input: p(0.8), output: p(4), cacheRead: p(0.08), cacheWrite: p(1) },
  },
  base: { model: { id: "base", name: "Base model" }, prices: { input: p(0.25), output: p(1.25) } },
  custom: { prices: { input: p(0.25, "unconfirmed"), output: p(1.25, "unconfirmed") } },
  provisioned: {
    prices: { perHour: p(50, "the seed: about $50/hour per model unit") },
    unitRequestsPerSecond: { value: 80, source: "the seed: one model unit near 80 requests per second" },
  },
};
/** 12,000 cached system-prompt tokens, 300 more input tokens and 200 output tokens, all day. */
const seedLoad: Workload = {
  requestsPerSecond: 80,
  hoursPerDay: 24,
  inputTokens: 12_300,
  outputTokens: 200,
  cachedTokens: 12_000,
};

const option = (c: ReturnType<typeof compareServing>, id: string) => {
  const o = c.options.find((x) => x.id === id)!;
  if (!o.available) throw new Error(`${id} unavailable: ${o.reason}`);
  return o;
};
const pair = (c: ReturnType<typeof compareServing>, a: string, b: string) =>
  c.breakEvens.find((x) => x.between[0] === a && x.between[1] === b)!;

describe("the seed's case, by hand", () => {
  const c = compareServing(seed, seedLoad);

  it("prices each option per month at 80 requests per second", () => {
    // Requests a month: 80/s x 86,400 s x 30 days = 207,360,000.
    expect(c.workload.requestsPerMonth).toBe(207_360_000);
    // Cached: (300 x $0.80 + 12,000 x $0.08 + 200 x $4.00) / 1M = ($240 + $960 + $800) / 1M = $0.002.
    // Cache writes: 12 an hour (5-minute cache) x 24 h x 30 days = 8,640 writes x 12,000 tokens
    // = 103,680,000 tokens x $1.00 / 1M = $103.68 a month.
    // Month: 207,360,000 x $0.002 = $414,720, + $103.68 = $414,823.68.
    const cached = option(c, "cached");
    expect(cached.perRequestUsd).toBeCloseTo(0.002, 12);
    expect(cached.fixedPerMonthUsd).toBeCloseTo(103.68, 8);
    expect(cached.monthlyUsd).toBeCloseTo(414_823.68, 4);
    // Base on demand: (12,300 x $0.25 + 200 x $1.25) / 1M = ($3,075 + $250) / 1M = $0.003325;
    // 207,360,000 x $0.003325 = $622,080 + $67,392 = $689,472. The custom model at the same rates: the same.
    expect(option(c, "base").perRequestUsd).toBeCloseTo(0.003325, 12);
    expect(option(c, "base").monthlyUsd).toBeCloseTo(689_472, 4);
    expect(option(c, "custom").monthlyUsd).toBeCloseTo(689_472, 4);
    // Provisioned Throughput: 80/s fits exactly in one unit: 1 x $50 x 720 h = $36,000.
    expect(option(c, "provisioned").modelUnits).toBe(1);
    expect(option(c, "provisioned").monthlyUsd).toBe(36_000);
    expect(c.winner).toEqual({ id: "provisioned", monthlyUsd: 36_000, tiedWith: [] });
  });

  it("solves the break-even loads", () => {
    // One request per second for a month is 86,400 x 30 = 2,592,000 requests.
    // Cached vs PT: $103.68 + 2,592,000 x $0.002 x r = $5,184 r + $103.68 = $36,000
    //   -> r = $35,896.32 / $5,184 = 6.924444 requests per second; above it PT is cheaper, and at
    //   80+ (2 units, $72,000) caching costs $103.68 + $5,184 x 80 = $414,823.68: PT stays cheaper.
    const cachedPt = pair(c, "cached", "provisioned");
    expect(cachedPt.switches).toHaveLength(1);
    expect(cachedPt.switches[0]!.requestsPerSecond).toBeCloseTo(6.924444, 5);
    expect(cachedPt.switches[0]).toMatchObject({ cheaperBelow: "cached", cheaperAbove: "provisioned" });
    expect(cachedPt.beyond).toBe("provisioned");
    // Base vs PT: 2,592,000 x $0.003325 = $8,618.40 per request per second; $36,000 / $8,618.40 = 4.177109.
    expect(pair(c, "base", "provisioned").switches.map((s) => s.requestsPerSecond)).toEqual([
      expect.closeTo(4.177109, 5),
    ]);
    // Cached vs base: $103.68 + $5,184 r = $8,618.40 r -> r = $103.68 / $3,434.40 = 0.030189 per second
    //   (about 78,250 requests a month): below it the cache writes cost more than they save.
    const cachedBase = pair(c, "cached", "base");
    expect(cachedBase.switches).toEqual([
      { requestsPerSecond: expect.closeTo(0.030189, 5), cheaperBelow: "base", cheaperAbove: "cached" },
    ]);
    // Base vs custom at the same rates: never break even, they cost the same at every load.
    expect(pair(c, "base", "custom")).toEqual({ between: ["base", "custom"], switches: [], beyond: "tie" });
    // So: the base model on demand up to 0.030189/s (custom ties with it), caching up to 6.924444/s, then PT.
    expect(c.cheapestByLoad).toEqual([
      { fromRequestsPerSecond: 0, id: "base" },
      { fromRequestsPerSecond: expect.closeTo(0.030189, 5), id: "cached" },
      { fromRequestsPerSecond: expect.closeTo(6.924444, 5), id: "provisioned" },
    ]);
  });

  it("needs a second model unit just above 80 requests per second", () => {
    expect(modelUnitsFor(80, 80)).toBe(1);
    expect(modelUnitsFor(80.5, 80)).toBe(2);
    // 2 x $36,000.
    expect(
      option(compareServing(seed, { ...seedLoad, requestsPerSecond: 80.5 }), "provisioned").monthlyUsd,
    ).toBe(72_000);
  });
});

describe("break-even edge cases", () => {
  it("at zero load nothing billed per token costs anything, and one idle model unit still bills", () => {
    const c = compareServing(seed, { ...seedLoad, requestsPerSecond: 0 });
    expect(c.options.map((o) => (o.available ? o.monthlyUsd : undefined))).toEqual([0, 0, 0, 36_000]);
    expect(c.winner).toEqual({ id: "cached", monthlyUsd: 0, tiedWith: ["base", "custom"] });
  });

  // $0.0002 a request: 2,592,000 x $0.0002 = $518.40 per request per second and month. One unit:
  // $36,000. On demand reaches one unit's price at 36,000 / 518.4 = 69.444/s; at exactly 80/s it costs
  // $41,472 against one unit's $36,000; just above, two units cost $72,000 and on demand is cheaper again.
  const tokens: CostCurve = { kind: "tokens", perRequestUsd: 0.0002, fixedPerMonthUsd: 0 };
  const units: CostCurve = { kind: "units", perUnitPerMonthUsd: 36_000, unitRequestsPerSecond: 80 };

  it("changes the winner exactly at a unit boundary", () => {
    const r = breakEven(tokens, units, 24);
    expect(r.switches[0]!.requestsPerSecond).toBeCloseTo(69.444444, 5);
    expect(r.switches[1]).toEqual({ requestsPerSecond: 80, cheaperBelow: "b", cheaperAbove: "a" });
    // Then $72,000 / 518.4 = 138.889/s, and the next boundary at 160.
    expect(r.switches[2]!.requestsPerSecond).toBeCloseTo(138.888889, 5);
    expect(r.switches[3]).toEqual({ requestsPerSecond: 160, cheaperBelow: "b", cheaperAbove: "a" });
    // Stretch n starts at $518.40 x 80 (n - 1) - $36,000 n = $5,472 n - $41,472: negative up to n = 7,
    // so the last switch is in the 7th unit, at $252,000 / 518.4 = 486.111/s; from 560/s on PT wins.
    expect(r.switches).toHaveLength(13);
    expect(r.switches.at(-1)!.requestsPerSecond).toBeCloseTo(486.111111, 5);
    expect(r.beyond).toBe("b");
  });

  it("says when two options never break even", () => {
    // $0.0001 a request: $259.20 x 80 = $20,736 per unit's worth of traffic, under $36,000: on demand
    // is cheaper at every load.
    const cheap: CostCurve = { kind: "tokens", perRequestUsd: 0.0001, fixedPerMonthUsd: 0 };
    expect(breakEven(cheap, units, 24)).toEqual({ switches: [], beyond: "a" });
    expect(breakEven(units, cheap, 24)).toEqual({ switches: [], beyond: "b" });
    // Two per-token bills with the same price: a tie at every load.
    expect(breakEven(tokens, tokens, 24)).toEqual({ switches: [], beyond: "tie" });
    // A line that is cheaper at first and never again: a fixed part and a lower price cross once.
    const fixed: CostCurve = { kind: "tokens", perRequestUsd: 0.0001, fixedPerMonthUsd: 259.2 };
    // $259.20 + $259.20 r = $518.40 r -> r = 1.
    expect(breakEven(tokens, fixed, 24)).toEqual({
      switches: [{ requestsPerSecond: 1, cheaperBelow: "a", cheaperAbove: "b" }],
      beyond: "b",
    });
  });

  it("reports options that keep trading places", () => {
    // A unit's worth of traffic costs exactly a unit ($450 x 80 = $36,000 at 12 hours a day:
    // $450 = 1,296,000 requests x $0.000347222...), with $1,000 of cache writes: on demand is cheaper
    // just above each boundary and dearer just below the next, forever.
    const perRequest = 450 / (12 * 3600 * 30);
    const even: CostCurve = { kind: "tokens", perRequestUsd: perRequest, fixedPerMonthUsd: 1_000 };
    const r = breakEven(even, units, 12);
    expect(r.beyond).toBe("alternates");
    expect(r.switches[0]!.requestsPerSecond).toBeCloseTo(35_000 / 450, 6);
  });
});

describe("servingSetup: prices from the catalog", () => {
  const catalog = resolveCatalog();

  it("prices Claude 3 Haiku with caching and on demand, and says why it cannot be served otherwise", () => {
    const haiku = catalog.find("anthropic.claude-3-haiku-20240307-v1:0:200k")!;
    const setup = servingSetup(haiku, { caches: true });
    expect(setup.cached).toMatchObject({
      prices: { cacheRead: { usd: 0.025 }, cacheWrite: { usd: 0.3125 } },
    });
    expect(setup.base).toMatchObject({ prices: { input: { usd: 0.25 }, output: { usd: 1.25 } } });
    expect("unavailable" in setup.custom && setup.custom.unavailable).toMatch(/cannot be served on demand/);
    expect("unavailable" in setup.provisioned && setup.provisioned.unavailable).toMatch(
      /no Provisioned Throughput can be bought/,
    );
    expect(setup.provisioned.unitRequestsPerSecond.source).toMatch(/^unconfirmed/);
  });

  it("stands the base model's price in for the custom model's, marked unconfirmed, and takes overrides", () => {
    const nova = catalog.find("amazon.nova-lite-v1:0:300k")!;
    const priced = {
      ...nova,
      prices: { inputPerMillionTokens: p(0.06, "list"), outputPerMillionTokens: p(0.24, "list") },
    };
    const setup = servingSetup(priced, {
      caches: false,
      overrides: { "provisioned.perHour": p(20, "--price provisioned.perHour") },
    });
    expect(setup.custom).toMatchObject({
      prices: { input: { usd: 0.06, source: expect.stringMatching(/^unconfirmed: .*\(list\)$/) } },
    });
    expect(setup.provisioned).toMatchObject({ prices: { perHour: { usd: 20 } } });
    // Caching needs cache prices only when the workload caches tokens.
    expect("prices" in setup.cached).toBe(true);
    const caching = servingSetup(priced, { caches: true });
    expect("unavailable" in caching.cached && caching.cached.unavailable).toBe(
      "no prices.cacheReadPerMillionTokens, prices.cacheWritePerMillionTokens for Amazon Nova Lite (add under catalog:, or override cached.cacheRead, cached.cacheWrite)",
    );
    expect("unavailable" in servingSetup(nova, { caches: false }).provisioned).toBe(true);
  });
});
