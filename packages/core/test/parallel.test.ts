import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import type { BaseModel, DatasetFile, ValidateOptions } from "../src/index";
import { validateDatasets } from "./engine";
import { claudeRecord, HAIKU, NOVA_LITE, REAL, TITAN, tempFile } from "./support";

// Worker threads run JavaScript, so the worker entry is bundled the way the CLI and actions ship it.
let script: string;
beforeAll(async () => {
  script = join(mkdtempSync(join(tmpdir(), "tunegate-worker-")), "dataset-worker.mjs");
  // The worker as the entry points ship it: @tunegate/files runs core's worker body on a real thread.
  const entry = fileURLToPath(new URL("../../files/src/dataset-worker.ts", import.meta.url));
  await build({
    stdin: {
      contents: `import { runDatasetWorker } from ${JSON.stringify(entry)}; runDatasetWorker();`,
      resolveDir: ".",
      loader: "ts",
    },
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: script,
    logLevel: "warning",
  });
});

async function bothWays(files: DatasetFile[], options: Omit<ValidateOptions, "io">) {
  const serial = await validateDatasets(files, options);
  const parallel = await validateDatasets(files, {
    ...options,
    parallel: { script, threads: 2, minBytes: 0 },
  });
  return { serial, parallel };
}

/** Every kind of problem, repeated past several 1 MiB batches so they land on different workers. */
function adversarial(): string {
  const lines: string[] = [`\ufeff${claudeRecord("first", "ROUTE: a")}`];
  for (let i = 0; i < 12_000; i++) {
    const n = i % 10;
    if (n === 0) lines.push("");
    else if (n === 1) lines.push('{"messages": [');
    else if (n === 2) lines.push(claudeRecord(`dup ${i % 7}`, "ROUTE: same"));
    else if (n === 3) lines.push(claudeRecord(`dup ${i % 7}`, `ROUTE: other ${i}`));
    else if (n === 4) lines.push(`${claudeRecord(`mail me at jane${i}@example.com`, "ROUTE: b")}\r`);
    else if (n === 5)
      lines.push(
        JSON.stringify({
          messages: [
            { role: "user", content: "x" },
            { role: "user", content: "y" },
          ],
        }),
      );
    else if (n === 6)
      lines.push(claudeRecord(`key AKIAIOSFODNN7EXAMPL${i % 10} ${"pad ".repeat(200)}`, "ROUTE: c"));
    else lines.push(claudeRecord(`question ${i} ${"lorem ipsum ".repeat(40)}`, `ROUTE: r${i % 4}`));
  }
  return `${lines.join("\n")}\n`;
}

describe("checking on worker threads gives the same report as on one thread", () => {
  const cases: [string, string, BaseModel][] = [
    ["claude-cookbook-json-mode.jsonl", HAIKU.name, HAIKU],
    ["bedrock-samples-tooluse-test.nova.jsonl", NOVA_LITE.name, NOVA_LITE],
    ["bedrock-samples-tooluse-test.nova.jsonl", HAIKU.name, HAIKU],
    ["bedrock-samples-distillation-uber10k.jsonl", TITAN.name, TITAN],
  ];
  it.each(cases)("%s as %s", async (file, _name, model) => {
    const { serial, parallel } = await bothWays([{ path: join(REAL, file), role: "train", name: file }], {
      model,
      labelPattern: "(\\w+)",
      maxProblemsPerFile: 100_000,
    });
    expect(parallel).toEqual(serial);
  });

  it("on a multi-batch file with every kind of problem, and a validation file beside it", async () => {
    const content = adversarial();
    expect(Buffer.byteLength(content)).toBeGreaterThan(3 * 1024 * 1024);
    const files: DatasetFile[] = [
      { path: tempFile(content), role: "train", name: "train.jsonl" },
      {
        path: tempFile(`${claudeRecord(`question 7 ${"lorem ipsum ".repeat(40)}`, "ROUTE: r3")}\n`),
        role: "validation",
        name: "v.jsonl",
      },
    ];
    const { serial, parallel } = await bothWays(files, {
      model: HAIKU,
      labelPattern: "^ROUTE: (\\S+)",
      maxProblemsPerFile: 100_000,
    });
    expect(parallel).toEqual(serial);
    const rules = new Set(serial.files[0]!.problems.map((p) => p.rule));
    for (const rule of [
      "file/bom",
      "file/crlf",
      "file/empty-line",
      "json/invalid",
      "dataset/duplicate-record",
      "dataset/conflicting-answers",
      "sensitive/personal-data",
      "sensitive/secret",
      "claude/roles-alternate",
    ]) {
      expect(rules).toContain(rule);
    }
    expect(serial.files[1]!.problems.map((p) => p.rule)).toContain("dataset/validation-leak");
  });
});
