// The report action's inputs as the runner passes them (INPUT_* variables): batch-wait-minutes takes
// 0 (look at the batch job once and leave it to a re-run) and refuses what is not a number of minutes.
import { afterEach, describe, expect, it } from "vitest";
import { InputError, readInputs } from "../src/inputs";

const set = (name: string, value: string) => {
  process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
};

afterEach(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith("INPUT_")) delete process.env[key];
});

describe("batch-wait-minutes", () => {
  it("defaults to 300 minutes", () => {
    set("github-token", "t");
    expect(readInputs().batchWaitMs).toBe(300 * 60_000);
  });

  it("takes 0: no wait at all", () => {
    set("github-token", "t");
    set("batch-wait-minutes", "0");
    expect(readInputs().batchWaitMs).toBe(0);
  });

  it("takes a fraction of a minute", () => {
    set("github-token", "t");
    set("batch-wait-minutes", "0.5");
    expect(readInputs().batchWaitMs).toBe(30_000);
  });

  it.each(["-1", "soon", "Infinity"])("refuses %s with the input's name", (value) => {
    set("github-token", "t");
    set("batch-wait-minutes", value);
    expect(() => readInputs()).toThrow(InputError);
    expect(() => readInputs()).toThrow(`batch-wait-minutes takes minutes (0 or more); got "${value}".`);
  });
});
