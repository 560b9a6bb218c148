import * as core from "@actions/core";
import { getOctokit } from "@actions/github";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";

export type Octokit = ReturnType<typeof getOctokit>;

/** Rate-limit waits longer than this are not worth a runner's minutes: the call fails instead. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 120;
/** How many times a rate-limited request is tried again before it fails. */
const RATE_LIMIT_RETRIES = 2;
let clients = 0;

/**
 * The one REST client every action uses, for the runner's API base (the local stand-in in tests and the
 * demo). Server errors and dropped connections are retried with growing waits (plugin-retry: 3 tries
 * after 1 s, 4 s, 9 s), and GitHub's primary and secondary rate limits are honoured (plugin-throttling:
 * writes spaced out, a limited request retried after the `retry-after` GitHub gives), so one 502 or a
 * burst of comments does not cost a run its result. Client errors (401, 404, 422) are not retried: asking
 * again gets the same answer.
 */
export function createOctokit(token: string, apiUrl: string): Octokit {
  const onLimit =
    (kind: string) => (retryAfter: number, options: object, _octokit: unknown, retryCount: number) => {
      const { method, url } = options as { method?: string; url?: string };
      const retrying = retryCount < RATE_LIMIT_RETRIES && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
      core.info(
        `GitHub ${kind} rate limit on ${method ?? "?"} ${url ?? "?"}: ${retrying ? `trying again in ${retryAfter} s` : "giving up"}.`,
      );
      return retrying;
    };
  return getOctokit(
    token,
    {
      baseUrl: apiUrl,
      throttle: {
        // Writes are spaced per client (one action run), not across every client in the process.
        id: `tunegate-${++clients}`,
        onRateLimit: onLimit("primary"),
        onSecondaryRateLimit: onLimit("secondary"),
      },
    },
    retry,
    throttling,
  );
}

/** The HTTP status of an Octokit request error, if it is one. */
export function httpStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown })?.status;
  return typeof status === "number" ? status : undefined;
}
