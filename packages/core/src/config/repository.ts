import { realpathSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";

/**
 * Paths of the repository a pull request controls. Every place that names a file "as the repository
 * names it", or reads a file the configuration points at, goes through here, so a path that leaves the
 * checkout (by `..`, or through a symbolic link) is treated the same everywhere.
 */

/** The repository-relative "/" path of `path` (absolute, or relative to `root`), or undefined when outside. */
export function repositoryRelative(root: string, path: string): string | undefined {
  const rel = relative(resolve(root), resolve(root, path));
  if (rel === "..") return undefined;
  if (rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}

/** How reports name a file: repository-relative when it is inside `root`, else its absolute path. */
export function repositoryName(root: string, path: string): string {
  return repositoryRelative(root, path) ?? resolve(root, path);
}

/**
 * Why `path` may not be read as a file of the repository at `root`, or undefined when it may: it must
 * resolve inside the repository, and so must every symbolic link on the way (absolute or relative).
 * Checked before a byte is read, so a link to /proc/self/environ or ~/.aws/credentials is never opened.
 * A path that does not exist (yet) is not refused here: whoever reads it reports it missing.
 */
export function outsideRepositoryProblem(root: string, path: string): string | undefined {
  if (repositoryRelative(root, path) === undefined) return "is outside the repository";
  const absolute = resolve(root, path);
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    // Missing, or a dangling link: there is nothing to read, and the reader reports it missing.
    return undefined;
  }
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = resolve(root);
  }
  return repositoryRelative(realRoot, real) === undefined ? "is a symlink out of the repository" : undefined;
}
