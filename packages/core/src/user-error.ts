/**
 * A mistake the user can fix: bad usage, a bad tunegate.yml, an unreadable dataset, a refused base
 * model, a bucket or role AWS rejects. Every user-facing error extends this; anything else that is
 * thrown is a bug in tunegate. The CLI exits 2 for one of these and 70 (with the stack) for a bug; an
 * action reports one as a clean error with its fix, and a bug with its stack.
 */
export class UserError extends Error {
  override name = "UserError";
  /** What to do about it, when the message does not say so already. */
  readonly fix: string | undefined;

  constructor(message: string, options: { fix?: string | undefined; cause?: unknown } = {}) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.fix = options.fix;
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** The message of a user mistake as it is shown: the message, then its fix unless the message has it. */
export function userErrorText(err: UserError): string {
  return err.fix && !err.message.includes(err.fix) ? `${err.message}\nFix: ${err.fix}` : err.message;
}
