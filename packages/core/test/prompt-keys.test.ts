import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { promptKey } from "../src/dataset/prompt-identity";
import { PromptIndex } from "../src/dataset/prompt-index";

// Keys as the line checker makes them: 53 bits of a digest, so every integer in [0, 2^53).
const key = fc.maxSafeNat();

describe("PromptIndex", () => {
  it("finds what a Map of first occurrences finds, across growth, in insertion order", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(key, fc.integer({ min: 0, max: 50 })), { maxLength: 5000 }), (keys) => {
        const index = new PromptIndex();
        const first = new Map<number, number>();
        keys.forEach((k, i) => {
          const slot = index.get(k);
          expect(slot === undefined ? undefined : index.at(slot).line).toBe(first.get(k));
          if (slot === undefined) {
            index.add(k, i, i * 10, i + 1);
            first.set(k, i);
          }
        });
        expect([...index.entries()].map(([k, slot]) => [k, index.at(slot).line])).toEqual([...first]);
        for (const [k, line] of first)
          expect(index.at(index.get(k)!)).toEqual({ line, offset: line * 10, length: line + 1 });
      }),
      { numRuns: 60 },
    );
  });

  it("tells apart keys that share their low 32 bits", () => {
    const index = new PromptIndex();
    const keys = Array.from({ length: 3000 }, (_, i) => i * 2 ** 32 + 7);
    for (const [i, k] of keys.entries()) index.add(k, i + 1, i, 1);
    for (const [i, k] of keys.entries()) expect(index.at(index.get(k)!).line).toBe(i + 1);
    expect(index.get(7 + 3000 * 2 ** 32)).toBeUndefined();
  });
});

describe("promptKey", () => {
  it("is the first 53 bits of the SHA-1 digest its base64 spells", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const digest = createHash("sha1").update(text, "utf8").digest();
        const first53 = digest.readUIntBE(0, 6) * 32 + (digest[6]! >> 3);
        expect(promptKey(digest.toString("base64"))).toBe(first53);
      }),
      { numRuns: 2000 },
    );
  });
});
