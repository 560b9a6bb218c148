import { UserError } from "@tunegate/core";
import { diffPaths, pathsChangedSince } from "@tunegate/git";

export interface ChangedPaths {
  paths: string[];
  /** How the list was obtained, for the log. */
  source: string;
  /** The revision the list is relative to, to read the config as it was there. */
  base: string;
}

/** The GitHub API's compare of two commits, for when git cannot compare them (a shallow clone). */
export type CompareCommits = (
  base: string,
  head: string,
) => Promise<{ filename: string; previous_filename?: string | undefined }[]>;

export class ChangedPathsError extends UserError {
  override name = "ChangedPathsError";
}

/**
 * The files the push changed: from the branch head before the push (the event's `before`) to the pushed
 * commit, so every commit of a rebase-merged or multi-commit push counts, not only the last one's
 * parent. Read from the checkout with git; when `before` is not in it (a shallow clone), against the
 * pushed commit's first parent (`fetch-depth: 2` in actions/checkout: for a merge commit, everything the
 * merged pull request brought in); when neither is there, from the API's compare of `before` with the
 * pushed commit.
 */
export async function changedPaths(options: {
  workspace: string;
  sha: string;
  /** The push event's `before`: the branch head before the push. */
  before?: string | undefined;
  compare?: CompareCommits | undefined;
}): Promise<ChangedPaths> {
  const { workspace, sha } = options;
  const before = options.before && !/^0+$/.test(options.before) ? options.before : undefined;
  const sinceBefore = before ? await pathsChangedSince(workspace, before, sha) : undefined;
  if (sinceBefore) {
    return {
      paths: sinceBefore,
      source: `git diff ${before!.slice(0, 7)}..${sha.slice(0, 7)} (the whole push)`,
      base: before!,
    };
  }
  try {
    return {
      paths: await diffPaths(workspace, `${sha}^1`, sha),
      source: `git diff ${sha.slice(0, 7)}^1 (first parent)`,
      base: `${sha}^1`,
    };
  } catch (gitError) {
    if (!options.compare || !before) {
      throw new ChangedPathsError(
        `Cannot tell which files commit ${sha.slice(0, 7)} changed: git could not compare it with its parent ` +
          `(${(gitError as Error).message}), and ${before ? "no GitHub token was given" : "the event names no earlier commit"}. ` +
          "Check out with `fetch-depth: 2`, or name the models to train in the `models` input.",
      );
    }
    const files = await options.compare(before, sha);
    // The compare API lists at most 300 files; past that the list is incomplete and would miss models.
    if (files.length >= 300) {
      throw new ChangedPathsError(
        `The push changed ${files.length} or more files, more than GitHub's compare API lists. Check out with ` +
          "`fetch-depth: 2` so tunegate can read the change from git, or name the models in the `models` input.",
      );
    }
    const paths = files.flatMap((f) =>
      f.previous_filename ? [f.filename, f.previous_filename] : [f.filename],
    );
    return { paths, source: `GitHub compare ${before.slice(0, 7)}...${sha.slice(0, 7)}`, base: before };
  }
}
