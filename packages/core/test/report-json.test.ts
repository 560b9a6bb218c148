import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toJsonReport } from "../src/index";
import { validateDatasets } from "./engine";
import { HAIKU, REAL, tempFile } from "./support";

describe("toJsonReport", () => {
  it("has exactly the documented fields, problems in reading order", async () => {
    const lines = [
      JSON.stringify({
        messages: [
          { role: "user", content: "Where is my order?" },
          { role: "bot", content: "x" },
        ],
      }),
      "",
      JSON.stringify({
        messages: [
          { role: "user", content: "Cancel it" },
          { role: "assistant", content: "ROUTE: orders" },
        ],
      }),
    ];
    const path = tempFile(`${lines.join("\n")}\n`);
    const report = await validateDatasets([{ path, role: "validation", name: "data/val.jsonl" }], {
      model: HAIKU,
    });
    const json = toJsonReport(report);

    expect(Object.keys(json)).toEqual(["files", "summary", "model"]);
    expect(json.summary).toEqual({ errors: report.summary.errors, warnings: 0, notices: 0 });
    expect(json.model).toEqual({ id: HAIKU.id, name: "Claude 3 Haiku", format: "claude-messages" });
    const [file] = json.files;
    expect(Object.keys(file!)).toEqual([
      "path",
      "role",
      "records",
      "problems",
      "bytes",
      "omitted",
      "counts",
      "stats",
    ]);
    expect(file!.path).toBe("data/val.jsonl");
    expect(file!.role).toBe("validation");
    expect(file!.records).toBe(2);
    for (const p of file!.problems) {
      expect(Object.keys(p)).toEqual(["rule", "severity", "line", "column", "path", "message", "hint"]);
    }
    const positions = file!.problems.map((p) => [p.line, p.column]);
    expect(positions).toEqual([...positions].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
    expect(file!.problems.map((p) => p.rule)).toEqual(
      expect.arrayContaining(["claude/role-invalid", "file/empty-line", "dataset/too-few-records"]),
    );
    const role = file!.problems.find((p) => p.rule === "claude/role-invalid")!;
    expect(role).toMatchObject({ severity: "error", line: 1, path: "messages[1].role" });
    expect(role.hint.length).toBeGreaterThan(0);
  });

  it("round-trips through JSON.stringify with its stats, token figures marked estimated", async () => {
    const report = await validateDatasets(
      [{ path: join(REAL, "claude-cookbook-json-mode.jsonl"), role: "train", name: "cookbook.jsonl" }],
      { model: HAIKU },
    );
    const parsed = JSON.parse(JSON.stringify(toJsonReport(report)));
    expect(parsed.summary.errors).toBe(0);
    const stats = parsed.files[0].stats;
    expect(stats.records).toBe(500);
    expect(stats.tokens.estimated).toBe(true);
    expect(stats.tokens.method).toMatch(/^estimated: /);
    const buckets = stats.histogram as { from: number; upTo: number | null; count: number }[];
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(500);
    expect(buckets[0]!.from).toBe(0);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.from).toBe(buckets[i - 1]!.upTo);
  });
});
