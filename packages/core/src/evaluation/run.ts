import type { Prices } from "../catalog/schema";
import { AdaptiveLimit } from "../concurrency/adaptive-limit";
import { callWithLimit, mapWithLimit, type RetryPolicy } from "../concurrency/limited-call";
import type { EvalCase } from "./eval-set";
import { type CaseResult, EVAL_RESULTS_FORMAT, type EvalResults, type ModelResult } from "./results";
import { scoreCases } from "./score";

/** What one model said to one case. */
export interface ModelAnswer {
  text: string;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs?: number;
  /** Why the model stopped, as Converse says (end_turn, max_tokens, content_filtered, ...). */
  stopReason?: string;
}

/**
 * Asks one model one case. A throttle or a transient failure thrown as a ModelCallError is tried again
 * under the run's `retry` policy; any other error is the case's result.
 */
export type AskModel = (modelId: string, evalCase: EvalCase) => Promise<ModelAnswer>;

export interface EvalModel {
  model: string;
  /** Prices of this model's tokens, for the cost line; absent: tokens only. */
  prices?: Prices;
}

export interface RunEvaluationOptions {
  cases: readonly EvalCase[];
  target: EvalModel;
  baseline?: EvalModel;
  ask: AskModel;
  /**
   * The most calls in flight at once across both models (default 4): the ceiling of an adaptive limit
   * that halves on a throttle and climbs back after successes.
   */
  concurrency?: number;
  /** How throttled and transient calls are retried (default: not at all). */
  retry?: RetryPolicy;
  labelPattern?: string;
  /** Where latency figures come from (Converse reports the service's). */
  latencySource?: "service" | "client";
  name?: string;
  datasetPath?: string;
  skipped?: number;
  onProgress?: (done: number, total: number) => void;
  now?: () => Date;
}

/** Asks the target (and the baseline, when given) every case and scores the answers. */
export async function runEvaluation(options: RunEvaluationOptions): Promise<EvalResults> {
  const models = [options.target, ...(options.baseline ? [options.baseline] : [])];
  const jobs = models.flatMap((m) => options.cases.map((c) => ({ model: m.model, evalCase: c })));
  let done = 0;
  const limit = new AdaptiveLimit({ max: Math.max(1, options.concurrency ?? 4) });
  const retry = options.retry ?? { attempts: 1, sleep: () => Promise.resolve() };
  const answers = await mapWithLimit(jobs, limit, async ({ model, evalCase }) => {
    let result: CaseResult;
    try {
      const answer = await callWithLimit(limit, () => options.ask(model, evalCase), retry);
      result = {
        id: evalCase.id,
        reference: evalCase.reference,
        prediction: answer.text,
        ...(answer.latencyMs === undefined ? {} : { latencyMs: answer.latencyMs }),
        ...(answer.inputTokens === undefined ? {} : { inputTokens: answer.inputTokens }),
        ...(answer.outputTokens === undefined ? {} : { outputTokens: answer.outputTokens }),
      };
    } catch (err) {
      result = {
        id: evalCase.id,
        reference: evalCase.reference,
        error: (err as Error).message ?? String(err),
      };
    }
    options.onProgress?.(++done, jobs.length);
    return result;
  });
  const resultFor = (m: EvalModel, offset: number): ModelResult => {
    const cases = answers.slice(offset, offset + options.cases.length);
    return {
      model: m.model,
      summary: scoreCases(cases, {
        ...(options.labelPattern === undefined ? {} : { labelPattern: options.labelPattern }),
        ...(m.prices ? { prices: m.prices } : {}),
        ...(options.latencySource ? { latencySource: options.latencySource } : {}),
      }),
      cases,
    };
  };
  return {
    format: EVAL_RESULTS_FORMAT,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.datasetPath === undefined
      ? {}
      : {
          dataset: {
            path: options.datasetPath,
            cases: options.cases.length,
            ...(options.skipped === undefined ? {} : { skipped: options.skipped }),
          },
        }),
    ...(options.labelPattern === undefined ? {} : { labelPattern: options.labelPattern }),
    target: resultFor(options.target, 0),
    ...(options.baseline ? { baseline: resultFor(options.baseline, options.cases.length) } : {}),
  };
}
