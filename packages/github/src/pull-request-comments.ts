import { type CommentResult, upsertComment } from "./comments";
import type { Octokit } from "./octokit";
import { findPullRequestForCommit } from "./pulls";

/**
 * One repository's pull requests as a use case needs them: the pull request of a commit, and one
 * comment per marker on it. The use cases declare this shape beside themselves; this is its adapter.
 */
export function pullRequestComments(octokit: Octokit, owner: string, repo: string) {
  return {
    async pullRequestForCommit(commit: string): Promise<{ number: number; headSha: string } | undefined> {
      const pr = await findPullRequestForCommit(octokit, owner, repo, commit);
      return pr && { number: pr.number, headSha: pr.headSha };
    },
    async pullRequest(pr: number): Promise<{ number: number; headSha: string }> {
      const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: pr });
      return { number: data.number, headSha: data.head.sha };
    },
    upsert(pr: number, marker: string, body: string): Promise<CommentResult> {
      return upsertComment({ octokit, owner, repo, issueNumber: pr, marker, body });
    },
  };
}
