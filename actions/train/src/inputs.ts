import * as core from "@actions/core";
import { UserError } from "@tunegate/core";

export interface TrainInputs {
  config: string;
  /** Model names to train; empty: the models the push changed. */
  models: string[];
  dryRun: boolean;
  /** Minutes to wait for the jobs to end; 0: do not wait. */
  waitMinutes: number;
  githubToken: string;
  comment: boolean;
}

export class InputError extends UserError {
  override name = "InputError";
}

/** The step's inputs, as action.yml declares them (defaults repeated for runs outside a workflow). */
export function readInputs(): TrainInputs {
  const wait = core.getInput("wait") || "0";
  const waitMinutes = Number(wait);
  if (!Number.isFinite(waitMinutes) || waitMinutes < 0 || waitMinutes > 24 * 60) {
    throw new InputError(`wait takes minutes from 0 to 1440 (a job runs for hours at most); got "${wait}".`);
  }
  return {
    config: core.getInput("config") || "tunegate.yml",
    models: core
      .getInput("models")
      .split(/[,\n]/)
      .map((m) => m.trim())
      .filter((m) => m !== ""),
    dryRun: booleanInput("dry-run", false),
    waitMinutes,
    githubToken: core.getInput("github-token"),
    comment: booleanInput("comment", true),
  };
}

function booleanInput(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name).trim().toLowerCase();
  if (raw === "") return fallback;
  if (["true", "yes", "1"].includes(raw)) return true;
  if (["false", "no", "0"].includes(raw)) return false;
  throw new InputError(`${name} takes true or false; got "${core.getInput(name)}".`);
}
