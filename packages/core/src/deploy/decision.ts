import type { GateCheck } from "../evaluation/gates";
import { type EvalResults, headlineScore } from "../evaluation/results";
import { DEPLOY_TAG } from "./names";

/** `deploy.on` of tunegate.yml: promote when every gate passes, or only report the comparison. */
export type DeployWhen = "gates" | "never";

/** What was decided for one job's model, and the figures it was decided on. */
export interface DeployDecision {
  outcome: "promoted" | "kept" | "report-only";
  metric: "accuracy" | "exact match";
  score: number;
  /** The figure of what it was compared with; absent when that could not be evaluated. */
  againstScore?: number;
  /** "production" (the production deployment) or "base model" (no production yet). */
  against: "production" | "base model";
  /** The first gate that failed, as "max-regression 0" or "min-accuracy 90.0%". */
  gate?: string;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const threshold = (x: number) => (x === 0 ? "0" : pct(x));

/** Decides from the evaluation of the candidate (target) against production or the base (baseline). */
export function decideDeployment(
  results: EvalResults,
  gates: readonly GateCheck[],
  on: DeployWhen,
  against: DeployDecision["against"],
): DeployDecision {
  const target = headlineScore(results.target.summary);
  const failed = gates.find((g) => !g.passed);
  const decision: DeployDecision = {
    outcome: on === "never" ? "report-only" : failed || gates.length === 0 ? "kept" : "promoted",
    metric: target.name,
    score: target.value,
    against,
    ...(results.baseline ? { againstScore: headlineScore(results.baseline.summary).value } : {}),
  };
  if (failed) decision.gate = `${failed.gate} ${threshold(failed.threshold)}`;
  return decision;
}

/** The headline of the comment: "promoted: accuracy 91.2% vs 88.0% in production". */
export function decisionHeadline(decision: DeployDecision): string {
  const where = decision.against === "production" ? "in production" : "for the base model";
  const other = decision.againstScore === undefined ? undefined : pct(decision.againstScore);
  const versus = other ? ` vs ${other} ${where}` : "";
  const score = `${decision.metric} ${pct(decision.score)}`;
  if (decision.outcome === "promoted") return `promoted: ${score}${versus}`;
  if (decision.outcome === "report-only") return `not promoted (deploy.on: never): ${score}${versus}`;
  const kept = decision.against === "production" ? "kept production" : "not deployed";
  // A failed max-regression means the score is below the other one; min-accuracy is about the score alone.
  const compare = other && decision.gate?.startsWith("max-regression") ? ` < ${other}` : "";
  const gate = decision.gate ? ` (gate ${decision.gate})` : "";
  return `${kept}: ${score}${compare}${gate}`;
}

/** The decision as tags on the custom model, so a re-run finishes it without evaluating again. */
export function decisionTags(decision: DeployDecision): { key: string; value: string }[] {
  return [
    { key: DEPLOY_TAG.decision, value: decision.outcome },
    { key: DEPLOY_TAG.metric, value: decision.metric },
    { key: DEPLOY_TAG.score, value: String(decision.score) },
    { key: DEPLOY_TAG.against, value: decision.against },
    ...(decision.againstScore === undefined
      ? []
      : [{ key: DEPLOY_TAG.againstScore, value: String(decision.againstScore) }]),
    ...(decision.gate ? [{ key: DEPLOY_TAG.gate, value: decision.gate }] : []),
  ];
}

/** The decision an earlier run tagged the custom model with, if any. */
export function decisionFromTags(
  tags: readonly { key: string; value: string }[],
): DeployDecision | undefined {
  const get = (key: string) => tags.find((t) => t.key === key)?.value;
  const outcome = get(DEPLOY_TAG.decision);
  const score = Number(get(DEPLOY_TAG.score));
  if ((outcome !== "promoted" && outcome !== "kept" && outcome !== "report-only") || !Number.isFinite(score))
    return undefined;
  const againstScore = Number(get(DEPLOY_TAG.againstScore));
  // Only the shape tunegate writes: the headline quotes it in a comment unescaped.
  const gate = get(DEPLOY_TAG.gate)?.match(/^(min-accuracy|max-regression) \d{1,3}(\.\d)?%?$/)?.[0];
  return {
    outcome,
    metric: get(DEPLOY_TAG.metric) === "exact match" ? "exact match" : "accuracy",
    score,
    against: get(DEPLOY_TAG.against) === "production" ? "production" : "base model",
    ...(get(DEPLOY_TAG.againstScore) !== undefined && Number.isFinite(againstScore) ? { againstScore } : {}),
    ...(gate ? { gate } : {}),
  };
}
