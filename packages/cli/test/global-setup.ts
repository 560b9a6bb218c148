import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** dist/cli.js, copied to a temp folder with no node_modules anywhere above it. */
    cliPath: string;
  }
}

/**
 * Builds the bundle (so a test never runs a stale one) and copies it out of the repository: the copy
 * can resolve no node_modules, so it proves the bundle carries every dependency, tokenizer included.
 */
export default function setup(project: TestProject) {
  const packageDir = fileURLToPath(new URL("..", import.meta.url));
  execFileSync(process.execPath, ["build.mjs"], { cwd: packageDir, stdio: "inherit" });
  const dir = mkdtempSync(join(tmpdir(), "tunegate-cli-bundle-"));
  const cliPath = join(dir, "cli.js");
  // The entry, the worker and the chunks they load: the whole folder, as the package ships it.
  cpSync(join(packageDir, "dist"), dir, { recursive: true });
  project.provide("cliPath", cliPath);
  return () => rmSync(dir, { recursive: true, force: true });
}
