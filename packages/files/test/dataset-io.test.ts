// The dataset engine's I/O on disk: what core's DatasetIo port is given wherever tunegate runs on Node.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatasetReadError } from "@tunegate/core";
import { describe, expect, it } from "vitest";
import { nodeDatasetIo as io } from "../src/index";

const dir = mkdtempSync(join(tmpdir(), "tunegate-dataset-io-"));

describe("nodeDatasetIo", () => {
  it("gives a file's size, and a clear error naming the file when it cannot be read", async () => {
    const path = join(dir, "data.jsonl");
    writeFileSync(path, "x".repeat(1234));
    expect(await io.size(path, "data.jsonl")).toBe(1234);
    await expect(io.size(join(dir, "missing.jsonl"), "missing.jsonl")).rejects.toThrow(
      new DatasetReadError(
        "missing.jsonl: no such file. Check the path (it is relative to the current directory).",
      ),
    );
    mkdirSync(join(dir, "folder"));
    await expect(io.size(join(dir, "folder"), "folder")).rejects.toThrow(
      new DatasetReadError("folder: is a directory, not a dataset file."),
    );
  });

  it("reads a file in chunks of at most 1 MiB that add up to it, and lines back at their offsets", async () => {
    const path = join(dir, "big.jsonl");
    const content = Buffer.from(Array.from({ length: 40_000 }, (_, i) => `{"n":${i}}\n`).join(""));
    writeFileSync(path, content);
    const chunks: Buffer[] = [];
    for await (const chunk of io.chunks(path)) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(0);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(1 << 20);
    expect(Buffer.concat(chunks).equals(content)).toBe(true);
    const file = io.open(path);
    const at = content.indexOf('{"n":31337}');
    expect(file.read(at, 11).toString()).toBe('{"n":31337}');
    file.close();
  });

  it("digests with SHA-1 of the UTF-8 bytes and checks UTF-8", () => {
    for (const text of ["", "hello", "héllo ✓ 🚀"])
      expect(io.sha1(text)).toBe(createHash("sha1").update(text, "utf8").digest("base64"));
    expect(io.isUtf8(Buffer.from("héllo"))).toBe(true);
    expect(io.isUtf8(Buffer.from([0x68, 0xff, 0x69]))).toBe(false);
    expect(io.cores()).toBeGreaterThanOrEqual(1);
  });
});
