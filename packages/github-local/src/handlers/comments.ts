import { GitHubError, notFound } from "../http/github-error";
import { clampPerPage, paginate } from "../http/pagination";
import { issueComment } from "../payloads/comments";
import type { CommentRecord } from "../state/store";
import {
  type Handler,
  type HandlerContext,
  numberParam,
  optionalString,
  repositoryOf,
  requiredNumber,
  withLink,
} from "./context";

/**
 * GitHub's own rules for a comment body, past the schema: not blank, and at most 65,536 characters.
 * Length is counted in UTF-16 code units, the strictest count a client may use: a body that passes here
 * also passes GitHub's (measured on github.com at 262,144 UTF-8 bytes, which 65,536 code units never
 * exceed).
 */
function checkCommentBody(body: string, max: number): void {
  const invalid = (message: string) =>
    new GitHubError(422, "Validation Failed", {
      errors: [{ resource: "IssueComment", code: "unprocessable", field: "data", message }],
    });
  if (body.trim() === "") throw invalid("Body cannot be blank");
  if (body.length > max) throw invalid(`Body is too long (maximum is ${max} characters)`);
}

function bodyText(context: HandlerContext): string {
  return (context.body as { body: string }).body;
}

function issueNumber(context: HandlerContext): number {
  const repo = repositoryOf(context);
  const number = requiredNumber(context, "issue_number");
  if (!context.store.issueExists(repo.owner.login, repo.name, number)) throw notFound();
  return number;
}

function existingComment(context: HandlerContext): CommentRecord {
  const repo = repositoryOf(context);
  const comment = context.store.comment(repo.owner.login, repo.name, requiredNumber(context, "comment_id"));
  if (!comment) throw notFound();
  return comment;
}

export const listComments: Handler = (context) => {
  const repo = repositoryOf(context);
  const number = issueNumber(context);
  const since = optionalString(context, "since");
  const all = context.store
    .commentsOf(repo.owner.login, repo.name, number)
    .filter((c) => since === undefined || Date.parse(c.updatedAt) >= Date.parse(since));
  const page = paginate(
    all,
    context.requestUrl,
    numberParam(context, "page"),
    clampPerPage(numberParam(context, "per_page")),
  );
  return withLink({ status: 200, body: page.items.map((c) => issueComment(c, context.urls)) }, page.link);
};

export const createComment: Handler = (context) => {
  const repo = repositoryOf(context);
  const number = issueNumber(context);
  const body = bodyText(context);
  checkCommentBody(body, context.maxCommentLength);
  const comment = context.store.createComment(repo, number, body, context.user);
  const payload = issueComment(comment, context.urls);
  return {
    status: 201,
    body: payload,
    headers: { location: `${context.urls.api}/repos/${repo.fullName}/issues/comments/${comment.id}` },
  };
};

export const getComment: Handler = (context) => ({
  status: 200,
  body: issueComment(existingComment(context), context.urls),
});

export const updateComment: Handler = (context) => {
  const comment = existingComment(context);
  const body = bodyText(context);
  checkCommentBody(body, context.maxCommentLength);
  return { status: 200, body: issueComment(context.store.updateComment(comment, body), context.urls) };
};

export const deleteComment: Handler = (context) => {
  context.store.deleteComment(existingComment(context));
  return { status: 204 };
};
