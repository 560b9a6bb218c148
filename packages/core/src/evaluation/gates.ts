import { UserError } from "../user-error";
import { type EvalResults, headlineScore } from "./results";

/**
 * Gates that fail the step: `min-accuracy` (the target's score must reach it) and `max-regression`
 * (the target may trail the baseline by at most this much). Both compare the headline score: accuracy
 * for a classifier (a label pattern is set), else the exact-match rate.
 */

export interface GateOptions {
  /** A fraction from 0 to 1. */
  minAccuracy?: number;
  /** A fraction from 0 to 1: baseline score minus target score may not exceed it. */
  maxRegression?: number;
}

export interface GateCheck {
  gate: "min-accuracy" | "max-regression";
  threshold: number;
  /** The measured figure: the target's score, or the regression (baseline - target). */
  value?: number;
  passed: boolean;
  message: string;
}

export class GateOptionError extends UserError {
  override name = "GateOptionError";
}

/** "0.9", "90%" or "" (not set). Anything else, or a value outside 0..1, is a usage error. */
export function parseFraction(name: string, text: string | undefined): number | undefined {
  const t = (text ?? "").trim();
  if (t === "") return undefined;
  const percent = t.endsWith("%");
  const n = Number(percent ? t.slice(0, -1).trim() : t);
  const value = percent ? n / 100 : n;
  if (!Number.isFinite(n) || value < 0 || value > 1) {
    throw new GateOptionError(
      `${name} takes a fraction from 0 to 1 (e.g. 0.9) or a percentage (e.g. 90%); got ${JSON.stringify(t)}.`,
    );
  }
  return value;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function checkGates(results: EvalResults, options: GateOptions): GateCheck[] {
  const checks: GateCheck[] = [];
  const target = headlineScore(results.target.summary);
  if (options.minAccuracy !== undefined) {
    const passed = target.value + 1e-12 >= options.minAccuracy;
    checks.push({
      gate: "min-accuracy",
      threshold: options.minAccuracy,
      value: target.value,
      passed,
      message: `${target.name} of ${results.target.model} is ${pct(target.value)}; the gate asks for at least ${pct(options.minAccuracy)}.`,
    });
  }
  if (options.maxRegression !== undefined) {
    if (!results.baseline) {
      // A gate that cannot be checked fails: passing it silently would hide a missing comparison.
      checks.push({
        gate: "max-regression",
        threshold: options.maxRegression,
        passed: false,
        message:
          "max-regression is set but no baseline model was evaluated: set the baseline-model input (or --baseline for tunegate eval).",
      });
    } else {
      const base = headlineScore(results.baseline.summary);
      const regression = base.value - target.value;
      const passed = regression <= options.maxRegression + 1e-12;
      checks.push({
        gate: "max-regression",
        threshold: options.maxRegression,
        value: regression,
        passed,
        message: `${target.name}: ${results.target.model} ${pct(target.value)} vs baseline ${results.baseline.model} ${pct(base.value)} (${regression > 0 ? `${pct(regression)} worse` : regression < 0 ? `${pct(-regression)} better` : "equal"}); the gate allows at most ${pct(options.maxRegression)} worse.`,
      });
    }
  }
  return checks;
}
