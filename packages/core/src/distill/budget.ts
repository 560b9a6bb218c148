import { type OnDemandPrices, onDemandUsd } from "../cost";

/** What asking the teacher every prompt may cost, before the first call. */
export interface DistillEstimate {
  /** Prompts to ask (answers already in the journal are not asked again). */
  prompts: number;
  /** Input tokens of those prompts: counted with the stand-in tokenizer, an estimate. */
  inputTokens: number;
  /** Output tokens at most: `maxTokens` per prompt. */
  maxOutputTokens: number;
  /** Absent when the catalog has no on-demand prices for the teacher: then tokens only. */
  usd?: { input: number; outputAtMost: number; atMost: number };
}

export function estimateDistillation(
  inputTokens: readonly number[],
  maxTokens: number,
  prices: OnDemandPrices | undefined,
): DistillEstimate {
  const input = inputTokens.reduce((a, b) => a + b, 0);
  const maxOutputTokens = inputTokens.length * maxTokens;
  const base = { prompts: inputTokens.length, inputTokens: input, maxOutputTokens };
  if (!prices) return base;
  const inputUsd = onDemandUsd(prices, input, 0);
  const outputUsd = onDemandUsd(prices, 0, maxOutputTokens);
  return { ...base, usd: { input: inputUsd, outputAtMost: outputUsd, atMost: inputUsd + outputUsd } };
}

/**
 * The `--max-cost` cap. A call goes out only when what has been spent, plus the most every call in
 * flight can still cost, plus the most this one can cost (its input and `maxTokens` of output), stays
 * within the cap. A call that does not fit waits for the calls in flight to settle at their real cost;
 * when none is left and it still does not fit, the run stops there. So the run stops at the first
 * prompt, in file order, whose worst case does not fit beside the real cost of all the prompts before
 * it, whatever the concurrency.
 *
 * Input tokens are an estimate (the teacher's tokenizer is not public): once answers report their real
 * input, later estimates are scaled up by the ratio seen so far (never down), so a tokenizer that counts
 * more than the estimate does not carry the bill past the cap.
 */
export class CostCap {
  #spent = 0;
  #reserved = 0;
  #open = 0;
  #estimatedInput = 0;
  #actualInput = 0;

  constructor(
    readonly capUsd: number,
    readonly prices: OnDemandPrices,
    readonly maxTokens: number,
  ) {}

  /** Real input tokens per estimated one, from the answers so far; at least 1. */
  get inputScale(): number {
    return this.#estimatedInput === 0 ? 1 : Math.max(1, this.#actualInput / this.#estimatedInput);
  }

  /** The most a call with this estimate of input tokens can cost. */
  worstCase(inputTokens: number): number {
    return onDemandUsd(this.prices, inputTokens * this.inputScale, this.maxTokens);
  }

  get spentUsd(): number {
    return this.#spent;
  }

  /** Calls reserved and not settled. */
  get open(): number {
    return this.#open;
  }

  /** Reserves the worst case of a call, or returns undefined when it does not fit now. */
  tryReserve(
    inputTokens: number,
  ): { settle(inputTokens?: number, outputTokens?: number): number } | undefined {
    const worst = this.worstCase(inputTokens);
    if (this.#spent + this.#reserved + worst > this.capUsd) return undefined;
    this.#reserved += worst;
    this.#open++;
    let settled = false;
    return {
      /**
       * Replaces the reservation by the call's real cost: its worst case when usage is unknown, nothing
       * for a call that got no answer (0, 0).
       */
      settle: (actualInput, actualOutput) => {
        if (settled) return 0;
        settled = true;
        this.#open--;
        // Back to exactly 0 when nothing is open, so float rounding never builds up across a run.
        this.#reserved = this.#open === 0 ? 0 : this.#reserved - worst;
        const known = actualInput !== undefined && actualOutput !== undefined;
        if (known && actualInput > 0) {
          this.#estimatedInput += inputTokens;
          this.#actualInput += actualInput;
        }
        const cost = known ? onDemandUsd(this.prices, actualInput, actualOutput) : worst;
        this.#spent += cost;
        return cost;
      },
    };
  }
}
