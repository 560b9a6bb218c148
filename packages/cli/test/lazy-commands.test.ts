// A command loads only what it uses: the top-level help and `validate` without a tunegate.yml load
// neither the AWS SDK, nor the YAML parser, nor the tokenizer. Checked on the built bundle (the test
// setup builds it): the files a run reaches through static imports, from the entry or a command's chunk.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { COMMANDS } from "../src/commands/index";

const dir = () => dirname(inject("cliPath"));

/** The file and every chunk it imports statically (a dynamic import() is loaded only when it runs). */
function staticClosure(file: string): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const text = readFileSync(join(dir(), name), "utf8");
    for (const m of text.matchAll(/^import\s(?:[^;]*?\sfrom\s)?"\.\/([^"]+\.js)";/gm)) visit(m[1]!);
  };
  visit(file);
  return [...seen];
}

/** The chunk the entry loads for a command: the target of the import() next to its name. */
function commandChunk(name: string): string {
  const entry = readFileSync(join(dir(), "cli.js"), "utf8");
  const at = entry.indexOf(`name: "${name}"`);
  const m = /import\("\.\/([^"]+\.js)"\)/.exec(entry.slice(at));
  if (at === -1 || !m) throw new Error(`no chunk for ${name} in cli.js`);
  return m[1]!;
}

const MARKERS = {
  "the AWS SDK": "BedrockClient",
  "the YAML parser": "YAMLParseError",
  "the tokenizer": "GptEncoding",
};
const carries = (files: string[]) =>
  Object.entries(MARKERS)
    .filter(([, marker]) => files.some((f) => readFileSync(join(dir(), f), "utf8").includes(marker)))
    .map(([what]) => what);

describe("the CLI bundle", () => {
  it("lists every command by the name its module gives it", async () => {
    for (const entry of COMMANDS) expect((await entry.load()).name).toBe(entry.name);
  });

  it("starts with none of the AWS SDK, the YAML parser or the tokenizer", () => {
    expect(carries(staticClosure("cli.js"))).toEqual([]);
  });

  it("validates without them too; an AWS command loads the AWS SDK", () => {
    expect(carries(staticClosure(commandChunk("validate")))).toEqual([]);
    expect(carries(staticClosure(commandChunk("train")))).toContain("the AWS SDK");
  });
});
