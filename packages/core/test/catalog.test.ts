import { describe, expect, it } from "vitest";
import {
  BUILT_IN_MODELS,
  baseModelSchema,
  builtInCatalog,
  CatalogError,
  lifecycleIn,
  lifecycleWarning,
  resolveCatalog,
} from "../src/index";

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

  it("every built-in entry is written as the schema outputs it, so the run time needs no schema for them", () => {
    for (const m of BUILT_IN_MODELS) expect(baseModelSchema.parse(m), m.id).toStrictEqual(m);
    expect(builtInCatalog().models).toStrictEqual(BUILT_IN_MODELS.map((m) => baseModelSchema.parse(m)));
  });

  it("each built-in catalog is its own copy: changing one's entry changes no other", () => {
    const first = builtInCatalog();
    first.get("amazon.nova-lite-v1:0:300k").regions.push("eu-west-1");
    expect(builtInCatalog().get("amazon.nova-lite-v1:0:300k").regions).toEqual(["us-east-1"]);
    expect(resolveCatalog().get("amazon.nova-lite-v1:0:300k").regions).toEqual(["us-east-1"]);
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

  it("lifecycle: Claude 3 Haiku is end-of-life, with its dates and the page that says so", () => {
    const haiku = catalog.get("anthropic.claude-3-haiku-20240307-v1:0:200k");
    expect(haiku.lifecycle).toMatchObject({
      status: "end-of-life",
      legacySince: "2026-03-10",
      endOfLife: "2026-09-10",
    });
    expect(lifecycleWarning(haiku, new Date("2026-11-24"), "us-west-2")).toMatch(
      /^Claude 3 Haiku \(anthropic\.claude-3-haiku-20240307-v1:0:200k\) reached its end-of-life in us-west-2 on 2026-09-10 \(Legacy since 2026-03-10\): .* Source: https:\/\/docs\.aws\.amazon\.com\/bedrock\/latest\/userguide\/model-lifecycle-legacy\.html/,
    );
    expect(haiku.customizationTypes).toEqual(["FINE_TUNING"]);
    expect(haiku.serving).toMatchObject({ onDemand: false, provisionedThroughput: false });
    expect(lifecycleWarning(catalog.get("amazon.nova-lite-v1:0:300k"))).toBeUndefined();
  });

  it("a legacy entry warns before its end-of-life and after it; a Region can differ", () => {
    const c = resolveCatalog([
      {
        id: "amazon.nova-lite-v1:0:300k",
        lifecycle: {
          status: "legacy",
          legacySince: "2026-10-01",
          endOfLife: "2027-04-01",
          source: "a test page",
          byRegion: { "eu-west-1": { status: "active", source: "a test page" } },
        },
        regions: ["us-east-1", "eu-west-1"],
      },
    ]);
    const lite = c.get("amazon.nova-lite-v1:0:300k");
    expect(lifecycleWarning(lite, new Date("2026-12-01"), "us-east-1")).toBe(
      "Amazon Nova Lite (amazon.nova-lite-v1:0:300k) is legacy in us-east-1 since 2026-10-01: AWS takes no new fine-tuning jobs or Provisioned Throughput for it, and it reaches end-of-life on 2027-04-01. Source: a test page.",
    );
    expect(lifecycleWarning(lite, new Date("2027-05-01"), "us-east-1")).toMatch(
      /reached its end-of-life in us-east-1 on 2027-04-01/,
    );
    expect(lifecycleWarning(lite, new Date("2026-12-01"), "eu-west-1")).toBeUndefined();
    expect(lifecycleIn(lite, "eu-west-1")?.status).toBe("active");
  });

  it("an entry that says active keeps none of the extended entry's end-of-life dates", () => {
    const c = resolveCatalog([
      {
        id: "anthropic.claude-3-haiku-20240307-v1:0:200k",
        lifecycle: { status: "active", source: "continued access under our private arrangement" },
      },
    ]);
    expect(c.get("anthropic.claude-3-haiku-20240307-v1:0:200k").lifecycle).toEqual({
      status: "active",
      source: "continued access under our private arrangement",
    });
  });

  it("every built-in entry states its customization types, serving and lifecycle with sources", () => {
    for (const m of catalog.models) {
      expect(m.customizationTypes.length, m.id).toBeGreaterThan(0);
      expect(m.serving?.source.length, m.id).toBeGreaterThan(10);
      expect(m.lifecycle?.source.length, m.id).toBeGreaterThan(10);
    }
    const retired = catalog.models.filter((m) => /^(amazon\.titan-text|cohere\.)/.test(m.id));
    expect(retired.map((m) => m.lifecycle?.status)).toEqual(retired.map(() => "end-of-life"));
    expect(retired.length).toBe(4);
  });

  it("Nova 2 Lite: us-east-1, fine-tuning and RFT, on demand, no validation file, unconfirmed hyperparameters", () => {
    const nova2 = catalog.get("amazon.nova-2-lite-v1:0:256k");
    expect(nova2.regions).toEqual(["us-east-1"]);
    expect(nova2.family).toBe("nova-2");
    expect(nova2.customizationTypes).toEqual(["FINE_TUNING", "REINFORCEMENT_FINE_TUNING"]);
    expect(nova2.serving?.onDemand).toBe(true);
    expect(nova2.validationData).toMatchObject({ supported: false });
    expect(nova2.media).toMatchObject({
      imageFormats: ["png", "jpeg", "gif"],
      videoFormats: ["mov", "mkv", "mp4"],
    });
    expect(nova2.hyperparameters.length).toBeGreaterThan(0);
    for (const h of nova2.hyperparameters) expect(h.unconfirmed).toMatch(/AWS publishes no hyperparameter/);
    expect(nova2.lifecycle?.status).toBe("active");
  });

  it("Llama carries AWS's record caps for both file roles", () => {
    for (const m of catalog.models.filter((x) => x.family === "llama")) {
      expect(m.quotas, m.id).toMatchObject({ maxTrainingRecords: 10_000, maxValidationRecords: 1_000 });
    }
    expect(catalog.get("meta.llama3-3-70b-instruct-v1:0:128k").serving?.onDemand).toBe(true);
    expect(catalog.get("meta.llama3-2-1b-instruct-v1:0:128k").serving?.onDemand).toBe(false);
  });
});
