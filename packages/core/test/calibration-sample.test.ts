import { nodeDatasetIo } from "@tunegate/files";
import { describe, expect, it } from "vitest";
import { calibrateFromHead, loadTokenizer } from "../src/index";
import { validateDatasets } from "./engine";
import { claudeRecord, HAIKU, NOVA_LITE, REAL, tempFile } from "./support";

describe("calibrateFromHead", () => {
  // Records of ~260 characters: the 64 KiB sample ends inside the first 1 MiB batch, and with a BOM and
  // unreadable lines among the first records, which the sample skips as the full check does.
  const lines = [`\ufeff${claudeRecord("first question", "ROUTE: a")}`, "not json", ""];
  for (let i = 0; i < 12_000; i++)
    lines.push(claudeRecord(`question ${i} ${"lorem ipsum ".repeat(20)}`, `ROUTE: r${i % 3}`));
  const cases: [string, string, typeof HAIKU][] = [
    ["a 3 MiB file whose sample ends in its first batch", tempFile(`${lines.join("\n")}\n`), HAIKU],
    ["a real file smaller than the sample", `${REAL}/claude-cookbook-json-mode.jsonl`, HAIKU],
    ["a real Converse file", `${REAL}/bedrock-samples-tooluse-test.nova.jsonl`, NOVA_LITE],
  ];
  it.each(cases)("gives the calibration a calibrating check gives: %s", async (_what, path, model) => {
    const report = await validateDatasets([{ path, role: "train" }], { model, calibrateTokens: true });
    const stats = report.files[0]!.stats;
    const head = await calibrateFromHead({ path }, model, nodeDatasetIo, await loadTokenizer());
    expect(head.method).toBe(stats.tokens.total.method);
    expect(head.method).toContain("calibrated with the cl100k_base tokenizer");
    expect(Math.round(stats.characters * head.tokensPerChar)).toBe(stats.tokens.total.value);
  });
});
