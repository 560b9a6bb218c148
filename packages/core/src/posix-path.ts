/**
 * `posix.normalize` of node:path as a string function, for core's repository-relative names (which
 * are "/"-separated whatever the platform): "//" and "." segments go, ".." takes the segment before it
 * (and is kept where there is none, except at the root), and a trailing "/" stays.
 */
export function normalizePosixPath(path: string): string {
  if (path === "") return ".";
  const absolute = path.startsWith("/");
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") segments.push(segment);
    else if (segments.length > 0 && segments[segments.length - 1] !== "..") segments.pop();
    else if (!absolute) segments.push("..");
  }
  let out = segments.join("/");
  if (out === "" && !absolute) out = ".";
  if (out !== "" && path.endsWith("/")) out += "/";
  return absolute ? `/${out}` : out;
}

/**
 * `posix.resolve` without a working directory: later absolute paths restart, the result is normalized
 * with no trailing "/". Core has no current directory, so a path that stays relative stays relative;
 * the entry points hand core absolute roots (the checkout, the config's folder).
 */
export function resolvePosixPath(...paths: string[]): string {
  let joined = "";
  for (const path of paths) {
    if (path === "") continue;
    joined = path.startsWith("/") || joined === "" ? path : `${joined}/${path}`;
  }
  const out = normalizePosixPath(joined);
  return out.length > 1 && out.endsWith("/") ? out.slice(0, -1) : out;
}

/** `posix.isAbsolute`. */
export function isAbsolutePosixPath(path: string): boolean {
  return path.startsWith("/");
}

/** `posix.dirname` (node's algorithm: trailing "/" ignored, a leading "//" kept). */
export function posixDirname(path: string): string {
  if (path === "") return ".";
  const rooted = path.startsWith("/");
  let end = -1;
  let inTrailingSlashes = true;
  for (let i = path.length - 1; i >= 1; i--) {
    if (path[i] !== "/") inTrailingSlashes = false;
    else if (!inTrailingSlashes) {
      end = i;
      break;
    }
  }
  if (end === -1) return rooted ? "/" : ".";
  if (rooted && end === 1) return "//";
  return path.slice(0, end);
}

/** `posix.basename` without the suffix argument: the last segment, trailing "/" ignored. */
export function posixBasename(path: string): string {
  let start = 0;
  let end = -1;
  for (let i = path.length - 1; i >= 0; i--) {
    if (path[i] === "/") {
      if (end !== -1) {
        start = i + 1;
        break;
      }
    } else if (end === -1) end = i + 1;
  }
  return end === -1 ? "" : path.slice(start, end);
}

/**
 * `to` relative to the directory `from` when it is `from` or inside it ("" for `from` itself), else
 * undefined. Both are resolved first; a relative one and an absolute one never contain each other.
 */
export function posixPathInside(from: string, to: string): string | undefined {
  const base = resolvePosixPath(from);
  const target = resolvePosixPath(from, to);
  if (target === base) return "";
  if (base === "/") return target.startsWith("/") ? target.slice(1) : undefined;
  if (base === ".") {
    return isAbsolutePosixPath(target) || target === ".." || target.startsWith("../") ? undefined : target;
  }
  return target.startsWith(`${base}/`) ? target.slice(base.length + 1) : undefined;
}
