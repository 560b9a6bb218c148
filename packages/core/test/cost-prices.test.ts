import { describe, expect, it } from "vitest";
import { onDemandPrices, onDemandUsd, pricesForModelId, resolveCatalog } from "../src/index";

const catalog = resolveCatalog();
const priced = catalog.models.filter((m) => onDemandPrices(m.prices));
const base = priced.find((m) => /:\d+k$/.test(m.id)) ?? priced[0]!;
const other = {
  ...base,
  id: "vendor.other-model-v1:0",
  prices: { inputPerMillionTokens: { usd: 3, source: "its price list" } },
};
// A catalog with one more entry, as tunegate.yml's catalog: section adds one.
const withOther = { find: (id: string) => (id === other.id ? other : catalog.find(id)) };

describe("pricesForModelId", () => {
  it("finds the base model's prices under its on-demand, cross-Region and ARN ids", () => {
    const onDemand = base.id.replace(/:\d+k$/, "");
    for (const id of [
      base.id,
      onDemand,
      `us.${onDemand}`,
      `arn:aws:bedrock:us-east-1::foundation-model/${onDemand}`,
    ]) {
      expect(pricesForModelId(id, base)).toBe(base.prices);
    }
  });

  it("falls back to the catalog for another model, and gives nothing without one", () => {
    expect(pricesForModelId(other.id, base, withOther)).toBe(other.prices);
    expect(pricesForModelId(other.id, base)).toBeUndefined();
    expect(pricesForModelId("vendor.not-a-model-v1:0", base, withOther)).toBeUndefined();
  });
});

describe("onDemandUsd", () => {
  it("prices input and output tokens per million", () => {
    const prices = {
      inputPerMillionTokens: { usd: 0.25, source: "s" },
      outputPerMillionTokens: { usd: 1.25, source: "s" },
    };
    expect(onDemandUsd(prices, 250, 10)).toBeCloseTo((250 * 0.25 + 10 * 1.25) / 1e6, 12);
  });

  it("needs both prices", () => {
    expect(onDemandPrices({ inputPerMillionTokens: { usd: 1, source: "s" } })).toBeUndefined();
    expect(onDemandPrices(undefined)).toBeUndefined();
  });
});
