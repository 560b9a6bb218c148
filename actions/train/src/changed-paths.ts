import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Octokit } from "@tunegate/github";

const run = promisify(execFile);

export interface ChangedPaths {
  paths: string[];
  /** How the list was obtained, for the log. */
  source: string;
}

export class ChangedPathsError extends Error {
  override name = "ChangedPathsError";
}

/**
 * The files the pushed commit changed against its first parent: for a merge commit, everything the
 * merged pull request brought in. Read from the checkout (`git diff --name-only <sha>^1 <sha>`, which
 * needs `fetch-depth: 2` in actions/checkout); when the parent is not there (a depth-1 clone), from the
 * API's compare of the push's `before` commit with the pushed one.
 */
export async function changedPaths(options: {
  workspace: string;
  sha: string;
  /** The push event's `before`: the branch head before the push. */
  before?: string | undefined;
  github?: { octokit: Octokit; owner: string; repo: string } | undefined;
}): Promise<ChangedPaths> {
  const { workspace, sha } = options;
  try {
    const { stdout } = await run("git", ["diff", "--name-only", "--no-renames", `${sha}^1`, sha], {
      cwd: workspace,
      maxBuffer: 64 * 1024 * 1024,
    });
    return {
      paths: stdout.split("\n").filter((p) => p !== ""),
      source: `git diff ${sha.slice(0, 7)}^1 (first parent)`,
    };
  } catch (gitError) {
    const before = options.before;
    if (!options.github || !before || /^0+$/.test(before)) {
      throw new ChangedPathsError(
        `Cannot tell which files commit ${sha.slice(0, 7)} changed: git could not compare it with its parent ` +
          `(${firstLine(gitError)}), and ${before && !/^0+$/.test(before) ? "no GitHub token was given" : "the event names no earlier commit"}. ` +
          "Check out with `fetch-depth: 2`, or name the models to train in the `models` input.",
      );
    }
    const { octokit, owner, repo } = options.github;
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo,
      basehead: `${before}...${sha}`,
      per_page: 100,
    });
    const files = data.files ?? [];
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
    return { paths, source: `GitHub compare ${before.slice(0, 7)}...${sha.slice(0, 7)}` };
  }
}

function firstLine(error: unknown): string {
  const text = (error as { stderr?: string }).stderr || (error as Error).message || String(error);
  return text.trim().split("\n")[0] ?? "";
}
