import { posix } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizePosixPath } from "../src/posix-path";

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
