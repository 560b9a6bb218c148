import { ConfigError, type ConfigIssue, type ParseConfigOptions, type ResolvedConfig } from "@tunegate/core";
import { loadProjectConfig } from "@tunegate/usecases";
import { type Io, UsageError } from "./io";

/** The loader the actions use, its problems as one usage error (exit 2), its warnings on stderr. */
export async function load(
  io: Io,
  configArg: string,
  options: Pick<ParseConfigOptions, "datasetProblem"> = {},
  /** Which warnings concern this call (default: all of them). */
  concerns: (warning: ConfigIssue, config: ResolvedConfig) => boolean = () => true,
): Promise<{ configPath: string; config: ResolvedConfig }> {
  try {
    const { configPath, config, warnings } = await loadProjectConfig(configArg, io.cwd, options);
    for (const w of warnings) if (concerns(w.issue, config)) io.stderr.write(`warning: ${w.text}\n`);
    return { configPath, config };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}
