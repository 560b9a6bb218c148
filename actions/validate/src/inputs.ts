import * as core from "@actions/core";
import type { FailOn } from "@tunegate/core";

export interface Inputs {
  config: string;
  token: string;
  comment: boolean;
  failOn: FailOn;
  all: boolean;
  /** Where to write SARIF; undefined for none. */
  sarif: string | undefined;
  /** Records per RFT dataset to send to its grader; 0: no grader check. */
  gradeSample: number;
  gradeTopScore: number;
}

const FAIL_ON: readonly FailOn[] = ["error", "warning", "never"];

/** The inputs action.yml declares, checked: a bad value stops the step before any work. */
export function readInputs(): Inputs {
  const failOn = (core.getInput("fail-on") || "error").trim().toLowerCase();
  if (!(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new Error(`fail-on takes ${FAIL_ON.join(", ")}; got "${failOn}".`);
  }
  const sarif = core.getInput("sarif").trim();
  return {
    config: core.getInput("config").trim() || "tunegate.yml",
    token: core.getInput("github-token").trim(),
    comment: booleanInput("comment", true),
    failOn: failOn as FailOn,
    all: booleanInput("all", false),
    sarif: sarif === "" ? undefined : sarif,
    gradeSample: wholeNumber("grade-sample", core.getInput("grade-sample"), 0, 1_000),
    gradeTopScore: finiteNumber("grade-top-score", core.getInput("grade-top-score"), 1),
  };
}

function wholeNumber(name: string, input: string, min: number, max: number): number {
  const value = input.trim() || "0";
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new Error(`${name} takes a whole number from ${min} to ${max}; got "${value}".`);
  }
  return n;
}

function finiteNumber(name: string, input: string, fallback: number): number {
  const value = input.trim();
  if (value === "") return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${name} takes a number; got "${value}".`);
  return n;
}

function booleanInput(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).trim().toLowerCase();
  if (value === "") return fallback;
  if (["true", "yes", "1"].includes(value)) return true;
  if (["false", "no", "0"].includes(value)) return false;
  throw new Error(`${name} takes true or false; got "${value}".`);
}
