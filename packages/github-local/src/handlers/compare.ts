import { createHash } from "node:crypto";
import type { JsonValue } from "../description/types";
import { notFound } from "../http/github-error";
import { clampPerPage, paginate } from "../http/pagination";
import { type CommitFacts, commit } from "../payloads/commits";
import { diffEntry } from "../payloads/files";
import type { FileRecord, RepoRecord, UserRecord } from "../state/store";
import {
  type Handler,
  type HandlerContext,
  numberParam,
  optionalString,
  repositoryOf,
  stringParam,
  withLink,
} from "./context";
import { shaMatches } from "./pulls";

// The compare endpoint lists at most 300 files, and only on the first page of commits.
const MAX_COMPARE_FILES = 300;

interface Side {
  owner: string | undefined;
  ref: string;
}

interface Resolved {
  baseSha: string;
  headSha: string;
  files: FileRecord[];
  commits: { sha: string; message: string; author: UserRecord }[];
  status: "diverged" | "ahead" | "behind" | "identical";
  behindBy: number;
}

function side(text: string): Side {
  const colon = text.indexOf(":");
  return colon === -1
    ? { owner: undefined, ref: text }
    : { owner: text.slice(0, colon), ref: text.slice(colon + 1) };
}

function shaOf(ref: string): string {
  return /^[0-9a-f]{40}$/i.test(ref)
    ? ref.toLowerCase()
    : createHash("sha1").update(`ref ${ref}`).digest("hex");
}

/**
 * Resolves `BASE...HEAD` without a git object store: a comparison the test seeded, two equal sides, or
 * a pull request whose base (ref or SHA) and head (ref, head SHA, or merge commit once merged) match.
 */
function resolve(
  context: HandlerContext,
  repo: RepoRecord,
  rawBase: string,
  rawHead: string,
): Resolved | null {
  const seeded = context.store.comparison(repo.owner.login, repo.name, rawBase, rawHead);
  if (seeded) {
    const headSha = seeded.commits.at(-1)?.sha ?? shaOf(side(rawHead).ref);
    return {
      baseSha: shaOf(side(rawBase).ref),
      headSha,
      files: seeded.files,
      commits: seeded.commits.map((c) => ({ ...c, author: repo.owner })),
      status: seeded.status,
      behindBy: seeded.behindBy,
    };
  }
  const base = side(rawBase);
  const head = side(rawHead);
  if (base.ref === head.ref && base.owner === head.owner) {
    const sha = shaOf(base.ref);
    return { baseSha: sha, headSha: sha, files: [], commits: [], status: "identical", behindBy: 0 };
  }
  const candidates = context.store
    .pulls(repo.owner.login, repo.name)
    .sort((a, b) => b.number - a.number)
    .map((pull) => {
      const baseOk = pull.base.ref === base.ref || shaMatches(pull.base.sha, base.ref);
      const ownerOk =
        head.owner === undefined || head.owner.toLowerCase() === pull.head.repo.owner.login.toLowerCase();
      let headSha: string | null = null;
      if (ownerOk && (pull.head.ref === head.ref || shaMatches(pull.head.sha, head.ref)))
        headSha = pull.head.sha;
      else if (pull.merged && shaMatches(pull.mergeCommitSha, head.ref)) headSha = pull.mergeCommitSha;
      return baseOk && headSha !== null ? { pull, headSha } : null;
    })
    .filter((c) => c !== null);
  const found = candidates[0];
  if (!found) return null;
  return {
    baseSha: found.pull.base.sha,
    headSha: found.headSha,
    files: found.pull.files,
    commits: [{ sha: found.headSha, message: found.pull.title, author: found.pull.user }],
    status: "ahead",
    behindBy: 0,
  };
}

export const compareCommits: Handler = (context) => {
  const repo = repositoryOf(context);
  // Served under both templates: `{basehead}` and Octokit's older `{base}...{head}`.
  const basehead =
    optionalString(context, "basehead") ??
    `${stringParam(context, "base")}...${stringParam(context, "head")}`;
  const separator = basehead.indexOf("...");
  if (separator === -1) throw notFound();
  const resolved = resolve(context, repo, basehead.slice(0, separator), basehead.slice(separator + 3));
  if (!resolved) throw notFound();

  const now = context.store.now();
  const facts: CommitFacts[] = [];
  let parent = resolved.baseSha;
  for (const c of resolved.commits) {
    facts.push({ sha: c.sha, message: c.message, parents: [parent], author: c.author, date: now });
    parent = c.sha;
  }
  const baseCommit = commit(
    { sha: resolved.baseSha, message: `Base of ${basehead}`, parents: [], author: repo.owner, date: now },
    repo,
    context.urls,
  );
  const page = paginate(
    facts,
    context.requestUrl,
    numberParam(context, "page"),
    clampPerPage(numberParam(context, "per_page"), 250, 250),
  );
  const firstPage = (numberParam(context, "page") ?? 1) <= 1;
  const web = `${context.urls.web}/${repo.fullName}/compare`;
  const encoded = encodeURIComponent(basehead).replace(/%3A/g, ":");
  const owner = repo.owner.login;
  const body: JsonValue = {
    url: `${context.urls.api}/repos/${repo.fullName}/compare/${encoded}`,
    html_url: `${web}/${encoded}`,
    permalink_url: `${web}/${owner}:${resolved.baseSha}...${owner}:${resolved.headSha}`,
    diff_url: `${web}/${encoded}.diff`,
    patch_url: `${web}/${encoded}.patch`,
    base_commit: baseCommit,
    merge_base_commit: baseCommit,
    status: resolved.status,
    ahead_by: facts.length,
    behind_by: resolved.behindBy,
    total_commits: facts.length,
    commits: page.items.map((f) => commit(f, repo, context.urls)),
    files: firstPage
      ? resolved.files
          .slice(0, MAX_COMPARE_FILES)
          .map((f) => diffEntry(f, repo, resolved.headSha, context.urls))
      : [],
  };
  return withLink({ status: 200, body }, page.link);
};
