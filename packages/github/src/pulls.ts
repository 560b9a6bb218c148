import type { Octokit } from "./octokit";

export interface PullRequestRef {
  number: number;
  headSha: string;
  merged: boolean;
  htmlUrl: string;
}

/**
 * The pull request a commit belongs to: for a push to the default branch, the PR it merged (by merge
 * commit); for a PR's head commit (e.g. a fork's, named in a report file), that PR.
 */
export async function findPullRequestForCommit(
  octokit: Octokit,
  owner: string,
  repo: string,
  sha: string,
): Promise<PullRequestRef | undefined> {
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
    owner,
    repo,
    commit_sha: sha,
  });
  const pick =
    data.find((pr) => pr.merge_commit_sha === sha && pr.merged_at) ??
    data.find((pr) => pr.head.sha === sha) ??
    data[0];
  if (!pick) return undefined;
  return {
    number: pick.number,
    headSha: pick.head.sha,
    merged: Boolean(pick.merged_at),
    htmlUrl: pick.html_url,
  };
}
