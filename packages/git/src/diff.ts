import { git } from "./run";

export type FileStatus = "added" | "modified" | "removed";

export interface ChangedFile {
  /** Relative to the repository root, "/"-separated, as git prints it. */
  path: string;
  status: FileStatus;
}

/**
 * The files that differ from `base` to `head`, each added, modified or removed. Renames count as a
 * removal and an addition, since a dataset's path is what the config names.
 */
export async function diffFiles(cwd: string, base: string, head: string): Promise<ChangedFile[]> {
  return parseNameStatus(await git(cwd, ["diff", "--name-status", "--no-renames", "-z", base, head, "--"]));
}

/** The paths that differ from `base` to `head` (renames as both paths). Throws a GitError when git cannot compare. */
export async function diffPaths(cwd: string, base: string, head: string): Promise<string[]> {
  return (await diffFiles(cwd, base, head)).map((f) => f.path);
}

/** True when `ancestor` is in the history of `sha` (false too when either is not in the checkout). */
export async function isAncestor(cwd: string, ancestor: string, sha: string): Promise<boolean> {
  try {
    await git(cwd, ["merge-base", "--is-ancestor", ancestor, sha]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The files changed from `base` to `sha`, when `base` is in the checkout and an ancestor of `sha`
 * (a commit of another branch, or one a shallow clone lacks, says nothing about this history).
 */
export async function pathsChangedSince(
  cwd: string,
  base: string,
  sha: string,
): Promise<string[] | undefined> {
  if (!(await isAncestor(cwd, base, sha))) return undefined;
  try {
    return await diffPaths(cwd, base, sha);
  } catch {
    return undefined;
  }
}

/** `git diff --name-status -z` output: status, NUL, path, NUL, ... */
export function parseNameStatus(out: string): ChangedFile[] {
  const parts = out.split("\0");
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const status = parts[i]!;
    const path = parts[i + 1]!;
    if (status === "") break;
    files.push({
      path,
      status: status.startsWith("A") ? "added" : status.startsWith("D") ? "removed" : "modified",
    });
  }
  return files;
}
