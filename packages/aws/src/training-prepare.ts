import { resolve } from "node:path";
import {
  calibrateFromHead,
  type DatasetFile,
  datasetModel,
  epochsFor,
  estimatedTokens,
  estimateTrainingCost,
  type JobPlan,
  JobPlanError,
  lifecycleWarning,
  loadTokenizer,
  type ParallelOptions,
  type PlannableModel,
  repositoryName,
  type SeverityOverride,
  type TokenFigure,
  type TrainingCost,
  type ValidationReport,
  validateDatasets,
} from "@tunegate/core";
import { nodeDatasetIo } from "@tunegate/files";
import { type DatasetFiles, hashDatasets, planTrainingJob } from "./training-launch";

/** One model to train: its settings, and where its datasets are on disk and in the repository. */
export interface TrainingTarget {
  model: PlannableModel;
  /** Paths to read. */
  files: DatasetFiles;
  /** Paths as the repository names them, for messages and the PR comment. */
  names: { train: string; validation?: string | undefined };
  severities?: Readonly<Record<string, SeverityOverride>> | undefined;
  labelPattern?: string | undefined;
}

/** A model as tunegate.yml resolves it (`ResolvedModel` has these fields). */
export interface ConfiguredModel extends PlannableModel {
  /** Dataset paths relative to `root`, with "/" separators. */
  training: string;
  validation?: string | undefined;
  labels?: string | undefined;
  severities?: Readonly<Record<string, SeverityOverride>> | undefined;
}

/**
 * The training target of a configured model: dataset paths resolved against the config's directory
 * (`root`) to read them, and named relative to the repository (`repository`, default `root`) as GitHub
 * annotations and the PR comment name them.
 */
export function trainingTarget(
  model: ConfiguredModel,
  root: string,
  repository: string = root,
): TrainingTarget {
  const at = (path: string) => resolve(root, path);
  const named = (path: string) => repositoryName(repository, at(path));
  return {
    model,
    files: {
      train: at(model.training),
      validation: model.validation === undefined ? undefined : at(model.validation),
    },
    names: {
      train: named(model.training),
      validation: model.validation === undefined ? undefined : named(model.validation),
    },
    severities: model.severities,
    labelPattern: model.labels,
  };
}

export interface PrepareOptions {
  commit: string;
  repository: string;
  pullRequest?: number | undefined;
  parallel?: ParallelOptions | undefined;
  onProgress?: ((progress: { file: string; bytesRead: number; totalBytes: number }) => void) | undefined;
  today?: Date;
  /**
   * Whether the cost estimate is calibrated with the tokenizer (default true). Without, it uses the base
   * model's documented characters per token (and says so), and the tokenizer, the slowest thing a check
   * loads, stays unloaded; `calibrateCost` calibrates it later for a job that is started.
   */
  calibrateTokens?: boolean | undefined;
}

export type PreparedTraining =
  /** The data has errors: nothing may be uploaded or started for this model. */
  | { ok: false; stage: "validate"; target: TrainingTarget; report: ValidationReport }
  /** The data is valid but the job cannot be requested (Region, hyperparameters, names, S3 location...). */
  | { ok: false; stage: "plan"; target: TrainingTarget; report: ValidationReport; error: JobPlanError }
  | {
      ok: true;
      target: TrainingTarget;
      report: ValidationReport;
      plan: JobPlan;
      planInput: Parameters<typeof planTrainingJob>[0];
      cost: TrainingCost;
      /** Set for a legacy or end-of-life base model, with its date. */
      lifecycle?: string | undefined;
    };

/**
 * Everything before the first request to AWS, for one model: re-validate the datasets with the model's
 * rules (invalid data never trains, whatever the pull request's check said), hash them, and plan the
 * exact job request, checked against every constraint the API states. Reads files only.
 */
export async function prepareTraining(
  target: TrainingTarget,
  options: PrepareOptions,
): Promise<PreparedTraining> {
  const { model, files } = target;
  const report = await validateTarget(target, options);
  if (report.summary.errors > 0) return { ok: false, stage: "validate", target, report };

  const planInput = {
    model,
    datasets: await hashDatasets(files),
    commit: options.commit,
    repository: options.repository,
    pullRequest: options.pullRequest,
  };
  let plan: JobPlan;
  try {
    plan = planTrainingJob(planInput);
  } catch (error) {
    if (error instanceof JobPlanError) return { ok: false, stage: "plan", target, report, error };
    throw error;
  }
  return {
    ok: true,
    target,
    report,
    plan,
    planInput,
    cost: costOf(target, report.files.find((f) => f.role === "train")!.stats.tokens.total, plan),
    lifecycle: lifecycleWarning(model.baseModel, options.today),
  };
}

/**
 * A prepared training whose cost estimate is calibrated with the tokenizer, as `prepareTraining` gives it
 * by default: for one prepared with `calibrateTokens: false`, the tokens per character are calibrated on
 * the train file's first records, the sample a calibrating check uses, so the cost is the calibrated
 * preparation's without checking the data again. The report and the plan stay.
 */
export async function calibrateCost(
  prepared: Extract<PreparedTraining, { ok: true }>,
  options: PrepareOptions,
): Promise<Extract<PreparedTraining, { ok: true }>> {
  if (options.calibrateTokens !== false) return prepared;
  const { target, report, plan } = prepared;
  const calibration = await calibrateFromHead(
    { path: target.files.train },
    datasetModel(target.model),
    nodeDatasetIo,
    await loadTokenizer(),
  );
  const train = report.files.find((f) => f.role === "train")!;
  const tokens = estimatedTokens(train.stats.characters, calibration);
  return { ...prepared, cost: costOf(target, tokens, plan) };
}

/** The datasets checked with the model's rules. */
function validateTarget(target: TrainingTarget, options: PrepareOptions): Promise<ValidationReport> {
  const { model, files, names } = target;
  const datasetFiles: DatasetFile[] = [{ path: files.train, role: "train", name: names.train }];
  if (files.validation !== undefined) {
    datasetFiles.push({
      path: files.validation,
      role: "validation",
      name: names.validation ?? files.validation,
    });
  }
  return validateDatasets(datasetFiles, {
    model: datasetModel(model),
    io: nodeDatasetIo,
    ...(target.severities ? { severities: target.severities } : {}),
    ...(target.labelPattern === undefined ? {} : { labelPattern: target.labelPattern }),
    ...(options.parallel ? { parallel: options.parallel } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.calibrateTokens === false ? { calibrateTokens: false } : {}),
  });
}

/** The training cost of the train file's estimated tokens over the plan's epochs. */
function costOf(target: TrainingTarget, trainTokens: TokenFigure, plan: JobPlan): TrainingCost {
  const { baseModel } = target.model;
  return estimateTrainingCost(baseModel, trainTokens, epochsFor(baseModel, plan.effectiveHyperparameters));
}
