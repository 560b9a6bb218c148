import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCount } from "../src/index";

describe("formatCount", () => {
  it("writes every number as toLocaleString('en-US') does", () => {
    for (const n of [
      0,
      7,
      999,
      1000,
      12_345,
      999_999,
      1_000_000,
      -1234,
      Number.MAX_SAFE_INTEGER,
      1.5,
      2 ** 60,
    ])
      expect(formatCount(n)).toBe(n.toLocaleString("en-US"));
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true })), (n) => {
        expect(formatCount(n)).toBe(n.toLocaleString("en-US"));
      }),
    );
  });
});
