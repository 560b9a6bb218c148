import { isAbsolute, resolve } from "node:path";
import { type ConfigIssue, formatConfigIssue, type ResolvedConfig } from "@tunegate/core";
import { type LoadConfigOptions, loadConfig } from "@tunegate/files";

export interface ProjectConfig {
  /** The file read: `configArg` resolved against the directory it was given relative to. */
  configPath: string;
  config: ResolvedConfig;
  /** The config's warnings (a legacy base model...), each with its message positioned in the file. */
  warnings: { issue: ConfigIssue; text: string }[];
}

/**
 * tunegate.yml as every entry point reads it (the actions and the CLI): `configArg` as the user wrote it,
 * relative to `cwd` (the workspace, the current directory). Its problems throw a ConfigError (every one at
 * once, each at its line), a missing file a ConfigNotFoundError; warnings come back for the caller to show,
 * worded with the path as the user gave it.
 */
export async function loadProjectConfig(
  configArg: string,
  cwd: string,
  options: LoadConfigOptions = {},
): Promise<ProjectConfig> {
  const configPath = isAbsolute(configArg) ? configArg : resolve(cwd, configArg);
  const { config, warnings } = await loadConfig(configPath, options);
  return {
    configPath,
    config,
    warnings: warnings.map((issue) => ({ issue, text: formatConfigIssue(configArg, issue) })),
  };
}
