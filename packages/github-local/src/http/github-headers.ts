import { randomBytes } from "node:crypto";

const RATE_LIMIT = 5000;

/**
 * The headers GitHub adds to every answer. Rate-limit headers count requests per token, so a client
 * that logs or reads them sees plausible numbers.
 */
export class GitHubHeaders {
  readonly #used = new Map<string, number>();

  next(token: string | null): Record<string, string> {
    const used = token === null ? 0 : (this.#used.get(token) ?? 0) + 1;
    if (token !== null) this.#used.set(token, used);
    return {
      "x-github-api-version-selected": "2022-11-28",
      "x-github-media-type": "github.v3; format=json",
      "x-github-request-id": randomBytes(8).toString("hex").toUpperCase(),
      "x-ratelimit-limit": String(RATE_LIMIT),
      "x-ratelimit-remaining": String(Math.max(0, RATE_LIMIT - used)),
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      "x-ratelimit-used": String(used),
      "x-ratelimit-resource": "core",
    };
  }
}
