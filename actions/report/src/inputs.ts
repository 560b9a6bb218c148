import * as core from "@actions/core";
import { parseFraction, UserError } from "@tunegate/core";

export interface ReportInputs {
  config: string;
  /** Job names or ARNs to report; empty: every job of this repository not yet reported in its final state. */
  jobs: string[];
  token: string;
  /** false: no evaluation; true: run one; a path: a results file from the user's own harness. */
  evaluation: { kind: "off" } | { kind: "run" } | { kind: "file"; path: string };
  targetModel?: string;
  baselineModel?: string;
  minAccuracy?: number;
  maxRegression?: number;
  fromReport?: string;
  provisioned?: { identifier: string; teardown: boolean };
  /** Batch inference above this many cases; undefined: never. */
  batchAbove?: number;
  batchWaitMs: number;
}

export class InputError extends UserError {
  override name = "InputError";
}

const optional = (name: string): string | undefined => {
  const value = core.getInput(name).trim();
  return value === "" ? undefined : value;
};

export function readInputs(): ReportInputs {
  const evalInput = (core.getInput("eval") || "false").trim();
  const evaluation: ReportInputs["evaluation"] =
    evalInput === "false" || evalInput === ""
      ? { kind: "off" }
      : evalInput === "true"
        ? { kind: "run" }
        : { kind: "file", path: evalInput };
  const token = core.getInput("github-token") || process.env.GITHUB_TOKEN || "";
  if (token === "")
    throw new InputError(
      "github-token is empty: pass the workflow's github.token or a token that may comment.",
    );
  let minAccuracy: number | undefined;
  let maxRegression: number | undefined;
  try {
    minAccuracy = parseFraction("min-accuracy", core.getInput("min-accuracy"));
    maxRegression = parseFraction("max-regression", core.getInput("max-regression"));
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  const batchAboveText = (core.getInput("batch-above") || "1000").trim();
  const batchAbove = batchAboveText === "never" ? undefined : Number(batchAboveText);
  if (batchAbove !== undefined && !(Number.isInteger(batchAbove) && batchAbove >= 0)) {
    throw new InputError(`batch-above takes a whole number of cases or "never"; got "${batchAboveText}".`);
  }
  const waitText = (core.getInput("batch-wait-minutes") || "300").trim();
  const waitMinutes = Number(waitText);
  // 0: submit (or find) the batch job, look once, and leave a running one to the next run.
  if (!(Number.isFinite(waitMinutes) && waitMinutes >= 0)) {
    throw new InputError(`batch-wait-minutes takes minutes (0 or more); got "${waitText}".`);
  }
  const teardownText = (core.getInput("teardown") || "false").trim();
  if (teardownText !== "true" && teardownText !== "false") {
    throw new InputError(`teardown takes true or false; got "${teardownText}".`);
  }
  const inputs: ReportInputs = {
    config: core.getInput("config") || "tunegate.yml",
    jobs: core
      .getInput("jobs")
      .split(/[\s,]+/)
      .filter((j) => j !== ""),
    token,
    evaluation,
    ...(batchAbove === undefined ? {} : { batchAbove }),
    batchWaitMs: waitMinutes * 60_000,
  };
  const provisioned = optional("provisioned-model");
  if (provisioned) inputs.provisioned = { identifier: provisioned, teardown: teardownText === "true" };
  const target = optional("target-model");
  const baseline = optional("baseline-model");
  const fromReport = optional("from-report");
  if (target) inputs.targetModel = target;
  if (baseline) inputs.baselineModel = baseline;
  if (minAccuracy !== undefined) inputs.minAccuracy = minAccuracy;
  if (maxRegression !== undefined) inputs.maxRegression = maxRegression;
  if (fromReport) inputs.fromReport = fromReport;
  return inputs;
}
