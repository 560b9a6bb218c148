import { markdownProblems, tableCells } from "@tunegate/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blobUrl,
  capText,
  neutralizeReferences,
  safeCode,
  safeCodeBlock,
  safeHtmlText,
  safeInline,
  safeLink,
} from "../src/index";

const HOSTILE = [
  "<script>alert(1)</script>",
  "</details>",
  "<img src=x onerror=alert(1)>",
  "@org/team",
  "@alice",
  "#1",
  "acme/other#42",
  "GH-123",
  "| a | b |",
  "|---|",
  "```",
  "~~~",
  "````js",
  "\\|",
  "\\",
  "`",
  "[click](javascript:alert(1))",
  "![x](https://tracker.example/p.png)",
  "https://evil.example",
  "www.evil.example",
  "&amp;",
  "&#60;",
  "\n",
  "\r\n",
  "\u2028",
  "\u202e",
  "\u0000",
  "😀",
  "\ud83d",
  "**bold**",
  "# heading",
  "> quote",
  "1. item",
  "---",
  "<!-- tunegate:validate -->",
  "    indented",
  " ",
  "a",
  "é",
];
const hostile = fc.array(fc.constantFrom(...HOSTILE), { maxLength: 12 }).map((parts) => parts.join(""));
const anyText = fc.oneof(hostile, fc.string({ unit: "binary", maxLength: 60 }));

describe("capText", () => {
  it("never splits a surrogate pair and marks the cut", () => {
    expect(capText("ab😀cd", 4)).toBe("ab…");
    expect(capText("ab😀cd", 5)).toBe("ab😀…");
    expect(capText("short", 10)).toBe("short");
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 40 }),
        fc.integer({ min: 0, max: 50 }),
        (t, max) => {
          const out = capText(t, max);
          expect(out.length).toBeLessThanOrEqual(Math.max(max, 0));
          if (out.length < t.length) expect(/[\ud800-\udbff]…?$/.test(out.replace(/…$/, ""))).toBe(false);
        },
      ),
    );
  });
});

describe("safeInline", () => {
  it("escapes HTML and Markdown, and neutralises mentions, references and links", () => {
    expect(safeInline("<b>@org/team</b> see #12 and GH-7 at https://x.example")).toBe(
      "&lt;b&gt;@\u200borg/team&lt;/b&gt; see \\#\u200b12 and GH\\-\u200b7 at https\\:\u200b//x\\.example",
    );
    expect(safeInline("a\nb")).toBe("a ⏎ b");
    expect(safeInline("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
  });

  it("is inert on any input: in a table cell, in prose and in a link label", () => {
    fc.assert(
      fc.property(anyText, (t) => {
        const body = [
          `Text: ${safeInline(t)}`,
          "",
          "| a | b |",
          "| --- | --- |",
          `| ${safeInline(t)} | ${safeCode(t)} |`,
          "",
          safeLink(t, "https://github.com/acme/data/blob/abc/x.jsonl#L1"),
        ].join("\n");
        expect(markdownProblems(body)).toEqual([]);
        expect(safeInline(t)).not.toMatch(/[\r\n]/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("safeCode", () => {
  it("picks a fence longer than any backtick run and keeps pipes inside their cell", () => {
    expect(safeCode("a`b")).toBe("``a`b``");
    expect(safeCode("`x`")).toBe("`` `x` ``");
    expect(safeCode("a|b")).toBe("`a\\|b`");
    // A backslash before the pipe would pair with the escape; an extra one keeps the pipe escaped.
    expect(safeCode("a\\|b")).toBe("`a\\\\\\|b`");
    expect(tableCells(`| ${safeCode("a\\|b")} | c |`)).toBe(2);
    // Outside a table an escape would show; the pipe stays as it is.
    expect(safeCode("a|b", 200, false)).toBe("`a|b`");
  });
});

describe("safeCodeBlock", () => {
  it("cannot be closed or escaped by its content", () => {
    fc.assert(
      fc.property(anyText, (t) => {
        const body = `before\n\n${safeCodeBlock(t, 500)}\n\nafter @x`;
        const problems = markdownProblems(body);
        // The only live mention is the one written after the block: everything else stayed inside.
        expect(problems).toEqual([expect.stringContaining("live mention @x")]);
      }),
      { numRuns: 500 },
    );
  });

  it("caps its content", () => {
    const block = safeCodeBlock("y".repeat(10_000), 100);
    expect(block.length).toBeLessThan(120);
  });
});

describe("safeHtmlText", () => {
  it("is inert inside a <summary>", () => {
    fc.assert(
      fc.property(anyText, (t) => {
        const body = `<details>\n<summary>${safeHtmlText(t)}</summary>\n\ncontent\n\n</details>`;
        expect(markdownProblems(body)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("links", () => {
  it("encode every path segment of a blob URL", () => {
    expect(blobUrl("https://github.com", "acme/data", "abc123", "data sets/(new)#1.jsonl", 7)).toBe(
      "https://github.com/acme/data/blob/abc123/data%20sets/%28new%29%231.jsonl#L7",
    );
  });

  it("drop a target that is not a plain http(s) URL", () => {
    expect(safeLink("x", "javascript:alert(1)")).toBe("x");
    expect(safeLink("x", "https://a.example/b c")).toBe("x");
  });

  it("neutralise references without touching ordinary text", () => {
    expect(neutralizeReferences("C# and 3 # 4 and me@ home")).toBe("C# and 3 # 4 and me@ home");
  });
});
