// action.yml is what the runner and the Marketplace read: it must run the shared bundle on Node 24 and
// declare what the code reads and sets.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const actionDir = fileURLToPath(new URL("..", import.meta.url));

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
