import type { JsonValue } from "../description/types";
import type { UserRecord } from "../state/store";
import { nodeId, type Urls } from "./urls";

/** A `simple-user`. Bots link to their app page, as `github-actions[bot]` does on GitHub. */
export function simpleUser(user: UserRecord, urls: Urls): JsonValue {
  const login = encodeURIComponent(user.login);
  const api = `${urls.api}/users/${login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(
      user.type === "Bot" ? "Bot" : user.type === "Organization" ? "Organization" : "User",
      user.id,
    ),
    avatar_url: `https://avatars.githubusercontent.com/${user.type === "Bot" ? "in" : "u"}/${user.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url:
      user.type === "Bot" ? `${urls.web}/apps/${login.replace(/%5Bbot%5D$/, "")}` : `${urls.web}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: false,
  };
}
