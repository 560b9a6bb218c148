// tunegate.yml and label patterns come from pull requests: inputs built to hang the checks or to send
// data somewhere else get a config error at their line, and never run long.
import { describe, expect, it } from "vitest";
import { compileLabelPattern } from "../src/dataset/label-pattern";
import { ConfigError, type ConfigIssue, parseConfig } from "../src/index";
import { check, claudeRecord } from "./support";

const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0:200k";
const ROLE = "arn:aws:iam::123456789012:role/FineTune";

const config = (model: string) =>
  `version: 1\nmodels:\n  m:\n    baseModel: ${HAIKU}\n    training: data/train.jsonl\n    roleArn: ${ROLE}\n${model}`;

function issuesOf(text: string): ConfigIssue[] {
  try {
    parseConfig(text, { path: "tunegate.yml", today: new Date("2026-01-01T00:00:00Z") });
  } catch (err) {
    if (err instanceof ConfigError) return [...err.issues];
    throw err;
  }
  throw new Error("expected a ConfigError, the file was accepted");
}

describe("label patterns run in linear time", () => {
  it("labels records with a pattern that backtracks catastrophically in a backtracking engine", async () => {
    // A backtracking engine tries 2^n ways to split the a's before failing at the "!".
    const reply = `${"a".repeat(5_000)}!`;
    const content = `${Array.from({ length: 40 }, (_, i) => claudeRecord(`question ${i}`, i % 2 ? reply : "aaaa")).join("\n")}\n`;
    const report = await check(content, { labelPattern: "^(a+)+$" });
    expect(report.records).toBe(40);
    expect(report.stats.labels).toMatchObject({ unlabeled: 20, firstUnlabeledLine: 2 });
  });

  it("keeps the first group, or the whole match, as the label", () => {
    const pattern = compileLabelPattern("^ROUTE: (\\S+)")!;
    expect(["ROUTE: billing", "ROUTE: legal", "no label"].map((a) => pattern.label(a))).toEqual([
      "billing",
      "legal",
      undefined,
    ]);
    expect(compileLabelPattern("ROUTE")!.label("ROUTE: x")).toBe("ROUTE");
    expect(compileLabelPattern("(a)|b")!.label("b")).toBe("b");
  });

  it("refuses a pattern only a backtracking engine runs, at its tunegate.yml line, with the reason", () => {
    const text = config('    s3: { bucket: my-bucket }\n    labels: "^(a)\\\\1$"\n');
    const [issue, ...rest] = issuesOf(text);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: "models.m.labels", line: 8 });
    expect(issue!.message).toMatch(/backreferences/);
    expect(
      issuesOf(config('    s3: { bucket: my-bucket }\n    labels: "^(?=R)ROUTE"\n'))[0]!.message,
    ).toMatch(/lookaround/);
  });
});

describe("s3.prefix", () => {
  it.each(["tunegate/../escape/", "../escape/", "./tunegate/", "a/./b", "tunegate/.."])(
    "refuses %s, which S3 clients would collapse, at its line",
    (prefix) => {
      const text = config(`    s3:\n      bucket: my-bucket\n      prefix: "${prefix}"\n`);
      const [issue, ...rest] = issuesOf(text);
      expect(rest).toEqual([]);
      expect(issue).toMatchObject({ path: "models.m.s3.prefix", line: 9 });
      expect(issue!.message).toMatch(/"\." or "\.\." segment/);
    },
  );

  it("accepts dots inside a segment", () => {
    expect(() =>
      parseConfig(config("    s3:\n      bucket: my-bucket\n      prefix: v1.2/..x/a.b./\n"), {
        path: "tunegate.yml",
        today: new Date("2026-01-01T00:00:00Z"),
      }),
    ).not.toThrow();
  });
});

describe("inputs with very many keys are reported in a few items", () => {
  // Each listed item is located in the text by its own scan; listing them all made these quadratic
  // (`npm run bench` times them).
  it("lists ten unknown keys of a record and counts the rest in one problem", async () => {
    const record: Record<string, unknown> = {
      messages: [
        {
          role: "user",
          content: "hi",
          ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`m${i}`, 1])),
        },
        { role: "assistant", content: "ok" },
      ],
    };
    for (let i = 0; i < 2_000; i++) record[`k${i}`] = i;
    const report = await check(`${JSON.stringify(record)}\n${claudeRecord()}\n`);
    const unknown = report.problems.filter((p) => p.rule === "claude/unknown-key");
    expect(unknown.map((p) => p.message)).toEqual([
      ...Array.from({ length: 10 }, (_, i) => `Unknown key "k${i}" in the record.`),
      '1,990 more unknown keys in the record ("k10", "k11", "k12", …).',
      ...Array.from({ length: 10 }, (_, i) => `Unknown key "m${i}" in messages[0].`),
      '20 more unknown keys in messages[0] ("m10", "m11", "m12", …).',
    ]);
    expect(unknown.map((p) => p.path).slice(9, 12)).toEqual(["k9", "", "messages[0].m0"]);
    expect(report.omitted).toBe(0);
  });

  it("lists ten unknown keys of a tunegate.yml mapping and counts the rest in one issue at it", () => {
    let text = config("    s3: { bucket: my-bucket }\n");
    for (let i = 0; i < 2_000; i++) text += `    k${i}: 1\n`;
    const issues = issuesOf(text);
    expect(issues.map((i) => i.message)).toEqual([
      "1,990 more unknown keys in models.m",
      ...Array.from({ length: 10 }, (_, i) => `unknown key "k${i}"`),
    ]);
    expect(issues[0]).toMatchObject({ path: "models.m", line: 3 });
    expect(issues[1]).toMatchObject({ path: "models.m.k0", line: 8 });
  });

  it("still finds a duplicate key in a large mapping, at its second occurrence", () => {
    let text = config("    s3: { bucket: my-bucket }\n");
    for (let i = 0; i < 2_000; i++) text += `    k${i}: 1\n`;
    text += "    k17: 2\n";
    expect(issuesOf(text)).toEqual([
      {
        message: "duplicate key: each key may appear once in a mapping",
        path: "",
        line: 2_008,
        column: 5,
      },
    ]);
  });
});
