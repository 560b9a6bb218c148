import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");

describe("action.yml", () => {
  const action = parse(read("../action.yml")) as {
    name: string;
    description: string;
    author: string;
    branding: { icon: string; color: string };
    runs: { using: string; main: string };
    inputs: Record<string, { default?: string; required?: boolean }>;
    outputs: Record<string, { description: string }>;
  };

  it("runs the committed bundle on node24 and has the metadata the Marketplace shows", () => {
    expect(action.runs).toEqual({ using: "node24", main: "dist/index.js" });
    expect(action.name).toBe("tunegate report");
    expect(action.description.length).toBeGreaterThan(20);
    expect(action.author).toBe("tunegate");
    expect(action.branding).toEqual({ icon: "bar-chart-2", color: "purple" });
  });

  it("declares exactly the inputs the code reads, and the outputs it sets", () => {
    const source = read("../src/inputs.ts");
    const inputs = [...source.matchAll(/(?:getInput|optional)\(\s*"([a-z-]+)"/g)].map((m) => m[1]);
    expect(Object.keys(action.inputs).sort()).toEqual([...new Set(inputs)].sort());
    const main = read("../src/main.ts");
    const set = [...main.matchAll(/setOutput\(\s*"([a-z-]+)"/g)].map((m) => m[1]);
    expect(Object.keys(action.outputs).sort()).toEqual([...new Set(set)].sort());
    expect(action.inputs.eval?.default).toBe("false");
    expect(action.inputs.config?.default).toBe("tunegate.yml");
    expect(Object.values(action.inputs).every((i) => i.required === false)).toBe(true);
  });
});
