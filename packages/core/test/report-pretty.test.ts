import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ANSI_PATTERN, toPretty } from "../src/index";
import { validateDatasets } from "./engine";
import { claudeLines, claudeRecord, HAIKU, REAL, tempFile } from "./support";

async function reportOf(content: string, name = "data/train.jsonl") {
  const path = tempFile(content);
  return validateDatasets([{ path, role: "train", name }], { model: HAIKU });
}

describe("toPretty", () => {
  it("lists problems as file:line:col  severity  message  [rule], errors first, with path and hint", async () => {
    const roleless = JSON.stringify({
      messages: [
        { role: "user", content: "Hi" },
        { role: "bot", content: "x" },
      ],
    });
    const report = await reportOf(
      `${claudeLines(33)}${claudeRecord("question 3", "ROUTE: r0")}\n${roleless}\n${roleless.replace("Hi", "Hey")}\n`,
    );
    const text = toPretty(report, { color: false });
    expect(text).not.toMatch(ANSI_PATTERN);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^data\/train\.jsonl \(train, 36 records, [\d.]+ KiB\) {2}2 errors, 1 warning$/);
    const problemLines = lines.filter((l) => /^ {2}data\/train\.jsonl:\d+:\d+/.test(l));
    expect(problemLines).toHaveLength(3);
    expect(problemLines[0]).toMatch(
      /^ {2}data\/train\.jsonl:35:\d+ +error {3}.*"bot".* {2}\[claude\/role-invalid\]$/,
    );
    expect(problemLines[1]).toMatch(
      /^ {2}data\/train\.jsonl:36:\d+ +error {3}.* {2}\[claude\/role-invalid\]$/,
    );
    expect(problemLines[2]).toMatch(
      /^ {2}data\/train\.jsonl:34:1 +warning {2}The record repeats line 4 exactly\. {2}\[dataset\/duplicate-record\]$/,
    );
    // The hint shows under the first problem of a rule and is not repeated for the second.
    const detail = (i: number) => lines[lines.indexOf(problemLines[i]!) + 1]!;
    expect(detail(0).trim()).toMatch(/^at messages\[1\]\.role: .+/);
    expect(detail(1).trim()).toBe("at messages[1].role");
    expect(lines.at(-2)).toBe(
      "✖ 2 errors, 1 warning, 0 notices in 1 file, 36 records, checked for Claude 3 Haiku.",
    );
  });

  it("says so when the files are clean, and lists every file", async () => {
    const report = await validateDatasets(
      [
        { path: join(REAL, "bedrock-samples-tooluse-train.jsonl"), role: "train", name: "train.jsonl" },
        { path: join(REAL, "claude-cookbook-json-mode.jsonl"), role: "validation", name: "cookbook.jsonl" },
      ],
      { model: HAIKU },
    );
    const text = toPretty(report, { color: false });
    expect(text).toContain("train.jsonl (train, 560 records, 161 KiB)  no problems\n");
    expect(text).toMatch(/cookbook\.jsonl \(validation, 500 records, \d+ KiB\)/);
    expect(text.trimEnd().split("\n").at(-1)).toMatch(/^(✔ No problems|⚠ .* nothing blocks training\.)/);
  });

  it("colours severities and the summary only when asked", async () => {
    const report = await reportOf(`${claudeLines(3)}`);
    const plain = toPretty(report, { color: false });
    const coloured = toPretty(report, { color: true });
    expect(plain).not.toMatch(ANSI_PATTERN);
    expect(coloured).toContain("\u001b[31merror  \u001b[39m");
    expect(coloured.replace(ANSI_PATTERN, "")).toBe(plain);
  });

  it("says how many problems were counted but not listed", async () => {
    const path = tempFile("{oops\n".repeat(12));
    const report = await validateDatasets([{ path, role: "train" }], { model: HAIKU, maxProblemsPerFile: 4 });
    expect(toPretty(report, { color: false })).toContain(
      "  9 more problems counted but not listed: fix the ones above first",
    );
  });
});
