import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveCatalog } from "@tunegate/core";

/** The real public datasets shared with the project (never edited). */
export const REAL = fileURLToPath(new URL("../../../../shared/fixtures/real/", import.meta.url));

export const catalog = resolveCatalog();

const dir = mkdtempSync(join(tmpdir(), "tunegate-convert-"));
let n = 0;

/** Writes `content` to a fresh temp file and returns its path. */
export function tempFile(content: string | Buffer, name = `data-${++n}.jsonl`): string {
  const path = join(dir, `${++n}-${name}`);
  writeFileSync(path, content);
  return path;
}
