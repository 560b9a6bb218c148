// The committed bundle is what the runner executes: it must be what the source builds to today.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const actionDir = fileURLToPath(new URL("..", import.meta.url));

it("the committed dist/index.js is a fresh build of the source", () => {
  const dir = mkdtempSync(join(tmpdir(), "tunegate-report-dist-"));
  try {
    const outfile = join(dir, "index.js");
    execFileSync(process.execPath, ["build.mjs", outfile], { cwd: actionDir, stdio: "pipe" });
    const fresh = readFileSync(outfile, "utf8");
    const committed = execFileSync("git", ["show", "HEAD:./dist/index.js"], {
      cwd: actionDir,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(
      fresh === committed,
      "dist/index.js in HEAD is stale: run `npm run build -w actions/report` and commit dist/index.js",
    ).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
