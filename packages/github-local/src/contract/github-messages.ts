import type { ErrorObject } from "ajv";

/** Ruby's `inspect`, which GitHub's validation messages use to show the offending value. */
export function rubyInspect(value: unknown): string {
  if (value === null || value === undefined) return "nil";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(rubyInspect).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} => ${rubyInspect(v)}`);
    return `{${entries.join(", ")}}`;
  }
  return String(value);
}

const ARTICLE_TYPES: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "a boolean",
  object: "an object",
  array: "an array",
  null: "null",
};

function describeTypes(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => ARTICLE_TYPES[String(t)] ?? String(t)).join(" or ");
}

/** `/labels/0/name` -> `properties/labels/items/properties/name`, the way GitHub names a field. */
function fieldPath(instancePath: string): string {
  return instancePath
    .split("/")
    .slice(1)
    .map((part) =>
      /^\d+$/.test(part) ? "items" : `properties/${part.replace(/~1/g, "/").replace(/~0/g, "~")}`,
    )
    .join("/");
}

function valueAt(data: unknown, instancePath: string): unknown {
  let node = data;
  for (const part of instancePath.split("/").slice(1)) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

function line(error: ErrorObject, data: unknown): string {
  const path = fieldPath(error.instancePath);
  const where = path === "" ? "the request body" : `'${path}'`;
  const value = rubyInspect(valueAt(data, error.instancePath));
  switch (error.keyword) {
    case "required":
      return `${JSON.stringify(String(error.params.missingProperty))} wasn't supplied.`;
    case "type":
      return `For ${where}, ${value} is not ${describeTypes(error.params.type)}.`;
    case "enum":
      return `For ${where}, ${value} is not a member of ${rubyInspect(error.params.allowedValues)}.`;
    default:
      return `For ${where}, ${value} ${error.message ?? "is invalid"}.`;
  }
}

/**
 * GitHub's wording for a request that breaks the operation's JSON schema:
 * `Invalid request.\n\nFor 'properties/body', 123 is not a string.` Errors nested under a failed
 * `anyOf`/`oneOf` are folded into that one line, as they only explain why no branch matched.
 */
export function invalidRequestMessage(errors: readonly ErrorObject[], data: unknown): string {
  const alternatives = errors.filter((e) => e.keyword === "anyOf" || e.keyword === "oneOf");
  const kept = errors.filter(
    (e) =>
      alternatives.includes(e) ||
      !alternatives.some((a) => e.schemaPath.startsWith(a.schemaPath) && e.schemaPath !== a.schemaPath),
  );
  const lines = [...new Set(kept.map((e) => line(e, data)))];
  return `Invalid request.\n\n${lines.join("\n")}`;
}
