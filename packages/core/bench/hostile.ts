/**
 * Inputs a pull request can shape to be slow: a record with 100,000 unknown keys, a tunegate.yml with
 * 50,000, and a label pattern that backtracks catastrophically. Each is timed once in this process and
 * printed as one JSON line: { case, seconds, reported }.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nodeDatasetIo as io } from "@tunegate/files";
import { ConfigError, parseConfig, resolveCatalog, validateDatasets } from "../src/index";

const HAIKU = resolveCatalog().get("anthropic.claude-3-haiku-20240307-v1:0:200k");
const dir = tmpdir();

async function timed(name: string, work: () => Promise<number> | number): Promise<void> {
  const start = performance.now();
  const reported = await work();
  console.log(JSON.stringify({ case: name, seconds: (performance.now() - start) / 1000, reported }));
}

async function validateOne(line: string, labelPattern?: string): Promise<number> {
  const path = join(dir, "tunegate-bench-hostile.jsonl");
  writeFileSync(path, line);
  const report = await validateDatasets([{ path, role: "train", name: "hostile.jsonl" }], {
    model: HAIKU,
    io,
    ...(labelPattern ? { labelPattern } : {}),
  });
  return report.files[0]!.problems.length;
}

const messages = [
  { role: "user", content: "hi" },
  { role: "assistant", content: `${"a".repeat(50_000)}!` },
];
await timed("record with 100,000 unknown keys", () => {
  const record: Record<string, unknown> = { messages };
  for (let i = 0; i < 100_000; i++) record[`k${i}`] = 1;
  return validateOne(`${JSON.stringify(record)}\n`);
});
await timed("tunegate.yml with 50,000 unknown keys", () => {
  let text = "version: 1\nmodels:\n  m:\n    baseModel: anthropic.claude-3-haiku-20240307-v1:0:200k\n";
  for (let i = 0; i < 50_000; i++) text += `    k${i}: 1\n`;
  try {
    parseConfig(text, { path: "tunegate.yml" });
    return 0;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.issues.length;
  }
});
await timed("label pattern ^(a+)+$ over 50,000 a's and a !", () =>
  validateOne(`${JSON.stringify({ messages })}\n`, "^(a+)+$"),
);
