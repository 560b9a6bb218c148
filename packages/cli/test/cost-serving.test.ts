import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, tunegate } from "./run";

const dir = mkdtempSync(join(tmpdir(), "tunegate-cost-serving-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
copyFileSync(join(REPO, "examples/support-router/train.jsonl"), join(dir, "train.jsonl"));

/** Nova Lite with prices set under catalog:, as a team that read the price list would. */
writeFileSync(
  join(dir, "tunegate.yml"),
  `version: 1
catalog:
  - id: amazon.nova-lite-v1:0:300k
    prices:
      inputPerMillionTokens: { usd: 0.25, source: "input price for the test" }
      outputPerMillionTokens: { usd: 1.25, source: "output price for the test" }
      cacheReadPerMillionTokens: { usd: 0.025, source: "cache read for the test" }
      cacheWritePerMillionTokens: { usd: 0.3125, source: "cache write for the test" }
      provisionedThroughputPerHour: { usd: 50, source: "throughput price for the test" }
  # A larger model, only to price prompt caching: it starts from an entry and changes its prices.
  - id: vendor.larger-v1:0
    extends: amazon.nova-lite-v1:0:300k
    name: Larger model
    prices:
      inputPerMillionTokens: { usd: 0.8, source: "larger input" }
      outputPerMillionTokens: { usd: 4, source: "larger output" }
      cacheReadPerMillionTokens: { usd: 0.08, source: "larger cache read" }
      cacheWritePerMillionTokens: { usd: 1, source: "larger cache write" }
models:
  router:
    baseModel: amazon.nova-lite-v1:0:300k
    region: us-east-1
    training: train.jsonl
    s3: { bucket: my-bucket }
    roleArn: arn:aws:iam::123456789012:role/BedrockFineTuning
`,
);
const config = join(dir, "tunegate.yml");

/** The seed's workload: 12,000 cached system-prompt tokens of 12,300, 200 out. */
const SEED = ["--input-tokens", "12300", "--cached-tokens", "12000", "--output-tokens", "200"];

describe("tunegate cost: serving compared", () => {
  it("prints the comparison as JSON in the documented shape", async () => {
    const r = await tunegate([
      "cost",
      "--config",
      config,
      ...SEED,
      "--requests-per-second",
      "80",
      "--format",
      "json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const { serving } = JSON.parse(r.stdout).models[0];
    expect(Object.keys(serving).sort()).toEqual(
      [
        "breakEvens",
        "cheapestByLoad",
        "loadFrom",
        "options",
        "unitRequestsPerSecond",
        "winner",
        "workload",
      ].sort(),
    );
    expect(serving.workload).toEqual({
      requestsPerSecond: 80,
      hoursPerDay: 24,
      inputTokens: 12_300,
      outputTokens: 200,
      cachedTokens: 12_000,
      requestsPerMonth: 207_360_000,
    });
    expect(serving.loadFrom).toBe("--requests-per-second");
    expect(serving.unitRequestsPerSecond).toEqual({
      value: 80,
      source: expect.stringMatching(/^unconfirmed/),
    });
    expect(serving.options.map((o: { id: string }) => o.id)).toEqual([
      "cached",
      "base",
      "custom",
      "provisioned",
    ]);
    const [cached, base, custom, pt] = serving.options;
    // Caching: (300 x $0.25 + 12,000 x $0.025 + 200 x $1.25) / 1M = ($75 + $300 + $250) / 1M = $0.000625;
    // cache writes 8,640 x 12,000 x $0.3125 / 1M = $32.40; a month 207,360,000 x $0.000625 = $129,600 + $32.40.
    expect(cached).toMatchObject({ available: true, perRequestUsd: expect.closeTo(0.000625, 12) });
    expect(cached.monthlyUsd).toBeCloseTo(129_632.4, 4);
    expect(cached.prices.cacheRead).toEqual({ usd: 0.025, source: "cache read for the test" });
    // On demand, nothing cached: (12,300 x $0.25 + 200 x $1.25) / 1M = $0.003325, $689,472 a month.
    expect(base.monthlyUsd).toBeCloseTo(689_472, 4);
    // The custom model at the base model's price, marked unconfirmed.
    expect(custom.prices.input.source).toMatch(/^unconfirmed: .*\(input price for the test\)$/);
    expect(pt).toMatchObject({ available: true, modelUnits: 1, monthlyUsd: 36_000 });
    expect(serving.winner).toEqual({ id: "provisioned", monthlyUsd: 36_000, tiedWith: [] });
    // Caching vs PT: $32.40 + 2,592,000 x $0.000625 r = $1,620 r + $32.40 = $36,000 -> r = 22.202222/s.
    const cachedPt = serving.breakEvens.find(
      (b: { between: string[] }) => b.between.join() === "cached,provisioned",
    );
    expect(cachedPt.switches).toEqual([
      {
        requestsPerSecond: expect.closeTo(22.202222, 5),
        cheaperBelow: "cached",
        cheaperAbove: "provisioned",
      },
    ]);
    expect(serving.breakEvens.find((b: { between: string[] }) => b.between.join() === "base,custom")).toEqual(
      {
        between: ["base", "custom"],
        switches: [],
        beyond: "tie",
      },
    );
  });

  it("prints the table, the break-even loads and the winner, with every price's source", async () => {
    const r = await tunegate([
      "cost",
      "--config",
      config,
      ...SEED,
      "--requests-per-month",
      "2592000",
      "--hours-per-day",
      "12",
      "--price",
      "provisioned.perHour=40",
    ]);
    expect(r.code, r.stderr).toBe(0);
    // 2,592,000 a month over 12 hours a day is 2 per second.
    expect(r.stdout).toContain(
      "Serving it, per 30 days at 2 requests per second, 12 hours a day (2,592,000 requests; load: --requests-per-month)",
    );
    // 2,592,000 x $0.000625 = $1,620, + 12 x 12 x 30 = 4,320 writes x 12,000 x $0.3125 / 1M = $16.20.
    expect(r.stdout).toMatch(/prompt caching +\$1,636 \(\$0\.000625 per request, \$16\.20 of cache writes;/);
    expect(r.stdout).toMatch(/Provisioned Throughput \$28,800 \(1 model unit at \$40\.00 per hour;/);
    expect(r.stdout).toMatch(/winner +prompt caching, \$1,636 per 30 days/);
    expect(r.stdout).toContain("Provisioned Throughput perHour $40: --price provisioned.perHour=40");
    expect(r.stdout).toContain(
      "base model on demand vs custom model on demand: never, the same at every load",
    );
  });

  it("prices prompt caching on a larger model of the catalog", async () => {
    const r = await tunegate([
      "cost",
      "--config",
      config,
      ...SEED,
      "--cached-model",
      "vendor.larger-v1:0",
      "--requests-per-second",
      "80",
      "--format",
      "json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const [cached] = JSON.parse(r.stdout).models[0].serving.options;
    expect(cached.model).toEqual({ id: "vendor.larger-v1:0", name: "Larger model" });
    // The seed's figures: (300 x $0.80 + 12,000 x $0.08 + 200 x $4.00) / 1M = $0.002 a request, and
    // 8,640 writes x 12,000 x $1.00 / 1M = $103.68: $414,720 + $103.68 at 80/s.
    expect(cached.perRequestUsd).toBeCloseTo(0.002, 12);
    expect(cached.monthlyUsd).toBeCloseTo(414_823.68, 4);
    expect(cached.prices.cacheWrite).toEqual({ usd: 1, source: "larger cache write" });
  });

  it("refuses a bad price, a bad load and an unknown model to cache", async () => {
    const price = await tunegate(["cost", "--config", config, "--price", "pt.hourly=3"]);
    expect(price.code).toBe(2);
    expect(price.stderr).toContain("--price pt.hourly=3: the key is one of cached.input");
    const both = await tunegate([
      "cost",
      "--config",
      config,
      "--requests-per-second",
      "1",
      "--requests-per-month",
      "9",
    ]);
    expect(both.code).toBe(2);
    expect((await tunegate(["cost", "--config", config, "--hours-per-day", "25"])).stderr).toContain(
      "--hours-per-day takes a number above 0 up to 24",
    );
    const model = await tunegate(["cost", "--config", config, "--cached-model", "vendor.nope-v1:0"]);
    expect(model.code).toBe(2);
    expect(model.stderr).toContain("--cached-model vendor.nope-v1:0 is not in the catalog");
  });
});
