import type { BaseModel } from "../catalog/schema";

/**
 * How tunegate counts tokens, cheapest first:
 * 1. UTF-8 bytes bound a byte-level BPE count from above (every token covers at least one byte), so a
 *    record whose bytes are within the limit is proven within it: an exact bound, no tokenizer needed.
 * 2. Only a record whose bytes exceed the limit is tokenized, with a public BPE tokenizer standing in for
 *    the model's own (Anthropic, Amazon and AWS publish none for fine-tuning): an estimate.
 * 3. Dataset totals for cost multiply characters by a tokens-per-character ratio calibrated on a sample
 *    of the dataset with that tokenizer: an estimate, labelled as such wherever it is shown.
 */
export const TOKENIZER_NAME = "cl100k_base";

export type CountTokens = (text: string) => number;

let tokenizer: Promise<CountTokens> | undefined;

/** The stand-in tokenizer, loaded once on first use (about 80 ms), so files that never need it skip it. */
export function loadTokenizer(): Promise<CountTokens> {
  tokenizer ??= import("gpt-tokenizer/encoding/cl100k_base").then(
    (m) => (text: string) => m.countTokens(text),
  );
  return tokenizer;
}

export interface TokenFigure {
  value: number;
  /** True when `value` is an exact count or a proven bound; false for an estimate. */
  exact: boolean;
  /** How the figure was obtained, in words a reviewer understands. */
  method: string;
}

/** Tokens per character measured on a sample, to turn character counts into token estimates. */
export interface Calibration {
  tokensPerChar: number;
  method: string;
}

/** Characters and tokens of the sample; with no sample, the model's documented planning ratio. */
export function calibrate(
  sample: string,
  count: CountTokens | undefined,
  records: number,
  model: BaseModel,
): Calibration {
  if (sample.length > 0 && count) {
    return {
      tokensPerChar: count(sample) / sample.length,
      method: `estimated: characters x tokens-per-character calibrated with the ${TOKENIZER_NAME} tokenizer on ${records} record${records === 1 ? "" : "s"}`,
    };
  }
  return {
    tokensPerChar: 1 / model.tokenization.charsPerToken,
    method: `estimated: ${model.tokenization.charsPerToken} characters per token (${model.tokenization.source})`,
  };
}
