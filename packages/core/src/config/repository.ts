import { posixPathInside, resolvePosixPath } from "../posix-path";

/**
 * Paths of the repository a pull request controls. Every place that names a file "as the repository
 * names it" goes through here; whether a path may be read (links included) is `outsideRepositoryProblem` in
 * @tunegate/files, which builds on these. Paths are "/"-separated; `root` is absolute (entry points
 * resolve it against their working directory).
 */

/** The repository-relative "/" path of `path` (absolute, or relative to `root`), or undefined when outside. */
export function repositoryRelative(root: string, path: string): string | undefined {
  return posixPathInside(root, path);
}

/** How reports name a file: repository-relative when it is inside `root`, else its absolute path. */
export function repositoryName(root: string, path: string): string {
  return repositoryRelative(root, path) ?? resolvePosixPath(root, path);
}
