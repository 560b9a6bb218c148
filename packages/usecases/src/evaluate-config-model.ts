import { writeFile } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import {
  type Catalog,
  checkGates,
  DatasetReadError,
  type EvalResults,
  type GateCheck,
  type GateOptions,
  type ResolvedModel,
  readEvalSet,
  UserError,
} from "@tunegate/core";
import { nodeDatasetIo } from "@tunegate/files";
import { evaluateModel } from "./evaluate";

export interface EvaluateConfigModelRequest {
  /** The model of tunegate.yml, and the file it came from (its "evaluation" path is relative to it). */
  model: ResolvedModel;
  configPath: string;
  catalog: Catalog;
  /** A dataset instead of the model's "evaluation" file, relative to `cwd`. */
  dataset?: string | undefined;
  target: string;
  baseline?: string | undefined;
  concurrency: number;
  maxTokens: number;
  gates: GateOptions;
  /** Where to write the results file, relative to `cwd`. */
  output?: string | undefined;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface EvaluateConfigModelPorts {
  /** A note for the user (records of the dataset that were skipped). */
  note(text: string): void;
  onProgress?(done: number, total: number): void;
}

export interface EvaluateConfigModelResult {
  results: EvalResults;
  checks: GateCheck[];
}

/**
 * `tunegate eval`: the model's evaluation dataset asked of the target (and the baseline), scored, written
 * to the results file when asked, and checked against the gates. An unreadable or empty dataset and an
 * unwritable results file are user mistakes.
 */
export async function evaluateConfigModel(
  request: EvaluateConfigModelRequest,
  ports: EvaluateConfigModelPorts,
): Promise<EvaluateConfigModelResult> {
  const { model } = request;
  const { set, shownPath } = await readEvaluationDataset(request, ports);
  const results = await evaluateModel({
    cases: set.cases,
    skipped: set.skipped.length,
    datasetPath: shownPath,
    name: model.name,
    target: request.target,
    ...(request.baseline ? { baseline: request.baseline } : {}),
    baseModel: model.baseModel,
    catalog: request.catalog,
    ...(model.labels === undefined ? {} : { labelPattern: model.labels }),
    concurrency: request.concurrency,
    maxTokens: request.maxTokens,
    region: model.region,
    env: request.env,
    ...(ports.onProgress ? { onProgress: ports.onProgress } : {}),
  });
  if (request.output) {
    try {
      await writeFile(resolve(request.cwd, request.output), `${JSON.stringify(results, null, 2)}\n`);
    } catch (err) {
      throw new UserError(
        `Cannot write ${request.output}: ${(err as NodeJS.ErrnoException).code ?? String(err)}.`,
      );
    }
  }
  return { results, checks: checkGates(results, request.gates) };
}

/**
 * The evaluation cases: the dataset given (relative to the working directory) or the model's
 * "evaluation" file (relative to tunegate.yml). An unreadable or empty set is a user mistake; skipped
 * records are noted.
 */
async function readEvaluationDataset(
  request: EvaluateConfigModelRequest,
  ports: EvaluateConfigModelPorts,
): Promise<{ set: Awaited<ReturnType<typeof readEvalSet>>; shownPath: string }> {
  const { model, cwd } = request;
  const datasetArg = request.dataset ?? model.evaluation;
  if (!datasetArg) {
    throw new UserError(
      `Model "${model.name}" has no evaluation dataset: add "evaluation: <file>.jsonl" to it in tunegate.yml, or pass --dataset.`,
    );
  }
  const datasetPath = isAbsolute(datasetArg)
    ? datasetArg
    : resolve(request.dataset ? cwd : dirname(request.configPath), datasetArg);
  const shownPath = relative(cwd, datasetPath) || datasetPath;
  let set: Awaited<ReturnType<typeof readEvalSet>>;
  try {
    set = await readEvalSet(datasetPath, { model: model.baseModel, io: nodeDatasetIo, name: shownPath });
  } catch (err) {
    if (err instanceof DatasetReadError) throw new UserError(err.message);
    throw err;
  }
  if (set.cases.length === 0) {
    throw new UserError(`${shownPath} has no record that ends with an assistant reply to compare against.`);
  }
  if (set.skipped.length > 0) {
    ports.note(
      `note: ${set.skipped.length} record(s) of ${shownPath} skipped (first: line ${set.skipped[0]!.line}, ${set.skipped[0]!.reason}).\n`,
    );
  }
  return { set, shownPath };
}
