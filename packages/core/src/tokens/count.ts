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
    (m) => (text: string) => countInChunks(m.countTokens, text),
  );
  return tokenizer;
}

/** Longest piece given to the tokenizer at once. */
export const TOKENIZER_CHUNK = 1000;

/**
 * BPE merging takes time quadratic in the length of a run without spaces: one 1 MB line of "AAAA..."
 * took over ten minutes whole, and counts in 3 ms in pieces of 1,000 characters. Pieces end at white
 * space where there is some, so ordinary text counts within about 1% of the whole-text count.
 */
export function countInChunks(count: CountTokens, text: string): number {
  if (text.length <= TOKENIZER_CHUNK) return count(text);
  let total = 0;
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + TOKENIZER_CHUNK);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > start + TOKENIZER_CHUNK / 2) end = space;
      const c = text.charCodeAt(end - 1);
      if (c >= 0xd800 && c <= 0xdbff) end--; // never split a surrogate pair
    }
    total += count(text.slice(start, end));
    start = end;
  }
  return total;
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
