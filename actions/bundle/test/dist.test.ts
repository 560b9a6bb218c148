// The committed actions/dist/ is what the runner executes: it must be what the source builds to today,
// file for file (no stale chunk left beside it, none missing), as the model action repositories' "check
// dist" job checks.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { ACTIONS, entryText } from "../build.mjs";

const bundleDir = fileURLToPath(new URL("..", import.meta.url));
const distDir = join(bundleDir, "../dist");

it("the committed actions/dist/ is a fresh build of the source (npm run build, then commit actions/dist/)", () => {
  const out = mkdtempSync(join(tmpdir(), "tunegate-actions-dist-"));
  try {
    execFileSync(process.execPath, ["build.mjs", out], { cwd: bundleDir, stdio: "pipe" });
    const fresh = readdirSync(out).sort();
    const committed = execFileSync("git", ["ls-tree", "--name-only", "HEAD", "."], {
      cwd: distDir,
      encoding: "utf8",
    })
      .split("\n")
      .filter(Boolean)
      .sort();
    expect(committed).toEqual(fresh);
    expect(fresh).toEqual(
      expect.arrayContaining(["validate.js", "train.js", "report.js", "dataset-worker.js"]),
    );
    for (const file of fresh) {
      const built = readFileSync(join(out, file), "utf8");
      const inHead = execFileSync("git", ["show", `HEAD:./${file}`], {
        cwd: distDir,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      // Sizes first: a mismatch then names the file without printing megabytes.
      expect({ file, length: inHead.length }).toEqual({ file, length: built.length });
      expect(inHead === built, `${file} in HEAD is stale`).toBe(true);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

it("commits each action's dist/index.js, which starts its bundle in the shared folder", () => {
  for (const name of ACTIONS) {
    const inHead = execFileSync("git", ["show", `HEAD:./${name}/dist/index.js`], {
      cwd: join(bundleDir, ".."),
      encoding: "utf8",
    });
    expect(inHead).toBe(entryText(name));
  }
});

it("loads the tokenizer from a chunk of its own, imported only when a count is needed", () => {
  const files = readdirSync(distDir).filter((f) => f.endsWith(".js"));
  const withTokenizer = files.filter((f) =>
    readFileSync(join(distDir, f), "utf8").includes("cl100k_base = ["),
  );
  expect(withTokenizer).toHaveLength(1);
  const chunk = withTokenizer[0]!;
  const importers = files.filter((f) => readFileSync(join(distDir, f), "utf8").includes(`"./${chunk}"`));
  expect(importers.length).toBeGreaterThan(0);
  for (const f of importers) {
    const text = readFileSync(join(distDir, f), "utf8");
    // Only ever a dynamic import(), never a static one that would load it with the entry.
    expect(text).toContain(`import("./${chunk}")`);
    expect(text).not.toMatch(new RegExp(`from "\\./${chunk.replace(".", "\\.")}"`));
  }
});
