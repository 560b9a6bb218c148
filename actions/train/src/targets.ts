import { execFile } from "node:child_process";
import { dirname, isAbsolute, resolve } from "node:path";
import { promisify } from "node:util";
import { type TrainingTarget, trainingTarget } from "@tunegate/aws";
import {
  changedModels,
  formatConfigIssue,
  modelFingerprint,
  parseConfig,
  type ResolvedConfig,
  repositoryName,
} from "@tunegate/core";
import { loadConfig } from "@tunegate/files";

const run = promisify(execFile);

export interface LoadedTargets {
  config: ResolvedConfig;
  /** Every model of the config, by name, in the file's order. */
  targets: Map<string, TrainingTarget>;
  /** Config warnings (a legacy base model...), formatted with their file position. */
  warnings: string[];
}

/** tunegate.yml, resolved: each model's datasets located on disk and named as the repository names them. */
export async function loadTargets(configPath: string, workspace: string): Promise<LoadedTargets> {
  const path = isAbsolute(configPath) ? configPath : resolve(workspace, configPath);
  const { config, warnings } = await loadConfig(path, { repository: workspace });
  const targets = new Map(config.models.map((m) => [m.name, trainingTarget(m, config.root, workspace)]));
  return { config, targets, warnings: warnings.map((w) => formatConfigIssue(configPath, w)) };
}

/**
 * The models whose datasets or settings changed since `base` (a revision: the push's earlier head, the
 * pushed commit's parent, or the commit a model was last trained on). A changed dataset selects its
 * model. A changed config file selects the models whose settings differ from the config at `base`
 * (compared by `modelFingerprint`), and new models; when that config cannot be read from git, every model.
 * Selecting too many costs nothing: a model whose data and settings did not change plans the same
 * training key, so the existing job is reported and no second one starts.
 */
export async function modelsChangedBy(
  config: ResolvedConfig,
  paths: readonly string[],
  workspace: string,
  base: string,
): Promise<{ names: string[]; note?: string }> {
  const changed = changedModels(config, paths, { repositoryRoot: workspace });
  if (!changed.some((c) => c.configChanged)) return { names: changed.map((c) => c.model.name) };
  const parent = await configAt(config, workspace, base);
  if (!parent) {
    return {
      names: changed.map((c) => c.model.name),
      note: "tunegate.yml changed and its previous version could not be read from git: every model counts as changed.",
    };
  }
  const before = new Map(parent.models.map((m) => [m.name, modelFingerprint(m)]));
  const names = changed
    .filter((c) => {
      const datasetChanged = c.paths.length > 1 || !c.configChanged;
      return datasetChanged || before.get(c.model.name) !== modelFingerprint(c.model);
    })
    .map((c) => c.model.name);
  return { names };
}

/** The config as it was at revision `base`, resolved the same way; undefined if unknown. */
async function configAt(
  config: ResolvedConfig,
  workspace: string,
  base: string,
): Promise<ResolvedConfig | undefined> {
  const absolute = isAbsolute(config.path) ? config.path : resolve(workspace, config.path);
  const inRepo = repositoryName(workspace, absolute);
  try {
    const { stdout } = await run("git", ["show", `${base}:${inRepo}`], {
      cwd: workspace,
      maxBuffer: 16 * 1024 * 1024,
    });
    return parseConfig(stdout, { path: config.path, root: dirname(absolute) }).config;
  } catch {
    // No parent in a shallow clone, no config at the parent, or a parent config that no longer parses.
    return undefined;
  }
}
