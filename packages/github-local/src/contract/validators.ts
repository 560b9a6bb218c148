import { Ajv, type ValidateFunction } from "ajv";
import addFormatsPlugin from "ajv-formats";
import type { ContractSubset, JsonSchema, OperationContract } from "../description/types";

// The subset's schemas are registered under one document id; operation schemas are reached by JSON pointer
// into it, so their `#/components/schemas/...` references resolve without being rewritten.
const DOCUMENT_ID = "https://tunegate.local/github-openapi-subset.json";

// ajv-formats is CommonJS: under Node's ESM loader its default import is `module.exports` (the plugin
// itself); under bundlers it can arrive wrapped as `{ default: plugin }`.
const addFormats = ((addFormatsPlugin as unknown as { default?: typeof addFormatsPlugin }).default ??
  addFormatsPlugin) as typeof addFormatsPlugin;

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function createAjv(options: { coerceTypes: boolean }, subset: ContractSubset): Ajv {
  const ajv = new Ajv({
    strict: false, // the description carries OpenAPI-only keywords (x-*, readOnly) Ajv need not know
    allErrors: true,
    coerceTypes: options.coerceTypes,
    useDefaults: options.coerceTypes,
  });
  addFormats(ajv);
  const operations: Record<string, JsonSchema> = {};
  for (const op of Object.values(subset.operations)) {
    operations[op.key] = {
      body: op.requestBody?.schema ?? {},
      responses: Object.fromEntries(Object.entries(op.responses).map(([s, schema]) => [s, schema ?? {}])),
      parameters: parametersSchema(op),
    };
  }
  ajv.addSchema({ $id: DOCUMENT_ID, components: { schemas: subset.schemas }, operations }, DOCUMENT_ID);
  return ajv;
}

/** Path and query parameters as one object schema, so Ajv coerces strings and fills documented defaults. */
function parametersSchema(op: OperationContract): JsonSchema {
  return {
    type: "object",
    properties: Object.fromEntries(op.parameters.map((p) => [p.name, p.schema])),
    required: op.parameters.filter((p) => p.required).map((p) => p.name),
  };
}

/** Compiles (once, on first use) the validators for the parameters, bodies and responses of the contract. */
export class ContractValidators {
  readonly #subset: ContractSubset;
  #checking?: Ajv;
  #coercing?: Ajv;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(subset: ContractSubset) {
    this.#subset = subset;
  }

  #ajv(kind: "checking" | "coercing"): Ajv {
    if (kind === "checking") {
      this.#checking ??= createAjv({ coerceTypes: false }, this.#subset);
      return this.#checking;
    }
    this.#coercing ??= createAjv({ coerceTypes: true }, this.#subset);
    return this.#coercing;
  }

  #get(ajv: "checking" | "coercing", pointer: string): ValidateFunction {
    const id = `${ajv} ${pointer}`;
    let validate = this.#compiled.get(id);
    if (!validate) {
      validate = this.#ajv(ajv).compile({ $ref: `${DOCUMENT_ID}#/operations/${pointer}` });
      this.#compiled.set(id, validate);
    }
    return validate;
  }

  /** Validates and coerces (in place) `{ name: string }` parameters; fills documented defaults. */
  parameters(op: OperationContract): ValidateFunction {
    return this.#get("coercing", `${escapePointer(op.key)}/parameters`);
  }

  body(op: OperationContract): ValidateFunction {
    return this.#get("checking", `${escapePointer(op.key)}/body`);
  }

  /** The validator of the documented JSON response for `status`; null when none is documented. */
  response(op: OperationContract, status: number): ValidateFunction | null {
    const schema = op.responses[String(status)];
    if (schema === undefined || schema === null) return null;
    return this.#get("checking", `${escapePointer(op.key)}/responses/${status}`);
  }
}
