import type { JsonValue } from "../description/types";
import type { PullRecord } from "../state/store";
import { repository } from "./repositories";
import { nodeId, type Urls } from "./urls";
import { simpleUser } from "./users";

type JsonObject = { [key: string]: JsonValue };

function branch(pull: PullRecord, side: "head" | "base", urls: Urls): JsonValue {
  const repo = side === "head" ? pull.head.repo : pull.repo;
  const { sha, ref } = pull[side];
  return {
    label: `${repo.owner.login}:${ref}`,
    ref,
    sha,
    user: simpleUser(repo.owner, urls),
    repo: repository(repo, urls),
  };
}

/** A `pull-request-simple`, the shape of list endpoints (`pulls`, `commits/{sha}/pulls`). */
export function pullRequestSimple(pull: PullRecord, urls: Urls): JsonObject {
  const repoApi = `${urls.api}/repos/${pull.repo.fullName}`;
  const api = `${repoApi}/pulls/${pull.number}`;
  const web = `${urls.web}/${pull.repo.fullName}/pull/${pull.number}`;
  const issue = `${repoApi}/issues/${pull.number}`;
  const statuses = `${repoApi}/statuses/${pull.head.sha}`;
  return {
    url: api,
    id: pull.id,
    node_id: nodeId("PullRequest", pull.id),
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: issue,
    number: pull.number,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: simpleUser(pull.user, urls),
    body: pull.body,
    created_at: pull.createdAt,
    updated_at: pull.updatedAt,
    closed_at: pull.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    labels: pull.labels.map((name, i) => ({
      id: pull.id * 10 + i,
      node_id: nodeId("Label", pull.id * 10 + i),
      url: `${repoApi}/labels/${encodeURIComponent(name)}`,
      name,
      description: null,
      color: "ededed",
      default: false,
    })),
    milestone: null,
    draft: pull.draft,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${repoApi}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: statuses,
    head: branch(pull, "head", urls),
    base: branch(pull, "base", urls),
    _links: {
      self: { href: api },
      html: { href: web },
      issue: { href: issue },
      comments: { href: `${issue}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${repoApi}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: statuses },
    },
    author_association: pull.user.login === pull.repo.owner.login ? "OWNER" : "CONTRIBUTOR",
    auto_merge: null,
    active_lock_reason: null,
  };
}

/** A `pull-request`, the shape of `GET /repos/{owner}/{repo}/pulls/{pull_number}`. */
export function pullRequest(pull: PullRecord, urls: Urls, issueComments: number): JsonValue {
  const open = pull.state === "open";
  return {
    ...pullRequestSimple(pull, urls),
    merged: pull.merged,
    // GitHub computes mergeability in the background; an open PR here is always clean.
    mergeable: open ? true : null,
    rebaseable: open ? true : null,
    mergeable_state: open ? "clean" : "unknown",
    merged_by: pull.mergedBy ? simpleUser(pull.mergedBy, urls) : null,
    comments: issueComments,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: pull.commits,
    additions: pull.files.reduce((sum, f) => sum + f.additions, 0),
    deletions: pull.files.reduce((sum, f) => sum + f.deletions, 0),
    changed_files: pull.files.length,
  };
}
