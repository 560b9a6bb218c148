import {
  type BaseModel,
  type DatasetFile,
  DatasetReadError,
  datasetModel,
  type ValidateOptions,
  type ValidationReport,
  validateDatasets,
} from "@tunegate/core";
import { nodeDatasetIo } from "@tunegate/files";
import { type DatasetSettings, datasetSettings } from "./config";
import { type Io, UsageError } from "./io";
import { checkLabelPattern, DEFAULT_BASE_MODEL, resolveModel } from "./options";
import { parallelOption } from "./parallel";
import { progressBar } from "./terminal";

/** The flags `validate` and `stats` share for choosing the rules a dataset is checked with. */
export interface CheckFlags {
  config?: string | undefined;
  model?: string | undefined;
  "base-model"?: string | undefined;
  "label-pattern"?: string | undefined;
}

export interface CheckSettings {
  settings: DatasetSettings | undefined;
  /** The tunegate.yml model whose datasets these are, when there is one. */
  configured: DatasetSettings["model"];
  model: BaseModel;
  labelPattern: string | undefined;
}

/**
 * The base model and label pattern for checking `paths`: the flags win over tunegate.yml (its model for
 * these files, as the pull-request check reads it), tunegate.yml over the built-in defaults.
 */
export async function checkSettings(
  io: Io,
  flags: CheckFlags,
  paths: readonly string[],
): Promise<CheckSettings> {
  const settings = await datasetSettings(io, flags.config, flags.model, paths);
  const configured = settings?.model;
  const labelPattern = checkLabelPattern(flags["label-pattern"] ?? configured?.labels);
  const model =
    flags["base-model"] === undefined && configured
      ? datasetModel(configured)
      : resolveModel(flags["base-model"] ?? DEFAULT_BASE_MODEL, io, settings?.config.catalog);
  return { settings, configured, model, labelPattern };
}

/**
 * Validates datasets with a progress bar on a terminal's stderr and the worker threads; a dataset that
 * cannot be read is bad usage (exit 2), not a problem in the data.
 */
export async function checkDatasets(
  io: Io,
  files: DatasetFile[],
  options: Omit<ValidateOptions, "onProgress" | "io">,
): Promise<ValidationReport> {
  const progress = progressBar(io.stderr);
  try {
    return await validateDatasets(files, {
      io: nodeDatasetIo,
      ...parallelOption(),
      ...options,
      ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
    });
  } catch (err) {
    if (err instanceof DatasetReadError) throw new UsageError(err.message);
    throw err;
  } finally {
    progress?.done();
  }
}
