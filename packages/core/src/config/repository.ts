import { isAbsolute, relative, resolve, sep } from "node:path";

/**
 * Paths of the repository a pull request controls. Every place that names a file "as the repository
 * names it" goes through here; whether a path may be read (links included) is `outsideRepositoryProblem` in
 * @tunegate/files, which builds on these.
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
