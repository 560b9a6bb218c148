/** A JSON value as it appears in the OpenAPI description and in request/response bodies. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON Schema object (after the OpenAPI 3.0 dialect has been normalised for Ajv). */
export type JsonSchema = { [key: string]: JsonValue };

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

/** One path or query parameter of a served operation, with its `$ref` resolved. */
export interface ParameterContract {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
}

/** What the stand-in needs to know about one documented operation it serves. */
export interface OperationContract {
  /** `"GET /repos/{owner}/{repo}"`: method and path template, the key handlers are registered under. */
  key: string;
  method: HttpMethod;
  template: string;
  operationId: string;
  documentationUrl: string;
  parameters: ParameterContract[];
  /** The `application/json` request body schema, when the operation takes one. */
  requestBody: { required: boolean; schema: JsonSchema } | null;
  /** Documented responses by status code; `null` when the status has no JSON body (204, 304...). */
  responses: Record<string, JsonSchema | null>;
}

/** Every documented route, used to tell "undocumented" from "documented but not served". */
export interface RouteContract {
  template: string;
  methods: HttpMethod[];
  /** Path parameters marked `x-multi-segment` (they may contain `/`, e.g. branch names). */
  multiSegment: string[];
}

/** The slice of GitHub's OpenAPI description the stand-in loads at start-up. */
export interface ContractSubset {
  source: { package: string; version: string };
  routes: RouteContract[];
  operations: Record<string, OperationContract>;
  /** The transitive closure of `#/components/schemas/*` referenced by the served operations. */
  schemas: Record<string, JsonSchema>;
}
