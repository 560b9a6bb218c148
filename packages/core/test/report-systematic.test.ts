import { describe, expect, it } from "vitest";
import {
  collapseSystematic,
  type Problem,
  renderPrComment,
  SYSTEMATIC_MIN_RECORDS,
  toJsonReport,
  toPretty,
  toSarif,
  toWorkflowCommands,
} from "../src/index";
import { diffDatasets, validateDatasets } from "./engine";
import { claudeRecord, HAIKU, tempFile } from "./support";

// 40 records, 30 of them written by a converter that names the assistant "bot", and one other problem.
const bot = (i: number) =>
  JSON.stringify({
    messages: [
      { role: "user", content: `ticket ${i}` },
      { role: "bot", content: "ROUTE: q1" },
    ],
  });
const records = Array.from({ length: 40 }, (_, i) => (i < 30 ? bot(i) : claudeRecord(`fine ${i}`, "ok")));
records[35] = "{broken";

async function review() {
  const report = await validateDatasets(
    [{ path: tempFile(`${records.join("\n")}\n`), role: "train", name: "train.jsonl" }],
    {
      model: HAIKU,
    },
  );
  return report;
}

describe("a systematic problem is reported once, with its count and first lines", () => {
  it("folds the same rule on most records into its first occurrence; other problems stay", async () => {
    const report = await review();
    const file = report.files[0]!;
    const rule = file.problems[0]!.rule;
    expect(file.problems.filter((p) => p.rule === rule)).toHaveLength(30);
    const { problems, folded } = collapseSystematic(file.problems, () => file.records);
    expect(folded).toBe(29);
    const systematic = problems.filter((p) => p.rule === rule);
    expect(systematic).toHaveLength(1);
    expect(systematic[0]!.line).toBe(1);
    expect(systematic[0]!.message).toMatch(
      /The same problem is on 30 of 40 records \(lines 1, 2, 3, 4, 5 and 25 more\): one cause to fix once\.$/,
    );
    expect(problems.filter((p) => p.rule === "json/invalid").map((p) => p.line)).toEqual([36]);
  });

  it("the terminal report and the annotations show it once; JSON and SARIF keep every problem", async () => {
    const report = await review();
    const file = report.files[0]!;
    const rule = file.problems[0]!.rule;
    const pretty = toPretty(report, { color: false });
    expect(pretty.split("\n").filter((l) => l.includes(`[${rule}]`))).toHaveLength(1);
    expect(pretty).toContain("on 30 of 40 records");
    const annotations = toWorkflowCommands(collapseSystematic(file.problems, () => file.records).problems);
    expect(annotations.filter((l) => l.includes(`title=tunegate ${rule}`))).toHaveLength(1);
    expect(toJsonReport(report).files[0]!.problems.filter((p) => p.rule === rule)).toHaveLength(30);
    expect(
      toSarif(report, { toolVersion: "0" }).runs[0]!.results.filter((r) => r.ruleId === rule),
    ).toHaveLength(30);
  });

  it("the PR comment shows one row for it, and does not count the folded rows as unlisted", async () => {
    const review = await diffDatasets(
      [{ name: "train.jsonl", role: "train", head: tempFile(`${records.join("\n")}\n`), changed: true }],
      { validate: { model: HAIKU } },
    );
    const file = review.head.files[0]!;
    const rule = file.problems[0]!.rule;
    const body = renderPrComment({
      marker: "<!-- tunegate:validate -->",
      repository: "acme/support-data",
      headSha: "0123456789abcdef0123456789abcdef01234567",
      failOn: "error",
      models: [
        {
          name: "router",
          baseModel: HAIKU,
          region: "us-west-2",
          counts: review.head.summary,
          problems: file.problems,
          unlisted: file.omitted,
          datasets: review.diffs,
          cost: {},
          settingChanges: [],
          onMerge: { kind: "none", reason: "test" },
        },
      ],
    });
    const rows = body.split("\n").filter((l) => l.startsWith("| ❌ error |"));
    expect(rows.filter((l) => l.includes(rule))).toHaveLength(1);
    expect(rows.find((l) => l.includes(rule))).toContain("on 30 of 40 records");
    expect(body).not.toContain("not listed here");
  });

  it("below the threshold nothing is folded: under half the records, or fewer than the minimum", () => {
    const at = (line: number): Problem => ({
      rule: "claude/role-invalid",
      severity: "error",
      file: "f.jsonl",
      line,
      column: 1,
      path: "",
      message: "m",
      hint: "h",
    });
    const some = (n: number) => Array.from({ length: n }, (_, i) => at(i + 1));
    expect(collapseSystematic(some(19), () => 40).folded).toBe(0);
    expect(collapseSystematic(some(20), () => 40).folded).toBe(19);
    expect(
      collapseSystematic(some(SYSTEMATIC_MIN_RECORDS - 1), () => SYSTEMATIC_MIN_RECORDS - 1).folded,
    ).toBe(0);
    expect(collapseSystematic(some(SYSTEMATIC_MIN_RECORDS), () => SYSTEMATIC_MIN_RECORDS).folded).toBe(
      SYSTEMATIC_MIN_RECORDS - 1,
    );
    // A warning and an error of the same rule are separate problems.
    const mixed = some(20).map((p, i) => (i % 2 ? { ...p, severity: "warning" as const } : p));
    expect(collapseSystematic(mixed, () => 20).folded).toBe(18);
  });
});
