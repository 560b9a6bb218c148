import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire as createRequireFrom } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { extractSubset } from "./extract-subset";
import type { ContractSubset, JsonValue } from "./types";

// Bump when extract-subset or normalize-schema change what they produce: it is part of the cache key.
const EXTRACTOR_VERSION = 1;
const DESCRIPTION_PACKAGE = "@octokit/openapi";

export type ContractSource = "memory" | "cache" | "description";

export interface LoadedContract {
  subset: ContractSubset;
  /** Where the subset came from this time: the process memo, the on-disk cache, or a fresh extraction. */
  source: ContractSource;
  loadMs: number;
  cacheFile: string;
}

const memo = new Map<string, ContractSubset>();

function descriptionPackage(): { dir: string; version: string } {
  // `import.meta.url` is empty when a caller bundles this module to CommonJS; resolve from the working
  // directory then (the repository root, for the demo).
  const from = typeof import.meta.url === "string" ? import.meta.url : join(process.cwd(), "index.js");
  const require = createRequireFrom(from);
  const manifestPath = require.resolve(`${DESCRIPTION_PACKAGE}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { version: string };
  return { dir: dirname(manifestPath), version: manifest.version };
}

function cacheDirectories(packageDir: string): string[] {
  // node_modules/@octokit/openapi -> node_modules/.cache, the conventional home of tool caches.
  const nodeModules = resolve(packageDir, "..", "..");
  return [join(nodeModules, ".cache", "tunegate-github-local"), join(tmpdir(), "tunegate-github-local")];
}

function readCache(files: string[], served: readonly string[]): ContractSubset | null {
  for (const file of files) {
    try {
      const subset = JSON.parse(readFileSync(file, "utf8")) as ContractSubset;
      if (served.every((key) => subset.operations?.[key]?.key === key) && Array.isArray(subset.routes)) {
        return subset;
      }
    } catch {
      // missing or half-written by a crashed run: try the next location, then re-extract
    }
  }
  return null;
}

function writeCache(files: string[], subset: ContractSubset): void {
  const text = JSON.stringify(subset);
  for (const file of files) {
    try {
      mkdirSync(dirname(file), { recursive: true });
      // Write then rename: parallel test workers may extract at the same time and must never read a
      // partial file.
      const partial = `${file}.${process.pid}.${Date.now()}.partial`;
      writeFileSync(partial, text);
      renameSync(partial, file);
      return;
    } catch {
      // read-only node_modules: fall through to the temp directory
    }
  }
}

/**
 * Loads the contract of the served operations. The full description is 13 MB (70 MB dereferenced), so
 * the extracted subset is cached on disk, keyed by the description's version and the served operations,
 * and kept in memory for the next stand-in of the same process.
 */
export function loadContract(
  served: readonly string[],
  options: { cacheDirectories?: string[]; memo?: boolean } = {},
): LoadedContract {
  const started = performance.now();
  const pkg = descriptionPackage();
  const key = createHash("sha256")
    .update(JSON.stringify({ v: EXTRACTOR_VERSION, version: pkg.version, served: [...served].sort() }))
    .digest("hex")
    .slice(0, 16);
  const files = (options.cacheDirectories ?? cacheDirectories(pkg.dir)).map((dir) =>
    join(dir, `api.github.com-${pkg.version}-${key}.json`),
  );
  const done = (subset: ContractSubset, source: ContractSource): LoadedContract => {
    if (options.memo !== false) memo.set(key, subset);
    return { subset, source, loadMs: performance.now() - started, cacheFile: files[0] as string };
  };

  const remembered = options.memo === false ? undefined : memo.get(key);
  if (remembered) return done(remembered, "memory");
  const cached = readCache(files, served);
  if (cached) return done(cached, "cache");

  const description = JSON.parse(
    readFileSync(join(pkg.dir, "generated", "api.github.com.json"), "utf8"),
  ) as JsonValue;
  if (typeof description !== "object" || description === null || Array.isArray(description)) {
    throw new Error(`${DESCRIPTION_PACKAGE}: api.github.com.json is not an OpenAPI document`);
  }
  const subset = extractSubset(description, served, { package: DESCRIPTION_PACKAGE, version: pkg.version });
  writeCache(files, subset);
  return done(subset, "description");
}
