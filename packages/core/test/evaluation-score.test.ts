import { describe, expect, it } from "vitest";
import {
  type CaseResult,
  checkGates,
  EVAL_RESULTS_FORMAT,
  type EvalResults,
  EvalResultsError,
  GateOptionError,
  NO_ANSWER,
  NO_LABEL,
  parseEvalResults,
  parseFraction,
  runEvaluation,
  scoreCases,
} from "../src/index";
import { readEvalSet } from "./engine";
import { claudeRecord, HAIKU, NOVA_LITE, tempFile } from "./support";

const c = (
  id: number,
  reference: string,
  prediction?: string,
  extra: Partial<CaseResult> = {},
): CaseResult => ({
  id: String(id),
  reference,
  ...(prediction === undefined ? { error: "throttled" } : { prediction }),
  ...extra,
});

describe("scoreCases", () => {
  // References: billing x3, tech x2, sales x1; one answer unlabeled, one call failed.
  const cases: CaseResult[] = [
    c(1, "ROUTE: billing", "ROUTE: billing", { latencyMs: 100, inputTokens: 10, outputTokens: 2 }),
    c(2, "ROUTE: billing", "ROUTE: tech", { latencyMs: 200, inputTokens: 20, outputTokens: 2 }),
    c(3, "ROUTE: billing", "ROUTE: billing\n", { latencyMs: 300, inputTokens: 30, outputTokens: 2 }),
    c(4, "ROUTE: tech", "ROUTE: tech", { latencyMs: 400, inputTokens: 40, outputTokens: 2 }),
    c(5, "ROUTE: tech", "I cannot tell", { latencyMs: 500, inputTokens: 50, outputTokens: 3 }),
    c(6, "ROUTE: sales", undefined),
    c(7, "no label here", "no label here", { latencyMs: 700, inputTokens: 70, outputTokens: 3 }),
  ];

  it("exact match trims white space only", () => {
    const s = scoreCases(cases);
    expect(s.exactMatch).toEqual({ matched: 4, rate: 4 / 7 });
    expect(s).toMatchObject({ cases: 7, answered: 6, errors: 1 });
    expect(s.classification).toBeUndefined();
  });

  it("accuracy, per-label precision and recall, and the confusion matrix", () => {
    const k = scoreCases(cases, { labelPattern: "^ROUTE: (\\S+)" }).classification!;
    expect(k.total).toBe(6);
    expect(k.unlabeledReferences).toBe(1);
    expect(k.correct).toBe(3);
    expect(k.accuracy).toBe(0.5);
    expect(k.confusion.rows).toEqual(["billing", "sales", "tech"]);
    expect(k.confusion.columns).toEqual(["billing", "sales", "tech", NO_LABEL, NO_ANSWER]);
    expect(k.confusion.matrix).toEqual([
      [2, 0, 1, 0, 0],
      [0, 0, 0, 0, 1],
      [0, 0, 1, 1, 0],
    ]);
    expect(k.labels).toEqual([
      { label: "billing", support: 3, predicted: 2, truePositives: 2, precision: 1, recall: 2 / 3 },
      { label: "sales", support: 1, predicted: 0, truePositives: 0, recall: 0 },
      { label: "tech", support: 2, predicted: 2, truePositives: 1, precision: 0.5, recall: 0.5 },
    ]);
  });

  it("a label only the model used gets a column and a precision, no recall", () => {
    const k = scoreCases([c(1, "ROUTE: a", "ROUTE: zzz"), c(2, "ROUTE: a", "ROUTE: a")], {
      labelPattern: "ROUTE: (\\w+)",
    }).classification!;
    expect(k.confusion.columns).toEqual(["a", "zzz"]);
    expect(k.labels[1]).toEqual({ label: "zzz", support: 0, predicted: 1, truePositives: 0, precision: 0 });
  });

  it("latency p50/p95 (nearest rank), tokens and their cost with the price's source", () => {
    const s = scoreCases(cases, { prices: HAIKU.prices, latencySource: "service" });
    // Six measured latencies (the failed call has none): nearest rank 3 and 6.
    expect(s.latencyMs).toEqual({ p50: 300, p95: 700, source: "service" });
    expect(s.tokens).toEqual({ input: 220, output: 14 });
    expect(s.cost!.usd).toBeCloseTo((220 * 0.25 + 14 * 1.25) / 1e6, 15);
    expect(s.cost!.inputPerMillionTokens.source).toMatch(/Anthropic price list/);
  });

  it("no price: tokens but no cost", () => {
    const s = scoreCases(cases, { prices: NOVA_LITE.prices });
    expect(s.tokens).toBeDefined();
    expect(s.cost).toBeUndefined();
  });
});

const results = (target: number, baseline?: number): EvalResults => {
  const summary = (rate: number) => ({
    cases: 10,
    answered: 10,
    errors: 0,
    exactMatch: { matched: Math.round(rate * 10), rate },
  });
  return {
    format: EVAL_RESULTS_FORMAT,
    target: { model: "arn:aws:bedrock:us-west-2:1:provisioned-model/x", summary: summary(target) },
    ...(baseline === undefined ? {} : { baseline: { model: "base", summary: summary(baseline) } }),
  };
};

describe("gates", () => {
  it("parses fractions and percentages, refuses the rest", () => {
    expect(parseFraction("min-accuracy", "0.9")).toBe(0.9);
    expect(parseFraction("min-accuracy", "85%")).toBeCloseTo(0.85, 12);
    expect(parseFraction("min-accuracy", "  ")).toBeUndefined();
    expect(() => parseFraction("min-accuracy", "90")).toThrow(GateOptionError);
    expect(() => parseFraction("max-regression", "abc")).toThrow(/max-regression takes a fraction/);
  });

  it("min-accuracy passes at the threshold and fails below it", () => {
    expect(checkGates(results(0.9), { minAccuracy: 0.9 })[0]!.passed).toBe(true);
    const [check] = checkGates(results(0.8), { minAccuracy: 0.9 });
    expect(check).toMatchObject({ gate: "min-accuracy", passed: false, value: 0.8 });
    expect(check!.message).toContain("80.0%");
  });

  it("max-regression compares with the baseline, and fails when there is none", () => {
    expect(checkGates(results(0.8, 0.85), { maxRegression: 0.05 })[0]!.passed).toBe(true);
    const [worse] = checkGates(results(0.7, 0.85), { maxRegression: 0.05 });
    expect(worse!.passed).toBe(false);
    expect(worse!.value).toBeCloseTo(0.15, 12);
    expect(checkGates(results(0.9), { maxRegression: 0.05 })[0]).toMatchObject({ passed: false });
    expect(checkGates(results(0.9), {})).toEqual([]);
  });
});

describe("the results file", () => {
  it("round-trips what runEvaluation writes", async () => {
    const written = results(0.5, 0.25);
    expect(parseEvalResults(JSON.stringify(written))).toEqual(written);
  });

  it("names what is wrong in a hand-made file", () => {
    expect(() => parseEvalResults("{")).toThrow(EvalResultsError);
    expect(() =>
      parseEvalResults(JSON.stringify({ format: EVAL_RESULTS_FORMAT, target: { model: "m", summary: {} } })),
    ).toThrow(/target\.summary\.cases/);
    const bad = results(0.5);
    (bad.target.summary.exactMatch as { rate: number }).rate = 1.5;
    expect(() => parseEvalResults(JSON.stringify(bad))).toThrow(/exactMatch\.rate/);
  });
});

describe("readEvalSet and runEvaluation", () => {
  it("turns records into prompts and references, and skips what cannot be asked", async () => {
    const path = tempFile(
      [
        claudeRecord("charged twice", "ROUTE: billing", "You route tickets."),
        JSON.stringify({
          messages: [
            { role: "user", content: "hi" },
            { role: "assistant", content: "hello" },
            { role: "user", content: "app crashes" },
            { role: "assistant", content: "ROUTE: tech" },
          ],
        }),
        JSON.stringify({ messages: [{ role: "user", content: "no reply" }] }),
      ].join("\n"),
    );
    const set = await readEvalSet(path, { model: HAIKU, name: "eval.jsonl" });
    expect(set.path).toBe("eval.jsonl");
    expect(set.cases).toEqual([
      {
        id: "1",
        line: 1,
        system: "You route tickets.",
        messages: [{ role: "user", text: "charged twice" }],
        reference: "ROUTE: billing",
      },
      {
        id: "2",
        line: 2,
        system: "",
        messages: [
          { role: "user", text: "hi" },
          { role: "assistant", text: "hello" },
          { role: "user", text: "app crashes" },
        ],
        reference: "ROUTE: tech",
      },
    ]);
    expect(set.skipped.map((s) => s.line)).toEqual([3]);
    expect(set.problems.errors).toBeGreaterThan(0);
  });

  it("asks both models every case within the concurrency bound, and records failures", async () => {
    const path = tempFile(
      Array.from({ length: 12 }, (_, i) => claudeRecord(`q${i}`, `ROUTE: r${i % 3}`)).join("\n"),
    );
    const set = await readEvalSet(path, { model: HAIKU });
    let inFlight = 0;
    let peak = 0;
    const out = await runEvaluation({
      cases: set.cases,
      target: { model: "target", prices: HAIKU.prices },
      baseline: { model: "base" },
      labelPattern: "ROUTE: (\\w+)",
      concurrency: 3,
      now: () => new Date("2026-11-24T00:00:00Z"),
      async ask(model, evalCase) {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        if (model === "base" && evalCase.line === 1) throw new Error("ThrottlingException: slow down");
        // The target is right on every case; the baseline always answers r0.
        return {
          text: model === "target" ? evalCase.reference : "ROUTE: r0",
          latencyMs: evalCase.line,
          inputTokens: 5,
          outputTokens: 2,
        };
      },
    });
    expect(peak).toBe(3);
    expect(out.createdAt).toBe("2026-11-24T00:00:00.000Z");
    expect(out.target.summary.classification!.accuracy).toBe(1);
    // Baseline: lines 1..12 have labels r0,r1,r2,...; line 1 (r0) failed, lines 4,7,10 (r0) right.
    expect(out.baseline!.summary.classification!.correct).toBe(3);
    expect(out.baseline!.summary.errors).toBe(1);
    expect(out.baseline!.cases![0]!.error).toMatch(/Throttling/);
    expect(out.target.summary.cost!.usd).toBeCloseTo((60 * 0.25 + 24 * 1.25) / 1e6, 15);
    expect(parseEvalResults(JSON.stringify(out))).toEqual(out);
  });
});

describe("docs/eval-results.md", () => {
  it("its example is a valid results file", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = readFileSync(new URL("../../../docs/eval-results.md", import.meta.url), "utf8");
    const example = /```json\n([\s\S]*?)```/.exec(doc)![1]!;
    const parsed = parseEvalResults(example);
    expect(parsed.target.summary.classification!.accuracy).toBe(0.7);
    expect(checkGates(parsed, { minAccuracy: 0.7, maxRegression: 0.5 }).every((c) => c.passed)).toBe(true);
  });
});
