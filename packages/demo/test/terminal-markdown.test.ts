import { describe, expect, it } from "vitest";
import { markdownToTerminal, width } from "../src/terminal-markdown";

describe("markdownToTerminal", () => {
  it("aligns tables by the columns emoji take, and drops hidden markers", () => {
    const text = markdownToTerminal(
      [
        "<!-- tunegate:validate -->",
        "## ❌ tunegate: 2 errors",
        "",
        "| Severity | Rule |",
        "| --- | --- |",
        "| ❌ error | `claude/role-invalid` |",
        "| ⚠️ warning | `dataset/duplicate-record` |",
      ].join("\n"),
    );
    expect(text).not.toContain("tunegate:validate");
    const rows = text.split("\n").filter((l) => l.startsWith("│"));
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map(width)).size).toBe(1);
    expect(text).toContain("│ ❌ error   │ claude/role-invalid      │");
  });

  it("wraps long cells instead of making the table wider than a terminal", () => {
    const long = "s3://bucket/tunegate/support-router/".padEnd(150, "a");
    const text = markdownToTerminal(`| key | value |\n| --- | --- |\n| Training data | ${long} |`);
    for (const line of text.split("\n")) expect(width(line)).toBeLessThanOrEqual(80);
    expect(text.replace(/[│ \n]/g, "")).toContain(long);
  });

  it("shows a collapsed section under its summary, cut after a screenful", () => {
    const rows = Array.from({ length: 30 }, (_, i) => `| ${i} | ${i / 10} |`).join("\n");
    const text = markdownToTerminal(
      `<details><summary>Chart data</summary>\n\n| step | loss |\n| --- | --- |\n${rows}\n\n</details>\n\nAfter.`,
    );
    expect(text).toContain("▸ Chart data");
    expect(text).toMatch(/… \d+ more lines/);
    expect(text.trimEnd().endsWith("After.")).toBe(true);
  });

  it("draws each series of an xychart as a sparkline, named by its colour", () => {
    const text = markdownToTerminal(
      [
        "```mermaid",
        '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#1f77b4, #ff7f0e"}}}}%%',
        "xychart-beta",
        '  title "Loss by epoch"',
        "  line [1.0, 0.5, 0.25]",
        "  line [1.2, 0.7, 0.6]",
        "```",
      ].join("\n"),
    );
    expect(text).toContain("[chart: Loss by epoch]");
    expect(text).toContain("blue     █▃▁  1 → 0.25");
    expect(text).toContain("orange   █▂▁  1.2 → 0.6");
  });

  it("titles GitHub alerts", () => {
    expect(markdownToTerminal("> [!WARNING]\n> Claude 3 Haiku is legacy.")).toBe(
      "▌ Warning\n▌ Claude 3 Haiku is legacy.",
    );
  });
});
