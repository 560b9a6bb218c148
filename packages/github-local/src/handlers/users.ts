import { GitHubError } from "../http/github-error";
import { simpleUser } from "../payloads/users";
import type { Handler } from "./context";

/**
 * `GET /user`: the account a user's token acts as. An installation token (`GITHUB_TOKEN`, which acts
 * as `github-actions[bot]`, or any app's bot) is refused, as GitHub refuses it: "Resource not
 * accessible by integration".
 */
export const getAuthenticatedUser: Handler = (context) => {
  if (context.user.type === "Bot") throw new GitHubError(403, "Resource not accessible by integration");
  const user = simpleUser(context.user, context.urls) as Record<string, unknown>;
  const epoch = "2020-01-01T00:00:00Z";
  return {
    status: 200,
    body: {
      ...(user as object),
      name: null,
      company: null,
      blog: "",
      location: null,
      email: null,
      hireable: null,
      bio: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: epoch,
      updated_at: epoch,
    } as never,
  };
};
