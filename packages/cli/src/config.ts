import { isAbsolute, resolve } from "node:path";
import {
  ConfigError,
  formatConfigIssue,
  loadConfig,
  type ResolvedConfig,
  type ResolvedModel,
} from "@tunegate/core";
import { type Io, UsageError } from "./io";

/**
 * The configuration a command works on, and the models it names (all of them when it names none).
 * A broken or missing tunegate.yml, or an unknown model name, is bad usage (exit 2); warnings go to
 * stderr.
 */
export async function loadCommandConfig(
  io: Io,
  configArg: string,
  modelNames: readonly string[],
): Promise<{ configPath: string; config: ResolvedConfig; models: ResolvedModel[] }> {
  const configPath = isAbsolute(configArg) ? configArg : resolve(io.cwd, configArg);
  let config: ResolvedConfig;
  try {
    const loaded = await loadConfig(configPath);
    config = loaded.config;
    for (const w of loaded.warnings) io.stderr.write(`warning: ${formatConfigIssue(configArg, w)}\n`);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
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
