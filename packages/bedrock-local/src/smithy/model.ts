// A read-only view of a Smithy 2.0 JSON AST: shape lookup (including the prelude shapes that the JSON
// files reference but do not define) and the HTTP bindings of the operations a stand-in serves.

export type Traits = Readonly<Record<string, unknown>>;

export interface MemberRef {
  readonly target: string;
  readonly traits?: Traits;
}

export interface Shape {
  readonly type: string;
  readonly traits?: Traits;
  readonly members?: Readonly<Record<string, MemberRef>>;
  readonly member?: MemberRef;
  readonly key?: MemberRef;
  readonly value?: MemberRef;
  readonly input?: { readonly target: string };
  readonly output?: { readonly target: string };
  readonly errors?: readonly { readonly target: string }[];
}

export interface SmithyModel {
  readonly smithy?: string;
  readonly shapes: Readonly<Record<string, Shape>>;
}

export interface HttpBinding {
  readonly method: string;
  readonly uri: string;
  readonly code: number;
}

export interface OperationInfo {
  readonly name: string;
  readonly http: HttpBinding;
  readonly inputId: string;
  readonly outputId: string;
  readonly errorIds: readonly string[];
}

// The prelude shapes (smithy.api#String, ...) are implicit in every model.
const PRELUDE_TYPES: Readonly<Record<string, string>> = {
  String: "string",
  Blob: "blob",
  Boolean: "boolean",
  PrimitiveBoolean: "boolean",
  Byte: "byte",
  PrimitiveByte: "byte",
  Short: "short",
  PrimitiveShort: "short",
  Integer: "integer",
  PrimitiveInteger: "integer",
  Long: "long",
  PrimitiveLong: "long",
  Float: "float",
  PrimitiveFloat: "float",
  Double: "double",
  PrimitiveDouble: "double",
  BigInteger: "bigInteger",
  BigDecimal: "bigDecimal",
  Timestamp: "timestamp",
  Document: "document",
  Unit: "structure",
};

export class ShapeIndex {
  readonly namespace: string;

  constructor(private readonly model: SmithyModel) {
    const service = Object.entries(model.shapes).find(([, shape]) => shape.type === "service");
    if (!service) throw new Error("Smithy model has no service shape");
    this.namespace = service[0].split("#")[0] ?? "";
  }

  shape(id: string): Shape {
    const found = this.model.shapes[id];
    if (found) return found;
    if (id.startsWith("smithy.api#")) {
      const type = PRELUDE_TYPES[id.slice("smithy.api#".length)];
      if (type) return type === "structure" ? { type, members: {} } : { type };
    }
    throw new Error(`Unknown Smithy shape ${id}`);
  }

  /** The short name of a shape id: `com.amazonaws.bedrock#JobName` -> `JobName`. */
  static shortName(id: string): string {
    return id.slice(id.indexOf("#") + 1);
  }

  qualify(name: string): string {
    return `${this.namespace}#${name}`;
  }

  hasShape(name: string): boolean {
    return this.qualify(name) in this.model.shapes;
  }

  operation(name: string): OperationInfo {
    const shape = this.shape(this.qualify(name));
    if (shape.type !== "operation") throw new Error(`${name} is not an operation`);
    const http = shape.traits?.["smithy.api#http"] as HttpBinding | undefined;
    if (!http) throw new Error(`Operation ${name} has no smithy.api#http binding`);
    return {
      name,
      http: { method: http.method, uri: http.uri, code: http.code ?? 200 },
      inputId: shape.input?.target ?? "smithy.api#Unit",
      outputId: shape.output?.target ?? "smithy.api#Unit",
      errorIds: (shape.errors ?? []).map((error) => error.target),
    };
  }

  /** The HTTP status the model declares for an error shape (by short name), if the model has it. */
  errorStatus(errorName: string): number | undefined {
    if (!this.hasShape(errorName)) return undefined;
    const traits = this.shape(this.qualify(errorName)).traits ?? {};
    const declared = traits["smithy.api#httpError"];
    if (typeof declared === "number") return declared;
    return traits["smithy.api#error"] === "server" ? 500 : 400;
  }
}

/** Traits of a member merged over the traits of its target (member traits win, as in Smithy). */
export function effectiveTraits(index: ShapeIndex, member: MemberRef): Traits {
  return { ...(index.shape(member.target).traits ?? {}), ...(member.traits ?? {}) };
}

export function hasTrait(traits: Traits | undefined, name: string): boolean {
  return traits !== undefined && Object.hasOwn(traits, `smithy.api#${name}`);
}
