// Turns an HTTP request into the operation's input value, following the restJson1 bindings of the
// model: `smithy.api#httpLabel`, `httpQuery`, `httpHeader`, `httpPayload` and the JSON body (member
// names or `smithy.api#jsonName`). Type mismatches answer like AWS does, with a SerializationException,
// before any constraint is checked.
import type { IncomingHttpHeaders } from "node:http";
import { serializationError } from "./errors.js";
import { effectiveTraits, hasTrait, type MemberRef, type OperationInfo, type ShapeIndex } from "./model.js";

export interface RawRequest {
  readonly labels: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export type UnknownMemberPolicy = "reject" | "ignore";

export interface DecodeOptions {
  /**
   * AWS's servers skip JSON members their model does not know; `reject` (the default of the stand-ins)
   * is stricter so that a hand-written request with a misspelt member fails loudly in tests.
   */
  readonly unknownMembers: UnknownMemberPolicy;
}

const INTEGER_TYPES = new Set(["byte", "short", "integer", "long", "bigInteger", "intEnum"]);
const FLOAT_TYPES = new Set(["float", "double", "bigDecimal"]);

const JAVA_TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "a String",
  enum: "a String",
  byte: "a Byte",
  short: "a Short",
  integer: "an Integer",
  intEnum: "an Integer",
  long: "a Long",
  bigInteger: "a BigInteger",
  float: "a Float",
  double: "a Double",
  bigDecimal: "a BigDecimal",
  boolean: "a Boolean",
  timestamp: "a Timestamp",
  blob: "a Blob",
};

function jsonKind(value: unknown): string {
  if (typeof value === "string") return "STRING_VALUE";
  if (typeof value === "number") return "NUMBER_VALUE";
  if (value === true) return "TRUE_VALUE";
  if (value === false) return "FALSE_VALUE";
  return "VALUE";
}

function typeMismatch(value: unknown, expectedType: string, path: string) {
  // Wording modelled on AWS's JSON deserializer (for example DynamoDB's
  // "NUMBER_VALUE can not be converted to a String"); the member path is appended to help the reader.
  if (Array.isArray(value))
    return serializationError(`Start of list found where not expected (at '${path}')`);
  if (value !== null && typeof value === "object") {
    return serializationError(`Start of structure or map found where not expected (at '${path}')`);
  }
  const target =
    JAVA_TYPE_NAMES[expectedType] ??
    (expectedType === "list" || expectedType === "set" ? "a List" : "a Structure or Map");
  return serializationError(`${jsonKind(value)} can not be converted to ${target} (at '${path}')`);
}

function timestampFormat(traits: Readonly<Record<string, unknown>>, fallback: string): string {
  const declared = traits["smithy.api#timestampFormat"];
  return typeof declared === "string" ? declared : fallback;
}

function parseTimestamp(value: unknown, format: string, path: string): Date {
  if (format === "epoch-seconds") {
    const seconds =
      typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
    if (!Number.isFinite(seconds)) throw typeMismatch(value, "timestamp", path);
    return new Date(seconds * 1000);
  }
  if (typeof value !== "string") throw typeMismatch(value, "timestamp", path);
  const pattern =
    format === "date-time"
      ? /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i
      : /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
  const parsed = Date.parse(value);
  if (!pattern.test(value) || Number.isNaN(parsed)) {
    throw serializationError(`Unable to parse timestamp '${value}' as ${format} (at '${path}')`);
  }
  return new Date(parsed);
}

/** Scalars bound to labels, query strings and headers arrive as text. */
function parseTextScalar(
  index: ShapeIndex,
  member: MemberRef,
  text: string,
  path: string,
  defaultTimestampFormat: string,
): unknown {
  const type = index.shape(member.target).type;
  if (type === "string" || type === "enum") return text;
  if (INTEGER_TYPES.has(type)) {
    if (!/^-?\d+$/.test(text)) throw typeMismatch(text, type, path);
    return Number(text);
  }
  if (FLOAT_TYPES.has(type)) {
    const number = Number(text);
    if (text.trim() === "" || (Number.isNaN(number) && text !== "NaN")) throw typeMismatch(text, type, path);
    return number;
  }
  if (type === "boolean") {
    if (text !== "true" && text !== "false") throw typeMismatch(text, type, path);
    return text === "true";
  }
  if (type === "timestamp") {
    return parseTimestamp(
      text,
      timestampFormat(effectiveTraits(index, member), defaultTimestampFormat),
      path,
    );
  }
  if (type === "blob") return Buffer.from(text, "base64");
  throw new Error(`Unsupported ${type} binding at ${path}`);
}

function parseTextBinding(
  index: ShapeIndex,
  member: MemberRef,
  values: readonly string[],
  path: string,
  defaultTimestampFormat: string,
): unknown {
  const shape = index.shape(member.target);
  if ((shape.type === "list" || shape.type === "set") && shape.member) {
    const item = shape.member;
    return values.map((value, position) =>
      parseTextScalar(index, item, value, `${path}.${position + 1}.member`, defaultTimestampFormat),
    );
  }
  return parseTextScalar(index, member, values.at(-1) ?? "", path, defaultTimestampFormat);
}

function jsonNameOf(member: MemberRef, name: string): string {
  const declared = member.traits?.["smithy.api#jsonName"];
  return typeof declared === "string" ? declared : name;
}

export class InputDecoder {
  constructor(
    private readonly index: ShapeIndex,
    private readonly options: DecodeOptions,
  ) {}

  decode(operation: OperationInfo, raw: RawRequest): Record<string, unknown> {
    const input: Record<string, unknown> = {};
    const members = this.index.shape(operation.inputId).members ?? {};
    const bodyMembers: [string, MemberRef][] = [];
    let payloadMember: [string, MemberRef] | undefined;

    for (const [name, member] of Object.entries(members)) {
      const traits = member.traits ?? {};
      if (hasTrait(traits, "httpLabel")) {
        const text = raw.labels[name];
        if (text !== undefined) input[name] = parseTextScalar(this.index, member, text, name, "date-time");
      } else if (hasTrait(traits, "httpQuery")) {
        const values = raw.query.getAll(String(traits["smithy.api#httpQuery"]));
        if (values.length > 0) input[name] = parseTextBinding(this.index, member, values, name, "date-time");
      } else if (hasTrait(traits, "httpHeader")) {
        const header = raw.headers[String(traits["smithy.api#httpHeader"]).toLowerCase()];
        if (header !== undefined) {
          const values = (Array.isArray(header) ? header : [header]).flatMap((value) =>
            this.index.shape(member.target).type === "list"
              ? value.split(",").map((part) => part.trim())
              : [value],
          );
          input[name] = parseTextBinding(this.index, member, values, name, "http-date");
        }
      } else if (hasTrait(traits, "httpPayload")) {
        payloadMember = [name, member];
      } else if (!hasTrait(traits, "httpPrefixHeaders") && !hasTrait(traits, "httpQueryParams")) {
        bodyMembers.push([name, member]);
      }
    }

    if (payloadMember) {
      const [name, member] = payloadMember;
      const type = this.index.shape(member.target).type;
      if (raw.body.length > 0) {
        if (type === "blob") input[name] = raw.body;
        else if (type === "string") input[name] = raw.body.toString("utf8");
        else input[name] = this.decodeJson(member, this.parseBody(raw.body), name);
      }
      return input;
    }

    const text = raw.body.toString("utf8").trim();
    if (text === "") return input;
    const body = this.parseBody(raw.body);
    if (body === null || typeof body !== "object" || Array.isArray(body)) {
      throw typeMismatch(body, "structure", "body");
    }
    const byJsonName = new Map(
      bodyMembers.map(([name, member]) => [jsonNameOf(member, name), [name, member] as const]),
    );
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      const found = byJsonName.get(key);
      if (!found) {
        this.unknownMember(key);
        continue;
      }
      const [name, member] = found;
      const decoded = this.decodeJson(member, value, name);
      if (decoded !== undefined) input[name] = decoded;
    }
    return input;
  }

  private parseBody(body: Buffer): unknown {
    try {
      return JSON.parse(body.toString("utf8"));
    } catch {
      throw serializationError("Unable to parse the request body as JSON");
    }
  }

  private unknownMember(path: string): void {
    if (this.options.unknownMembers === "reject") {
      throw serializationError(`Unrecognized field "${path}" (the model of this service has no such member)`);
    }
  }

  /** Decodes one JSON value against a member's target shape; `undefined` means "not set". */
  decodeJson(member: MemberRef, value: unknown, path: string): unknown {
    if (value === null) return undefined;
    const shape = this.index.shape(member.target);
    const type = shape.type;
    switch (type) {
      case "string":
      case "enum":
        if (typeof value !== "string") throw typeMismatch(value, type, path);
        return value;
      case "boolean":
        if (typeof value !== "boolean") throw typeMismatch(value, type, path);
        return value;
      case "timestamp":
        return parseTimestamp(
          value,
          timestampFormat(effectiveTraits(this.index, member), "epoch-seconds"),
          path,
        );
      case "blob":
        if (typeof value !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(value))
          throw typeMismatch(value, type, path);
        return Buffer.from(value, "base64");
      case "document":
        return value;
      case "list":
      case "set": {
        if (!Array.isArray(value)) throw typeMismatch(value, type, path);
        const item = shape.member;
        if (!item) throw new Error(`List shape without member at ${path}`);
        // Nulls inside a dense list stay visible so that validation reports them.
        return value.map((entry, position) =>
          entry === null ? null : this.decodeJson(item, entry, `${path}.${position + 1}.member`),
        );
      }
      case "map": {
        if (value === null || typeof value !== "object" || Array.isArray(value))
          throw typeMismatch(value, type, path);
        const valueRef = shape.value;
        if (!valueRef) throw new Error(`Map shape without value at ${path}`);
        const decoded: Record<string, unknown> = {};
        for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
          decoded[key] = entry === null ? null : this.decodeJson(valueRef, entry, `${path}.${key}`);
        }
        return decoded;
      }
      case "structure":
      case "union":
        return this.decodeAggregate(member, value, path);
      default:
        if (INTEGER_TYPES.has(type)) {
          if (typeof value !== "number" || !Number.isInteger(value)) throw typeMismatch(value, type, path);
          return value;
        }
        if (FLOAT_TYPES.has(type)) {
          if (typeof value === "number") return value;
          if (value === "NaN" || value === "Infinity" || value === "-Infinity") return Number(value);
          throw typeMismatch(value, type, path);
        }
        throw new Error(`Unsupported shape type ${type} at ${path}`);
    }
  }

  private decodeAggregate(member: MemberRef, value: unknown, path: string): Record<string, unknown> {
    const shape = this.index.shape(member.target);
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw typeMismatch(value, shape.type, path);
    }
    const members = shape.members ?? {};
    const byJsonName = new Map(
      Object.entries(members).map(([name, ref]) => [jsonNameOf(ref, name), [name, ref] as const]),
    );
    const decoded: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
      const found = byJsonName.get(key);
      if (!found) {
        this.unknownMember(`${path}.${key}`);
        continue;
      }
      const [name, ref] = found;
      const item = this.decodeJson(ref, entry, `${path}.${name}`);
      if (item !== undefined) decoded[name] = item;
    }
    if (shape.type === "union" && Object.keys(decoded).length !== 1) {
      throw serializationError(
        `Union value at '${path}' must have exactly one member set, found ${Object.keys(decoded).length}`,
      );
    }
    return decoded;
  }
}
