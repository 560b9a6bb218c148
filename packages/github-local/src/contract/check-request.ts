import type { OperationContract } from "../description/types";
import type { ViolationKind } from "../types";
import { invalidRequestMessage } from "./github-messages";
import type { ContractValidators } from "./validators";

export type RequestCheck =
  | { ok: true; params: Record<string, unknown>; body: unknown }
  | { ok: false; status: number; message: string; violation: ViolationKind; detail: string };

/**
 * Checks a request against its operation: parameters present and of their documented type (a bad path
 * parameter is a 404 on GitHub, a bad query parameter a 422), then the JSON body against the request
 * schema (400 when it does not parse, 422 "Invalid request." when it breaks the schema).
 */
export function checkRequest(
  op: OperationContract,
  validators: ContractValidators,
  pathParams: Record<string, string>,
  query: URLSearchParams,
  rawBody: string,
): RequestCheck {
  const params: Record<string, unknown> = {};
  for (const p of op.parameters) {
    const value = p.in === "path" ? pathParams[p.name] : query.get(p.name);
    if (value !== undefined && value !== null) params[p.name] = value;
  }
  const validateParams = validators.parameters(op);
  if (!validateParams(params)) {
    const errors = validateParams.errors ?? [];
    const names = errors.map((e) =>
      e.keyword === "required" ? String(e.params.missingProperty) : e.instancePath.split("/")[1],
    );
    const inPath = op.parameters.some((p) => p.in === "path" && names.includes(p.name));
    const detail = invalidRequestMessage(errors, params);
    return inPath
      ? { ok: false, status: 404, message: "Not Found", violation: "invalid-parameter", detail }
      : { ok: false, status: 422, message: detail, violation: "invalid-parameter", detail };
  }

  if (!op.requestBody) return { ok: true, params, body: undefined };
  let body: unknown = {};
  if (rawBody.trim() !== "") {
    try {
      body = JSON.parse(rawBody);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        status: 400,
        message: "Problems parsing JSON",
        violation: "unparsable-body",
        detail,
      };
    }
  }
  const validateBody = validators.body(op);
  if (!validateBody(body)) {
    const message = invalidRequestMessage(validateBody.errors ?? [], body);
    return { ok: false, status: 422, message, violation: "invalid-body", detail: message };
  }
  return { ok: true, params, body };
}
