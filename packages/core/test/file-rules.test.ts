import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { validateDatasets } from "./engine";
import { catalog, check, claudeLines, claudeRecord, HAIKU, tempFile, where } from "./support";

const ok = claudeLines(32);

describe("file rules", () => {
  it("file/empty: a 0-byte file is an error; one record is not", async () => {
    expect(where((await check("")).problems, "file/empty")).toEqual(["1:1"]);
    expect(where((await check(`${claudeRecord()}\n`)).problems, "file/empty")).toEqual([]);
  });

  it("file/too-large: a file one byte over the model's limit for its role", async () => {
    const content = ok;
    const size = Buffer.byteLength(content);
    const at = (limit: number) => ({ ...HAIKU, quotas: { ...HAIKU.quotas, maxTrainingFileBytes: limit } });
    expect(where((await check(content, { model: at(size) })).problems, "file/too-large")).toEqual([]);
    const over = await check(content, { model: at(size - 1) });
    expect(where(over.problems, "file/too-large")).toEqual(["1:1"]);
    // The validation limit applies to validation files only.
    const v = { ...HAIKU, quotas: { ...HAIKU.quotas, maxValidationFileBytes: size - 1 } };
    expect(where((await check(content, { model: v, role: "train" })).problems, "file/too-large")).toEqual([]);
    expect(
      where((await check(content, { model: v, role: "validation" })).problems, "file/too-large"),
    ).toEqual(["1:1"]);
  });

  it("file/not-utf8: names the line, the column and the byte offset; valid multi-byte text passes", async () => {
    const good = `${claudeRecord("Grüße, 日本語, emoji 🎉")}\n`;
    expect((await check(good)).problems.filter((p) => p.rule === "file/not-utf8")).toEqual([]);
    const line2 = Buffer.from(claudeRecord("caf\u00e9"), "utf8");
    const latin1 = Buffer.from(claudeRecord("caf\u00e9"), "latin1"); // é as a lone 0xE9 byte
    const first = Buffer.from(`${claudeRecord()}\n`);
    const bytes = Buffer.concat([first, line2, Buffer.from("\n"), latin1, Buffer.from("\n")]);
    const report = await check(bytes);
    const bad = report.problems.filter((p) => p.rule === "file/not-utf8");
    expect(bad).toHaveLength(1);
    const offsetInLine = latin1.indexOf(0xe9);
    expect(bad[0]!.line).toBe(3);
    expect(bad[0]!.column).toBe(offsetInLine + 1);
    expect(bad[0]!.message).toContain(`byte offset ${first.length + line2.length + 1 + offsetInLine} `);
    expect(bad[0]!.message).toContain("0xe9");
  });

  it("file/not-utf8: a UTF-16 file is named as such and not read further", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ok, "utf16le")]);
    const report = await check(utf16);
    expect(report.problems.map((p) => p.rule)).toEqual(["file/not-utf8"]);
    expect(report.problems[0]!.message).toContain("UTF-16");
  });

  it("file/bom: reported once; the records behind it are still checked", async () => {
    const report = await check(`\ufeff${ok}`);
    expect(where(report.problems, "file/bom")).toEqual(["1:1"]);
    expect(report.records).toBe(32);
    expect(report.counts.errors).toBe(1);
    expect(where((await check(ok)).problems, "file/bom")).toEqual([]);
  });

  it("file/crlf: one warning naming the count and the first line; LF files pass", async () => {
    const crlf = ok.replace(/\n/g, "\r\n");
    const report = await check(crlf);
    expect(where(report.problems, "file/crlf")).toEqual(["1:1"]);
    expect(report.problems.find((p) => p.rule === "file/crlf")!.message).toBe(
      "32 lines end with CRLF (the first is line 1).",
    );
    expect(report.counts.errors).toBe(0);
    const mixed = await check(
      ok
        .replace(/\n/, "\n")
        .replace(/(\n[^\n]*\n)/, "$1")
        .replace(/\n(?=[^\n]*\n$)/, "\r\n"),
    );
    expect(where(mixed.problems, "file/crlf")).toEqual(["31:1"]);
    expect(where((await check(ok)).problems, "file/crlf")).toEqual([]);
  });

  it("file/empty-line: empty and white-space lines anywhere, including a blank line at the end", async () => {
    const lines = ok.trimEnd().split("\n");
    lines.splice(3, 0, "");
    lines.splice(6, 0, "  \t");
    const report = await check(`${lines.join("\n")}\n\n`);
    expect(where(report.problems, "file/empty-line")).toEqual(["4:1", "7:1", "35:1"]);
    expect(report.records).toBe(32);
    // A final newline, or none, is not an empty line.
    expect(where((await check(ok)).problems, "file/empty-line")).toEqual([]);
    expect(where((await check(ok.trimEnd())).problems, "file/empty-line")).toEqual([]);
  });

  it("file/git-lfs-pointer: a pointer file is named as such and not parsed", async () => {
    const pointer =
      "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";
    const report = await check(pointer);
    expect(report.problems.map((p) => p.rule)).toEqual(["file/git-lfs-pointer"]);
  });

  it("file/compressed: gzip is named and not parsed; plain text is not mistaken for it", async () => {
    const report = await check(gzipSync(ok));
    expect(report.problems.map((p) => p.rule)).toEqual(["file/compressed"]);
    expect(report.problems[0]!.message).toContain("gzip");
    expect(where((await check(ok)).problems, "file/compressed")).toEqual([]);
  });

  it("an unreadable path is bad input, not a finding", async () => {
    await expect(
      validateDatasets([{ path: "/nonexistent/x.jsonl", role: "train" }], { model: HAIKU }),
    ).rejects.toThrow(/no such file/);
    await expect(
      validateDatasets([{ path: tempFile("").replace(/[^/]+$/, ""), role: "train" }], { model: HAIKU }),
    ).rejects.toThrow(/is a directory/);
  });

  it("lines that cross the 1 MiB read chunks are read whole", async () => {
    const big = Array.from({ length: 700 }, (_, i) =>
      claudeRecord(`q${i} ${"x".repeat(3000)}`, `ROUTE: r${i}`),
    ).join("\n");
    expect(Buffer.byteLength(big)).toBeGreaterThan(2 * 1024 * 1024);
    const report = await check(`${big}\n`, {
      model: catalog.get("anthropic.claude-3-haiku-20240307-v1:0:200k"),
    });
    expect(report.records).toBe(700);
    expect(report.counts).toEqual({ errors: 0, warnings: 0, notices: 0 });
  });
});

describe("JSON rules", () => {
  it("json/invalid: line and column of the syntax error, without echoing the line", async () => {
    const lines = ok.trimEnd().split("\n");
    lines[4] = '{"messages": [{"role": "user", "content": "AKIAIOSFODNN7EXAMPLE"},]}';
    lines[9] = '{"messages": [';
    const report = await check(`${lines.join("\n")}\n`);
    const bad = report.problems.filter((p) => p.rule === "json/invalid");
    expect(bad.map((p) => `${p.line}:${p.column}`)).toEqual([
      `5:${lines[4]!.indexOf(",]") + 1}`,
      `10:${lines[9]!.length + 1}`,
    ]);
    for (const p of bad) expect(p.message).not.toContain("AKIA");
    expect(report.records).toBe(32);
  });

  it("json/not-object: arrays and bare values", async () => {
    const report = await check(`[1]\n"text"\n42\nnull\n${claudeLines(32)}`);
    expect(where(report.problems, "json/not-object")).toEqual(["1:1", "2:1", "3:1", "4:1"]);
  });
});
