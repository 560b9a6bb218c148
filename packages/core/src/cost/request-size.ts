import type { BaseModel } from "../catalog/schema";
import type { DatasetIo } from "../dataset/io";
import { readEvalSet } from "../evaluation/eval-set";
import { loadTokenizer } from "../tokens/count";

/** Records measured for the per-request token figures: enough for a stable mean, fast on any file. */
const MAX_MEASURED_RECORDS = 2_000;

/** Token sizes of a typical request: the data's prompts (system prompt apart) and final replies. */
export interface RequestSize {
  inputTokens: number;
  outputTokens: number;
  /** Of inputTokens, the system prompt: what prompt caching would serve from cache. */
  systemTokens: number;
  method: string;
}

/**
 * Mean tokens of a request like the records of a dataset: the prompt (system prompt and the turns
 * before the final reply) in, the final reply out, counted with the stand-in tokenizer tunegate uses
 * for estimates. Given figures override the measured ones. The one measurement `tunegate cost` and
 * both comments quote.
 */
export async function measureRequestSize(
  path: string,
  model: BaseModel,
  io: DatasetIo,
  given: { inputTokens?: number; outputTokens?: number } = {},
): Promise<RequestSize> {
  const set = await readEvalSet(path, { model, io });
  const cases = set.cases.slice(0, MAX_MEASURED_RECORDS);
  const count = await loadTokenizer();
  const mean = (values: number[]) =>
    values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
  const system = mean(cases.map((c) => (c.system ? count(c.system) : 0)));
  const prompt = mean(cases.map((c) => c.messages.reduce((n, m) => n + count(m.text), 0)));
  const reply = mean(cases.map((c) => count(c.reference)));
  const measured = `mean of ${cases.length} record${cases.length === 1 ? "" : "s"} of the training data, estimated with the cl100k_base tokenizer`;
  const inputTokens = given.inputTokens ?? Math.round(system + prompt);
  return {
    inputTokens,
    outputTokens: given.outputTokens ?? Math.round(reply),
    // A given input size keeps the data's system-prompt share: what caching would serve.
    systemTokens: Math.min(inputTokens, Math.round(system)),
    method:
      given.inputTokens !== undefined && given.outputTokens !== undefined
        ? "--input-tokens and --output-tokens"
        : given.inputTokens !== undefined || given.outputTokens !== undefined
          ? `the flags given, the rest the ${measured}`
          : measured,
  };
}
