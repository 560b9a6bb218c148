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
  };
}

function booleanInput(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).trim().toLowerCase();
  if (value === "") return fallback;
  if (["true", "yes", "1"].includes(value)) return true;
  if (["false", "no", "0"].includes(value)) return false;
  throw new Error(`${name} takes true or false; got "${value}".`);
}
