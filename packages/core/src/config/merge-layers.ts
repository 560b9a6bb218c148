/** How `defaults:` and a model's own settings combine into the model's settings. */

export type Plain = Record<string, unknown>;
export const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v);

/** Settings a model replaces as a whole: half of one VPC and half of another is no VPC at all. */
const REPLACED_WHOLE = new Set(["vpc"]);

/**
 * `defaults` with the model's settings over them: mappings merge key by key (s3, tags, severities,
 * hyperparameters), lists and values replace, and a null in the model removes what defaults set.
 */
export function mergeLayers(defaults: Plain, model: Plain): Plain {
  const out = deepMerge(defaults, model) as Plain;
  for (const key of REPLACED_WHOLE) {
    if (Object.hasOwn(model, key)) {
      if (model[key] === null) delete out[key];
      else out[key] = model[key];
    }
  }
  return out;
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isPlain(base) || !isPlain(patch)) return patch;
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = Object.hasOwn(base, key) ? deepMerge(base[key], value) : value;
  }
  return out;
}
