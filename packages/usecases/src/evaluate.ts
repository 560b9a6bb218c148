import { converseAsker, createBedrockRuntimeClient } from "@tunegate/aws";
import {
  type BaseModel,
  type EvalCase,
  type EvalResults,
  pricesForModelId,
  runEvaluation,
} from "@tunegate/core";
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
  catalog?: { find(id: string): BaseModel | undefined };
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
      ask: converseAsker(client, options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
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
