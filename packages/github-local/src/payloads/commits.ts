import { createHash } from "node:crypto";
import type { JsonValue } from "../description/types";
import type { RepoRecord, UserRecord } from "../state/store";
import { nodeId, type Urls } from "./urls";
import { simpleUser } from "./users";

export interface CommitFacts {
  sha: string;
  message: string;
  parents: string[];
  author: UserRecord;
  date: string;
}

/** A `commit` as the compare endpoint lists it. */
export function commit(facts: CommitFacts, repo: RepoRecord, urls: Urls): JsonValue {
  const api = `${urls.api}/repos/${repo.fullName}`;
  const gitUser = {
    name: facts.author.login,
    email: `${facts.author.id}+${facts.author.login}@users.noreply.github.com`,
    date: facts.date,
  };
  const tree = createTreeSha(facts.sha);
  return {
    sha: facts.sha,
    node_id: nodeId("Commit", `${repo.id}:${facts.sha}`),
    url: `${api}/commits/${facts.sha}`,
    html_url: `${urls.web}/${repo.fullName}/commit/${facts.sha}`,
    comments_url: `${api}/commits/${facts.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${facts.sha}`,
      author: gitUser,
      committer: gitUser,
      message: facts.message,
      comment_count: 0,
      tree: { sha: tree, url: `${api}/git/trees/${tree}` },
      verification: {
        verified: false,
        reason: "unsigned",
        payload: null,
        signature: null,
        verified_at: null,
      },
    },
    author: simpleUser(facts.author, urls),
    committer: simpleUser(facts.author, urls),
    parents: facts.parents.map((sha) => ({
      sha,
      url: `${api}/commits/${sha}`,
      html_url: `${urls.web}/${repo.fullName}/commit/${sha}`,
    })),
  };
}

// A tree SHA that differs from the commit's but stays stable for it.
function createTreeSha(commitSha: string): string {
  return createHash("sha1").update(`tree ${commitSha}`).digest("hex");
}
