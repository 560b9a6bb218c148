import { writeFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import {
  type BaseModel,
  builtInCatalog,
  type Catalog,
  CatalogError,
  labelPatternProblem,
  lifecycleAdvice,
  lifecycleWarning,
  repositoryRelative,
} from "@tunegate/core";
import type { Io } from "./io";
import { UsageError } from "./io";

/**
 * Amazon Nova Lite (customization id, with its context suffix): a model Bedrock fine-tunes today, in the
 * Converse format. Claude 3 Haiku takes no new fine-tuning jobs since it went Legacy, so a default that
 * checked files against it would pass data that can no longer train.
 */
export const DEFAULT_BASE_MODEL = "amazon.nova-lite-v1:0:300k";

/** Runs `node:util` parseArgs and turns its errors into usage errors that name the command. */
export function usageErrors<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    // parseArgs explains at length how to pass a positional that starts with "-"; the first
    // sentence is what the user needs.
    const message = (err as Error).message.split(/\.\s/)[0]!.replace(/\.$/, "");
    throw new UsageError(`${message}. Run \`tunegate ${command} --help\` for usage.`);
  }
}

export function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} takes ${allowed.join(", ")}; got "${value}".`);
}

/**
 * The base model from the catalog (tunegate.yml's, with its additions, when there is one), or a usage
 * error that says why the id is not one (e.g. Sonnet).
 */
export function resolveModel(id: string, io: Io, catalog: Catalog = builtInCatalog()): BaseModel {
  let model: BaseModel;
  try {
    model = catalog.get(id);
  } catch (err) {
    if (err instanceof CatalogError) throw new UsageError(err.message);
    throw err;
  }
  // Once per command, with its source and what to do, on stderr so reports on stdout stay clean.
  const lifecycle = lifecycleWarning(model);
  if (lifecycle) io.stderr.write(`warning: ${lifecycle}\n  ${lifecycleAdvice(model, catalog)}\n`);
  return model;
}

/** The label pattern is checked here so a typo is bad usage (exit 2), not a crash mid-validation. */
export function checkLabelPattern(pattern: string | undefined): string | undefined {
  if (pattern === undefined) return undefined;
  const problem = labelPatternProblem(pattern);
  if (problem !== undefined) {
    throw new UsageError(`--label-pattern /${pattern}/ is not a valid regular expression: ${problem}.`);
  }
  return pattern;
}

/**
 * How a dataset is named in reports: as the user typed it, except that an absolute path inside the
 * working directory becomes relative, as GitHub annotations and SARIF need it.
 */
export function displayName(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  return repositoryRelative(cwd, path) || path;
}

export async function writeOutput(io: Io, output: string | undefined, text: string): Promise<void> {
  if (output === undefined) {
    io.stdout.write(text);
    return;
  }
  try {
    await writeFile(resolve(io.cwd, output), text);
  } catch (err) {
    throw new UsageError(`Cannot write ${output}: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`);
  }
}

/** A whole number of epochs within the range the catalog gives for the base model. */
export function parseEpochs(value: string | undefined, model: BaseModel): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const spec = model.hyperparameters.find((h) => h.name === "epochCount");
  const min = spec?.min ?? 1;
  const max = spec?.max;
  if (!/^\d+$/.test(value) || n < min || (max !== undefined && n > max)) {
    throw new UsageError(
      `--epochs takes a whole number${max === undefined ? ` of at least ${min}` : ` from ${min} to ${max}`} for ${model.name}; got "${value}".`,
    );
  }
  return n;
}
