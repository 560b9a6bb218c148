import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, ConfigNotFoundError, datasetsOf, validateDatasets } from "@tunegate/core";
import { describe, expect, it } from "vitest";
import { loadConfig, nodeDatasetIo } from "../src/index";

const FIXTURES = fileURLToPath(new URL("../../core/test/fixtures/config/", import.meta.url));
const VALID = readFileSync(`${FIXTURES}valid.yml`, "utf8");
const BEFORE_EOL = new Date("2026-01-01T00:00:00Z");

/** `count` distinct valid Claude records, one per line. */
const claudeLines = (count: number): string =>
  `${Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      messages: [
        { role: "user", content: `question ${i}` },
        { role: "assistant", content: `ROUTE: r${i % 3}` },
      ],
    }),
  ).join("\n")}\n`;

describe("loadConfig and the dataset engine", () => {
  it("feeds the dataset engine directly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tunegate-config-"));
    mkdirSync(join(dir, "data"));
    writeFileSync(join(dir, "data", "train.jsonl"), claudeLines(40));
    writeFileSync(
      join(dir, "tunegate.yml"),
      `version: 1
models:
  m:
    baseModel: anthropic.claude-3-haiku-20240307-v1:0:200k
    training: data/train.jsonl
    s3: { bucket: my-bucket }
    roleArn: arn:aws:iam::123456789012:role/FineTune
    severities: { dataset/too-few-records: "off" }
`,
    );
    const { config: loaded } = await loadConfig(join(dir, "tunegate.yml"), { today: BEFORE_EOL });
    const m = loaded.models[0]!;
    const report = await validateDatasets(datasetsOf(m, loaded.root), {
      model: m.baseModel,
      io: nodeDatasetIo,
      severities: m.severities,
    });
    // The engine read the absolute path and names the file as the config does.
    expect(report.files.map((f) => [f.path, f.records])).toEqual([["data/train.jsonl", 40]]);
    expect(report.summary.errors).toBe(0);
  });
});

describe("loadConfig", () => {
  const dir = mkdtempSync(join(tmpdir(), "tunegate-config-load-"));

  it("reads the file, with dataset paths relative to its directory, and a byte-order mark ignored", async () => {
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "sub", "tunegate.yml"), `\ufeff${VALID}`);
    const { config, warnings } = await loadConfig(join(dir, "sub", "tunegate.yml"), { today: BEFORE_EOL });
    expect(config.root).toBe(join(dir, "sub"));
    expect(config.models).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    expect(datasetsOf(config.models[0]!, config.root)[0]!.path).toBe(
      join(dir, "sub", "datasets/support-router/train.jsonl"),
    );
  });

  it("names the missing file and says how to create one", async () => {
    const missing = join(dir, "nope", "tunegate.yml");
    const error = await loadConfig(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigNotFoundError);
    expect(error).toBeInstanceOf(ConfigError);
    const issue = (error as ConfigError).issues[0]!;
    expect(issue.message).toBe(`no config file at ${missing}`);
    expect(issue.hint).toContain("create tunegate.yml");
    expect((error as Error).message).toContain(missing);
  });

  it("says so when the path is a directory", async () => {
    const error = await loadConfig(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]!.message).toContain("is a directory");
  });

  it("reports problems with the file's path", async () => {
    const file = join(dir, "bad.yml");
    writeFileSync(file, "version: 1\nmodels: {}\n");
    const error = (await loadConfig(file).catch((e: unknown) => e)) as ConfigError;
    expect(error.file).toBe(file);
    expect(error.message).toContain(`${file}:2:9: models: declare at least one model`);
  });
});
