import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

describe("action.yml", () => {
  const action = parse(read("../action.yml")) as {
    runs: { using: string; main: string };
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
  };

  it("runs the committed bundle on node24", () => {
    expect(action.runs).toEqual({ using: "node24", main: "dist/index.js" });
  });

  it("declares exactly the inputs the code reads, and the outputs it sets", () => {
    const source = read("../src/inputs.ts");
    const inputs = [...source.matchAll(/(?:getInput|booleanInput)\(\s*"([a-z-]+)"/g)].map((m) => m[1]);
    expect(Object.keys(action.inputs).sort()).toEqual([...new Set(inputs)].sort());
    const main = read("../src/main.ts");
    const set = [...main.matchAll(/setOutput\(\s*"([a-z-]+)"/g)].map((m) => m[1]);
    expect(Object.keys(action.outputs).sort()).toEqual([...new Set(set)].sort());
    expect(action.inputs["dry-run"]?.default).toBe("false");
    expect(action.inputs.wait?.default).toBe("0");
    expect(action.inputs.comment?.default).toBe("true");
  });
});
