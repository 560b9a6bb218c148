/**
 * How many model calls may be in flight at once, adapted to what the service says: fewer after a
 * throttle, one more after a run of successes (additive increase, multiplicative decrease, as TCP does
 * for its window). It reacts to outcomes only, never to time, so it behaves the same on a loaded
 * machine, under a fake clock and against a real service.
 */

/** How a call ended, as far as the limit is concerned. */
export type CallOutcome = "success" | "throttled" | "failed";

export interface AdaptiveLimitOptions {
  /** The most calls in flight at once (the user's `--concurrency`). */
  max: number;
  /** The fewest; throttling never takes the limit below this (default 1). */
  min?: number;
  /** Where the limit starts (default `max`). */
  initial?: number;
  /** What a throttle multiplies the limit by, rounded down (default 0.5). */
  decrease?: number;
}

/** One slot: released exactly once, with the outcome of the call it carried. */
export interface Permit {
  release(outcome: CallOutcome): void;
}

/** What happened to the limit over a run, for the run's report. */
export interface LimitHistory {
  readonly throttles: number;
  readonly lowest: number;
  readonly highest: number;
  /** Every change of the limit, in order, starting with the initial value. */
  readonly changes: readonly number[];
}

export class AdaptiveLimit {
  readonly max: number;
  readonly min: number;
  readonly #decrease: number;
  #limit: number;
  #inFlight = 0;
  /** Successes since the limit last changed; `limit` of them add one. */
  #streak = 0;
  /**
   * Bumped on every decrease. A throttle of a call that started before the last decrease was sent
   * under the old limit, so it says nothing new: one burst of throttles halves the limit once.
   */
  #epoch = 0;
  #throttles = 0;
  readonly #changes: number[];
  readonly #waiting: ((permit: Permit) => void)[] = [];

  constructor(options: AdaptiveLimitOptions) {
    const whole = (name: string, v: number) => {
      if (!Number.isInteger(v) || v < 1)
        throw new RangeError(`${name} must be a whole number of at least 1.`);
      return v;
    };
    this.max = whole("max", options.max);
    this.min = whole("min", options.min ?? 1);
    if (this.min > this.max) throw new RangeError("min must not exceed max.");
    this.#limit = Math.min(this.max, Math.max(this.min, whole("initial", options.initial ?? this.max)));
    this.#decrease = options.decrease ?? 0.5;
    if (!(this.#decrease > 0 && this.#decrease < 1))
      throw new RangeError("decrease must be between 0 and 1.");
    this.#changes = [this.#limit];
  }

  get limit(): number {
    return this.#limit;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /** Callers waiting for a slot. */
  get waiting(): number {
    return this.#waiting.length;
  }

  get history(): LimitHistory {
    return {
      throttles: this.#throttles,
      lowest: Math.min(...this.#changes),
      highest: Math.max(...this.#changes),
      changes: [...this.#changes],
    };
  }

  /** A slot now if one is free and nobody is queued before the caller, else undefined. */
  tryAcquire(): Permit | undefined {
    if (this.#waiting.length > 0 || this.#inFlight >= this.#limit) return undefined;
    return this.#grant();
  }

  /** A slot, in the order asked for (first come, first served). */
  acquire(): Promise<Permit> {
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #grant(): Permit {
    this.#inFlight++;
    const epoch = this.#epoch;
    let released = false;
    return {
      release: (outcome) => {
        if (released) throw new Error("A permit was released twice.");
        released = true;
        this.#inFlight--;
        this.#record(outcome, epoch);
        this.#wake();
      },
    };
  }

  #record(outcome: CallOutcome, epoch: number): void {
    if (outcome === "throttled") {
      this.#throttles++;
      this.#streak = 0;
      if (epoch !== this.#epoch) return;
      this.#epoch++;
      this.#set(Math.max(this.min, Math.floor(this.#limit * this.#decrease)));
    } else if (outcome === "success") {
      // A failure that is not a throttle says nothing about capacity: it neither adds nor breaks a run.
      if (++this.#streak >= this.#limit) {
        this.#streak = 0;
        this.#set(Math.min(this.max, this.#limit + 1));
      }
    }
  }

  #set(limit: number): void {
    if (limit === this.#limit) return;
    this.#limit = limit;
    this.#changes.push(limit);
  }

  #wake(): void {
    while (this.#waiting.length > 0 && this.#inFlight < this.#limit) this.#waiting.shift()!(this.#grant());
  }
}
