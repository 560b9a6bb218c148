import { dirname, isAbsolute, relative, resolve } from "node:path";
import {
  DatasetReadError,
  GateOptionError,
  type GateOptions,
  parseFraction,
  type ResolvedModel,
  readEvalSet,
} from "@tunegate/core";
import { nodeDatasetIo } from "@tunegate/files";
import { type Io, UsageError } from "./io";

/** The flags of `tunegate eval` that need more than parseArgs, each refused with a usage error. */

export function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new UsageError(`${flag} takes a whole number from ${min} to ${max}; got "${text}".`);
  }
  return n;
}

export function gateOptions(minAccuracyFlag?: string, maxRegressionFlag?: string): GateOptions {
  try {
    const minAccuracy = parseFraction("--min-accuracy", minAccuracyFlag);
    const maxRegression = parseFraction("--max-regression", maxRegressionFlag);
    return {
      ...(minAccuracy === undefined ? {} : { minAccuracy }),
      ...(maxRegression === undefined ? {} : { maxRegression }),
    };
  } catch (err) {
    if (err instanceof GateOptionError) throw new UsageError(err.message);
    throw err;
  }
}

/**
 * The evaluation cases: --dataset (relative to the working directory) or the model's "evaluation" file
 * (relative to tunegate.yml). An unreadable or empty set is a usage error; skipped records are noted.
 */
export async function readEvaluationDataset(
  io: Io,
  configPath: string,
  model: ResolvedModel,
  datasetFlag: string | undefined,
): Promise<{ set: Awaited<ReturnType<typeof readEvalSet>>; shownPath: string }> {
  const datasetArg = datasetFlag ?? model.evaluation;
  if (!datasetArg) {
    throw new UsageError(
      `Model "${model.name}" has no evaluation dataset: add "evaluation: <file>.jsonl" to it in tunegate.yml, or pass --dataset.`,
    );
  }
  const datasetPath = isAbsolute(datasetArg)
    ? datasetArg
    : resolve(datasetFlag ? io.cwd : dirname(configPath), datasetArg);
  const shownPath = relative(io.cwd, datasetPath) || datasetPath;
  let set: Awaited<ReturnType<typeof readEvalSet>>;
  try {
    set = await readEvalSet(datasetPath, { model: model.baseModel, io: nodeDatasetIo, name: shownPath });
  } catch (err) {
    if (err instanceof DatasetReadError) throw new UsageError(err.message);
    throw err;
  }
  if (set.cases.length === 0) {
    throw new UsageError(`${shownPath} has no record that ends with an assistant reply to compare against.`);
  }
  if (set.skipped.length > 0) {
    io.stderr.write(
      `note: ${set.skipped.length} record(s) of ${shownPath} skipped (first: line ${set.skipped[0]!.line}, ${set.skipped[0]!.reason}).\n`,
    );
  }

  return { set, shownPath };
}
