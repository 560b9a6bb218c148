import { getOctokit } from "@actions/github";

export type Octokit = ReturnType<typeof getOctokit>;

/** An authenticated REST client for the runner's API base (the local stand-in in tests and the demo). */
export function createOctokit(token: string, apiUrl: string): Octokit {
  return getOctokit(token, { baseUrl: apiUrl });
}

/** The HTTP status of an Octokit request error, if it is one. */
export function httpStatus(err: unknown): number | undefined {
  const status = (err as { status?: unknown })?.status;
  return typeof status === "number" ? status : undefined;
}
