import { type ChangedFile, diffFiles, ensureCommit } from "@tunegate/git";
import type { Octokit } from "./octokit";

export interface ChangedFiles {
  files: ChangedFile[];
  /** How the list was obtained, for the log. */
  source: string;
  /** The base commit is in the local repository, so base versions of files can be read from git. */
  baseAvailable: boolean;
  /** What did not work on the way (a failed fetch...), for the log. */
  notes: string[];
}

export interface ChangedFilesOptions {
  /** The checked-out repository. */
  cwd: string;
  /** The pull request's base commit (`pull_request.base.sha`). */
  baseSha: string;
  /** What the change is compared to: the checkout (`HEAD`, the PR's merge commit on GitHub). */
  headRef?: string;
  /** Fallback when git cannot compare: the pull request's file list from the API. */
  api?: { octokit: Octokit; owner: string; repo: string; pullNumber: number };
}

export class ChangedFilesError extends Error {
  override name = "ChangedFilesError";
}

/** GitHub lists at most this many files of a pull request. */
export const PULL_FILES_LIMIT = 3_000;

/**
 * The files a pull request changes, from git when it can (fetching the base commit into a shallow
 * clone), else from the API. Compared with the checkout: for the merge commit actions/checkout makes
 * on `pull_request`, that is exactly the pull request's change. Renames count as a removal and an
 * addition, since a dataset's path is what the config names.
 */
export async function changedFiles(options: ChangedFilesOptions): Promise<ChangedFiles> {
  const { cwd, baseSha } = options;
  const headRef = options.headRef ?? "HEAD";
  const notes: string[] = [];
  const base = await ensureCommit(cwd, baseSha);
  if (base.fetched) notes.push(`Fetched the base commit ${baseSha.slice(0, 7)} (the checkout is shallow).`);
  if (base.present) {
    try {
      return {
        files: await diffFiles(cwd, baseSha, headRef),
        source: `git diff ${baseSha.slice(0, 7)} ${headRef}`,
        baseAvailable: true,
        notes,
      };
    } catch (err) {
      notes.push((err as Error).message);
    }
  } else if (base.error) {
    notes.push(
      `The base commit ${baseSha.slice(0, 7)} is not in the checkout and cannot be fetched: ${base.error}`,
    );
  }
  if (!options.api) {
    throw new ChangedFilesError(
      `Cannot tell which files the pull request changes: ${notes.join(" ")} Check out with fetch-depth: 0, or give the action a github-token so it can ask the API.`,
    );
  }
  const files = await filesFromApi(options.api);
  if (files.length >= PULL_FILES_LIMIT) {
    notes.push(
      `GitHub lists only the first ${PULL_FILES_LIMIT.toLocaleString("en-US")} files of a pull request; datasets beyond them may be missed. Use all: true to check every dataset.`,
    );
  }
  return {
    files,
    source: `GitHub API, files of pull request #${options.api.pullNumber}`,
    baseAvailable: false,
    notes,
  };
}

async function filesFromApi(api: NonNullable<ChangedFilesOptions["api"]>): Promise<ChangedFile[]> {
  const files: ChangedFile[] = [];
  const pages = api.octokit.paginate.iterator(api.octokit.rest.pulls.listFiles, {
    owner: api.owner,
    repo: api.repo,
    pull_number: api.pullNumber,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const f of page.data) {
      if (f.status === "renamed" && f.previous_filename) {
        files.push({ path: f.previous_filename, status: "removed" }, { path: f.filename, status: "added" });
      } else if (f.status === "added" || f.status === "removed") {
        files.push({ path: f.filename, status: f.status });
      } else if (f.status !== "unchanged") {
        files.push({ path: f.filename, status: "modified" });
      }
    }
  }
  return files;
}
