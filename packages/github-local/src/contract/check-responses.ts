import type { ContractSubset } from "../description/types";
import type { RecordedRequest, ResponseMismatch } from "../types";
import type { ContractValidators } from "./validators";

function problem(entry: RecordedRequest, validators: ContractValidators, subset: ContractSubset): string[] {
  const op = entry.operation ? subset.operations[entry.operation] : undefined;
  if (!op || entry.fault) return [];
  if (op.responses[String(entry.status)] === undefined) {
    // The description leaves out many error statuses GitHub does send (401, 403 on reads...), but
    // every success the stand-in answers with must be documented.
    return entry.status < 300 ? ["status not documented"] : [];
  }
  const validate = validators.response(op, entry.status);
  if (validate === null) return entry.responseBody === undefined ? [] : ["body where none is documented"];
  if (validate(entry.responseBody)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`);
}

/** Checks recorded answers against the response schema documented for their operation and status. */
export function checkResponses(
  recorded: readonly RecordedRequest[],
  validators: ContractValidators,
  subset: ContractSubset,
): ResponseMismatch[] {
  const out: ResponseMismatch[] = [];
  for (const entry of recorded) {
    const errors = problem(entry, validators, subset);
    if (errors.length > 0 && entry.operation) {
      out.push({
        method: entry.method,
        path: entry.path,
        operation: entry.operation,
        status: entry.status,
        errors,
      });
    }
  }
  return out;
}
