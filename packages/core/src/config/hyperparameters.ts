import type { BaseModel, HyperparameterSpec } from "../catalog/schema";
import { closest } from "./suggest";

/**
 * Hyperparameters as the API takes them: a string-to-string map. YAML gives numbers or strings; a string
 * the user wrote is sent as written, a number is spelt in plain decimal (JavaScript writes 1e-7 for
 * 0.0000001, which a service parsing decimals may refuse).
 */

/** `value` in plain decimal notation, with the digits of its shortest round-trip form. */
export function plainDecimal(value: number): string {
  const text = String(value);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, lead, fraction = "", exp] = m;
  const digits = `${lead}${fraction}`;
  // Position of the decimal point within `digits` once the exponent is applied.
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The API string for a value from the file: the user's own string, or the number in plain decimal. */
export function apiString(value: number | string): string {
  return typeof value === "string" ? value : plainDecimal(value);
}

export function numericValue(value: number | string): number {
  return typeof value === "number" ? value : Number(value);
}

/** One problem with one hyperparameter, with a hint when one helps. */
export interface HyperparameterProblem {
  message: string;
  hint?: string;
  /** An unknown name is the key's fault; a bad number the value's. */
  target: "key" | "value";
  /** True when the range it breaks is unconfirmed by AWS: then it is reported as a warning. */
  unconfirmed?: boolean;
}

/** Where the accepted range of `model`'s hyperparameters comes from, for messages. */
export function rangeSource(model: BaseModel, fromConfig: boolean): string {
  if (fromConfig) return `the catalog entry "${model.id}" in this file`;
  const pages = model.sources.filter((s) => /(^|[-_/.])hp([-_/.]|$)|hyperparam/i.test(s));
  const cited = pages.length > 0 ? pages : model.sources;
  return cited.length > 0
    ? `tunegate's catalog entry for ${model.name}, from ${cited.join(", ")}`
    : `tunegate's catalog entry for ${model.name}`;
}

/** Checks one configured hyperparameter against the base model's catalog entry. */
export function checkHyperparameter(
  model: BaseModel,
  name: string,
  value: number | string,
  fromConfig: boolean,
): HyperparameterProblem | undefined {
  const spec = model.hyperparameters.find((h) => h.name === name);
  if (!spec) return unknownName(model, name);
  const n = numericValue(value);
  if (!Number.isFinite(n))
    return { message: `expected a number, got ${JSON.stringify(value)}`, target: "value" };
  if (spec.type === "integer" && !Number.isInteger(n)) {
    return {
      message: `${name} takes an integer for ${model.name}; got ${apiString(value)}`,
      hint: `use a whole number${describeRange(spec) ? ` from ${describeRange(spec)}` : ""}.`,
      target: "value",
    };
  }
  const below = spec.min !== undefined && n < spec.min;
  const above = spec.max !== undefined && n > spec.max;
  if ((below || above) && spec.unconfirmed !== undefined) {
    return {
      message: `${name} ${apiString(value)} is outside the range ${describeRange(spec)} tunegate's catalog gives ${model.name}, a range AWS does not confirm`,
      hint: `${spec.unconfirmed}. tunegate sends the value as set; the job's validation decides.`,
      target: "value",
      unconfirmed: true,
    };
  }
  if (below || above) {
    return {
      message: `${name} ${apiString(value)} is outside the range ${model.name} accepts: ${describeRange(spec)} (default ${plainDecimal(spec.default)})`,
      hint: `range from ${rangeSource(model, fromConfig)}. If AWS has changed it, override the entry under "catalog:".`,
      target: "value",
    };
  }
  return undefined;
}

function describeRange(spec: HyperparameterSpec): string {
  if (spec.min === undefined && spec.max === undefined) return "";
  return `${spec.min === undefined ? "-∞" : plainDecimal(spec.min)} to ${spec.max === undefined ? "∞" : plainDecimal(spec.max)}`;
}

function unknownName(model: BaseModel, name: string): HyperparameterProblem {
  const names = model.hyperparameters.map((h) => h.name);
  const near = closest(name, names);
  const takes = names.length > 0 ? `it takes ${names.join(", ")}` : "it takes none in tunegate's catalog";
  return {
    message: `${model.name} has no hyperparameter "${name}"; ${takes}`,
    ...(near ? { hint: `did you mean "${near}"?` } : {}),
    target: "key",
  };
}

/**
 * The catalog's defaults with the configured values over them, as numbers (for cost and epochs). A
 * default AWS does not confirm is left out: the value in effect is then the service's own.
 */
export function effectiveValues(
  model: BaseModel,
  configured: Readonly<Record<string, number | string>>,
): Record<string, number> {
  const values: Record<string, number> = {};
  for (const spec of model.hyperparameters)
    if (spec.unconfirmed === undefined) values[spec.name] = spec.default;
  for (const [name, value] of Object.entries(configured)) values[name] = numericValue(value);
  return values;
}

/**
 * The hyperparameters of `model` whose default AWS does not publish and that `configured` leaves
 * unset: the job then runs with the service's own default, which tunegate cannot state.
 */
export function unsetUnconfirmed(
  model: BaseModel,
  configured: Readonly<Record<string, number | string>>,
): HyperparameterSpec[] {
  return model.hyperparameters.filter((h) => h.unconfirmed !== undefined && !(h.name in configured));
}
