// Test controls shared by the stand-ins: injected faults and the log of every request received.
import { ServiceError } from "../smithy/errors.js";

export interface FaultSpec {
  /** Operation name as in the model, e.g. `CreateModelCustomizationJob`, or `*` for any operation. */
  readonly operation: string;
  /** Error shape name sent in `x-amzn-errortype`, e.g. `ThrottlingException`. */
  readonly errorType: string;
  /** HTTP status; defaults to the error shape's `smithy.api#httpError` in the model. */
  readonly status?: number;
  readonly message?: string;
  /** How many requests fail before the operation answers normally again (default 1). */
  readonly times?: number;
}

export interface RecordedRequest {
  /** Operation name, or `Unknown` for a request that matched no route. */
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  /** The decoded input; absent when the request failed before decoding. */
  readonly input: Readonly<Record<string, unknown>> | undefined;
  readonly status: number;
  readonly errorType: string | undefined;
  readonly receivedAt: Date;
}

// Wording of AWS's own messages for the common injected faults.
const DEFAULT_MESSAGES: Readonly<Record<string, string>> = {
  ThrottlingException: "Too many requests, please wait before trying again.",
  ServiceUnavailableException: "Service unavailable. Try again later.",
  InternalServerException: "Internal server error",
  AccessDeniedException: "You don't have access to this resource.",
};

/** AWS's message when the caller may not pass the service role to Bedrock. */
export function passRoleDeniedMessage(principalArn: string, roleArn: string): string {
  return (
    `User: ${principalArn} is not authorized to perform: iam:PassRole on resource: ${roleArn} ` +
    "because no identity-based policy allows the iam:PassRole action"
  );
}

export class FaultInjector {
  private readonly pending: { spec: FaultSpec; remaining: number }[] = [];

  inject(spec: FaultSpec): void {
    this.pending.push({ spec, remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.pending.length = 0;
  }

  /** The error to answer this request with, if a fault is armed for its operation. */
  take(operation: string): ServiceError | undefined {
    const armed = this.pending.find(
      (fault) => fault.remaining > 0 && (fault.spec.operation === operation || fault.spec.operation === "*"),
    );
    if (!armed) return undefined;
    armed.remaining -= 1;
    if (armed.remaining === 0) this.pending.splice(this.pending.indexOf(armed), 1);
    const { errorType, status, message } = armed.spec;
    return new ServiceError(errorType, message ?? DEFAULT_MESSAGES[errorType] ?? errorType, { status });
  }
}
