// The evaluation's Converse path under throttling: retried within the adaptive limit, figures unchanged.
import { describe, expect, it } from "vitest";
import { type EvalCase, ModelCallError, runEvaluation } from "../src/index";

const cases: EvalCase[] = Array.from({ length: 12 }, (_, i) => ({
  id: String(i + 1),
  line: i + 1,
  system: "",
  messages: [{ role: "user", text: `q${i}` }],
  reference: `ROUTE: r${i % 3}`,
}));

describe("runEvaluation under throttling", () => {
  it("retries throttled calls after the injected waits, with fewer in flight, and scores as if none were", async () => {
    let inFlight = 0;
    const peaks: number[] = [];
    let throttles = 4;
    const waits: number[] = [];
    let release: (() => void) | undefined;
    const out = await runEvaluation({
      cases,
      target: { model: "target" },
      concurrency: 4,
      labelPattern: "ROUTE: (\\w+)",
      retry: {
        attempts: 6,
        random: () => 0.5,
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
      async ask(_model, evalCase) {
        inFlight++;
        peaks.push(inFlight);
        // The first four calls are all in flight together, then all throttled.
        if (throttles > 0) {
          throttles--;
          if (throttles === 0) release?.();
          else
            await new Promise<void>((r) => {
              const previous = release;
              release = () => {
                previous?.();
                r();
              };
            });
          inFlight--;
          throw new ModelCallError("ThrottlingException: Too many requests", "throttled");
        }
        await Promise.resolve();
        inFlight--;
        return { text: evalCase.reference };
      },
    });
    expect(peaks.slice(0, 4)).toEqual([1, 2, 3, 4]);
    // One burst of four throttles halves the limit once: the retries go out at most two at a time.
    expect(Math.max(...peaks.slice(4, 8))).toBeLessThanOrEqual(2);
    expect(waits).toEqual([125, 125, 125, 125]);
    expect(out.target.summary.classification!.accuracy).toBe(1);
    expect(out.target.summary.errors).toBe(0);
  });

  it("records a call still throttled after every attempt as that case's error, with the count", async () => {
    const out = await runEvaluation({
      cases: cases.slice(0, 2),
      target: { model: "target" },
      retry: { attempts: 3, sleep: async () => {} },
      async ask(_model, evalCase) {
        if (evalCase.line === 1)
          throw new ModelCallError("ThrottlingException: Too many requests", "throttled");
        return { text: evalCase.reference };
      },
    });
    expect(out.target.cases![0]!.error).toBe("ThrottlingException: Too many requests (after 3 attempts)");
    expect(out.target.cases![1]!.prediction).toBe("ROUTE: r1");
  });
});
