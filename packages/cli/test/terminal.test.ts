import { describe, expect, it } from "vitest";
import { colorEnabled, PROGRESS_MIN_BYTES, progressBar } from "../src/terminal";
import { ANSI, claudeLines, claudeRecord, HAIKU_ID, tempFile, tunegateOnTty } from "./run";

const tty = { write: () => true, isTTY: true };
const pipe = { write: () => true, isTTY: false };

describe("colour", () => {
  it("is on for a terminal, off for a pipe, off with NO_COLOR, and FORCE_COLOR decides over both", () => {
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled(pipe, {})).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: "" })).toBe(true);
    expect(colorEnabled(tty, { TERM: "dumb" })).toBe(false);
    expect(colorEnabled(pipe, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: "" })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: "0" })).toBe(false);
    expect(colorEnabled(pipe, { FORCE_COLOR: "1", NO_COLOR: "1" })).toBe(true);
  });

  it("the bundle colours a terminal and respects NO_COLOR there", async () => {
    const path = tempFile(`${claudeLines(40)}\n`);
    const coloured = await tunegateOnTty(["validate", path, "--base-model", HAIKU_ID]);
    expect(coloured.code).toBe(1);
    expect(coloured.stdout).toMatch(ANSI);
    const plain = await tunegateOnTty(["validate", path, "--base-model", HAIKU_ID], {
      env: { NO_COLOR: "1" },
    });
    expect(plain.code).toBe(1);
    expect(plain.stdout).not.toMatch(ANSI);
    expect(plain.stdout).toContain("[file/empty-line]");
  });
});

describe("progress bar", () => {
  it("draws only for files over 20 MB on a terminal, at most every 100 ms, and clears itself", () => {
    const written: string[] = [];
    let t = 0;
    const bar = progressBar({ write: (s: string) => written.push(s), isTTY: true, columns: 200 }, () => t)!;
    const total = PROGRESS_MIN_BYTES + 1;
    bar.update({ file: "small.jsonl", bytesRead: 10, totalBytes: PROGRESS_MIN_BYTES });
    expect(written).toEqual([]);
    bar.update({ file: "big.jsonl", bytesRead: total / 2, totalBytes: total });
    t = 50;
    bar.update({ file: "big.jsonl", bytesRead: (total * 3) / 4, totalBytes: total });
    expect(written).toHaveLength(1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the bar starts with CR and an erase-line sequence.
    expect(written[0]).toMatch(/^\r\u001b\[2Kbig\.jsonl {2}\[#{12}-{12}\] {2}50% {2}10\/20 MiB$/);
    t = 200;
    bar.update({ file: "big.jsonl", bytesRead: total, totalBytes: total });
    expect(written[1]).toContain("100%");
    bar.done();
    expect(written[2]).toBe("\r\u001b[2K");
    expect(progressBar(pipe)).toBeUndefined();
  });

  it("the bundle shows it on a terminal while validating a 21 MB file", async () => {
    const record = claudeRecord(
      `${"a long ticket about a thermostat that will not hold its schedule ".repeat(40)}`,
      "ROUTE: technical",
    );
    const count = Math.ceil((21 * 1024 * 1024) / (record.length + 1));
    const lines = Array.from({ length: count }, (_, i) =>
      record.replace("a long ticket", `ticket ${i}`),
    ).join("\n");
    const path = tempFile(`${lines}\n`, "big.jsonl");
    const r = await tunegateOnTty(["validate", path, "--base-model", HAIKU_ID, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/big\.jsonl {2}\[[#-]{24}\] +\d+% {2}\d+\/21 MiB/);
    expect(r.stdout).toContain("\r\u001b[2K");
  });
});

describe("progress bar width", () => {
  it("shortens a long file name from the start so the line fits the terminal", () => {
    const written: string[] = [];
    const bar = progressBar({ write: (s: string) => written.push(s), isTTY: true, columns: 60 })!;
    const file = `/very/long/path/${"nested/".repeat(10)}train.jsonl`;
    bar.update({ file, bytesRead: 1, totalBytes: PROGRESS_MIN_BYTES * 2 });
    const line = written[0]!.replace("\r\u001b[2K", "");
    expect(line.length).toBe(59);
    expect(line).toMatch(/^…[^ ]*\/train\.jsonl {2}\[-{24}\] {3}0% {2}0\/40 MiB$/);
  });
});
