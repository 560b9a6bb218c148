import { asSchema, normalizeSchema, referencedSchemaNames } from "./normalize-schema";
import type {
  ContractSubset,
  HttpMethod,
  JsonSchema,
  JsonValue,
  OperationContract,
  ParameterContract,
  RouteContract,
} from "./types";

type JsonObject = { [key: string]: JsonValue };

const METHODS: readonly HttpMethod[] = ["GET", "POST", "PATCH", "PUT", "DELETE"];

function object(value: JsonValue | undefined, what: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`OpenAPI description: ${what} is not an object`);
  }
  return value;
}

/** Follows one local `$ref` (`#/components/parameters/owner`) inside the description. */
function deref(description: JsonObject, value: JsonValue | undefined, what: string): JsonObject {
  const node = object(value, what);
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  let target: JsonValue | undefined = description;
  for (const part of ref.replace(/^#\//, "").split("/")) {
    target = object(target, ref)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return deref(description, target, ref);
}

function parameter(description: JsonObject, raw: JsonValue, where: string): ParameterContract | null {
  const p = deref(description, raw, `a parameter of ${where}`);
  if (p.in !== "path" && p.in !== "query") return null; // headers and cookies are not checked
  return {
    name: String(p.name),
    in: p.in,
    required: p.required === true || p.in === "path",
    schema: asSchema(normalizeSchema(p.schema ?? {})),
  };
}

function jsonSchemaOf(content: JsonValue | undefined): JsonSchema | null {
  if (content === undefined) return null;
  const json = object(content, "content")["application/json"];
  if (json === undefined) return null;
  const schema = object(json, "application/json").schema;
  return schema === undefined ? null : asSchema(normalizeSchema(schema));
}

function operation(description: JsonObject, template: string, method: HttpMethod): OperationContract {
  const key = `${method} ${template}`;
  const paths = object(description.paths, "paths");
  const raw = object(paths[template], template)[method.toLowerCase()];
  if (raw === undefined) throw new Error(`OpenAPI description has no operation ${key}`);
  const op = object(raw, key);
  const parameters = ((op.parameters ?? []) as JsonValue[])
    .map((p) => parameter(description, p, key))
    .filter((p): p is ParameterContract => p !== null);
  let requestBody: OperationContract["requestBody"] = null;
  if (op.requestBody !== undefined) {
    const body = deref(description, op.requestBody, `${key} requestBody`);
    const schema = jsonSchemaOf(body.content);
    if (schema) requestBody = { required: body.required === true, schema };
  }
  const responses: Record<string, JsonSchema | null> = {};
  for (const [status, response] of Object.entries(object(op.responses, `${key} responses`))) {
    responses[status] = jsonSchemaOf(deref(description, response, `${key} ${status}`).content);
  }
  const docs = op.externalDocs === undefined ? {} : object(op.externalDocs, `${key} externalDocs`);
  return {
    key,
    method,
    template,
    operationId: String(op.operationId),
    documentationUrl: typeof docs.url === "string" ? docs.url : "https://docs.github.com/rest",
    parameters,
    requestBody,
    responses,
  };
}

function routes(description: JsonObject): RouteContract[] {
  const out: RouteContract[] = [];
  for (const [template, rawItem] of Object.entries(object(description.paths, "paths"))) {
    const item = object(rawItem, template);
    const methods = METHODS.filter((m) => item[m.toLowerCase()] !== undefined);
    const multiSegment = new Set<string>();
    for (const m of methods) {
      for (const raw of (object(item[m.toLowerCase()], template).parameters ?? []) as JsonValue[]) {
        const p = deref(description, raw, template);
        if (p.in === "path" && p["x-multi-segment"] === true) multiSegment.add(String(p.name));
      }
    }
    out.push({ template, methods, multiSegment: [...multiSegment] });
  }
  return out;
}

/**
 * Extracts what the stand-in serves from GitHub's OpenAPI description (the file with `$ref`s): the
 * route table of every documented operation, the full contract of the served ones, and only the
 * component schemas those reach.
 */
export function extractSubset(
  description: JsonObject,
  served: readonly string[],
  source: ContractSubset["source"],
): ContractSubset {
  const operations: Record<string, OperationContract> = {};
  for (const key of served) {
    const [method, template] = key.split(" ") as [HttpMethod, string];
    operations[key] = operation(description, template, method);
  }
  const components = object(object(description.components, "components").schemas, "components.schemas");
  const schemas: Record<string, JsonSchema> = {};
  const pending = [...referencedSchemaNames(operations as unknown as JsonValue)];
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (schemas[name]) continue;
    const raw = components[name];
    if (raw === undefined) throw new Error(`OpenAPI description: missing #/components/schemas/${name}`);
    schemas[name] = asSchema(normalizeSchema(raw));
    for (const next of referencedSchemaNames(schemas[name])) if (!schemas[next]) pending.push(next);
  }
  return { source, routes: routes(description), operations, schemas };
}
