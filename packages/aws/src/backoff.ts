/**
 * Waiting on a Bedrock resource that takes minutes to hours (a throughput being created, a batch job):
 * poll, then pause twice as long each time up to a ceiling, so a long wait costs few calls.
 */

export interface BackoffOptions {
  /** Give up waiting after this long (the resource goes on). */
  timeoutMs: number;
  /** First pause between polls (default 30 s); doubles up to `maxIntervalMs` (default 5 min). */
  intervalMs?: number;
  maxIntervalMs?: number;
  /** The clock: injected so that tests wait on the stand-ins' virtual time. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Polls `poll` with exponential backoff until `done` says so or the timeout passes; returns the last value. */
export async function pollWithBackoff<T>(
  poll: () => Promise<T>,
  done: (value: T) => boolean,
  options: BackoffOptions,
): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  let interval = options.intervalMs ?? 30_000;
  const max = options.maxIntervalMs ?? 300_000;
  for (;;) {
    const value = await poll();
    const left = deadline - now();
    if (done(value) || left <= 0) return value;
    await sleep(Math.min(interval, left));
    interval = Math.min(max, interval * 2);
  }
}
