import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ACTION = fileURLToPath(new URL("..", import.meta.url));

describe("the committed bundle", () => {
  it("is what build.mjs makes from the current source (run `npm run build -w actions/train` and commit dist/)", () => {
    const out = mkdtempSync(join(tmpdir(), "tunegate-train-dist-"));
    try {
      execFileSync(process.execPath, ["build.mjs", out], { cwd: ACTION, stdio: "pipe" });
      for (const file of ["index.js", "dataset-worker.js"]) {
        const fresh = readFileSync(join(out, file), "utf8");
        const committed = readFileSync(join(ACTION, "dist", file), "utf8");
        // Compare sizes first: a mismatch then says which file, without printing megabytes.
        expect({ file, length: committed.length }).toEqual({ file, length: fresh.length });
        expect(committed === fresh).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
