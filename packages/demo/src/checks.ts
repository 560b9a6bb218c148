// What each step must have done, checked explicitly: a step whose checks fail stops the demo, which
// then exits non-zero.

export interface CheckResult {
  readonly ok: boolean;
  readonly what: string;
  readonly detail?: string;
}

export class StepFailed extends Error {
  constructor(
    readonly step: string,
    readonly failed: readonly CheckResult[],
  ) {
    super(`${step}: ${failed.map((f) => f.what + (f.detail ? ` (${f.detail})` : "")).join("; ")}`);
  }
}

/** The checks of one step, collected so all of them are printed before the step fails. */
export class Checks {
  readonly results: CheckResult[] = [];

  constructor(readonly step: string) {}

  that(ok: boolean, what: string, detail?: string): boolean {
    this.results.push(ok ? { ok, what } : { ok, what, ...(detail === undefined ? {} : { detail }) });
    return ok;
  }

  /** `actual === expected`, with both shown when they differ. */
  equal<T>(actual: T, expected: T, what: string): boolean {
    return this.that(
      Object.is(actual, expected),
      what,
      `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
    );
  }

  includes(text: string, part: string, what: string): boolean {
    return this.that(text.includes(part), what, `${JSON.stringify(part)} not found`);
  }

  /** Throws StepFailed when any check failed. */
  done(): void {
    const failed = this.results.filter((r) => !r.ok);
    if (failed.length > 0) throw new StepFailed(this.step, failed);
  }
}
