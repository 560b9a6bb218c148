/**
 * The ports every use case shares. A use case takes what it needs of the world as parameters (these, and
 * the git, S3, Bedrock and GitHub ports each use case declares beside itself) and returns a result; the
 * actions and the CLI wire the real adapters in and turn the result into outputs, so the same work is
 * written once for both.
 */

/** Where a use case says what it is doing. The actions map it onto the runner's log, the CLI onto stderr. */
export interface Log {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

/** The time, from the caller: the stand-ins' clocks in tests, the machine's otherwise. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Waits `ms`: real time by default, the test's own clock in tests (so no test races the wall clock). */
export type Sleep = (ms: number) => Promise<void>;

export const systemSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
