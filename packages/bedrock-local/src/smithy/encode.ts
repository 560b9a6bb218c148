// Serializes operation outputs and errors the way a restJson1 service does, so that the AWS SDK's
// deserializers read them: JSON members under their (json)names, timestamps in the model's
// `smithy.api#timestampFormat` (epoch-seconds when the model says nothing), blobs as base64, header and
// status-code bindings honoured.
import type { ServiceError } from "./errors.js";
import { effectiveTraits, hasTrait, type MemberRef, type OperationInfo, type ShapeIndex } from "./model.js";

export interface EncodedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
}

function formatTimestamp(value: unknown, format: string): string | number {
  const date = value instanceof Date ? value : new Date(Number(value));
  if (format === "date-time") return date.toISOString();
  if (format === "http-date") return date.toUTCString();
  return date.getTime() / 1000;
}

export class OutputEncoder {
  constructor(private readonly index: ShapeIndex) {}

  encodeOutput(operation: OperationInfo, output: Readonly<Record<string, unknown>>): EncodedResponse {
    const shape = this.index.shape(operation.outputId);
    const headers: Record<string, string> = {};
    let status = operation.http.code;
    const body: Record<string, unknown> = {};
    let payload: string | Buffer | undefined;

    for (const [name, member] of Object.entries(shape.members ?? {})) {
      const value = output[name];
      if (value === undefined || value === null) continue;
      const traits = member.traits ?? {};
      if (hasTrait(traits, "httpHeader")) {
        headers[String(traits["smithy.api#httpHeader"]).toLowerCase()] = this.headerText(member, value);
      } else if (hasTrait(traits, "httpResponseCode")) {
        status = Number(value);
      } else if (hasTrait(traits, "httpPayload")) {
        const type = this.index.shape(member.target).type;
        if (type === "blob") payload = Buffer.from(value as Uint8Array);
        else if (type === "string") payload = String(value);
        else payload = JSON.stringify(this.jsonValue(member, value));
      } else {
        body[this.jsonName(member, name)] = this.jsonValue(member, value);
      }
    }
    headers["content-type"] = "application/json";
    return { status, headers, body: payload ?? JSON.stringify(body) };
  }

  encodeError(error: ServiceError): EncodedResponse {
    const status = error.status ?? this.index.errorStatus(error.errorType) ?? 400;
    return {
      status,
      headers: { "content-type": "application/json", "x-amzn-errortype": error.errorType },
      body: JSON.stringify({ message: error.message, ...error.fields }),
    };
  }

  private jsonName(member: MemberRef, name: string): string {
    const declared = member.traits?.["smithy.api#jsonName"];
    return typeof declared === "string" ? declared : name;
  }

  private headerText(member: MemberRef, value: unknown): string {
    const type = this.index.shape(member.target).type;
    if (type === "timestamp") {
      const format = effectiveTraits(this.index, member)["smithy.api#timestampFormat"];
      return String(formatTimestamp(value, typeof format === "string" ? format : "http-date"));
    }
    if (Array.isArray(value)) return value.map(String).join(", ");
    return String(value);
  }

  private jsonValue(member: MemberRef, value: unknown): unknown {
    const shape = this.index.shape(member.target);
    switch (shape.type) {
      case "timestamp": {
        const format = effectiveTraits(this.index, member)["smithy.api#timestampFormat"];
        return formatTimestamp(value, typeof format === "string" ? format : "epoch-seconds");
      }
      case "blob":
        return Buffer.from(value as Uint8Array).toString("base64");
      case "float":
      case "double":
        return typeof value === "number" && !Number.isFinite(value) ? String(value) : value;
      case "list":
      case "set": {
        const item = shape.member;
        return (value as readonly unknown[]).map((entry) => (item ? this.jsonValue(item, entry) : entry));
      }
      case "map": {
        const valueRef = shape.value;
        const encoded: Record<string, unknown> = {};
        for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
          encoded[key] = valueRef ? this.jsonValue(valueRef, entry) : entry;
        }
        return encoded;
      }
      case "structure":
      case "union": {
        const encoded: Record<string, unknown> = {};
        const source = value as Record<string, unknown>;
        for (const [name, ref] of Object.entries(shape.members ?? {})) {
          const entry = source[name];
          if (entry === undefined || entry === null) continue;
          encoded[this.jsonName(ref, name)] = this.jsonValue(ref, entry);
        }
        return encoded;
      }
      default:
        return value;
    }
  }
}
