import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AdaptiveLimit,
  backoffMs,
  type CallOutcome,
  callWithLimit,
  ModelCallError,
  mapWithLimit,
  type Permit,
  RetriesExhausted,
} from "../src/index";

const RUNS = Number(process.env.TUNEGATE_FUZZ_RUNS ?? 200);

describe("AdaptiveLimit", () => {
  it("halves after a throttle, once per burst, and climbs back one slot per run of successes", () => {
    const limit = new AdaptiveLimit({ max: 8 });
    const permits = Array.from({ length: 8 }, () => limit.tryAcquire()!);
    expect(limit.tryAcquire()).toBeUndefined();
    // Three calls sent under the same limit are throttled: one decrease, not three.
    permits[0]!.release("throttled");
    permits[1]!.release("throttled");
    permits[2]!.release("throttled");
    expect(limit.limit).toBe(4);
    expect(limit.history.throttles).toBe(3);
    // Five still in flight, over the new limit: nothing more is granted until they drain.
    expect(limit.tryAcquire()).toBeUndefined();
    for (const p of permits.slice(3)) p.release("success");
    // 4 successes at limit 4 add one; the fifth starts the next run.
    expect(limit.limit).toBe(5);
    // A throttle of a call sent after the decrease cuts again.
    const late = limit.tryAcquire()!;
    late.release("throttled");
    expect(limit.limit).toBe(2);
    expect(limit.history.changes).toEqual([8, 4, 5, 2]);
    expect(limit.history.lowest).toBe(2);
  });

  it("never goes below min or above max", () => {
    const limit = new AdaptiveLimit({ max: 3, min: 2 });
    for (let i = 0; i < 5; i++) limit.tryAcquire()!.release("throttled");
    expect(limit.limit).toBe(2);
    for (let i = 0; i < 50; i++) limit.tryAcquire()!.release("success");
    expect(limit.limit).toBe(3);
  });

  it("a failure that is not a throttle neither raises nor lowers the limit", () => {
    const limit = new AdaptiveLimit({ max: 4, initial: 2 });
    limit.tryAcquire()!.release("success");
    limit.tryAcquire()!.release("failed");
    expect(limit.limit).toBe(2);
    limit.tryAcquire()!.release("success");
    expect(limit.limit).toBe(3);
  });

  it("serves waiters first come, first served, and refuses a second release", async () => {
    const limit = new AdaptiveLimit({ max: 1 });
    const first = limit.tryAcquire()!;
    const order: number[] = [];
    const a = limit.acquire().then((p) => {
      order.push(1);
      return p;
    });
    const b = limit.acquire().then((p) => {
      order.push(2);
      return p;
    });
    expect(limit.waiting).toBe(2);
    first.release("success");
    expect(() => first.release("success")).toThrow(/twice/);
    (await a).release("success");
    (await b).release("success");
    expect(order).toEqual([1, 2]);
    expect(limit.inFlight).toBe(0);
  });

  it("rejects nonsense bounds", () => {
    expect(() => new AdaptiveLimit({ max: 0 })).toThrow(RangeError);
    expect(() => new AdaptiveLimit({ max: 2, min: 3 })).toThrow(RangeError);
    expect(() => new AdaptiveLimit({ max: 2, decrease: 1 })).toThrow(RangeError);
  });

  // Any interleaving of acquires and releases with any outcomes.
  const step = fc.oneof(
    fc.record({ op: fc.constant("acquire" as const) }),
    fc.record({
      op: fc.constant("release" as const),
      which: fc.nat(),
      outcome: fc.constantFrom<CallOutcome>("success", "throttled", "failed"),
    }),
  );

  it("property: the limit stays within bounds, no one waits while a slot is free, and no slot is lost", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 16 }),
        fc.array(step, { maxLength: 200 }),
        async (a, b, steps) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          const limit = new AdaptiveLimit({ min, max });
          const held: Permit[] = [];
          let asked = 0;
          let released = 0;
          for (const s of steps) {
            if (s.op === "acquire") {
              asked++;
              const free = limit.inFlight < limit.limit && limit.waiting === 0;
              const permit = limit.tryAcquire();
              expect(permit !== undefined).toBe(free);
              if (permit) held.push(permit);
              else void limit.acquire().then((p) => held.push(p));
            } else if (held.length > 0) {
              const before = limit.limit;
              held.splice(s.which % held.length, 1)[0]!.release(s.outcome);
              released++;
              if (s.outcome === "failed") expect(limit.limit).toBe(before);
              if (s.outcome === "success") expect(limit.limit).toBeGreaterThanOrEqual(before);
              if (s.outcome === "throttled") expect(limit.limit).toBeLessThanOrEqual(before);
            }
            await Promise.resolve(); // let granted waiters take their permits
            expect(limit.limit).toBeGreaterThanOrEqual(min);
            expect(limit.limit).toBeLessThanOrEqual(max);
            if (limit.waiting > 0) expect(limit.inFlight).toBeGreaterThanOrEqual(limit.limit);
            expect(limit.inFlight + limit.waiting + released).toBe(asked);
            expect(held.length).toBe(limit.inFlight);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("property: after any history, a long enough run of successes brings the limit back to max", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 32 }),
        fc.array(fc.constantFrom<CallOutcome>("success", "throttled", "failed"), { maxLength: 100 }),
        (max, outcomes) => {
          const limit = new AdaptiveLimit({ max });
          for (const o of outcomes) limit.tryAcquire()!.release(o);
          // Climbing from 1 to max takes 1 + 2 + ... + (max - 1) successes.
          for (let i = 0; i < (max * (max - 1)) / 2 + max; i++) limit.tryAcquire()!.release("success");
          expect(limit.limit).toBe(max);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("property: a throttle of a call sent under the current limit lowers it (unless at min)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), (max, start) => {
        const limit = new AdaptiveLimit({ max, initial: Math.min(start, max) });
        const before = limit.limit;
        limit.tryAcquire()!.release("throttled");
        expect(limit.limit).toBe(Math.max(1, Math.floor(before / 2)));
        if (before > 1) expect(limit.limit).toBeLessThan(before);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("callWithLimit", () => {
  const throttled = () => new ModelCallError("ThrottlingException: Too many requests", "throttled");
  // The waits are recorded, never slept: the test owns time.
  const policy = (waits: number[]) => ({
    sleep: async (ms: number) => {
      waits.push(ms);
    },
    random: () => 0.5,
  });

  it("retries throttles with growing waits, lowering the limit, then succeeds", async () => {
    const limit = new AdaptiveLimit({ max: 8 });
    const waits: number[] = [];
    let calls = 0;
    const value = await callWithLimit(
      limit,
      async () => {
        if (++calls <= 3) throw throttled();
        return "ok";
      },
      policy(waits),
    );
    expect(value).toBe("ok");
    expect(waits).toEqual([125, 250, 500]);
    // 8 -> 4 -> 2 -> 1 on the throttles, and the success at 1 is a whole run: back to 2.
    expect(limit.history.changes).toEqual([8, 4, 2, 1, 2]);
    expect(limit.inFlight).toBe(0);
  });

  it("gives up after its attempts, saying how many", async () => {
    const limit = new AdaptiveLimit({ max: 2 });
    const err = await callWithLimit(
      limit,
      async () => {
        throw throttled();
      },
      { ...policy([]), attempts: 3 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetriesExhausted);
    expect((err as Error).message).toBe("ThrottlingException: Too many requests (after 3 attempts)");
    expect((err as RetriesExhausted).kind).toBe("throttled");
  });

  it("throws a fatal error, or one that is not the service's, at once", async () => {
    const limit = new AdaptiveLimit({ max: 2 });
    let calls = 0;
    await expect(
      callWithLimit(
        limit,
        async () => {
          calls++;
          throw new Error("ThrottlingException: only words");
        },
        policy([]),
      ),
    ).rejects.toThrow("only words");
    expect(calls).toBe(1);
    expect(limit.limit).toBe(2);
  });

  it("backoff is capped", () => {
    expect(backoffMs(30, { sleep: async () => {}, random: () => 0.999, maxDelayMs: 1000 })).toBe(999);
  });

  it("mapWithLimit keeps input order and never has more in flight than the limit", async () => {
    const limit = new AdaptiveLimit({ max: 3 });
    let inFlight = 0;
    let peak = 0;
    const out = await mapWithLimit([5, 1, 4, 2, 3], limit, (n, i) =>
      callWithLimit(
        limit,
        async () => {
          peak = Math.max(peak, ++inFlight);
          for (let k = 0; k < n; k++) await Promise.resolve();
          inFlight--;
          return i;
        },
        policy([]),
      ),
    );
    expect(out).toEqual([0, 1, 2, 3, 4]);
    expect(peak).toBe(3);
  });
});
