import { describe, expect, it } from "vitest";
import { BUILT_IN_MODELS, CatalogError, lifecycleWarning, resolveCatalog } from "../src/index";

describe("base-model catalog", () => {
  const catalog = resolveCatalog();

  it("every built-in entry is valid, cites its sources and has unique ids", () => {
    expect(catalog.models).toHaveLength(BUILT_IN_MODELS.length);
    expect(new Set(catalog.models.map((m) => m.id)).size).toBe(BUILT_IN_MODELS.length);
    for (const m of catalog.models) {
      expect(m.quotas.source.length).toBeGreaterThan(10);
      expect(m.sources.length).toBeGreaterThan(0);
      for (const h of m.hyperparameters) {
        if (h.min !== undefined) expect(h.default).toBeGreaterThanOrEqual(h.min);
        if (h.max !== undefined) expect(h.default).toBeLessThanOrEqual(h.max);
      }
    }
  });

  it("Claude 3 Haiku carries the documented quotas, Region and hyperparameters", () => {
    const haiku = catalog.get("anthropic.claude-3-haiku-20240307-v1:0:200k");
    expect(haiku.regions).toEqual(["us-west-2"]);
    expect(haiku.quotas).toMatchObject({
      minRecords: 32,
      maxTrainingRecords: 10_000,
      maxValidationRecords: 1_000,
      maxTokensPerRecord: 32_000,
    });
    expect(haiku.hyperparameters.map((h) => h.name)).toEqual([
      "epochCount",
      "batchSize",
      "learningRateMultiplier",
      "earlyStoppingThreshold",
      "earlyStoppingPatience",
    ]);
    expect(
      catalog.get("arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-haiku-20240307-v1:0:200k")
        .id,
    ).toBe(haiku.id);
  });

  it("an entry in configuration can extend Claude 3 Haiku with another id and Region", () => {
    const extended = resolveCatalog([
      {
        id: "anthropic.claude-haiku-4-5-v1:0:200k",
        extends: "anthropic.claude-3-haiku-20240307-v1:0:200k",
        name: "Claude Haiku 4.5",
        regions: ["us-east-1"],
        lifecycle: { status: "active", source: "our account team" },
      },
    ]);
    const m = extended.get("anthropic.claude-haiku-4-5-v1:0:200k");
    expect(m.regions).toEqual(["us-east-1"]);
    expect(m.quotas.maxTokensPerRecord).toBe(32_000);
    expect(m.format).toBe("claude-messages");
    expect(lifecycleWarning(m)).toBeUndefined();
  });

  it("an override changes only what it names", () => {
    const c = resolveCatalog([
      {
        id: "anthropic.claude-3-haiku-20240307-v1:0:200k",
        prices: { trainingPerMillionTokens: { usd: 4, source: "our AWS invoice" } },
      },
    ]);
    const m = c.get("anthropic.claude-3-haiku-20240307-v1:0:200k");
    expect(m.prices.trainingPerMillionTokens).toEqual({ usd: 4, source: "our AWS invoice" });
    expect(m.prices.inputPerMillionTokens?.usd).toBe(0.25);
  });

  it("bad additions fail with the entry and the field", () => {
    expect(() => resolveCatalog([{ id: "x", extends: "nope" }])).toThrow(
      /extends "nope", which is not in the catalog/,
    );
    expect(() => resolveCatalog([{ id: "my-model", name: "Mine" }])).toThrow(
      /Catalog entry "my-model" is invalid: provider/,
    );
    expect(() =>
      resolveCatalog([
        { id: "y", extends: "anthropic.claude-3-haiku-20240307-v1:0:200k", regions: ["Oregon"] },
      ]),
    ).toThrow(/"y" is invalid: regions.0: an AWS Region/);
  });

  it("unknown models get an answer that says why and what to use", () => {
    expect(() => catalog.get("anthropic.claude-3-5-sonnet-20240620-v1:0")).toThrow(CatalogError);
    expect(() => catalog.get("anthropic.claude-3-5-sonnet-20240620-v1:0")).toThrow(
      /Sonnet and Opus models cannot be fine-tuned/,
    );
    expect(() => catalog.get("anthropic.claude-3-haiku-20240307-v1:0")).toThrow(
      /Did you mean "anthropic.claude-3-haiku-20240307-v1:0:200k"/,
    );
    expect(() => catalog.get("acme.model-v1")).toThrow(/add it under "catalog:" in tunegate.yml/);
  });

  it("lifecycle: Claude 3 Haiku warns with its end-of-life date, before and after it", () => {
    const haiku = catalog.get("anthropic.claude-3-haiku-20240307-v1:0:200k");
    expect(lifecycleWarning(haiku, new Date("2026-01-01"))).toMatch(
      /is legacy and reaches end-of-life on 2026-09-10/,
    );
    expect(lifecycleWarning(haiku, new Date("2026-11-24"))).toMatch(/reached its end-of-life on 2026-09-10/);
    expect(lifecycleWarning(catalog.get("amazon.nova-lite-v1:0:300k"))).toBeUndefined();
  });
});
