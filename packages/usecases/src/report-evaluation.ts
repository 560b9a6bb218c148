import { mkdir, readFile, writeFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import {
  type BaseModel,
  type Catalog,
  checkGates,
  type EvalResults,
  type EvaluationView,
  type GateCheck,
  type GateOptions,
  parseEvalResults,
  readEvalSet,
} from "@tunegate/core";
import { nodeDatasetIo } from "@tunegate/files";
import { evaluateModel } from "./evaluate";
import type { BatchEvaluationOptions } from "./evaluate-batch";

/** What the report needs to evaluate one model's job. */
export interface EvaluationSettings {
  /** The evaluation dataset, in the base model's training format, relative to the workspace. */
  dataset?: string;
  /** The directory `dataset` is relative to (tunegate.yml's); default: the workspace. */
  datasetRoot?: string;
  labelPattern?: string;
  /** The model to evaluate: a provisioned model ARN (a custom model has no on-demand endpoint). */
  target?: string;
  /** What to compare with, e.g. the base model's on-demand id. */
  baseline?: string;
  concurrency?: number;
  maxTokens?: number;
  /** Where a batch inference evaluation keeps its records, and the role Bedrock uses (the model's). */
  storage?: Pick<BatchEvaluationOptions, "bucket" | "prefix" | "roleArn">;
}

export interface EvaluateOptions {
  modelName: string;
  jobName: string;
  region: string;
  baseModel: BaseModel | undefined;
  catalog: Catalog;
  settings: EvaluationSettings;
  /** `eval: <path>`: a results file from the user's own harness, used instead of running one. */
  resultsFile?: string;
  gates: GateOptions;
  /** Batch inference for large sets (with the model's `storage`); absent: one Converse call per case. */
  batch?: Omit<BatchEvaluationOptions, "bucket" | "prefix" | "roleArn">;
  workspace: string;
  outputDir: string;
  log: (message: string) => void;
}

export interface EvaluationOutcome {
  view: EvaluationView;
  /** Set when a results file was written or read. */
  resultsPath?: string;
  gatesFailed: boolean;
}

/**
 * Runs the evaluation a job's comment shows (or reads the user's results), writes the results file and
 * checks the gates. A missing target or dataset is a reason shown in the comment, not an error; a gate
 * set without any evaluation fails, since a gate that is never checked must not pass silently.
 */
export async function evaluateJob(options: EvaluateOptions): Promise<EvaluationOutcome> {
  const { settings } = options;
  const skip = (reason: string) => skippedEvaluation(reason, options.gates);

  let results: EvalResults;
  let resultsPath: string;
  if (options.resultsFile) {
    resultsPath = inWorkspace(options.workspace, options.resultsFile);
    const text = await readFile(resultsPath, "utf8").catch((err: NodeJS.ErrnoException) => {
      throw new Error(
        `Cannot read the evaluation results ${options.resultsFile}: ${err.code ?? err.message}.`,
      );
    });
    results = parseEvalResults(text, options.resultsFile);
    options.log(`Evaluation results read from ${options.resultsFile}.`);
  } else {
    if (!settings.dataset)
      return skip("the model has no evaluation dataset in tunegate.yml (evaluation.dataset).");
    if (!settings.target) {
      return skip(
        "no target model: a fine-tuned model is invoked through Provisioned Throughput. Create one, then set the target-model input to its ARN.",
      );
    }
    if (!options.baseModel)
      return skip("the base model is not in the catalog, so the dataset format is unknown.");
    const set = await readEvalSet(inWorkspace(settings.datasetRoot ?? options.workspace, settings.dataset), {
      model: options.baseModel,
      io: nodeDatasetIo,
      name: settings.dataset,
    });
    if (set.cases.length === 0)
      return skip(`${settings.dataset} has no record with a final assistant reply to compare against.`);
    options.log(
      `Evaluating ${settings.target}${settings.baseline ? ` and ${settings.baseline}` : ""} on ${set.cases.length} cases of ${settings.dataset}.`,
    );
    results = await evaluateModel({
      cases: set.cases,
      skipped: set.skipped.length,
      datasetPath: settings.dataset,
      name: options.modelName,
      target: settings.target,
      ...(settings.baseline ? { baseline: settings.baseline } : {}),
      ...(options.baseModel ? { baseModel: options.baseModel } : {}),
      catalog: options.catalog,
      ...(settings.labelPattern === undefined ? {} : { labelPattern: settings.labelPattern }),
      concurrency: settings.concurrency ?? 4,
      ...(settings.maxTokens === undefined ? {} : { maxTokens: settings.maxTokens }),
      region: options.region,
      ...(options.batch && settings.storage ? { batch: { ...options.batch, ...settings.storage } } : {}),
    });
    await mkdir(options.outputDir, { recursive: true });
    resultsPath = join(
      options.outputDir,
      `tunegate-eval-${safeName(options.modelName)}-${safeName(options.jobName)}.json`,
    );
    await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
    options.log(`Evaluation results written to ${resultsPath}.`);
  }
  const gates = checkGates(results, options.gates);
  return {
    view: { results, gates },
    resultsPath,
    gatesFailed: gates.some((g) => !g.passed),
  };
}

/**
 * An evaluation that did not run, with the reason the comment shows. A gate set without any evaluation
 * fails, since a gate that is never checked must not pass silently.
 */
export function skippedEvaluation(reason: string, gates: GateOptions): EvaluationOutcome {
  const gatesAsked = gates.minAccuracy !== undefined || gates.maxRegression !== undefined;
  return {
    view: {
      skipped: reason,
      ...(gatesAsked
        ? {
            gates: [
              {
                gate: gates.minAccuracy !== undefined ? "min-accuracy" : "max-regression",
                threshold: gates.minAccuracy ?? gates.maxRegression ?? 0,
                passed: false,
                message: `a gate is set but no evaluation ran: ${reason}`,
              },
            ],
          }
        : {}),
    },
    gatesFailed: gatesAsked,
  };
}

function inWorkspace(workspace: string, path: string): string {
  return isAbsolute(path) ? path : resolve(workspace, path);
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 80);
}

/**
 * Whether a gate the user set failed: with deploy, the default max-regression 0 only keeps production
 * as it is, and does not fail the step.
 */
export function userGateFailed(evaluation: EvaluationOutcome | undefined, gates: GateOptions): boolean {
  const set = (g: GateCheck) => (g.gate === "min-accuracy" ? gates.minAccuracy : gates.maxRegression);
  return evaluation?.view.gates?.some((g) => !g.passed && set(g) !== undefined) ?? false;
}
