import * as core from "@actions/core";
import { findPullRequestForCommit, httpStatus, type Octokit, type runnerContext } from "@tunegate/github";

/** The files GitHub's compare API lists between two commits, for when the checkout cannot tell. */
export async function compare(
  octokit: Octokit,
  c: ReturnType<typeof runnerContext>,
  base: string,
  head: string,
) {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
    owner: c.owner,
    repo: c.repo,
    basehead: `${base}...${head}`,
    per_page: 100,
  });
  return data.files ?? [];
}

/** The merged pull request of the pushed commit; undefined, with a warning, when GitHub cannot say. */
export async function pullRequestOf(octokit: Octokit, owner: string, repo: string, sha: string) {
  try {
    return await findPullRequestForCommit(octokit, owner, repo, sha);
  } catch (error) {
    core.warning(
      `Could not look up the pull request of ${sha.slice(0, 7)} (HTTP ${httpStatus(error) ?? "?"}: ${(error as Error).message}); the jobs get no tunegate:pull-request tag and no comment is posted.`,
    );
    return undefined;
  }
}
