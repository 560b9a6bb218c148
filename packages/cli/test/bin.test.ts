import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as {
  version: string;
  bin: Record<string, string>;
};

// npm links a package's commands at `npm ci`, before anything is built: a command whose file does not
// exist yet is not linked, and `npx tunegate` then fails with "not found".
describe("the tunegate command as npm links it", () => {
  it("points at a committed launcher, present before any build", () => {
    const target = pkg.bin.tunegate!;
    expect(target).not.toMatch(/(^|\/)dist\//);
    const tracked = execFileSync("git", ["ls-files", "--error-unmatch", target], {
      cwd: packageDir,
      encoding: "utf8",
    });
    expect(tracked.trim()).toBe(target.replace(/^\.\//, ""));
  });

  it("runs the built CLI", () => {
    const r = spawnSync(process.execPath, [join(packageDir, pkg.bin.tunegate!), "--version"], {
      encoding: "utf8",
    });
    expect({ code: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      code: 0,
      stdout: `${pkg.version}\n`,
      stderr: "",
    });
  });

  it("says how to build when the CLI is not built yet", () => {
    const dir = mkdtempSync(join(tmpdir(), "tunegate-unbuilt-"));
    try {
      mkdirSync(join(dir, "bin"));
      copyFileSync(join(packageDir, pkg.bin.tunegate!), join(dir, "bin", "tunegate.js"));
      const r = spawnSync(process.execPath, [join(dir, "bin", "tunegate.js"), "--version"], {
        encoding: "utf8",
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        "tunegate: the CLI is not built yet. Run `npm run build` in the repository, then try again.\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
