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
