import { statSync } from "node:fs";
import { resolve } from "node:path";
import {
  type DatasetRole,
  DEFAULT_CONFIG_FILE,
  type ResolvedConfig,
  type ResolvedModel,
} from "@tunegate/core";
import { type Io, UsageError } from "./io";

// The loader (the YAML parser, the config schema) is loaded only when there is a config to read.
const loader = () => import("./config-load");

/** What is wrong with a dataset on disk, for the config loader to report at the dataset's line. */
const datasetProblem = (path: string): string | undefined => {
  const info = statSync(path, { throwIfNoEntry: false });
  if (info === undefined) return "no such file";
  if (info.isDirectory()) return "is a directory, not a dataset file";
  return undefined;
};

/**
 * The configuration a command works on, and the models it names (all of them when it names none).
 * A broken or missing tunegate.yml, a dataset it names that is not there, or an unknown model name is
 * bad usage (exit 2), every problem at once; warnings go to stderr.
 */
export async function loadCommandConfig(
  io: Io,
  configArg: string,
  modelNames: readonly string[],
): Promise<{ configPath: string; config: ResolvedConfig; models: ResolvedModel[] }> {
  const { configPath, config } = await (await loader()).load(io, configArg, { datasetProblem });
  const unknown = modelNames.filter((m) => !config.models.some((c) => c.name === m));
  if (unknown.length > 0) {
    throw new UsageError(
      `${configArg} defines no model ${unknown.map((m) => `"${m}"`).join(", ")}. Defined: ${config.models.map((m) => m.name).join(", ") || "none"}.`,
    );
  }
  const models =
    modelNames.length > 0 ? config.models.filter((m) => modelNames.includes(m.name)) : config.models;
  return { configPath, config, models };
}

/** The settings tunegate.yml gives the datasets a `validate` or `stats` call checks. */
export interface DatasetSettings {
  config: ResolvedConfig;
  /** The model whose datasets these are (or the one --model names): its base model, severities, labels. */
  model?: ResolvedModel;
  /** The role tunegate.yml gives a file (by absolute path): training or validation. */
  roleOf(absolutePath: string): DatasetRole | undefined;
}

/**
 * tunegate.yml for `validate` and `stats`, read as the pull-request check reads it: `--config FILE`,
 * else tunegate.yml in the current directory when there is one (none: undefined, the flags alone
 * apply). Files it lists as a model's datasets take that model's settings, so the CLI and the check
 * agree on them; files of two models in one call are bad usage, as their rules differ.
 */
export async function datasetSettings(
  io: Io,
  configArg: string | undefined,
  modelName: string | undefined,
  files: readonly string[],
): Promise<DatasetSettings | undefined> {
  if (configArg === undefined) {
    const found = statSync(resolve(io.cwd, DEFAULT_CONFIG_FILE), { throwIfNoEntry: false });
    if (!found?.isFile()) {
      if (modelName !== undefined) {
        throw new UsageError(`--model needs a tunegate.yml: none in ${io.cwd}; give its path with --config.`);
      }
      return undefined;
    }
  }
  // Warnings about other models' settings are not this call's business; the rest of the file's are.
  const owner = (path: string) => /^models\.([a-z0-9-]+)(?:\.|$)/.exec(path)?.[1];
  const { config } = await (await loader()).load(io, configArg ?? DEFAULT_CONFIG_FILE, {}, (w, c) => {
    const of = owner(w.path);
    return of === undefined || !c.models.some((m) => m.name === of) || of === chosen(c)?.name;
  });
  const roles = new Map<string, DatasetRole>();
  for (const m of config.models) {
    roles.set(resolve(config.root, m.training), "train");
    if (m.validation !== undefined) roles.set(resolve(config.root, m.validation), "validation");
  }
  const model = chosen(config);
  return { config, ...(model ? { model } : {}), roleOf: (path) => roles.get(path) };

  /** The model whose settings apply: --model's, else the one whose datasets these files are. */
  function chosen(c: ResolvedConfig): ResolvedModel | undefined {
    if (modelName !== undefined) {
      const named = c.models.find((m) => m.name === modelName);
      if (!named) {
        throw new UsageError(
          `${configArg ?? DEFAULT_CONFIG_FILE} defines no model "${modelName}". Defined: ${c.models.map((m) => m.name).join(", ") || "none"}.`,
        );
      }
      return named;
    }
    const owners = new Set<ResolvedModel>();
    for (const f of files) {
      const abs = resolve(io.cwd, f);
      for (const m of c.models) {
        if ([m.training, m.validation].some((p) => p !== undefined && resolve(c.root, p) === abs))
          owners.add(m);
      }
    }
    if (owners.size > 1) {
      throw new UsageError(
        `These files are datasets of different models in ${configArg ?? DEFAULT_CONFIG_FILE} (${[...owners].map((m) => m.name).join(", ")}), which are checked by different rules: check one model at a time, or pick one with --model.`,
      );
    }
    return [...owners][0];
  }
}
