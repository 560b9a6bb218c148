import type { DatasetFile } from "../dataset/validate";
import { canonicalJson } from "../jobs/names";
import { normalizePosixPath, resolvePosixPath } from "../posix-path";
import { repositoryName } from "./repository";
import type { ResolvedConfig, ResolvedModel } from "./types";

/**
 * Which files belong to which model, which models a change touches, and a fingerprint of what makes a
 * model's training what it is: the pieces a pull request check and the train-on-merge step use to act
 * only on the models that changed.
 */

/**
 * The datasets the engine validates for `model`: training, then validation. Paths are relative to the
 * config's directory; with `root`, `path` is absolute and `name` keeps the relative path for messages.
 * The evaluation set is not among them: it is read by the evaluation step, not sent to the job.
 */
export function datasetsOf(model: ResolvedModel, root?: string): DatasetFile[] {
  const files: { path: string; role: DatasetFile["role"] }[] = [{ path: model.training, role: "train" }];
  if (model.validation !== undefined) files.push({ path: model.validation, role: "validation" });
  if (root === undefined) return files;
  return files.map((f) => ({ path: resolvePosixPath(root, f.path), role: f.role, name: f.path }));
}

export interface ChangedModel {
  model: ResolvedModel;
  /** The changed repository paths that concern this model, as given. */
  paths: string[];
  /**
   * The config file itself changed: every model counts as changed until `modelFingerprint` of base and
   * head says otherwise.
   */
  configChanged: boolean;
}

export interface ChangedModelsOptions {
  /** Absolute repository root the changed paths are relative to; default: the config's directory. */
  repositoryRoot?: string;
}

/** Repository-relative, "/"-separated, without "./": how git names a path. */
function repoPath(path: string): string {
  return normalizePosixPath(path.replaceAll("\\", "/")).replace(/^(\.\/)+/, "");
}

/**
 * The models a change touches: those with a changed dataset (training, validation or evaluation), and
 * all of them when the config file changed. Changed paths are relative to the repository root, as git
 * prints them.
 */
export function changedModels(
  config: ResolvedConfig,
  changedPaths: readonly string[],
  options: ChangedModelsOptions = {},
): ChangedModel[] {
  const repoRoot = options.repositoryRoot ?? config.root;
  const inRepo = (absolute: string) => repositoryName(repoRoot, absolute);
  const configPath = inRepo(resolvePosixPath(config.path));
  const changed = new Map(changedPaths.map((p) => [repoPath(p), p]));
  const configChanged = changed.has(configPath);
  const result: ChangedModel[] = [];
  for (const model of config.models) {
    const mine = [model.training, model.validation, model.evaluation]
      .filter((p): p is string => p !== undefined)
      .map((p) => inRepo(resolvePosixPath(config.root, p)));
    const paths = [...new Set(mine)].flatMap((p) => {
      const given = changed.get(p);
      return given === undefined ? [] : [given];
    });
    if (configChanged) paths.unshift(changed.get(configPath)!);
    if (paths.length > 0) result.push({ model, paths, configChanged });
  }
  return result;
}

/**
 * A stable JSON string of everything that decides how `model` is trained: name, base model, Region,
 * hyperparameters in effect, dataset paths, S3 location, role, tags, VPC and keys. Two configs whose
 * fingerprints are equal train the same job from the same files; severities, labels and the evaluation
 * set are left out, since they change checks and reports, not the job.
 */
export function modelFingerprint(model: ResolvedModel): string {
  return canonicalJson({
    name: model.name,
    baseModel: model.baseModel.id,
    region: model.region,
    hyperparameters: Object.fromEntries(
      Object.entries(model.hyperparameterValues).map(([k, v]) => [k, String(v)]),
    ),
    training: model.training,
    validation: model.validation,
    s3: model.s3,
    roleArn: model.roleArn,
    tags: model.tags,
    vpc: model.vpc,
    customModelKmsKeyId: model.customModelKmsKeyId,
    // Adding the override to a refused model is a change that should train it on merge.
    allowLegacyBase: model.allowLegacyBase,
    // A new grader, teacher or RFT hyperparameter trains the model again.
    customization: model.customization,
  });
}
