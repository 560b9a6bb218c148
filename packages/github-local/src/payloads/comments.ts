import type { JsonValue } from "../description/types";
import type { CommentRecord } from "../state/store";
import { nodeId, type Urls } from "./urls";
import { simpleUser } from "./users";

/** An `issue-comment`. Comments tunegate reads live on pull requests, so `html_url` points at the PR. */
export function issueComment(comment: CommentRecord, urls: Urls): JsonValue {
  const api = `${urls.api}/repos/${comment.repo.fullName}`;
  const url = `${api}/issues/comments/${comment.id}`;
  return {
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    url,
    html_url: `${urls.web}/${comment.repo.fullName}/pull/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: simpleUser(comment.user, urls),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${api}/issues/${comment.issueNumber}`,
    author_association: comment.user.login === comment.repo.owner.login ? "OWNER" : "NONE",
    performed_via_github_app: null,
    reactions: {
      url: `${url}/reactions`,
      total_count: 0,
      "+1": 0,
      "-1": 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
  };
}
