import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A git command that failed, with git's own first line of complaint. */
export class GitError extends Error {
  override name = "GitError";
}

/**
 * Every git command tunegate runs goes through here, so a failure always reads the same way: the command
 * and git's first line of complaint. Runs git in `cwd` and returns its standard output.
 */
export async function git(cwd: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await run("git", args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: "utf8" });
    return stdout;
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? "").trim();
    throw new GitError(`git ${args.join(" ")}: ${stderr.split("\n")[0] || (err as Error).message}`);
  }
}

/** True when `sha` names a commit in the repository at `cwd`. */
export async function hasCommit(cwd: string, sha: string): Promise<boolean> {
  try {
    await git(cwd, ["cat-file", "-e", `${sha}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes `sha` available in a shallow checkout: actions/checkout clones one commit (the PR's merge
 * commit), so the base commit is usually missing. One commit is fetched, not its history.
 */
export async function ensureCommit(
  cwd: string,
  sha: string,
  remote = "origin",
): Promise<{ present: boolean; fetched: boolean; error?: string }> {
  if (await hasCommit(cwd, sha)) return { present: true, fetched: false };
  try {
    await git(cwd, ["fetch", "--no-tags", "--no-recurse-submodules", "--depth=1", remote, sha]);
  } catch (err) {
    return { present: false, fetched: false, error: (err as Error).message };
  }
  return (await hasCommit(cwd, sha))
    ? { present: true, fetched: true }
    : { present: false, fetched: false, error: `git fetch ${remote} ${sha} did not bring the commit` };
}

/** True when `path` (relative to the repository root) exists as a file in commit `sha`. */
export async function fileInCommit(cwd: string, sha: string, path: string): Promise<boolean> {
  try {
    return (await git(cwd, ["cat-file", "-t", `${sha}:${path}`])).trim() === "blob";
  } catch {
    return false;
  }
}

/** A file of commit `sha` as text, or undefined when it is not there. For small files (configs). */
export async function readFileInCommit(cwd: string, sha: string, path: string): Promise<string | undefined> {
  if (!(await fileInCommit(cwd, sha, path))) return undefined;
  return git(cwd, ["cat-file", "blob", `${sha}:${path}`]);
}

/**
 * A text file (tunegate.yml) as it was at revision `rev` (a commit, or an expression such as `sha^1`),
 * without the byte-order mark an editor may have saved: the file on disk is read the same way, so the
 * two versions compare equal when only the mark differs. Undefined when git cannot show it (a shallow
 * clone without that commit, or no such file there).
 */
export async function readTextAt(cwd: string, rev: string, path: string): Promise<string | undefined> {
  try {
    return (await readFileInCommit(cwd, rev, path))?.replace(/^\uFEFF/, "");
  } catch {
    return undefined;
  }
}

/**
 * Writes a file of commit `sha` to `target`, streamed from git (a large dataset is never held in
 * memory). Returns false when the commit has no such file.
 */
export async function extractFileFromCommit(
  cwd: string,
  sha: string,
  path: string,
  target: string,
): Promise<boolean> {
  if (!(await fileInCommit(cwd, sha, path))) return false;
  const child = spawn("git", ["cat-file", "blob", `${sha}:${path}`], {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out = createWriteStream(target);
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d;
  });
  child.stdout.pipe(out);
  const [code] = (await once(child, "close")) as [number | null];
  if (!out.writableFinished) await once(out, "finish");
  if (code !== 0) throw new GitError(`git cat-file blob ${sha}:${path}: ${stderr.trim().split("\n")[0]}`);
  return true;
}

/** The files of earlier commits of the repository at `cwd`, as the review use case reads them. */
export function commitFiles(cwd: string): {
  readFileInCommit(sha: string, path: string): Promise<string | undefined>;
  extractFileFromCommit(sha: string, path: string, target: string): Promise<boolean>;
} {
  return {
    readFileInCommit: (sha, path) => readFileInCommit(cwd, sha, path),
    extractFileFromCommit: (sha, path, target) => extractFileFromCommit(cwd, sha, path, target),
  };
}
