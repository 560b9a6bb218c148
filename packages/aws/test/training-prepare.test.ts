import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveCatalog } from "@tunegate/core";
import { describe, expect, it } from "vitest";
import {
  type ConfiguredModel,
  calibrateCost,
  prepareTraining,
  trainingTarget,
} from "../src/training-prepare";

const HAIKU = resolveCatalog().get("anthropic.claude-3-haiku-20240307-v1:0:200k");
const root = mkdtempSync(join(tmpdir(), "tunegate-prepare-"));
const record = (i: number) =>
  JSON.stringify({
    messages: [
      { role: "user", content: `ticket ${i}` },
      { role: "assistant", content: `ROUTE: q${i % 3}` },
    ],
  });
writeFileSync(join(root, "train.jsonl"), `${Array.from({ length: 40 }, (_, i) => record(i)).join("\n")}\n`);
writeFileSync(join(root, "broken.jsonl"), `${record(1)}\n{"messages": [\n`);

const model = (overrides: Partial<ConfiguredModel> = {}): ConfiguredModel => ({
  name: "support-router",
  baseModel: HAIKU,
  region: "us-west-2",
  training: "train.jsonl",
  hyperparameters: { epochCount: "3" },
  s3: { bucket: "tunegate-data", prefix: "tunegate/" },
  roleArn: "arn:aws:iam::123456789012:role/TunegateBedrock",
  tags: {},
  ...overrides,
});
const options = { commit: "a".repeat(40), repository: "acme/data", today: new Date("2026-11-24T00:00:00Z") };

describe("prepareTraining", () => {
  it("valid data: a plan, the cost with the configured epochs, and the base model's lifecycle warning", async () => {
    const prepared = await prepareTraining(trainingTarget(model(), root), options);
    if (!prepared.ok) throw new Error("expected a plan");
    expect(prepared.plan.uploads.map((u) => u.role)).toEqual(["train"]);
    expect(prepared.cost.epochs).toBe(3);
    expect(prepared.cost.billedTokens).toBe(prepared.cost.trainingTokens.value * 3);
    expect(prepared.lifecycle).toContain("reached its end-of-life on 2026-09-10");
    expect(prepared.target.names.train).toBe("train.jsonl");
  });

  it("without calibration the cost uses the documented ratio; calibrateCost then gives the calibrated preparation's", async () => {
    const target = trainingTarget(model(), root);
    const calibrated = await prepareTraining(target, options);
    const quick = await prepareTraining(target, { ...options, calibrateTokens: false });
    if (!calibrated.ok || !quick.ok) throw new Error("expected plans");
    expect(calibrated.cost.trainingTokens.method).toContain("calibrated with the cl100k_base tokenizer");
    expect(quick.cost.trainingTokens.method).toContain("3 characters per token");
    expect(quick.plan).toEqual(calibrated.plan);
    expect(quick.report.summary).toEqual(calibrated.report.summary);
    const later = await calibrateCost(quick, { ...options, calibrateTokens: false });
    expect(later.cost).toEqual(calibrated.cost);
    // Calibrated from the file's first records: the report is the one checked, untouched.
    expect(later.report).toBe(quick.report);
    // Already calibrated: returned as it is.
    expect(await calibrateCost(calibrated, options)).toBe(calibrated);
  });

  it("invalid data stops at validation, before hashing or planning", async () => {
    const prepared = await prepareTraining(
      trainingTarget(model({ training: "broken.jsonl" }), root),
      options,
    );
    expect(prepared).toMatchObject({ ok: false, stage: "validate" });
    expect(prepared.report.summary.errors).toBeGreaterThan(0);
    expect("plan" in prepared).toBe(false);
  });

  it("a Region the base model does not support stops at planning", async () => {
    const prepared = await prepareTraining(trainingTarget(model({ region: "eu-west-1" }), root), options);
    if (prepared.ok || prepared.stage !== "plan") throw new Error("expected a plan failure");
    expect(prepared.error.problems[0]!.message).toContain("not in eu-west-1");
  });

  it("names datasets relative to the repository when the config sits in a subfolder", () => {
    const target = trainingTarget(model({ training: "data/train.jsonl" }), join(root, "ml"), root);
    expect(target.files.train).toBe(join(root, "ml", "data", "train.jsonl"));
    expect(target.names.train).toBe("ml/data/train.jsonl");
  });
});
