import { posix } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isAbsolutePosixPath,
  normalizePosixPath,
  posixBasename,
  posixDirname,
  posixPathInside,
  resolvePosixPath,
} from "../src/posix-path";

describe("normalizePosixPath", () => {
  it("is node's posix.normalize on the paths a config or a diff holds", () => {
    for (const path of [
      "",
      ".",
      "./",
      "/",
      "//a",
      "a//b/",
      "./datasets//a/../b.jsonl",
      "../x",
      "a/../../b",
      "/../a",
      "a/..",
    ]) {
      expect(normalizePosixPath(path), path).toBe(posix.normalize(path));
    }
  });

  it("agrees with posix.normalize on arbitrary paths of /, ., .. and names", () => {
    const segment = fc.constantFrom("", ".", "..", "a", "b.jsonl", "...", ".x");
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (parts) => {
        const path = parts.join("/");
        expect(normalizePosixPath(path)).toBe(posix.normalize(path));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("resolve, dirname, basename and containment without a working directory", () => {
  const segment = fc.constantFrom("", ".", "..", "a", "b.jsonl", "...", ".x");
  const path = fc.array(segment, { maxLength: 6 }).map((parts) => parts.join("/"));
  const absolute = path.map((p) => `/${p}`);

  it("agrees with node's posix functions wherever the base is absolute", () => {
    fc.assert(
      fc.property(absolute, path, (base, rel) => {
        expect(resolvePosixPath(base, rel)).toBe(posix.resolve(base, rel));
        expect(resolvePosixPath(base)).toBe(posix.resolve(base));
        expect(posixDirname(rel)).toBe(posix.dirname(rel));
        expect(posixDirname(base)).toBe(posix.dirname(base));
        expect(posixBasename(rel)).toBe(posix.basename(rel));
        expect(posixBasename(base)).toBe(posix.basename(base));
        expect(isAbsolutePosixPath(rel)).toBe(posix.isAbsolute(rel));
        // The repository-relative name as node's relative() gives it, or undefined outside.
        const relative = posix.relative(posix.resolve(base), posix.resolve(base, rel));
        const outside = relative === ".." || relative.startsWith("../") || posix.isAbsolute(relative);
        expect(posixPathInside(base, rel)).toBe(outside ? undefined : relative);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps a relative path relative, and never calls a relative path inside an absolute root", () => {
    expect(resolvePosixPath("tunegate.yml")).toBe("tunegate.yml");
    expect(posixDirname(resolvePosixPath("tunegate.yml"))).toBe(".");
    expect(resolvePosixPath("a/b", "../c")).toBe("a/c");
    expect(posixPathInside(".", "data/x.jsonl")).toBe("data/x.jsonl");
    expect(posixPathInside(".", "../x.jsonl")).toBeUndefined();
    expect(posixPathInside(".", "/etc/passwd")).toBeUndefined();
  });
});
