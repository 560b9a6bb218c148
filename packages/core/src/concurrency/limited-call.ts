import type { AdaptiveLimit, CallOutcome } from "./adaptive-limit";
import { callErrorKind, ModelCallError } from "./call-error";

/** How throttled and transient calls are tried again; the sleep is the caller's, so tests own time. */
export interface RetryPolicy {
  /** Tries per call, the first included (default 6). */
  attempts?: number;
  /** The first wait, in ms; each retry doubles it (default 250). */
  baseDelayMs?: number;
  /** The longest wait, in ms (default 20,000). */
  maxDelayMs?: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1): spreads the waits of calls throttled together ("full jitter"); default Math.random. */
  random?: () => number;
}

/** The wait before retry number `retry` (1-based): exponential, capped, with full jitter. */
export function backoffMs(retry: number, policy: RetryPolicy): number {
  const cap = Math.min(policy.maxDelayMs ?? 20_000, (policy.baseDelayMs ?? 250) * 2 ** (retry - 1));
  return Math.floor(cap * (policy.random ?? Math.random)());
}

/** Thrown when a call is still failing after every attempt; `attempts` says how many were made. */
export class RetriesExhausted extends ModelCallError {
  override name = "RetriesExhausted";
  constructor(
    readonly last: ModelCallError,
    readonly attempts: number,
  ) {
    super(`${last.message} (after ${attempts} attempts)`, last.kind, { cause: last });
  }
}

/**
 * Runs `call` in a slot of `limit`, trying again after a throttle or a transient failure. Each try holds
 * a slot only while it is in flight: the wait before a retry gives the slot back, so other calls go on.
 * A fatal error, or any error that is not a ModelCallError, is thrown at once.
 */
export async function callWithLimit<T>(
  limit: AdaptiveLimit,
  call: () => Promise<T>,
  policy: RetryPolicy,
): Promise<T> {
  const attempts = policy.attempts ?? 6;
  for (let attempt = 1; ; attempt++) {
    const permit = await limit.acquire();
    let outcome: CallOutcome = "failed";
    try {
      const value = await call();
      outcome = "success";
      return value;
    } catch (err) {
      const kind = callErrorKind(err);
      if (kind === "throttled") outcome = "throttled";
      if (kind === "fatal") throw err;
      if (attempt >= attempts) {
        throw attempt > 1 ? new RetriesExhausted(err as ModelCallError, attempt) : err;
      }
    } finally {
      permit.release(outcome);
    }
    await policy.sleep(backoffMs(attempt, policy));
  }
}

/**
 * Runs `items` through `fn` within an adaptive limit, keeping results in input order. `fn` takes the
 * limit itself (through callWithLimit), so work around the call (parsing, writing) holds no slot.
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: AdaptiveLimit,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  // At most `max` items are started at once; each waits for its slot inside `fn`.
  const workers = Array.from({ length: Math.max(1, Math.min(limit.max, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  });
  await Promise.all(workers);
  return results;
}
