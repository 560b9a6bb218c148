import { type TrainingTarget, trainingTarget } from "@tunegate/aws";
import type { ResolvedConfig } from "@tunegate/core";
import { loadProjectConfig } from "@tunegate/usecases";

export interface LoadedTargets {
  config: ResolvedConfig;
  /** Every model of the config, by name, in the file's order. */
  targets: Map<string, TrainingTarget>;
  /** Config warnings (a legacy base model...), formatted with their file position. */
  warnings: string[];
}

/** tunegate.yml, resolved: each model's datasets located on disk and named as the repository names them. */
export async function loadTargets(configPath: string, workspace: string): Promise<LoadedTargets> {
  const { config, warnings } = await loadProjectConfig(configPath, workspace, { repository: workspace });
  const targets = new Map(config.models.map((m) => [m.name, trainingTarget(m, config.root, workspace)]));
  return { config, targets, warnings: warnings.map((w) => w.text) };
}
