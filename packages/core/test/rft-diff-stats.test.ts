import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { datasetModel } from "../src/index";
import { diffDatasets, validateDatasets } from "./engine";
import { catalog, REAL, tempFile } from "./support";

const NOVA_2_LITE = catalog.get("amazon.nova-2-lite-v1:0:256k");
const RFT = datasetModel({
  baseModel: NOVA_2_LITE,
  customization: {
    kind: "reinforcement",
    graderArn: "arn:aws:lambda:us-east-1:123456789012:function:g",
    hyperparameters: {},
  },
});
const sample = readFileSync(join(REAL, "bedrock-samples-rft-train.jsonl"), "utf8").split("\n");

describe("stats and the pull request's diff on RFT data", () => {
  it("checks AWS's RFT sample, validation file included, under Nova 2 Lite's RFT rules, with stats", async () => {
    const report = await validateDatasets(
      [
        { path: join(REAL, "bedrock-samples-rft-train.jsonl"), role: "train" },
        { path: join(REAL, "bedrock-samples-rft-validation.jsonl"), role: "validation" },
      ],
      { model: RFT },
    );
    expect(report.files.map((f) => f.problems)).toEqual([[], []]);
    const stats = report.files[0]!.stats;
    expect(stats.records).toBe(300);
    expect(stats.turns).toEqual({ min: 1, mean: 1, max: 1 });
    expect(stats.tokens.mean).toBeGreaterThan(10);
  });

  it("counts a rewritten reference answer as a modified record and shows it", async () => {
    const base = `${sample.slice(0, 120).join("\n")}\n`;
    const changed = JSON.parse(sample[4]!) as Record<string, unknown>;
    changed.reference_answer = "#### 999";
    const head = `${[...sample.slice(0, 4), JSON.stringify(changed), ...sample.slice(5, 120)].join("\n")}\n`;
    const review = await diffDatasets(
      [{ name: "rft/train.jsonl", role: "train", changed: true, base: tempFile(base), head: tempFile(head) }],
      { validate: { model: RFT } },
    );
    const diff = review.diffs[0]!;
    expect(diff.records).toMatchObject({ added: 0, removed: 0, modified: 1, unchanged: 119 });
    const [modified] = diff.records!.samples.modified;
    expect(modified!.changed).toEqual(["reply"]);
    expect(modified!.head.line).toBe(5);
    expect(modified!.head.turns.at(-1)).toMatchObject({ role: "reference_answer", text: "#### 999" });
    expect(modified!.base!.turns.at(-1)!.text).toContain("####");
  });
});
