import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { tempDir, tempFile, tunegate } from "./run";

/** Runs the CLI with stdout read up to its first chunk and then closed, as `| head` does. */
function closedEarly(args: string[]): Promise<{ code: number | null; stderr: string; read: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [inject("cliPath"), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let read = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.once("data", (d: Buffer) => {
      read = d.toString();
      child.stdout.destroy();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr, read }));
  });
}

describe("tunegate validate in a pipe that closes early", () => {
  // Megabytes of report: far more than a pipe holds, so the CLI is still writing when the reader goes.
  const broken = tempFile(Array.from({ length: 20_000 }, (_, i) => `{"bad": ${i}}\n`).join(""));

  it.each(["json", "pretty"])(
    "--format %s exits with the checks' code and no stack trace",
    async (format) => {
      const r = await closedEarly(["validate", broken, "--format", format]);
      expect(r.read.length).toBeGreaterThan(0);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/EPIPE|node:events|Unhandled|at .*\(node:/);
    },
  );
});

describe("tunegate validate on a file that is not text", () => {
  it("a binary file is one clear error and exit 2, not an error per line of noise", async () => {
    const dir = tempDir();
    const png = join(dir, "train.jsonl");
    // A PNG's signature and header chunk, then noise with newlines in it.
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256));
    writeFileSync(png, Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), noise]));
    const r = await tunegate(["validate", png]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("tunegate"));
    expect(lines).toEqual([
      `tunegate validate: ${png}: is a binary file (byte 8 is NUL), not JSONL text. Give the dataset's .jsonl file; a UTF-16 text file must be re-saved as UTF-8.`,
    ]);
  });

  it("a missing file is one clear error and exit 2", async () => {
    const r = await tunegate(["validate", "no/such/train.jsonl"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("tunegate validate: no/such/train.jsonl: no such file.");
  });
});
