// Virtual time for the stand-ins. Jobs and provisioned throughputs move on after a configured duration;
// tests skip ahead with `advance(ms)` instead of sleeping, and `idle()` waits until every background
// task is either done or waiting for the clock, so that the state a test reads next is settled.
import { setImmediate as nextMacrotask } from "node:timers/promises";

interface Sleeper {
  readonly at: number;
  readonly wake: () => void;
  timer: NodeJS.Timeout | undefined;
}

// setTimeout fires at once for delays above 2^31-1 ms; longer sleeps re-arm.
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Scheduler {
  private offsetMs = 0;
  private busy = 0;
  private closed = false;
  private readonly sleepers = new Set<Sleeper>();
  private readonly idleWaiters: (() => void)[] = [];

  /** Current virtual time in epoch milliseconds. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  date(): Date {
    return new Date(this.now());
  }

  /** Runs a background task; it counts as busy except while it sleeps on the clock. */
  run(task: () => Promise<void>): void {
    if (this.closed) return;
    this.busy += 1;
    void task().finally(() => this.release());
  }

  /** Sleeps (from inside a task given to `run`) until the virtual clock reaches `at`. */
  sleepUntil(at: number): Promise<void> {
    if (this.closed) {
      // A closed stand-in never wakes its tasks again.
      this.release();
      return new Promise(() => {});
    }
    // Already due: stay busy, so that `idle()` never sees a gap before the task goes on.
    if (at <= this.now()) return Promise.resolve();
    return new Promise((resolve) => {
      this.release();
      let woken = false;
      const sleeper: Sleeper = {
        at,
        wake: () => {
          if (woken) return;
          woken = true;
          clearTimeout(sleeper.timer);
          this.sleepers.delete(sleeper);
          // Mark busy synchronously so that an `idle()` issued right after `advance()` waits for us.
          this.busy += 1;
          resolve();
        },
        timer: undefined,
      };
      this.arm(sleeper);
      this.sleepers.add(sleeper);
    });
  }

  /** A real timer for a sleeper; re-armed when the delay exceeds what setTimeout can hold. */
  private arm(sleeper: Sleeper): void {
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, sleeper.at - this.now()));
    sleeper.timer = setTimeout(() => {
      if (this.now() >= sleeper.at) sleeper.wake();
      else this.arm(sleeper);
    }, delay);
    sleeper.timer.unref();
  }

  /** Moves the virtual clock forward, wakes what is due, and waits until the tasks settle again. */
  async advance(ms: number): Promise<void> {
    this.offsetMs += ms;
    const now = this.now();
    for (const sleeper of [...this.sleepers]) if (sleeper.at <= now) sleeper.wake();
    await this.idle();
  }

  /** Resolves when no background task is running (all finished or sleeping on the clock). */
  async idle(): Promise<void> {
    for (;;) {
      while (this.busy > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      // Let continuations scheduled by the last task run before declaring the system idle.
      await nextMacrotask();
      if (this.busy === 0) return;
    }
  }

  /** Stops every sleeping task for good (the stand-in is closing). */
  close(): void {
    this.closed = true;
    for (const sleeper of this.sleepers) clearTimeout(sleeper.timer);
    this.sleepers.clear();
  }

  private release(): void {
    this.busy -= 1;
    if (this.busy === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
