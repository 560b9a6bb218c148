import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { repositoryRelative } from "@tunegate/core";

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
