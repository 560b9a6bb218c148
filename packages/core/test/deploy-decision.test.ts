// The deploy decision from an evaluation's results and gates, its headline, and its round trip through
// the tags a re-run reads it back from; the names and tokens tunegate derives from a job.
import { describe, expect, it } from "vitest";
import {
  candidateName,
  checkGates,
  DEPLOYMENT_NAME_PATTERN,
  decideDeployment,
  decisionFromTags,
  decisionHeadline,
  decisionTags,
  type EvalResults,
} from "../src/index";

const summary = (correct: number, total = 25) => ({
  cases: total,
  answered: total,
  errors: 0,
  exactMatch: { matched: correct, rate: correct / total },
});
const results = (target: number, baseline?: number): EvalResults => ({
  format: "tunegate.eval/v1",
  target: { model: "candidate", summary: summary(target) },
  ...(baseline === undefined ? {} : { baseline: { model: "production", summary: summary(baseline) } }),
});

describe("the decision", () => {
  it("promotes when every gate passes, and says so with both figures", () => {
    const r = results(23, 22);
    const d = decideDeployment(r, checkGates(r, { maxRegression: 0 }), "gates", "production");
    expect(d).toEqual({
      outcome: "promoted",
      metric: "exact match",
      score: 0.92,
      againstScore: 0.88,
      against: "production",
    });
    expect(decisionHeadline(d)).toBe("promoted: exact match 92.0% vs 88.0% in production");
  });

  it("keeps production on the first failing gate, naming it", () => {
    const r = results(21, 23);
    const d = decideDeployment(
      r,
      checkGates(r, { minAccuracy: 0.8, maxRegression: 0 }),
      "gates",
      "production",
    );
    expect(decisionHeadline(d)).toBe("kept production: exact match 84.0% < 92.0% (gate max-regression 0)");
    const low = results(19, 15);
    const gated = decideDeployment(
      low,
      checkGates(low, { minAccuracy: 0.9, maxRegression: 0 }),
      "gates",
      "base model",
    );
    expect(decisionHeadline(gated)).toBe("not deployed: exact match 76.0% (gate min-accuracy 90.0%)");
  });

  it("only reports with on: never, even when every gate passes", () => {
    const r = results(24, 15);
    const d = decideDeployment(r, checkGates(r, { maxRegression: 0 }), "never", "base model");
    expect(decisionHeadline(d)).toBe(
      "not promoted (deploy.on: never): exact match 96.0% vs 60.0% for the base model",
    );
  });

  it("reads back from its tags as written, and ignores a tampered gate", () => {
    const r = results(21, 23);
    const d = decideDeployment(r, checkGates(r, { maxRegression: 0.02 }), "gates", "production");
    expect(decisionFromTags(decisionTags(d))).toEqual(d);
    const tampered = decisionTags(d).map((t) =>
      t.key === "tunegate:deploy-gate" ? { ...t, value: "@team see https://x" } : t,
    );
    expect(decisionFromTags(tampered)?.gate).toBeUndefined();
    expect(decisionFromTags([{ key: "tunegate:deploy-decision", value: "maybe" }])).toBeUndefined();
  });
});

describe("names", () => {
  it("keep the candidate within AWS's name pattern, whatever the production name", () => {
    for (const name of ["a", "support-router-prod", `${"x".repeat(50)}-${"y".repeat(12)}`, "a_b-c"]) {
      const candidate = candidateName(name, "abcdef123456");
      expect(candidate).toMatch(DEPLOYMENT_NAME_PATTERN);
      expect(candidate.length).toBeLessThanOrEqual(63);
      expect(candidate.endsWith("-cabcdef123456")).toBe(true);
    }
  });
});
