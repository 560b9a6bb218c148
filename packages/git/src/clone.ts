import { git } from "./run";

/** The top directory of the clone `cwd` is in, and its HEAD commit. Throws a GitError outside a clone. */
export async function headOf(cwd: string): Promise<{ top: string; commit: string }> {
  const top = (await git(cwd, ["rev-parse", "--show-toplevel"])).trim();
  const commit = (await git(cwd, ["rev-parse", "HEAD"])).trim();
  return { top, commit };
}

/** Which of `paths` differ from HEAD (modified, staged or untracked), as git names them. */
export async function uncommittedPaths(top: string, paths: readonly string[]): Promise<string[]> {
  const out = await git(top, ["status", "--porcelain", "--untracked-files=all", "--", ...paths]);
  return out
    .split("\n")
    .filter((line) => line.length > 3)
    .map((line) => line.slice(3));
}

/** `owner/name` of the GitHub remote "origin", from its https or ssh URL; undefined when there is none. */
export async function originRepository(cwd: string): Promise<string | undefined> {
  try {
    const url = (await git(cwd, ["remote", "get-url", "origin"])).trim();
    return /github\.com[:/]([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(url)?.[1];
  } catch {
    return undefined;
  }
}
