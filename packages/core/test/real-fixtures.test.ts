import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateDatasets } from "./engine";
import { catalog, HAIKU, NOVA_LITE, NOVA_MICRO, REAL, TITAN } from "./support";

const NOVA_2 = catalog.get("amazon.nova-2-lite-v1:0:256k");

const errorsOf = (r: Awaited<ReturnType<typeof validateDatasets>>) =>
  r.files.flatMap((f) => f.problems.filter((p) => p.severity === "error"));

describe("the real public datasets", () => {
  it.each([
    ["claude-cookbook-json-mode.jsonl", 500],
    ["bedrock-samples-tooluse-train.jsonl", 560],
    ["bedrock-samples-tooluse-test.jsonl", 120],
  ])("%s validates with no errors as Claude 3 Haiku training data", async (file, records) => {
    const report = await validateDatasets([{ path: join(REAL, file), role: "train" }], { model: HAIKU });
    expect(errorsOf(report)).toEqual([]);
    expect(report.files[0]!.records).toBe(records);
    expect(report.files[0]!.stats.records).toBe(records);
  });

  it("the tool-use train and test files pass together as training and validation data", async () => {
    const report = await validateDatasets(
      [
        { path: join(REAL, "bedrock-samples-tooluse-train.jsonl"), role: "train" },
        { path: join(REAL, "bedrock-samples-tooluse-test.jsonl"), role: "validation" },
      ],
      { model: HAIKU },
    );
    expect(errorsOf(report)).toEqual([]);
  });

  it("AWS's Nova tool-use file (schemaVersion tooluse-dataset-2024) passes Nova with no problem at all", async () => {
    for (const model of [NOVA_LITE, NOVA_MICRO, NOVA_2]) {
      const report = await validateDatasets(
        [{ path: join(REAL, "bedrock-samples-tooluse-test.nova.jsonl"), role: "train" }],
        { model },
      );
      expect(report.files[0]!.problems, model.id).toEqual([]);
      expect(report.files[0]!.records).toBe(120);
    }
  });

  it("the tool-use train and test files: the one real finding, the leaked prompt, stands out alone", async () => {
    const report = await validateDatasets(
      [
        { path: join(REAL, "bedrock-samples-tooluse-train.jsonl"), role: "train" },
        { path: join(REAL, "bedrock-samples-tooluse-test.jsonl"), role: "validation" },
      ],
      { model: HAIKU },
    );
    const problems = report.files.flatMap((f) => f.problems.map((p) => ({ ...p, file: f.path })));
    expect(problems.map((p) => `${p.line} ${p.rule}`)).toEqual(["23 dataset/validation-leak"]);
    expect(problems[0]!.file).toMatch(/bedrock-samples-tooluse-test\.jsonl$/);
    expect(problems[0]!.message).toMatch(/bedrock-samples-tooluse-train\.jsonl:125\.$/);
  });

  it("the Nova file fails the Claude format on every record, with messages that say why", async () => {
    const report = await validateDatasets(
      [{ path: join(REAL, "bedrock-samples-tooluse-test.nova.jsonl"), role: "train" }],
      {
        model: HAIKU,
        maxProblemsPerFile: 10_000,
      },
    );
    const problems = errorsOf(report);
    const lines = new Set(problems.map((p) => p.line));
    expect(lines.size).toBe(120);
    const first = problems.filter((p) => p.line === 1);
    expect(first.map((p) => p.rule).sort()).toEqual(
      ["claude/content-type", "claude/content-type", "claude/system-type", "claude/unknown-key"].sort(),
    );
    const unknown = first.find((p) => p.rule === "claude/unknown-key")!;
    expect(unknown.message).toBe('Unknown key "schemaVersion" in the record.');
    expect(unknown.path).toBe("schemaVersion");
    const content = first.find((p) => p.path === "messages[0].content")!;
    expect(content.message).toContain("is an array; Claude 3 Haiku fine-tuning takes a string");
  });

  it("the prompt/completion file validates with no errors as Titan Text training data", async () => {
    const report = await validateDatasets(
      [{ path: join(REAL, "bedrock-samples-distillation-uber10k.jsonl"), role: "train" }],
      {
        model: TITAN,
      },
    );
    expect(errorsOf(report)).toEqual([]);
    expect(report.files[0]!.records).toBe(200);
  });
});
