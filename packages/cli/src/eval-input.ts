import { GateOptionError, type GateOptions, parseFraction } from "@tunegate/core";
import { UsageError } from "./io";

/** The flags of `tunegate eval` that need more than parseArgs, each refused with a usage error. */

export function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new UsageError(`${flag} takes a whole number from ${min} to ${max}; got "${text}".`);
  }
  return n;
}

export function gateOptions(minAccuracyFlag?: string, maxRegressionFlag?: string): GateOptions {
  try {
    const minAccuracy = parseFraction("--min-accuracy", minAccuracyFlag);
    const maxRegression = parseFraction("--max-regression", maxRegressionFlag);
    return {
      ...(minAccuracy === undefined ? {} : { minAccuracy }),
      ...(maxRegression === undefined ? {} : { maxRegression }),
    };
  } catch (err) {
    if (err instanceof GateOptionError) throw new UsageError(err.message);
    throw err;
  }
}
