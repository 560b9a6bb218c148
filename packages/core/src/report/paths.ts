/**
 * A dataset path as GitHub wants it in annotations and SARIF: relative to the repository root, with
 * forward slashes and no leading "./".
 */
export function toRepositoryPath(path: string): string {
  let out = path.replaceAll("\\", "/");
  while (out.startsWith("./")) out = out.slice(2);
  return out;
}

/** True for `/abs/path` and `C:/abs/path` (after `toRepositoryPath`). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith("/") || /^[A-Za-z]:\//.test(path);
}
