import { createComment, deleteComment, getComment, listComments, updateComment } from "./comments";
import { compareCommits } from "./compare";
import type { Handler } from "./context";
import { getPull, listCommitPulls, listPullFiles, listPulls } from "./pulls";
import { getRepository } from "./repos";
import { getAuthenticatedUser } from "./users";

/** The documented operations the stand-in serves, by `METHOD /path/template`. */
export const HANDLERS: Readonly<Record<string, Handler>> = {
  "GET /user": getAuthenticatedUser,
  "GET /repos/{owner}/{repo}": getRepository,
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": listComments,
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": createComment,
  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}": getComment,
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": updateComment,
  "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}": deleteComment,
  "GET /repos/{owner}/{repo}/pulls": listPulls,
  "GET /repos/{owner}/{repo}/pulls/{pull_number}": getPull,
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": listPullFiles,
  "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls": listCommitPulls,
  "GET /repos/{owner}/{repo}/compare/{basehead}": compareCommits,
  "GET /repos/{owner}/{repo}/compare/{base}...{head}": compareCommits,
};

export const SERVED_OPERATIONS: readonly string[] = Object.keys(HANDLERS);
export type { Handler, HandlerContext, HandlerResult } from "./context";
