import { type BatchOutcome, batchRecordId, converseAsker, createBedrockRuntimeClient } from "@tunegate/aws";
import {
  type AskModel,
  type BaseModel,
  type EvalCase,
  type EvalResults,
  evaluationRoute,
  pricesForModelId,
  runEvaluation,
} from "@tunegate/core";
import { type BatchEvaluationOptions, batchOutcomes } from "./evaluate-batch";
import { type Clock, type Sleep, systemSleep } from "./ports";

/**
 * Where the models are asked: Bedrock Runtime of one Region; destroyed after the run. Give it
 * `maxAttempts: 1`: the evaluation's own retries, under its adaptive limit, must see every throttle.
 */
export type RuntimeClientFactory = () => ReturnType<typeof createBedrockRuntimeClient>;

export interface EvaluateModelOptions {
  cases: readonly EvalCase[];
  /** Records of the dataset that could not be a case (counted in the results). */
  skipped: number;
  /** The dataset as the results file names it. */
  datasetPath: string;
  /** The model of tunegate.yml whose evaluation this is. */
  name: string;
  /** The model id or provisioned model ARN to evaluate. */
  target: string;
  /** What to compare with, e.g. the base model's on-demand id. */
  baseline?: string;
  /** For the baseline's token prices. */
  baseModel?: BaseModel;
  catalog?: { find(id: string): BaseModel | undefined; readonly models?: readonly BaseModel[] };
  labelPattern?: string;
  concurrency: number;
  maxTokens?: number;
  /** The Region of the Bedrock Runtime client when `runtime` is not given. */
  region?: string;
  env?: NodeJS.ProcessEnv;
  /** Default: the AWS SDK's Bedrock Runtime client for `region`. */
  runtime?: RuntimeClientFactory;
  clock?: Clock;
  /** Waits between retries of a throttled call (default: real time). */
  sleep?: Sleep;
  onProgress?: (done: number, total: number) => void;
  /** Large sets go through batch inference where the catalog supports it; absent: Converse only. */
  batch?: BatchEvaluationOptions;
}

/**
 * The answers of the models whose cases go through batch inference, asked before the evaluation runs;
 * the evaluation then reads them like Converse answers, so both paths are scored by the same code.
 */
async function batchAsker(options: EvaluateModelOptions, converse: AskModel): Promise<AskModel> {
  const { batch } = options;
  const byModel = new Map<string, Map<string, BatchOutcome>>();
  for (const modelId of [options.target, ...(options.baseline ? [options.baseline] : [])]) {
    if (!batch || byModel.has(modelId)) continue;
    const route = evaluationRoute({
      modelId,
      cases: options.cases.length,
      batchAbove: batch.batchAbove,
      baseModel: options.baseModel,
      ...(options.catalog ? { catalog: options.catalog } : {}),
    });
    if (route.route === "converse") {
      batch.log?.(`${modelId}: one Converse call per case (${route.why}).`);
      continue;
    }
    const { outcomes } = await batchOutcomes(options.name, modelId, options.cases, options.maxTokens, batch);
    byModel.set(modelId, outcomes);
  }
  if (byModel.size === 0) return converse;
  return async (modelId, evalCase) => {
    const outcomes = byModel.get(modelId);
    if (!outcomes) return converse(modelId, evalCase);
    const outcome = outcomes.get(batchRecordId(evalCase));
    if (!outcome) throw new Error("the batch inference job wrote no result for this record");
    if ("error" in outcome) throw new Error(outcome.error);
    return outcome.answer;
  };
}

/**
 * Asks the target (and the baseline) every case through Converse and scores the answers: the one
 * evaluation the CLI's `eval` and the report action both run. The baseline's tokens are priced from the
 * catalog; the target, a custom model on Provisioned Throughput, is billed by the hour instead.
 */
export async function evaluateModel(options: EvaluateModelOptions): Promise<EvalResults> {
  const client =
    options.runtime?.() ??
    createBedrockRuntimeClient({
      maxAttempts: 1,
      ...(options.region ? { region: options.region } : {}),
      ...(options.env ? { env: options.env } : {}),
    });
  try {
    const prices = options.baseline
      ? pricesForModelId(options.baseline, options.baseModel, options.catalog)
      : undefined;
    return await runEvaluation({
      cases: options.cases,
      target: { model: options.target },
      ...(options.baseline ? { baseline: { model: options.baseline, ...(prices ? { prices } : {}) } } : {}),
      ask: await batchAsker(
        options,
        converseAsker(client, options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
      ),
      concurrency: options.concurrency,
      // Six tries in all, as the SDK's default client made before the limit took its retries over.
      retry: { attempts: 6, sleep: options.sleep ?? systemSleep },
      latencySource: "service",
      name: options.name,
      datasetPath: options.datasetPath,
      skipped: options.skipped,
      ...(options.labelPattern === undefined ? {} : { labelPattern: options.labelPattern }),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.clock ? { now: () => options.clock!.now() } : {}),
    });
  } finally {
    client.destroy();
  }
}
