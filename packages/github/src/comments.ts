import { COMMENT_MAX_CHARS } from "@tunegate/core";
import { httpStatus, type Octokit } from "./octokit";

/** GitHub refuses issue and PR comment bodies longer than this ("Body is too long"); see core. */
export const MAX_COMMENT_LENGTH = COMMENT_MAX_CHARS;

export interface UpsertCommentOptions {
  octokit: Octokit;
  owner: string;
  repo: string;
  issueNumber: number;
  /** A hidden HTML comment that identifies tunegate's comment, e.g. `<!-- tunegate:validate -->`. */
  marker: string;
  body: string;
}

export type CommentResult =
  | { action: "created" | "updated" | "unchanged"; id: number; url: string }
  /** The token may not write here: a fork's read-only token. A finding for the log, not a failure. */
  | { action: "forbidden"; reason: string };

/**
 * One comment per marker: created the first time, edited in place afterwards, left alone when its
 * body would not change. Never a second comment, and never a partial one (an oversized body is
 * refused before any request).
 */
export async function upsertComment(options: UpsertCommentOptions): Promise<CommentResult> {
  const { octokit, owner, repo, issueNumber, marker } = options;
  const body = options.body.includes(marker) ? options.body : `${marker}\n${options.body}`;
  if (body.length > MAX_COMMENT_LENGTH) {
    throw new Error(
      `The comment is ${body.length} characters; GitHub accepts at most ${MAX_COMMENT_LENGTH}. The renderer must trim it.`,
    );
  }
  try {
    const author = await tokenLogin(octokit);
    const existing = await findComment(octokit, owner, repo, issueNumber, marker, author);
    if (existing && existing.body === body)
      return { action: "unchanged", id: existing.id, url: existing.html_url };
    if (existing) {
      const { data } = await octokit.rest.issues.updateComment({
        owner,
        repo,
        comment_id: existing.id,
        body,
      });
      return { action: "updated", id: data.id, url: data.html_url };
    }
    const { data } = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: issueNumber,
      body,
    });
    return { action: "created", id: data.id, url: data.html_url };
  } catch (err) {
    const status = httpStatus(err);
    if (status === 403 || (status === 404 && (err as Error).message.includes("Resource not accessible"))) {
      return {
        action: "forbidden",
        reason: `The token cannot comment on #${issueNumber} (HTTP ${status}: ${(err as Error).message}). On pull requests from forks the token is read-only; post the report from a workflow_run workflow (see docs/examples).`,
      };
    }
    throw err;
  }
}

/** The account `GITHUB_TOKEN` writes as: the GitHub Actions app's bot. */
export const GITHUB_ACTIONS_BOT = "github-actions[bot]";

const logins = new WeakMap<Octokit, Promise<string>>();

/**
 * The login the token writes comments as. A user's token (a PAT) names its account at `GET /user`;
 * GitHub refuses that call to an installation token ("Resource not accessible by integration"), and
 * the installation token a workflow gets as `GITHUB_TOKEN` writes as `github-actions[bot]`. Asked once
 * per client.
 */
export function tokenLogin(octokit: Octokit): Promise<string> {
  let login = logins.get(octokit);
  if (!login) {
    login = octokit.rest.users.getAuthenticated().then(
      ({ data }) => data.login,
      (err: unknown) => {
        if (httpStatus(err) === 403) return GITHUB_ACTIONS_BOT;
        logins.delete(octokit);
        throw err;
      },
    );
    logins.set(octokit, login);
  }
  return login;
}

/**
 * The first comment holding `marker` written by `author` (the token's own account: see `tokenLogin`),
 * searching every page. A marker in anybody else's comment is ignored: a fork's author could plant one
 * to have tunegate edit, or hide behind, a comment they wrote.
 */
export async function findComment(
  octokit: Octokit,
  owner: string,
  repo: string,
  issueNumber: number,
  marker: string,
  author: string,
) {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    const found = page.data.find((c) => c.user?.login === author && c.body?.includes(marker));
    if (found) return found;
  }
  return undefined;
}
