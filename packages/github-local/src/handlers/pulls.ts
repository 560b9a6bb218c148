import { notFound } from "../http/github-error";
import { clampPerPage, paginate } from "../http/pagination";
import { diffEntry } from "../payloads/files";
import { pullRequest, pullRequestSimple } from "../payloads/pulls";
import type { PullRecord } from "../state/store";
import {
  type Handler,
  type HandlerContext,
  numberParam,
  optionalString,
  repositoryOf,
  requiredNumber,
  withLink,
} from "./context";

// GitHub lists at most 3,000 files of a pull request, whatever the pagination.
const MAX_PULL_FILES = 3000;

function existingPull(context: HandlerContext): PullRecord {
  const repo = repositoryOf(context);
  const pull = context.store.pull(repo.owner.login, repo.name, requiredNumber(context, "pull_number"));
  if (!pull) throw notFound();
  return pull;
}

function pageOf<T>(context: HandlerContext, all: readonly T[]) {
  return paginate(
    all,
    context.requestUrl,
    numberParam(context, "page"),
    clampPerPage(numberParam(context, "per_page")),
  );
}

/** Accepts a full SHA or an abbreviation of at least 7 characters, as GitHub resolves commit-ish. */
export function shaMatches(candidate: string | null, wanted: string): boolean {
  if (candidate === null) return false;
  const w = wanted.toLowerCase();
  return candidate.toLowerCase() === w || (w.length >= 7 && candidate.toLowerCase().startsWith(w));
}

export const getPull: Handler = (context) => {
  const pull = existingPull(context);
  const comments = context.store.commentsOf(pull.repo.owner.login, pull.repo.name, pull.number).length;
  return { status: 200, body: pullRequest(pull, context.urls, comments) };
};

export const listPullFiles: Handler = (context) => {
  const pull = existingPull(context);
  const page = pageOf(context, pull.files.slice(0, MAX_PULL_FILES));
  const body = page.items.map((f) => diffEntry(f, pull.repo, pull.head.sha, context.urls));
  return withLink({ status: 200, body }, page.link);
};

export const listPulls: Handler = (context) => {
  const repo = repositoryOf(context);
  const state = optionalString(context, "state") ?? "open";
  const head = optionalString(context, "head");
  const base = optionalString(context, "base");
  const sort = optionalString(context, "sort") ?? "created";
  const direction = optionalString(context, "direction") ?? (sort === "created" ? "desc" : "asc");
  const matchesHead = (pull: PullRecord): boolean => {
    if (head === undefined) return true;
    // `user:ref` names the head repository's owner; a bare ref is matched on the ref alone.
    const colon = head.indexOf(":");
    if (colon === -1) return pull.head.ref === head;
    const owner = head.slice(0, colon).toLowerCase();
    return pull.head.repo.owner.login.toLowerCase() === owner && pull.head.ref === head.slice(colon + 1);
  };
  const key = sort === "updated" ? (p: PullRecord) => p.updatedAt : (p: PullRecord) => p.createdAt;
  const all = context.store
    .pulls(repo.owner.login, repo.name)
    .filter((p) => state === "all" || p.state === state)
    .filter((p) => base === undefined || p.base.ref === base)
    .filter(matchesHead)
    .sort((a, b) => key(a).localeCompare(key(b)) || a.number - b.number);
  if (direction === "desc") all.reverse();
  const page = pageOf(context, all);
  return withLink(
    { status: 200, body: page.items.map((p) => pullRequestSimple(p, context.urls)) },
    page.link,
  );
};

/**
 * The pull requests a commit belongs to: the merged one whose merge commit it is (how a push to the
 * default branch finds its PR), and those whose head it is.
 */
export const listCommitPulls: Handler = (context) => {
  const repo = repositoryOf(context);
  const sha = optionalString(context, "commit_sha") ?? "";
  const all = context.store
    .pulls(repo.owner.login, repo.name)
    .filter((p) => shaMatches(p.mergeCommitSha, sha) || shaMatches(p.head.sha, sha))
    .sort((a, b) => a.number - b.number);
  const page = pageOf(context, all);
  return withLink(
    { status: 200, body: page.items.map((p) => pullRequestSimple(p, context.urls)) },
    page.link,
  );
};
