import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, tunegate } from "./run";

const dir = mkdtempSync(join(tmpdir(), "tunegate-cost-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
copyFileSync(join(REPO, "examples/support-router-claude-3-haiku/train.jsonl"), join(dir, "train.jsonl"));

/** The example dataset, with prices set in the config's catalog so every figure can be checked. */
writeFileSync(
  join(dir, "tunegate.yml"),
  `version: 1
catalog:
  - id: anthropic.claude-3-haiku-20240307-v1:0:200k
    prices:
      trainingPerMillionTokens: { usd: 8, source: "training price for the test" }
      storagePerMonth: { usd: 1.95, source: "storage price for the test" }
      provisionedThroughputPerHour: { usd: 40, source: "throughput price for the test" }
models:
  router:
    baseModel: anthropic.claude-3-haiku-20240307-v1:0:200k
    region: us-west-2
    training: train.jsonl
    s3: { bucket: my-bucket }
    roleArn: arn:aws:iam::123456789012:role/BedrockFineTuning
    hyperparameters: { epochCount: 3 }
  unpriced:
    baseModel: amazon.nova-micro-v1:0:128k
    region: us-east-1
    training: train.jsonl
    s3: { bucket: my-bucket }
    roleArn: arn:aws:iam::123456789012:role/BedrockFineTuning
`,
);
const config = join(dir, "tunegate.yml");

describe("tunegate cost", () => {
  it("prices training, storage, Provisioned Throughput and on-demand requests from the catalog", async () => {
    const r = await tunegate([
      "cost",
      "--config",
      config,
      "--model",
      "router",
      "--model-units",
      "2",
      "--input-tokens",
      "1000",
      "--output-tokens",
      "100",
      "--requests-per-second",
      "5",
      "--format",
      "json",
    ]);
    expect(r.code, r.stderr).toBe(0);
    const [m] = JSON.parse(r.stdout).models;
    expect(m.model).toBe("router");
    expect(m.training.epochs).toBe(3);
    expect(m.training.epochsFrom).toBe("hyperparameters.epochCount");
    expect(m.training.billedTokens).toBe(3 * m.training.tokens.value);
    expect(m.training.usd).toBeCloseTo((m.training.billedTokens * 8) / 1e6, 10);
    expect(m.storage.perMonth).toEqual({ usd: 1.95, source: "storage price for the test" });
    expect(m.provisionedThroughput).toMatchObject({ modelUnits: 2, perHour: 80, per30Days: 80 * 720 });
    // Claude 3 Haiku on demand: $0.25 / $1.25 per million tokens, from the built-in catalog.
    const perRequest = (1000 * 0.25 + 100 * 1.25) / 1e6;
    expect(m.onDemand.usdPerRequest).toBeCloseTo(perRequest, 12);
    expect(m.onDemand.breakEvenPerSecond).toBeCloseTo(80 / perRequest / 3600, 6);
    const system = m.onDemand.request.systemTokens;
    expect(system).toBeGreaterThan(0);
    expect(m.onDemand.cached.usdPerRequest).toBeCloseTo(
      ((1000 - system + system * 0.1) * 0.25 + 100 * 1.25) / 1e6,
      12,
    );
    expect(m.onDemand.at).toEqual({
      requestsPerSecond: 5,
      onDemandPer30Days: expect.closeTo(perRequest * 5 * 3600 * 720, 6),
      provisionedPer30Days: 80 * 720,
    });
  });

  it("measures a request on the training data, and says which prices the catalog lacks", async () => {
    const r = await tunegate(["cost", "--config", config]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /a request +\d+ input tokens \(\d+ of them the system prompt\) and \d+ output tokens \(mean of 48 records of the training data/,
    );
    expect(r.stdout).toContain("per 30 days            $28,800, billed from creation until deleted");
    expect(r.stdout).toContain("unpriced: Amazon Nova Micro");
    expect(r.stdout).toContain(
      "no Provisioned Throughput price in the catalog for Amazon Nova Micro; add prices.provisionedThroughputPerHour",
    );
  });

  it("refuses bad usage with exit 2", async () => {
    expect((await tunegate(["cost", "--config", config, "--model", "nope"])).code).toBe(2);
    const units = await tunegate(["cost", "--config", config, "--model-units", "0"]);
    expect(units.code).toBe(2);
    expect(units.stderr).toContain("--model-units takes a whole number above 0");
    expect((await tunegate(["cost", "--config", join(dir, "missing.yml")])).code).toBe(2);
  });
});
