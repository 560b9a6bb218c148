import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DiffFile, labelShifts, RecordDiffBuilder, readConversationsAt } from "../src/index";
import { diffDatasets, io } from "./engine";
import { claudeRecord, HAIKU, tempFile } from "./support";

const lines = (...records: string[]) => `${records.join("\n")}\n`;

async function diff(base: string | undefined, head: string | undefined, extra: Partial<DiffFile> = {}) {
  const file: DiffFile = {
    name: "data/train.jsonl",
    role: "train",
    changed: true,
    ...(base === undefined ? {} : { base: tempFile(base) }),
    ...(head === undefined ? {} : { head: tempFile(head) }),
    ...extra,
  };
  const review = await diffDatasets([file], {
    validate: { model: HAIKU, labelPattern: "^ROUTE: (\\S+)" },
  });
  return review.diffs[0]!;
}

const a = claudeRecord("How do I reset my password?", "ROUTE: account");
const b = claudeRecord("My card was charged twice", "ROUTE: billing");
const c = claudeRecord("The app crashes on start", "ROUTE: tech");
const d = claudeRecord("Where is my parcel?", "ROUTE: shipping");

describe("the record-level diff", () => {
  it("finds nothing changed in an identical or reordered file", async () => {
    const same = await diff(lines(a, b, c), lines(c, a, b));
    expect(same.records).toMatchObject({ added: 0, removed: 0, modified: 0, unchanged: 3 });
    expect(same.change).toBe("modified");
  });

  it("counts a new prompt as added, a gone prompt as removed, a changed reply as modified", async () => {
    const changedReply = claudeRecord("My card was charged twice", "ROUTE: refunds");
    const r = await diff(lines(a, b, c), lines(a, changedReply, d));
    expect(r.records).toMatchObject({ added: 1, removed: 1, modified: 1, unchanged: 1 });
    expect(r.records!.compared).toEqual({ base: 3, head: 3 });
    const [added] = r.records!.samples.added;
    expect(added!.line).toBe(3);
    expect(added!.turns.map((t) => t.text)).toEqual(["Where is my parcel?", "ROUTE: shipping"]);
    const [removed] = r.records!.samples.removed;
    expect(removed!.line).toBe(3);
    expect(removed!.turns[0]!.text).toBe("The app crashes on start");
    const [modified] = r.records!.samples.modified;
    expect(modified!.changed).toEqual(["reply"]);
    expect(modified!.head.line).toBe(2);
    expect(modified!.base!.line).toBe(2);
    expect(modified!.base!.turns[1]!.text).toBe("ROUTE: billing");
    expect(modified!.head.turns[1]!.text).toBe("ROUTE: refunds");
  });

  it("treats a changed system prompt as a modification, and a changed user turn as a new record", async () => {
    const withSystem = claudeRecord("How do I reset my password?", "ROUTE: account", "You route tickets.");
    const reworded = claudeRecord("How can I reset my password?", "ROUTE: account");
    const r = await diff(lines(a, b), lines(withSystem, reworded, b));
    expect(r.records).toMatchObject({ added: 1, removed: 0, modified: 1, unchanged: 1 });
    expect(r.records!.samples.modified[0]!.changed).toEqual(["system"]);
    expect(r.records!.samples.modified[0]!.head.system).toBe("You route tickets.");
  });

  it("matches duplicates as a multiset: a second copy is one added record", async () => {
    const r = await diff(lines(a, b), lines(a, a, b));
    expect(r.records).toMatchObject({ added: 1, removed: 0, modified: 0, unchanged: 2 });
    // The copy's prompt exists in the base, so it is no sample of a new prompt nor a modification.
    expect(r.records!.samples.added).toEqual([]);
    expect(r.records!.samples.modified).toEqual([]);
  });

  it("pairs leftovers of one prompt as modified and does not sample what the counts contradict", async () => {
    const a2 = claudeRecord("How do I reset my password?", "ROUTE: security");
    // Base: a. Head: a2 then a. Exact match a=a; a2 is an extra record of a known prompt: added.
    const r = await diff(lines(a), lines(a2, a));
    expect(r.records).toMatchObject({ added: 1, removed: 0, modified: 0, unchanged: 1 });
    expect(r.records!.samples.modified).toEqual([]);
  });

  it("diffs a new file as all added and a deleted file as all removed", async () => {
    const added = await diff(undefined, lines(a, b));
    expect(added.change).toBe("added");
    expect(added.records).toMatchObject({ added: 2, removed: 0, modified: 0, unchanged: 0 });
    expect(added.base).toBeUndefined();
    expect(added.head!.records).toBe(2);
    const removed = await diff(lines(a, b), undefined);
    expect(removed.change).toBe("removed");
    expect(removed.records).toMatchObject({ added: 0, removed: 2, modified: 0, unchanged: 0 });
    expect(removed.records!.samples.removed.map((s) => s.line)).toEqual([1, 2]);
  });

  it("validates an unchanged file without diffing it, and reports both sides' figures", async () => {
    const review = await diffDatasets(
      [
        { name: "train.jsonl", role: "train", head: tempFile(lines(a, b, c)), changed: false },
        {
          name: "validation.jsonl",
          role: "validation",
          base: tempFile(lines(d)),
          head: tempFile(lines(d, b)),
          changed: true,
        },
      ],
      { validate: { model: HAIKU } },
    );
    expect(review.diffs[0]).toMatchObject({ change: "unchanged", head: { records: 3 } });
    expect(review.diffs[0]!.records).toBeUndefined();
    expect(review.diffs[1]).toMatchObject({
      change: "modified",
      base: { records: 1 },
      head: { records: 2 },
      records: { added: 1, unchanged: 1 },
    });
    // Head files are validated together: the validation record copied from training is a leak.
    expect(review.head.files[1]!.problems.map((p) => p.rule)).toContain("dataset/validation-leak");
    expect(review.base!.files.map((f) => f.path)).toEqual(["validation.jsonl"]);
  });

  it("does not compare records the engine cannot read, and says how many it compared", async () => {
    const r = await diff(lines(a, "{not json"), lines(a, "[1]", b));
    expect(r.records!.compared).toEqual({ base: 1, head: 2 });
    expect(r.head!.records).toBe(3);
    expect(r.records).toMatchObject({ added: 1, unchanged: 1 });
  });

  it("keeps at most N samples, with long text cut on a code-point boundary", async () => {
    const long = `${"x".repeat(99)}😀${"y".repeat(50)}`;
    const many = Array.from({ length: 20 }, (_, i) => claudeRecord(`q${i} ${long}`, `ROUTE: r${i}`));
    const review = await diffDatasets(
      [
        {
          name: "t.jsonl",
          role: "train",
          base: tempFile(lines(a)),
          head: tempFile(lines(...many)),
          changed: true,
        },
      ],
      { validate: { model: HAIKU }, samples: 2, limits: { maxTextChars: 103, maxTurns: 6 } },
    );
    const samples = review.diffs[0]!.records!.samples;
    expect(samples.added).toHaveLength(2);
    expect(samples.removed).toHaveLength(1);
    const text = samples.added[0]!.turns[0]!.text;
    expect(text.length).toBe(102);
    expect(samples.added[0]!.turns[0]!.truncated).toBe(true);
    // Cut before the emoji's high surrogate rather than through it.
    expect(/[\ud800-\udbff]$/.test(text)).toBe(false);
    expect(text.endsWith("x")).toBe(true);
  });

  it("samples a long conversation by its first turns and final reply", async () => {
    const messages = Array.from({ length: 11 }, (_, i) => ({
      role: i % 2 === 0 ? "user" : "assistant",
      content: `turn ${i}`,
    }));
    const r = await diff(lines(a), lines(JSON.stringify({ messages })));
    const sample = r.records!.samples.added[0]!;
    expect(sample.turns.map((t) => t.text)).toEqual([
      "turn 0",
      "turn 1",
      "turn 2",
      "turn 3",
      "turn 4",
      "turn 10",
    ]);
    expect(sample.omittedTurns).toBe(5);
  });
});

describe("label shifts", () => {
  it("lists each label's count and share on both sides, largest share movement first", () => {
    const shifts = labelShifts(
      { pattern: "p", counts: { billing: 50, tech: 50 }, unlabeled: 1 },
      { pattern: "p", counts: { billing: 52, tech: 18, refunds: 30 }, unlabeled: 0 },
    )!;
    expect(shifts.rows.map((r) => [r.label, r.base, r.head, r.delta])).toEqual([
      ["tech", 50, 18, -32],
      ["refunds", 0, 30, 30],
      ["billing", 50, 52, 2],
    ]);
    expect(shifts.rows[1]!.headShare).toBeCloseTo(0.3);
    expect(shifts.unlabeled).toEqual({ base: 1, head: 0 });
    expect(labelShifts(undefined, undefined)).toBeUndefined();
  });

  it("come from the engine's label stats in a diff", async () => {
    const r = await diff(lines(a, b), lines(a, b, claudeRecord("refund please", "ROUTE: billing")));
    expect(r.labels!.rows.find((x) => x.label === "billing")).toMatchObject({ base: 1, head: 2, delta: 1 });
  });
});

describe("reading records back", () => {
  it("parses only the wanted lines, stripping a BOM and CR line ends", async () => {
    const path = tempFile(`\ufeff${a}\r\n${b}\r\n\r\n${c}\r\n`);
    const seen: [number, string][] = [];
    await readConversationsAt(io, path, new Set([1, 4]), "claude-messages", (line, conv) =>
      seen.push([
        line,
        conv.turns[0]!.parts[0]!.kind === "text" ? (conv.turns[0]!.parts[0] as { text: string }).text : "",
      ]),
    );
    expect(seen).toEqual([
      [1, "How do I reset my password?"],
      [4, "The app crashes on start"],
    ]);
  });
});

describe("diff properties", () => {
  const record = fc
    .tuple(fc.constantFrom("q1", "q2", "q3", "q4"), fc.constantFrom("r1", "r2"), fc.constantFrom("", "s1"))
    .map(([q, r, s]) => ({ q, r, s }));
  const build = async (base: { q: string; r: string; s: string }[], head: typeof base) => {
    const builder = new RecordDiffBuilder({ sha1: io.sha1, samples: 5 });
    const conv = (x: (typeof base)[number]) => ({
      system: x.s ? [{ kind: "text" as const, text: x.s, path: [] }] : [],
      turns: [
        { role: "user", parts: [{ kind: "text" as const, text: x.q, path: [] }], path: [], readable: true },
        {
          role: "assistant",
          parts: [{ kind: "text" as const, text: x.r, path: [] }],
          path: [],
          readable: true,
        },
      ],
    });
    for (const [i, x] of base.entries()) builder.addBase({ line: i + 1, conversation: conv(x) });
    for (const [i, x] of head.entries()) builder.addHead({ line: i + 1, conversation: conv(x) });
    return builder.finish();
  };

  it("accounts for every record on both sides, and swapping sides swaps added and removed", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(record, { maxLength: 12 }),
        fc.array(record, { maxLength: 12 }),
        async (base, head) => {
          const d = await build(base, head);
          expect(d.unchanged + d.modified + d.removed).toBe(base.length);
          expect(d.unchanged + d.modified + d.added).toBe(head.length);
          const back = await build(head, base);
          expect([back.added, back.removed, back.modified, back.unchanged]).toEqual([
            d.removed,
            d.added,
            d.modified,
            d.unchanged,
          ]);
          const self = await build(head, [...head].reverse());
          expect(self).toMatchObject({ added: 0, removed: 0, modified: 0, unchanged: head.length });
          for (const s of d.samples.added) expect(base.some((x) => x.q === head[s.line - 1]!.q)).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
