import type { JsonSchema, JsonValue } from "./types";

// Keywords that only document a schema. Dropping them keeps the cached subset small; Ajv ignores them.
const DOCUMENTATION_KEYWORDS = new Set([
  "description",
  "example",
  "examples",
  "title",
  "externalDocs",
  "deprecated",
  "discriminator",
  "xml",
]);
const SCHEMA_MAP_KEYWORDS = new Set(["properties", "patternProperties"]);
const SCHEMA_KEYWORDS = new Set(["items", "additionalProperties", "not"]);
const SCHEMA_LIST_KEYWORDS = new Set(["allOf", "anyOf", "oneOf"]);

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Turns an OpenAPI 3.0 schema into the JSON Schema Ajv validates. Walks schema positions only (never the
 * keys of a `properties` map, so a property named `description` survives). OpenAPI's `nullable: true`
 * becomes a `null` type, because Ajv refuses `nullable` without a sibling `type` and the description has
 * many (`"nullable": true, "oneOf": [...]`).
 */
export function normalizeSchema(schema: JsonValue): JsonValue {
  if (!isObject(schema)) return schema;
  const out: { [key: string]: JsonValue } = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (DOCUMENTATION_KEYWORDS.has(keyword) || keyword.startsWith("x-") || keyword === "nullable") continue;
    if (SCHEMA_MAP_KEYWORDS.has(keyword) && isObject(value)) {
      out[keyword] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name, normalizeSchema(sub)]),
      );
    } else if (SCHEMA_KEYWORDS.has(keyword)) {
      out[keyword] = normalizeSchema(value);
    } else if (SCHEMA_LIST_KEYWORDS.has(keyword) && Array.isArray(value)) {
      out[keyword] = value.map(normalizeSchema);
    } else {
      out[keyword] = value;
    }
  }
  if (schema.nullable !== true) return out;
  const type = out.type;
  if (typeof type === "string" || Array.isArray(type)) {
    const types = Array.isArray(type) ? type : [type];
    if (!types.includes("null")) out.type = [...types, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [{ type: "null" }, out] };
}

/** Every `#/components/schemas/<name>` a schema refers to, directly. */
export function referencedSchemaNames(schema: JsonValue, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) referencedSchemaNames(item, into);
  } else if (isObject(schema)) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/schemas/")) {
        into.add(value.slice("#/components/schemas/".length));
      } else {
        referencedSchemaNames(value, into);
      }
    }
  }
  return into;
}

export function asSchema(value: JsonValue): JsonSchema {
  if (!isObject(value)) throw new Error(`expected a schema object, got ${JSON.stringify(value)}`);
  return value;
}
