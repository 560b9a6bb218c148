// The committed bundles are what the runner executes: they must be what the source builds to today
// (the "check dist" job of the model action repositories, as a test).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const actionDir = fileURLToPath(new URL("..", import.meta.url));

it("the committed dist/index.js and dist/dataset-worker.js are a fresh build of the source", () => {
  const dir = mkdtempSync(join(tmpdir(), "tunegate-validate-dist-"));
  try {
    execFileSync(process.execPath, ["build.mjs", dir], { cwd: actionDir, stdio: "pipe" });
    for (const file of ["index.js", "dataset-worker.js"]) {
      const fresh = readFileSync(join(dir, file), "utf8");
      const committed = execFileSync("git", ["show", `HEAD:./dist/${file}`], {
        cwd: actionDir,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(
        fresh === committed,
        `dist/${file} in HEAD is stale: run \`npm run build -w actions/validate\` and commit dist/`,
      ).toBe(true);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it("action.yml runs the bundle on Node 24 and documents every input and output the code reads", () => {
  const yml = readFileSync(join(actionDir, "action.yml"), "utf8");
  expect(yml).toMatch(/^runs:\n {2}using: node24\n {2}main: dist\/index\.js$/m);
  const source = ["src/inputs.ts", "src/main.ts"]
    .map((f) => readFileSync(join(actionDir, f), "utf8"))
    .join("\n");
  const read = [...source.matchAll(/(?:getInput|booleanInput)\("([a-z-]+)"/g)].map((m) => m[1]).sort();
  const set = [...source.matchAll(/setOutput\("([a-z-]+)"/g)].map((m) => m[1]).sort();
  const section = (name: string) => yml.split(`\n${name}:\n`)[1]!.split(/\n[a-z]+:\n/)[0]!;
  const declared = (name: string) =>
    [...section(name).matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]).sort();
  expect(declared("inputs")).toEqual([...new Set(read)]);
  expect(declared("outputs")).toEqual(set);
});
