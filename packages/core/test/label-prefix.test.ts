import fc from "fast-check";
import { RE2JS } from "re2js";
import { describe, expect, it } from "vitest";
import { anchoredPrefix, compileLabelPattern } from "../src/dataset/label-pattern";

/** The label as RE2 alone finds it: what the quick refusal must never change. */
function re2Label(pattern: string, text: string): string | undefined {
  const compiled = RE2JS.compile(pattern);
  const m = compiled.matcher(text);
  if (!m.find()) return undefined;
  return (compiled.groupCount() > 0 ? m.group(1) : null) ?? m.group(0) ?? undefined;
}

describe("label patterns anchored at the start", () => {
  it("know the text every match starts with, or say there is none to be sure of", () => {
    expect(anchoredPrefix("^ROUTE: (\\S+)")).toBe("ROUTE: ");
    expect(anchoredPrefix("^ab+c")).toBe("ab");
    expect(anchoredPrefix("^abc?")).toBe("ab");
    expect(anchoredPrefix("^ab{0,2}")).toBe("a");
    expect(anchoredPrefix("^a|b")).toBeUndefined();
    expect(anchoredPrefix("ROUTE: (\\S+)")).toBeUndefined();
    expect(anchoredPrefix("^(a+)+$")).toBeUndefined();
    expect(anchoredPrefix("^\\w+")).toBeUndefined();
  });

  it("label every text as RE2 alone does", () => {
    const patterns = [
      "^ROUTE: (\\S+)",
      "^ab+c",
      "^abc?",
      "^ab{0,2}(x)?",
      "^a|b",
      "^ROUTE:\\s(\\w+)",
      "^(a+)+$",
      "^é(.)",
    ];
    const text = fc
      .array(fc.constantFrom("ROUTE: ", "ROUTE:", "a", "b", "c", "x", "é", " ", "billing", "\n"), {
        maxLength: 8,
      })
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(fc.constantFrom(...patterns), text, (pattern, t) => {
        expect(compileLabelPattern(pattern)!.label(t)).toBe(re2Label(pattern, t));
      }),
      { numRuns: 2000 },
    );
  });
});
