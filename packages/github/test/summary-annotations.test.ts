import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Problem } from "@tunegate/core";
import { parseAnnotations } from "@tunegate/testkit";
import { afterAll, describe, expect, it } from "vitest";
import {
  appendStepSummary,
  fileIssueAnnotations,
  problemAnnotations,
  STEP_SUMMARY_LIMIT,
} from "../src/index";

const dir = mkdtempSync(join(tmpdir(), "tunegate-summary-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("appendStepSummary", () => {
  it("appends, and refuses text that would take the file over 1 MiB", async () => {
    const path = join(dir, "summary.md");
    writeFileSync(path, "earlier step\n");
    const env = { GITHUB_STEP_SUMMARY: path };
    expect(await appendStepSummary("## tunegate\n", env)).toEqual({ written: true, bytes: 12 });
    const big = "é".repeat(STEP_SUMMARY_LIMIT / 2); // 1 MiB of UTF-8 in half as many characters
    const refused = await appendStepSummary(big, env);
    expect(refused.written).toBe(false);
    expect(readFileSync(path, "utf8")).toBe("earlier step\n## tunegate\n");
    expect((await appendStepSummary("x", {})).written).toBe(false);
  });
});

describe("annotations", () => {
  const problem = (i: number, severity: Problem["severity"]): Problem => ({
    rule: "json/invalid",
    severity,
    file: "./data/train.jsonl",
    line: i,
    column: 3,
    path: "",
    message: `bad, line ${i}`,
    hint: "fix: it",
  });

  it("keep to GitHub's per-step limits and point at the summary for the rest", () => {
    const lines = problemAnnotations(
      Array.from({ length: 25 }, (_, i) => problem(i + 1, i % 5 === 0 ? "warning" : "error")),
    );
    const parsed = parseAnnotations(lines.join("\n"));
    expect(parsed.filter((a) => a.level === "error")).toHaveLength(10);
    expect(parsed.filter((a) => a.level === "warning")).toHaveLength(5);
    expect(parsed[0]!.properties).toMatchObject({ file: "data/train.jsonl", line: "2", col: "3" });
    expect(parsed.at(-1)!.message).toMatch(
      /10 more problems are not annotated here .* the job summary of this run\./,
    );
  });

  it("point config problems at their YAML line", () => {
    const lines = fileIssueAnnotations("tunegate.yml", [
      { message: "models.x.region: not a Region, eu-mars-1", line: 4, column: 13, hint: "use us-west-2" },
    ]);
    expect(parseAnnotations(lines.join("\n"))).toEqual([
      {
        level: "error",
        properties: { file: "tunegate.yml", line: "4", col: "13", title: "tunegate config" },
        message: "models.x.region: not a Region, eu-mars-1\nuse us-west-2",
      },
    ]);
  });
});
