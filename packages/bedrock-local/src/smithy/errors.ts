// Errors a stand-in answers with, and the wording AWS's request validation uses for them.

/** An error the service answers with: `x-amzn-errortype: <errorType>` and `{"message": ...}`. */
export class ServiceError extends Error {
  readonly errorType: string;
  /** Explicit HTTP status; when absent, the error shape's `smithy.api#httpError` decides. */
  readonly status: number | undefined;
  /** Extra members of the error shape (for example `resourceName` of TooManyTagsException). */
  readonly fields: Readonly<Record<string, unknown>>;

  constructor(
    errorType: string,
    message: string,
    options: { status?: number; fields?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = errorType;
    this.errorType = errorType;
    this.status = options.status;
    this.fields = options.fields ?? {};
  }
}

/**
 * A body that does not deserialize into the input shape (wrong JSON type, malformed JSON). AWS
 * answers these with HTTP 400 `SerializationException` before any constraint is checked.
 */
export function serializationError(message: string): ServiceError {
  return new ServiceError("SerializationException", message, { status: 400 });
}

export interface ConstraintViolation {
  /** Member path in AWS's notation: `trainingDataConfig.s3Uri`, `validators.1.member.s3Uri`. */
  readonly path: string;
  readonly value: unknown;
  /** Values of `smithy.api#sensitive` shapes are left out of the message. */
  readonly sensitive: boolean;
  readonly constraint: string;
}

function renderValue(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  if (Array.isArray(value)) return `[${value.map(renderValue).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([key, item]) => `${key}=${renderValue(item)}`).join(", ")}}`;
  }
  return String(value);
}

function describe(violation: ConstraintViolation): string {
  const where = `at '${violation.path}' failed to satisfy constraint: ${violation.constraint}`;
  if (violation.sensitive) return `Value ${where}`;
  if (violation.value === null || violation.value === undefined) return `Value null ${where}`;
  return `Value '${renderValue(violation.value)}' ${where}`;
}

/** AWS's wording: `1 validation error detected: Value 'x' at 'jobName' failed to satisfy constraint: ...`. */
export function validationMessage(violations: readonly ConstraintViolation[]): string {
  const count = violations.length;
  const noun = count === 1 ? "validation error" : "validation errors";
  return `${count} ${noun} detected: ${violations.map(describe).join("; ")}`;
}

export function validationError(violations: readonly ConstraintViolation[]): ServiceError {
  return new ServiceError("ValidationException", validationMessage(violations));
}

/** A request the service refuses as invalid (HTTP 400). */
export function validation(message: string): ServiceError {
  return new ServiceError("ValidationException", message);
}

/** A resource that does not exist (HTTP 404). */
export function notFound(message: string): ServiceError {
  return new ServiceError("ResourceNotFoundException", message);
}
