/**
 * A failed model call, classified by the adapter that made it (it knows the service's error names), so
 * the limiter and the retries decide on a kind, not on message text.
 * - throttled: the service asked to slow down (ThrottlingException, HTTP 429): fewer in flight, retry.
 * - transient: worth another try, but no sign of overload (a 5xx, a dropped connection, a timeout).
 * - fatal: asking again cannot help (a validation error, access denied, an unknown model).
 */
export type CallErrorKind = "throttled" | "transient" | "fatal";

export class ModelCallError extends Error {
  override name = "ModelCallError";
  constructor(
    message: string,
    readonly kind: CallErrorKind,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The kind of any error: a ModelCallError says; anything else is fatal (it is not the service's). */
export function callErrorKind(err: unknown): CallErrorKind {
  return err instanceof ModelCallError ? err.kind : "fatal";
}
