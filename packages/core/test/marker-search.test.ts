import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reservedStringMarkers } from "../src/rules/conversation-rules";
import { compileMarkerTest, parseMarker } from "../src/rules/marker-search";
import { SECRET_MARKERS, sensitiveFamilies } from "../src/rules/sensitive";
import { catalog } from "./support";

// The marker sets the line checker builds: the secret markers with each model's reserved strings (a
// model whose reserved strings cannot be markers gets no marker test at all: every line is searched).
const markerSets = [
  [...SECRET_MARKERS],
  ...new Map(
    catalog.models.flatMap((m) => {
      const reserved = reservedStringMarkers(m);
      return reserved ? [[reserved.join("|"), [...SECRET_MARKERS, ...reserved]] as const] : [];
    }),
  ).values(),
];
const alternation = (sources: readonly string[]) => new RegExp(sources.join("|"));
const isRegex = (source: string) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};

describe("the anchored marker test answers as the regex alternation it replaces", () => {
  it("parses every marker the line checker uses (none falls back to a regex of its own)", () => {
    for (const sources of markerSets) for (const s of sources) expect(parseMarker(s), s).toBeDefined();
  });

  // A marker's instance, or a near miss of one (a character changed or dropped), in arbitrary text,
  // written as a JSON line as encoders write them.
  const instance = (sources: readonly string[]) =>
    fc
      .tuple(
        fc.oneof(...sources.map((s) => fc.stringMatching(new RegExp(s), { size: "xsmall" }))),
        fc.nat(),
        fc.constantFrom("keep", "drop", "replace"),
        fc.constantFrom(..."A_K~Q:/\\-.0u".split("")),
      )
      .map(([text, at, edit, char]) => {
        if (edit === "keep" || text.length === 0) return text;
        const i = at % text.length;
        return `${text.slice(0, i)}${edit === "replace" ? char : ""}${text.slice(i + 1)}`;
      });
  const noise = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'AKIS3T_sk-ant~Q:/\\.eyHu0 "\n\té€😀'.split("")), maxLength: 40 }),
    fc.string({ unit: "binary-ascii", maxLength: 40 }),
    fc.string({ unit: "grapheme", maxLength: 20 }),
  );
  const writings = {
    text: (text: string) => text,
    json: (text: string) => JSON.stringify({ messages: [{ role: "user", content: text }] }),
    asciiJson: (text: string) =>
      JSON.stringify({ messages: [{ role: "user", content: text }] }).replace(
        /[\u007f-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
      ),
  };

  it("on marker instances and near misses in arbitrary text, raw and JSON-escaped", () => {
    for (const sources of markerSets) {
      const old = alternation(sources);
      const anchored = compileMarkerTest(sources);
      fc.assert(
        fc.property(
          noise,
          fc.array(instance(sources), { minLength: 1, maxLength: 3 }),
          noise,
          fc.constantFrom(...(Object.keys(writings) as (keyof typeof writings)[])),
          (before, hits, after, writing) => {
            const line = writings[writing](`${before}${hits.join(" ")}${after}`);
            // What the prefilter must never do: miss a line the regex matches. It does not answer
            // "maybe" more often either: the answers are equal.
            if (old.test(line)) expect(anchored.test(line)).toBe(true);
            expect(anchored.test(line)).toBe(old.test(line));
          },
        ),
        { numRuns: 400 },
      );
    }
  });

  it("on arbitrary text with no marker planted", () => {
    for (const sources of markerSets) {
      const old = alternation(sources);
      const anchored = compileMarkerTest(sources);
      fc.assert(
        fc.property(noise, (text) => {
          expect(anchored.test(text)).toBe(old.test(text));
        }),
        { numRuns: 200 },
      );
    }
  });

  // Sources of the grammar the compiler reads (and a few pieces outside it, which fall back to a
  // regular expression), tried on strings of the same few characters, so matches are frequent.
  const piece = fc.oneof(
    fc.constantFrom("a", "b", "-", "_", ":", "/", "~", "\\.", "\\\\", "\\d", "\\w", "\\/"),
    fc.constantFrom("[ab]", "[a-c]", "[\\d_]", "[-.]", "[\\\\b]", "[]", "[a\\-c]"),
    fc.constantFrom("^", "$", "a+", "b*", "[^a]", "(?=a)", "\\b", "(a)", "."),
  );
  const quantifier = fc.constantFrom("", "", "", "?", "{2}", "{0,2}", "{1,3}", "??");
  const source: fc.Arbitrary<string> = fc
    .letrec<{ source: string; atom: string }>((tie) => ({
      atom: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        piece,
        fc.array(tie("source"), { minLength: 1, maxLength: 3 }).map((alts) => `(?:${alts.join("|")})`),
      ),
      source: fc
        .array(fc.tuple(tie("atom"), quantifier), { minLength: 1, maxLength: 4 })
        .map((parts) => parts.map(([a, q]) => a + q).join("")),
    }))
    .source.filter(isRegex);

  it("for any source of its grammar, or outside it", () => {
    const text = fc.string({
      unit: fc.constantFrom(..."ab-_:/~.\\cAZ09 é😀".split("")),
      maxLength: 30,
      size: "medium",
    });
    fc.assert(
      fc.property(
        fc.array(source, { minLength: 1, maxLength: 3 }),
        fc.array(text, { maxLength: 8 }),
        (sources, texts) => {
          const old = alternation(sources);
          const anchored = compileMarkerTest(sources);
          for (const t of texts)
            expect(anchored.test(t), `${sources.join("|")} on ${JSON.stringify(t)}`).toBe(old.test(t));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("falls back to the regex for what it cannot read, and matches everywhere for an empty match", () => {
    const marker = compileMarkerTest(["AKIA", "^start", "x+y", "[^\\x00-\\x7f]"]);
    expect(marker.test("an AKIA key")).toBe(true);
    expect(marker.test("start here")).toBe(true);
    expect(marker.test("not start")).toBe(false);
    expect(marker.test("xxy")).toBe(true);
    expect(marker.test("é")).toBe(true);
    expect(marker.test("plain")).toBe(false);
    expect(compileMarkerTest(["a?"]).test("")).toBe(true);
    // A text dense with anchor characters is handed to the alternation: the same answers.
    for (const sources of markerSets) {
      const dense = compileMarkerTest(sources);
      for (const filler of ["A", "_", "0", "-a", "\\u0"]) {
        const text = filler.repeat(5000);
        expect(dense.test(text), filler).toBe(false);
        expect(dense.test(`${text}AKIA`), filler).toBe(true);
        expect(dense.test(`AKIA${text}`), filler).toBe(true);
      }
    }
    expect(compileMarkerTest(["[]"]).test("[]")).toBe(false);
  });
});

describe("the digit marker", () => {
  it("answers as `\\d\\d[-. )] ?\\d\\d|\\d{13}`, the form it was written in before", () => {
    const before = /\d\d[-. )] ?\d\d|\d{13}/;
    // Runs of digits up to 14 long between separators, so every alternative's edge is tried.
    const text = fc
      .array(
        fc.oneof(fc.stringMatching(/^\d{1,14}$/), fc.constantFrom(" ", "-", ".", ")", "(", "+", "a", "  ")),
        { maxLength: 8 },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (t) => {
        expect(sensitiveFamilies(t, false).includes("digits")).toBe(before.test(t));
      }),
      { numRuns: 2000 },
    );
  });
});
