import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256File } from "../src/sha256-file";

const sha256Hex = (data: Buffer) => createHash("sha256").update(data).digest("hex");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tunegate-sha-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("sha256File", () => {
  it("matches the known digest of the empty file", async () => {
    const path = join(dir, "empty.jsonl");
    await writeFile(path, "");
    expect(await sha256File(path)).toEqual({
      sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      bytes: 0,
    });
  });

  it("hashes a file read in several chunks the same as the bytes in memory", async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const path = join(dir, "multi-chunk.jsonl");
    await writeFile(path, data);
    expect(await sha256File(path)).toEqual({ sha256: sha256Hex(data), bytes: data.length });
  });

  it("rejects a missing file", async () => {
    await expect(sha256File(join(dir, "missing.jsonl"))).rejects.toThrow(/ENOENT/);
  });
});
