import * as core from "@actions/core";
import { safeInline, VALIDATE_MARKER } from "@tunegate/core";
import {
  type CommentResult,
  createOctokit,
  httpStatus,
  info,
  type Octokit,
  type PullRequestEvent,
  pullRequestOf,
  type RunnerContext,
  runnerContext,
  upsertComment,
  writeStepSummary,
} from "@tunegate/github";
import { unfinishedReviewMarkdown } from "@tunegate/usecases";
import { readInputs } from "./inputs";

/**
 * The sticky review comment. A comment GitHub still refuses after the client's retries is a warning:
 * the review itself is already in the annotations, the summary, the outputs and the report files.
 * `missing` says why no comment was written, for the summary.
 */
export async function postComment(
  octokit: Octokit | undefined,
  context: RunnerContext,
  issueNumber: number,
  body: string,
): Promise<{ comment?: CommentResult; missing?: string }> {
  if (!octokit) {
    core.notice("No github-token: the review is in the job summary and the report files, not in a comment.");
    return { missing: "no github-token was given" };
  }
  let comment: CommentResult;
  try {
    comment = await upsertComment({
      octokit,
      owner: context.owner,
      repo: context.repo,
      issueNumber,
      marker: VALIDATE_MARKER,
      body,
    });
  } catch (err) {
    const status = httpStatus(err);
    const reason = `${status ? `HTTP ${status}: ` : ""}${(err as Error).message}`;
    core.warning(
      `The review comment could not be posted on #${issueNumber}${status ? ` (HTTP ${status})` : ""}: ${(err as Error).message}. The review is in the job summary, the annotations and the report files.`,
      { title: "tunegate: no comment posted" },
    );
    return { missing: reason };
  }
  if (comment.action === "forbidden") {
    core.notice(comment.reason, { title: "tunegate: no comment posted" });
    return { comment, missing: comment.reason };
  }
  info(`Review comment ${comment.action}: ${comment.url}`);
  return { comment };
}

/** What the job summary adds when no review comment was written. */
export function noCommentNote(issueNumber: number, reason: string): string {
  return `\n\n> [!NOTE]\n> No review comment was written on #${issueNumber}: ${safeInline(reason, 300)}\n`;
}

/**
 * Replaces the review comment with `markdown` (a run that could not review: the config is broken, or
 * the run failed), so no earlier verdict is left standing. Returns what the job summary must add when
 * the comment could not be written ("" when it was, or when no comment is wanted).
 */
export async function replaceComment(
  octokit: Octokit | undefined,
  context: RunnerContext,
  pr: PullRequestEvent | undefined,
  wanted: boolean,
  markdown: string,
): Promise<string> {
  if (!wanted || !pr) return "";
  let reason: string;
  if (!octokit) reason = "no github-token was given";
  else {
    try {
      const result = await upsertComment({
        octokit,
        owner: context.owner,
        repo: context.repo,
        issueNumber: pr.number,
        marker: VALIDATE_MARKER,
        body: `${VALIDATE_MARKER}\n${markdown}`,
      });
      if (result.action !== "forbidden") {
        info(`Review comment ${result.action}: ${result.url}`);
        return "";
      }
      reason = result.reason;
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err);
    }
  }
  core.warning(`The review comment on #${pr.number} was not replaced: ${reason}`);
  return `\n\n> [!WARNING]\n> The review comment on #${pr.number} could not be written (${safeInline(reason, 300)}); an earlier one may still show an outdated result.\n`;
}

/** The run ended on an error: the comment and the summary say so, in place of any earlier verdict. */
export async function reportUnfinished(message: string): Promise<void> {
  let inputs: ReturnType<typeof readInputs> | undefined;
  try {
    inputs = readInputs();
  } catch {}
  const context = runnerContext();
  const token = inputs?.token ?? core.getInput("github-token");
  const octokit = token ? createOctokit(token, context.apiUrl) : undefined;
  const markdown = unfinishedReviewMarkdown(message, context.runUrl);
  const note = await replaceComment(
    octokit,
    context,
    pullRequestOf(context),
    inputs?.comment ?? true,
    markdown,
  );
  await writeStepSummary(`${markdown}${note}`);
}
