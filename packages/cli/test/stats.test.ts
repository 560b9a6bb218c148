import { describe, expect, it } from "vitest";
import { claudeLines, HAIKU_ID, REAL, tempFile, tunegate } from "./run";

const COOKBOOK = `${REAL}/claude-cookbook-json-mode.jsonl`;
const EXAMPLE = "examples/support-router-claude-3-haiku/train.jsonl";

describe("tunegate stats", () => {
  it("prints records, estimated tokens with their method, the histogram and the cost in tokens", async () => {
    const r = await tunegate(["stats", COOKBOOK, "--base-model", HAIKU_ID]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${COOKBOOK}: dataset statistics (Claude 3 Haiku)`);
    expect(r.stdout).toMatch(/Records +500\n/);
    expect(r.stdout).toMatch(/With a system prompt +500 of 500 \(100\.0%\)/);
    expect(r.stdout).toContain("Tokens (estimated)");
    expect(r.stdout).toMatch(
      /method +estimated: characters x tokens-per-character calibrated with the cl100k_base tokenizer/,
    );
    expect(r.stdout).toContain("Records by length (estimated tokens)");
    expect(r.stdout).toMatch(/epochs +2 \(default epochCount of Claude 3 Haiku\)/);
    expect(r.stdout).toContain(
      "The catalog has no training price for Claude 3 Haiku, so only tokens are given.",
    );
  });

  it("--format json gives the figures, labels and the bill; --epochs multiplies the billed tokens", async () => {
    const r = await tunegate([
      "stats",
      EXAMPLE,
      "--format",
      "json",
      "--label-pattern",
      "^ROUTE: (\\S+)",
      "--epochs",
      "3",
    ]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.file).toBe(EXAMPLE);
    expect(json.records).toBe(48);
    expect(json.withSystemPrompt).toBe(48);
    expect(json.tokens.estimated).toBe(true);
    expect(json.labels.counts).toHaveLength(6);
    expect(json.labels.counts.every((c: { count: number }) => c.count === 8)).toBe(true);
    expect(json.labels.unlabeled).toBe(0);
    expect(json.labels.imbalance).toBeUndefined();
    expect(json.cost.epochs).toBe(3);
    expect(json.cost.billedTokens).toBe(3 * json.tokens.total);
    expect(json.cost.usd).toBeUndefined();
    expect(json.cost.note).toContain("no training price");
  });

  it("shows label counts and the imbalance warning", async () => {
    const lines = Array.from(
      { length: 44 },
      (_, i) =>
        `${JSON.stringify({
          messages: [
            { role: "user", content: `ticket ${i}` },
            { role: "assistant", content: i < 40 ? "ROUTE: billing" : "ROUTE: legal" },
          ],
        })}\n`,
    ).join("");
    const r = await tunegate([
      "stats",
      tempFile(lines),
      "--base-model",
      HAIKU_ID,
      "--label-pattern",
      "^ROUTE: (\\S+)",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/billing +40 +90\.9%/);
    expect(r.stdout).toMatch(/legal +4 +9\.1%/);
    expect(r.stdout).toContain('warning: label imbalance: "billing" has 40 records, "legal" only 4 (10:1)');
  });

  it("notes on stderr when the file has errors, and still exits 0", async () => {
    const r = await tunegate(["stats", tempFile(`${claudeLines(40)}\n`), "--base-model", HAIKU_ID]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: .* has 1 error for Claude 3 Haiku; .*Run `tunegate validate /);
  });

  it.each([
    [["stats"], "tunegate stats takes one dataset file; got 0."],
    [["stats", EXAMPLE, EXAMPLE], "tunegate stats takes one dataset file; got 2."],
    [
      ["stats", EXAMPLE, "--epochs", "11"],
      '--epochs takes a whole number from 1 to 10 for Claude 3 Haiku; got "11".',
    ],
    [
      ["stats", EXAMPLE, "--epochs", "1.5"],
      '--epochs takes a whole number from 1 to 10 for Claude 3 Haiku; got "1.5".',
    ],
    [["stats", EXAMPLE, "--format", "sarif"], '--format takes pretty, json; got "sarif".'],
    [["stats", EXAMPLE, "--label-pattern", "(("], "--label-pattern /((/ is not a valid regular expression"],
    [["stats", EXAMPLE, "--base-model", "anthropic.claude-3-opus-20240229-v1:0"], "cannot be fine-tuned"],
    [["stats", "missing.jsonl"], "missing.jsonl: no such file."],
  ])("exits 2 on bad usage or unreadable input: %j", async (args, message) => {
    const r = await tunegate(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
  });
});
