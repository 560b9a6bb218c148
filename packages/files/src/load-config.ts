import { readFile } from "node:fs/promises";
import { dirname, resolve as resolvePath } from "node:path";
import {
  ConfigError,
  ConfigNotFoundError,
  DEFAULT_CONFIG_FILE,
  type ParseConfigOptions,
  type ParsedConfig,
  parseConfig,
} from "@tunegate/core";
import { outsideRepositoryProblem } from "./repository";

export interface LoadConfigOptions extends Omit<ParseConfigOptions, "path" | "outsideRepository"> {
  /** The checkout: the file and every dataset must resolve inside it, links included. */
  repository?: string;
}

/**
 * Reads and resolves a config file; dataset paths are relative to its directory. The file and every
 * dataset must resolve inside `options.repository` (default: the file's directory), links included.
 */
export async function loadConfig(
  filePath: string = DEFAULT_CONFIG_FILE,
  options: LoadConfigOptions = {},
): Promise<ParsedConfig> {
  const { repository: given, ...parseOptions } = options;
  const repository = given ?? dirname(resolvePath(filePath));
  const outside = outsideRepositoryProblem(repository, resolvePath(filePath));
  if (outside) {
    throw new ConfigError(filePath, [
      {
        message: `${filePath} ${outside}, so it is not read`,
        path: "",
        line: 1,
        column: 1,
        hint: "commit tunegate.yml itself in the repository, not a link to a file elsewhere.",
      },
    ]);
  }
  let text: string;
  try {
    text = await readFile(filePath, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new ConfigNotFoundError(filePath, [
        {
          message: `no config file at ${resolvePath(filePath)}`,
          path: "",
          line: 1,
          column: 1,
          hint:
            "create tunegate.yml at the repository root with `version: 1` and a model under `models:` " +
            "(baseModel, region, training, s3.bucket, roleArn); docs/configuration.md has a complete " +
            "example, and `tunegate schema` prints the JSON Schema for your editor. Or point to the file with --config.",
        },
      ]);
    }
    if (code === "EISDIR") {
      throw new ConfigError(filePath, [
        {
          message: `${filePath} is a directory; give the path of the tunegate.yml inside it`,
          path: "",
          line: 1,
          column: 1,
        },
      ]);
    }
    throw err;
  }
  // A byte-order mark is not YAML content; editors on Windows write one.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return parseConfig(text, {
    ...parseOptions,
    path: filePath,
    root: options.root ?? dirname(resolvePath(filePath)),
    outsideRepository: (absolute) => outsideRepositoryProblem(repository, absolute),
  });
}
