import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DatasetFile, resolveCatalog, type ValidateOptions } from "../src/index";
import { validateDatasets } from "./engine";

/** The real public datasets shared with the project (never edited). */
export const REAL = fileURLToPath(new URL("../../../../shared/fixtures/real/", import.meta.url));

export const catalog = resolveCatalog();
export const HAIKU = catalog.get("anthropic.claude-3-haiku-20240307-v1:0:200k");
export const NOVA_LITE = catalog.get("amazon.nova-lite-v1:0:300k");
export const NOVA_MICRO = catalog.get("amazon.nova-micro-v1:0:128k");
export const TITAN = catalog.get("amazon.titan-text-express-v1:0:8k");

const dir = mkdtempSync(join(tmpdir(), "tunegate-core-"));
let n = 0;

/** Writes `content` to a fresh temp file and returns its path. */
export function tempFile(content: string | Buffer, name = `data-${++n}.jsonl`): string {
  const path = join(dir, `${++n}-${name}`);
  writeFileSync(path, content);
  return path;
}

export const claudeRecord = (
  user = "My card was charged twice",
  assistant = "ROUTE: billing",
  system?: string,
) =>
  JSON.stringify({
    ...(system === undefined ? {} : { system }),
    messages: [
      { role: "user", content: user },
      { role: "assistant", content: assistant },
    ],
  });

/** `count` distinct valid Claude records, one per line. */
export function claudeLines(
  count: number,
  make = (i: number) => claudeRecord(`question ${i}`, `ROUTE: r${i % 3}`),
): string {
  return `${Array.from({ length: count }, (_, i) => make(i)).join("\n")}\n`;
}

export async function check(
  content: string | Buffer,
  options: Partial<ValidateOptions> & { role?: DatasetFile["role"] } = {},
) {
  const path = tempFile(content);
  const { role = "train", ...rest } = options;
  const report = await validateDatasets([{ path, role, name: "data.jsonl" }], { model: HAIKU, ...rest });
  return report.files[0]!;
}

/** Only the problems of `rule`, as `line:column path` strings, for compact assertions. */
export function where(
  problems: readonly { rule: string; line: number; column: number; path: string }[],
  rule: string,
) {
  return problems
    .filter((p) => p.rule === rule)
    .map((p) => `${p.line}:${p.column}${p.path ? ` ${p.path}` : ""}`);
}
