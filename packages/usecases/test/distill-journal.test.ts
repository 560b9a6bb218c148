// The journal a distillation run keeps beside its output: what a kill leaves behind is read back.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Journal, journalKey } from "../src/distill/journal";

const dir = mkdtempSync(join(tmpdir(), "tunegate-journal-"));

describe("the distillation journal", () => {
  it("reads back every whole entry, skips a line torn by a kill, and appends after it on a fresh line", () => {
    const path = join(dir, "torn.jsonl");
    writeFileSync(path, `${JSON.stringify({ key: "a", text: "one" })}\n`);
    appendFileSync(path, '{"key": "b", "te'); // killed mid-write
    const journal = new Journal(path);
    expect([...journal.entries.keys()]).toEqual(["a"]);
    journal.append({ key: "c", text: "three", stopReason: "end_turn", inputTokens: 3, outputTokens: 1 });
    journal.close();
    expect(readFileSync(path, "utf8").split("\n")).toEqual([
      '{"key":"a","text":"one"}',
      '{"key": "b", "te',
      '{"key":"c","text":"three","stopReason":"end_turn","inputTokens":3,"outputTokens":1}',
      "",
    ]);
    expect([...new Journal(path).entries.keys()]).toEqual(["a", "c"]);
  });

  it("starts empty when there is no journal yet, and keys are SHA-256 of the identity", () => {
    const journal = new Journal(join(dir, "none.jsonl"));
    expect(journal.entries.size).toBe(0);
    journal.close();
    expect(journalKey("x")).toBe("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
  });
});
