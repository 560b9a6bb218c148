import type { JsonValue } from "../description/types";

export const GENERAL_DOCUMENTATION_URL = "https://docs.github.com/rest";

/** One entry of GitHub's `errors` array in a "Validation Failed" answer. */
export interface GitHubValidationErrorEntry {
  resource: string;
  code: string;
  field: string;
  message?: string;
}

/**
 * An answer in GitHub's error shape: `{ message, documentation_url, status }` (plus `errors` for
 * "Validation Failed"). Handlers throw it; the server fills in the operation's documentation URL.
 */
export class GitHubError extends Error {
  readonly status: number;
  readonly errors: GitHubValidationErrorEntry[] | undefined;
  readonly documentationUrl: string | undefined;

  constructor(
    status: number,
    message: string,
    options: { errors?: GitHubValidationErrorEntry[]; documentationUrl?: string } = {},
  ) {
    super(message);
    this.status = status;
    this.errors = options.errors;
    this.documentationUrl = options.documentationUrl;
  }

  body(documentationUrl: string): JsonValue {
    const out: { [key: string]: JsonValue } = { message: this.message };
    if (this.errors) out.errors = this.errors.map((e) => ({ ...e }));
    out.documentation_url = this.documentationUrl ?? documentationUrl;
    out.status = String(this.status);
    return out;
  }
}

export function notFound(): GitHubError {
  return new GitHubError(404, "Not Found");
}

/** GitHub's default message for a status, used by injected faults that bring no body of their own. */
export function defaultMessage(status: number): string {
  const messages: Record<number, string> = {
    400: "Bad Request",
    401: "Bad credentials",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    410: "Gone",
    422: "Validation Failed",
    429: "API rate limit exceeded",
    500: "Server Error",
    502: "Server Error",
    503: "Service Unavailable",
    504: "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
  };
  return messages[status] ?? "Server Error";
}
