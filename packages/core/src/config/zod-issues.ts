import type { z } from "zod";
import { ALL_RULES } from "../rules/index";
import { type ConfigIssue, formatConfigPath, type Locator, type PathSegment } from "./issues";
import { closest } from "./suggest";

/** Unknown keys listed one by one in a mapping; the rest are one issue at the mapping. */
export const UNKNOWN_KEYS_LISTED = 10;

/**
 * Turns zod's issues about the parsed file into ConfigIssues: one per unknown key (with a suggestion),
 * "is required" for a missing key at the mapping it belongs in, and messages that say what is expected
 * and what was found, in the file's words (mapping, list) rather than JavaScript's.
 */

/** Messages for issues the schema gives no message of its own. */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === null) return "has no value: give one, or remove the key";
      return `expected ${typeName(issue.expected)}, got ${describeValue(issue.input)}`;
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "must not be empty";
      if (issue.origin === "string") return `must have at least ${issue.minimum} characters`;
      if (issue.origin === "array") return `must have at least ${issue.minimum} entries`;
      return `must be at least ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "string") return `must have at most ${issue.maximum} characters`;
      if (issue.origin === "array") return `must have at most ${issue.maximum} entries`;
      return `must be at most ${issue.maximum}`;
    case "invalid_value":
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(issue.input)}`;
    case "invalid_format":
      return issue.format === "regex" && "pattern" in issue
        ? `${describeValue(issue.input)} does not match ${String(issue.pattern)}`
        : `${describeValue(issue.input)} is not a valid ${issue.format}`;
    case "invalid_union":
      return `got ${describeValue(issue.input)}, which fits none of the accepted forms`;
    default:
      return undefined;
  }
};

function typeName(expected: string): string {
  switch (expected) {
    case "object":
    case "record":
    case "map":
      return "a mapping (key: value)";
    case "array":
      return "a list";
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    default:
      return expected;
  }
}

export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return typeof value;
}

/** The value at `path` in plain data, and whether the path exists. */
export function valueAt(root: unknown, path: readonly PathSegment[]): { exists: boolean; value?: unknown } {
  let current: unknown = root;
  for (const seg of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, seg)) {
      return { exists: false };
    }
    current = (current as Record<PropertyKey, unknown>)[seg];
  }
  return { exists: true, value: current };
}

// ---------------------------------------------------------------------------------------------------
// Walking the zod schema, to know which keys are allowed where (for "did you mean").

type AnySchema = z.core.$ZodType;

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (
      ["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"].includes(def.type)
    ) {
      s = def.innerType as AnySchema;
    } else if (def.type === "pipe") {
      s = def.in as AnySchema;
    } else {
      return s;
    }
  }
  return s;
}

function shapeOf(schema: AnySchema): Record<string, AnySchema> | undefined {
  const s = unwrap(schema);
  const def = s._zod.def as unknown as { type: string; shape?: Record<string, AnySchema> };
  return def.type === "object" ? def.shape : undefined;
}

/** The schema at `path`, following object keys, record values and array items. */
export function schemaAt(schema: AnySchema, path: readonly PathSegment[]): AnySchema | undefined {
  let current: AnySchema | undefined = schema;
  for (const seg of path) {
    if (current === undefined) return undefined;
    const s = unwrap(current);
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === "object") {
      const shape = def.shape as Record<string, AnySchema>;
      current = Object.hasOwn(shape, String(seg))
        ? shape[String(seg)]
        : (def.catchall as AnySchema | undefined);
    } else if (def.type === "record") {
      current = def.valueType as AnySchema;
    } else if (def.type === "array") {
      current = def.element as AnySchema;
    } else {
      return undefined;
    }
  }
  return current;
}

const RULE_IDS = ALL_RULES.map((r) => r.id);

/** A hint for an unknown key: the likely intended key, or where the key belongs, or what is allowed. */
export function suggestKey(schema: AnySchema, path: readonly PathSegment[], key: string): string | undefined {
  const here = schemaAt(schema, path);
  const shape = here ? shapeOf(here) : undefined;
  if (!shape) return undefined;
  const allowed = Object.keys(shape);
  const isSeverities = path[path.length - 1] === "severities";
  if (isSeverities) {
    const tail = key.includes("/") ? key.slice(key.indexOf("/") + 1) : key;
    const match = closest(key, RULE_IDS) ?? RULE_IDS.find((id) => id.slice(id.indexOf("/") + 1) === tail);
    return match
      ? `did you mean "${match}"?`
      : "severities take rule ids such as dataset/duplicate-record; `tunegate rules` and docs/rules.md list them.";
  }
  const near = closest(key, allowed);
  if (near) return `did you mean "${near}"?`;
  const root = path.length === 0;
  const inDefaults = path.length === 1 && path[0] === "defaults";
  const modelShape = shapeOf(schemaAt(schema, ["models", "any"]) ?? schema);
  if (root && modelShape && Object.hasOwn(modelShape, key)) {
    return `"${key}" is a model setting: put it under "defaults:" (for every model) or under one model in "models:".`;
  }
  if (inDefaults && modelShape && Object.hasOwn(modelShape, key)) {
    return `"${key}" is set per model, under models.<name>.${key}.`;
  }
  // A key written a level too high, e.g. `bucket:` directly in a model instead of under `s3:`.
  const below = findBelow(shape, key);
  if (below) return `"${key}" goes under "${below}:".`;
  return `allowed here: ${allowed.join(", ")}.`;
}

/** The nearest object below `shape` (through object keys only) that takes `key`, as a dotted path. */
function findBelow(shape: Record<string, AnySchema>, key: string, depth = 3): string | undefined {
  let level: [string, Record<string, AnySchema>][] = [["", shape]];
  for (let d = 0; d < depth && level.length > 0; d++) {
    const next: [string, Record<string, AnySchema>][] = [];
    for (const [prefix, s] of level) {
      for (const [name, child] of Object.entries(s)) {
        const childShape = shapeOf(child);
        if (!childShape) continue;
        const at = prefix === "" ? name : `${prefix}.${name}`;
        if (Object.hasOwn(childShape, key)) return at;
        next.push([at, childShape]);
      }
    }
    level = next;
  }
  return undefined;
}

/** ConfigIssues for zod's issues about `raw`, the file's plain data, located in the YAML document. */
export function convertZodIssues(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  schema: AnySchema,
  locator: Locator,
  prefix: readonly PathSegment[] = [],
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const push = (path: PathSegment[], target: "value" | "key" | "missing", message: string, hint?: string) => {
    const full = [...prefix, ...path];
    out.push({
      message,
      path: formatConfigPath(full),
      ...locator.locate(full, target),
      ...(hint ? { hint } : {}),
    });
  };
  for (const issue of issues) {
    const path = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
    const last = path[path.length - 1];
    switch (issue.code) {
      case "unrecognized_keys": {
        // Each one listed up to a point; a file with thousands is one mistake (or an attack), not a to-do list.
        const listed = issue.keys.slice(0, UNKNOWN_KEYS_LISTED);
        for (const key of listed) {
          push([...path, key], "key", `unknown key "${key}"`, suggestKey(schema, path, key));
        }
        const rest = issue.keys.length - listed.length;
        if (rest > 0) {
          push(
            path,
            "key",
            `${rest.toLocaleString("en-US")} more unknown keys in ${formatConfigPath([...prefix, ...path]) || "the file"}`,
            "remove them; the keys allowed here are in docs/configuration.md.",
          );
        }
        break;
      }
      case "invalid_key": {
        const inner = issue.issues.map((i) => i.message).join("; ");
        push(path, "key", `${JSON.stringify(String(last))}: ${inner}`);
        break;
      }
      default:
        // Whatever the check, a key that is not there is "required", reported where it belongs.
        if (path.length > 0 && !valueAt(raw, path).exists) {
          push(path, "missing", `"${String(last)}" is required`, requiredHint(path));
        } else {
          push(path, "value", issue.message);
        }
    }
  }
  return out;
}

function requiredHint(path: readonly PathSegment[]): string | undefined {
  const key = formatConfigPath(path);
  if (key === "version") return "start the file with `version: 1`.";
  if (key === "models") return "declare the models to fine-tune under `models:`, each by name.";
  if (path[0] === "catalog" && path[path.length - 1] === "id") {
    return "every catalog entry needs the base model id it adds or changes.";
  }
  return undefined;
}
