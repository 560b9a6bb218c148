import { describe, expect, it } from "vitest";
import { validateDatasets } from "./engine";
import { check, claudeLines, claudeRecord, HAIKU, NOVA_LITE, NOVA_MICRO, tempFile, where } from "./support";

const both = async (train: string, validation: string) => {
  const report = await validateDatasets(
    [
      { path: tempFile(train), role: "train", name: "train.jsonl" },
      { path: tempFile(validation), role: "validation", name: "validation.jsonl" },
    ],
    { model: HAIKU },
  );
  return { train: report.files[0]!, validation: report.files[1]! };
};
// Distinct records for the validation file, so no prompt is shared with the training file.
const vLines = (n: number) => claudeLines(n, (i) => claudeRecord(`validation question ${i}`, "ROUTE: v"));

describe("record counts (Claude 3 Haiku: 32 to 10,000 training, 32 to 1,000 validation, 10,000 in all)", () => {
  it("dataset/too-few-records: 31 training records fail, 32 pass", async () => {
    expect(where((await check(claudeLines(31))).problems, "dataset/too-few-records")).toEqual(["1:1"]);
    expect(where((await check(claudeLines(32))).problems, "dataset/too-few-records")).toEqual([]);
  });

  it("dataset/too-few-records: the validation minimum applies to validation files", async () => {
    const report = await check(vLines(31), { role: "validation" });
    expect(report.problems.find((p) => p.rule === "dataset/too-few-records")!.message).toBe(
      "The validation file has 31 records; Claude 3 Haiku needs at least 32.",
    );
    expect(
      where((await check(vLines(32), { role: "validation" })).problems, "dataset/too-few-records"),
    ).toEqual([]);
  });

  it("dataset/too-many-records: 10,000 training records pass, 10,001 fail", async () => {
    expect(where((await check(claudeLines(10_000))).problems, "dataset/too-many-records")).toEqual([]);
    const over = await check(claudeLines(10_001));
    expect(over.problems.find((p) => p.rule === "dataset/too-many-records")!.message).toBe(
      "The training file has 10,001 records; Claude 3 Haiku takes at most 10,000. This line holds record 10,001.",
    );
    expect(where(over.problems, "dataset/too-many-records")).toEqual(["10001:1"]);
  });

  it("dataset/too-many-records: 1,000 validation records pass, 1,001 fail", async () => {
    expect(
      where((await check(vLines(1000), { role: "validation" })).problems, "dataset/too-many-records"),
    ).toEqual([]);
    expect(
      where((await check(vLines(1001), { role: "validation" })).problems, "dataset/too-many-records"),
    ).toEqual(["1001:1"]);
  });

  it("dataset/total-records: 9,500 + 500 pass, 9,500 + 501 fail", async () => {
    const train = claudeLines(9_500);
    expect(where((await both(train, vLines(500))).validation.problems, "dataset/total-records")).toEqual([]);
    const over = await both(train, vLines(501));
    expect(where(over.validation.problems, "dataset/total-records")).toEqual(["1:1"]);
    expect(over.train.counts.errors).toBe(0);
  });
});

describe("records against each other", () => {
  it("dataset/duplicate-record: each repeat names the first occurrence", async () => {
    const lines = claudeLines(32).trimEnd().split("\n");
    lines.push(lines[3]!, lines[3]!);
    const report = await check(`${lines.join("\n")}\n`);
    const dups = report.problems.filter((p) => p.rule === "dataset/duplicate-record");
    expect(dups.map((p) => [p.line, p.message])).toEqual([
      [33, "The record repeats line 4 exactly."],
      [34, "The record repeats line 4 exactly."],
    ]);
  });

  it("dataset/conflicting-answers: the same prompt with another answer; another prompt is fine", async () => {
    const base = claudeLines(32).trimEnd();
    const conflict = await check(`${base}\n${claudeRecord("question 5", "ROUTE: other")}\n`);
    const p = conflict.problems.filter((x) => x.rule === "dataset/conflicting-answers");
    expect(p.map((x) => [x.line, x.path, x.message])).toEqual([
      [33, "messages[1]", "Same prompt as line 6, with a different answer."],
    ]);
    const differentSystem = await check(
      `${base}\n${claudeRecord("question 5", "ROUTE: other", "Another system prompt")}\n`,
    );
    expect(where(differentSystem.problems, "dataset/conflicting-answers")).toEqual([]);
  });

  it("dataset/validation-leak: a validation prompt that is also in training", async () => {
    const train = claudeLines(32);
    const leaky = `${vLines(31).trimEnd()}\n${claudeRecord("question 7", "ROUTE: r1")}\n`;
    const { validation } = await both(train, leaky);
    const leak = validation.problems.filter((p) => p.rule === "dataset/validation-leak");
    expect(leak.map((p) => [p.line, p.message])).toEqual([
      [32, "The same prompt is in the training data at train.jsonl:8."],
    ]);
    expect(where((await both(train, vLines(32))).validation.problems, "dataset/validation-leak")).toEqual([]);
  });
});

describe("labels", () => {
  const labelled = (counts: Record<string, number>) => {
    let i = 0;
    const lines: string[] = [];
    for (const [label, n] of Object.entries(counts)) {
      for (let k = 0; k < n; k++) lines.push(claudeRecord(`ticket ${i++}`, `ROUTE: ${label}\nBecause.`));
    }
    return `${lines.join("\n")}\n`;
  };

  it("counts labels by the first group of the pattern", async () => {
    const report = await check(labelled({ billing: 20, legal: 12 }), { labelPattern: "^ROUTE: (\\S+)" });
    expect(report.stats.labels?.counts).toEqual({ billing: 20, legal: 12 });
    expect(report.problems).toEqual([]);
  });

  it("labels/imbalance: 10:1 warns, 9:1 does not", async () => {
    const warn = await check(labelled({ billing: 40, legal: 4 }), { labelPattern: "^ROUTE: (\\S+)" });
    expect(warn.problems.map((p) => [p.rule, p.message])).toEqual([
      ["labels/imbalance", 'Label "billing" has 40 records, "legal" only 4 (10:1).'],
    ]);
    const fine = await check(labelled({ billing: 36, legal: 4 }), { labelPattern: "^ROUTE: (\\S+)" });
    expect(where(fine.problems, "labels/imbalance")).toEqual([]);
  });

  it("labels/missing: one notice counting the replies the pattern does not match", async () => {
    const content = `${labelled({ billing: 31 })}${claudeRecord("odd one", "I cannot route this")}\n`;
    const report = await check(content, { labelPattern: "^ROUTE: (\\S+)" });
    expect(report.problems.map((p) => [p.rule, p.line, p.severity])).toEqual([
      ["labels/missing", 32, "notice"],
    ]);
  });

  it("an invalid label pattern is a clear error", async () => {
    await expect(check(claudeLines(32), { labelPattern: "^ROUTE: (" })).rejects.toThrow(
      /not a valid regular expression/,
    );
  });
});

describe("severities and limits", () => {
  it("a rule can be silenced, lowered or raised", async () => {
    const content = `${claudeLines(32).trimEnd()}\n${claudeRecord("question 1", "ROUTE: r1")}\n`;
    expect((await check(content)).problems.map((p) => [p.rule, p.severity])).toEqual([
      ["dataset/duplicate-record", "warning"],
    ]);
    expect((await check(content, { severities: { "dataset/duplicate-record": "off" } })).problems).toEqual(
      [],
    );
    const raised = await check(content, { severities: { "dataset/duplicate-record": "error" } });
    expect(raised.counts.errors).toBe(1);
  });

  it("problems past the listing limit are counted, and still decide the verdict", async () => {
    const bad = `${Array.from({ length: 50 }, () => "{").join("\n")}\n`;
    const report = await check(bad, { maxProblemsPerFile: 10 });
    expect(report.problems).toHaveLength(10);
    expect(report.omitted).toBe(40);
    expect(report.counts.errors).toBe(50);
  });
});

describe("duplicates compare the records' real content", () => {
  // Nova records whose user turns hold a block the format does not know (a document): the block is
  // reported and cannot be read, so what was read of each record (the same reply) is not its content.
  const toolRecord = (i: number, answer = "ROUTE: q0") =>
    JSON.stringify({
      schemaVersion: "bedrock-conversation-2024",
      messages: [
        {
          role: "user",
          content: [{ document: { name: `doc ${i}`, source: { bytes: `result ${i}` } } }],
        },
        { role: "assistant", content: [{ text: answer }] },
      ],
    });
  const lines = (records: string[]) => `${records.join("\n")}\n`;

  it("records not in the expected shape are reported for their shape, never as repeats of each other", async () => {
    const report = await check(lines(Array.from({ length: 40 }, (_, i) => toolRecord(i))), {
      model: NOVA_MICRO,
    });
    expect(report.problems.filter((p) => p.rule === "converse/content-block")).toHaveLength(40);
    expect(
      report.problems.filter(
        (p) => p.rule === "dataset/duplicate-record" || p.rule === "dataset/conflicting-answers",
      ),
    ).toEqual([]);
  });

  it("prompts that differ only in a tool result or an image are different prompts", async () => {
    const turn = (content: unknown[]) =>
      JSON.stringify({
        messages: [
          { role: "user", content },
          { role: "assistant", content: [{ text: "ROUTE: q0" }] },
        ],
      });
    const records = Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0
        ? turn([{ toolResult: { toolUseId: `t${i}`, content: [{ text: `result ${i}` }] } }])
        : turn([
            { text: "What is in the picture?" },
            { image: { format: "png", source: { s3Location: { uri: `s3://bucket/img-${i}.png` } } } },
          ]),
    );
    const report = await check(lines(records), { model: NOVA_LITE });
    expect(
      report.problems.filter(
        (p) => p.rule === "dataset/duplicate-record" || p.rule === "dataset/conflicting-answers",
      ),
    ).toEqual([]);
  });

  it("the same broken record twice is still a repeat, and a well-formed repeat still is", async () => {
    const records = [
      ...Array.from({ length: 36 }, (_, i) => toolRecord(i)),
      toolRecord(3),
      toolRecord(4, "ROUTE: other"),
    ];
    const report = await check(lines(records), { model: NOVA_MICRO });
    const repeats = report.problems.filter(
      (p) => p.rule === "dataset/duplicate-record" || p.rule === "dataset/conflicting-answers",
    );
    expect(repeats.map((p) => [p.rule, p.line, p.message])).toEqual([
      ["dataset/duplicate-record", 37, "The record repeats line 4 exactly."],
    ]);
    // An unknown top-level key is reported but the content was read whole: repeats are still found.
    const withKey = (i: number) => JSON.stringify({ ...JSON.parse(claudeRecord(`q${i % 20}`, "ok")), id: i });
    const keyed = await check(lines(Array.from({ length: 40 }, (_, i) => withKey(i))));
    expect(keyed.problems.filter((p) => p.rule === "dataset/duplicate-record")).toHaveLength(20);
  });
});
