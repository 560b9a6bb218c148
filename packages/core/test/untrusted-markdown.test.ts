import { liveConstructs, renderGfm } from "@tunegate/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sanitizeUntrustedMarkdown } from "../src/index";

const PREFIX = "https://github.com/acme/data/";
const clean = (text: string, max = 10_000) => sanitizeUntrustedMarkdown(text, max, { linkPrefix: PREFIX });

/** What GitHub would make of the sanitised text: nothing live, and no second hidden marker. */
function expectInert(markdown: string): string {
  const out = clean(markdown);
  expect(out).not.toContain("<!--");
  expect(liveConstructs(renderGfm(out), PREFIX)).toEqual([]);
  return out;
}

/** Each of these kept a live construct through a line-by-line regex sanitiser. */
const BYPASSES: Record<string, string> = {
  "a reference link": "[Approve here][1]\n\n[1]: https://evil.example/login",
  "a reference image": "![pixel][p]\n\n[p]: https://evil.example/p.gif",
  "a collapsed reference link": "[evil.example][]\n\n[evil.example]: https://evil.example/",
  "a fence inside <details>": "<details>\n```\n<img src=https://evil.example/p.gif>\n```\n</details>",
  "a backtick in a fence's info string": "```a`b\n<img src=https://evil.example/p.gif>\n```",
  "an entity mention": "&#64;octocat and &#x40;acme/admins",
  "an entity reference": "see &#35;12 and acme/other&#35;3",
  "bare URLs": "go to https://evil.example/login or www.evil.example or mallory@evil.example",
  "a marker rebuilt from a split comment": "<!<!---->-- tunegate:validate -->",
  "a marker rebuilt from a split comment in code": "```\n<!<!---->-- tunegate:validate -->\n```",
  "a marker in an HTML block": "<div>\n<!-- tunegate:train model=x job=y -->\n</div>",
  "a bidi override": "file \u202egnp.exe\u202c and \u2066isolate\u2069",
  "an autolink in angle brackets": "<https://evil.example/x> <mailto:a@evil.example>",
  "a link climbing out of the repository": `[x](${PREFIX}../../evil/repo) [y](${PREFIX}%2e%2e/%2e%2e/evil)`,
  "a link with a title": `[x](${PREFIX}blob/a "title")`,
  "an HTML image with entities": "&lt;img&gt; <img src=x onerror=alert(1)> <IMG SRC=x>",
  "a javascript link": "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1))",
  "an indented HTML block": "   <script>alert(1)</script>",
  "a table with a hostile cell": "| a | b |\n| - | - |\n| <img src=x> | @octocat [l](https://evil.example) |",
  "a list with nested hostile content":
    "- a\n  - ![p](https://evil.example/p.gif)\n    > @octocat #1\n1. GH-12",
  "a footnote": "text[^1]\n\n[^1]: @octocat https://evil.example",
  "emphasis around a mention": "**@octocat** _#1_ ~~GH-1~~",
  "a setext heading": "@octocat\n===",
  "a lazy continuation": "> quote\n@octocat",
  "a hard break before indentation": "a\\\n        @octocat",
};

describe("sanitizeUntrustedMarkdown: nothing live in what GitHub renders", () => {
  for (const [name, markdown] of Object.entries(BYPASSES)) {
    it(`for ${name}`, () => {
      expectInert(markdown);
    });
  }

  it("keeps a report's Markdown: headings, emphasis, tables, lists, code", () => {
    const report = [
      "### ✅ tunegate: **no** errors",
      "",
      "| file | records |",
      "| --- | ---: |",
      "| `data/train.jsonl` | 120 |",
      "",
      "- one",
      "- two",
      "",
      "```json",
      '{"a": 1}',
      "```",
    ].join("\n");
    const out = expectInert(report);
    const html = renderGfm(out);
    expect(html).toContain("<h3>✅ tunegate: <strong>no</strong> errors</h3>");
    expect(html).toContain('<td><code>data/train.jsonl</code></td>\n<td align="right">120</td>');
    expect(html).toContain("<li>one</li>\n<li>two</li>");
    expect(html).toContain('<pre><code class="language-json">{&quot;a&quot;: 1}\n</code></pre>');
  });

  it("keeps the text of raw HTML and drops the tags", () => {
    const out = expectInert("<details><summary>Stats</summary>\n\n12 records\n\n</details>");
    expect(renderGfm(out)).toBe("<p>Stats</p>\n<p>12 records</p>\n");
  });

  it("keeps links into the repository and reduces the others to their text", () => {
    const ok = `[train.jsonl:3](${PREFIX}blob/abc/train.jsonl#L3)`;
    expect(clean(ok)).toBe(`[train\\.jsonl\\:3](${PREFIX}blob/abc/train.jsonl#L3)`);
    expect(renderGfm(clean("[login](https://evil.example/x)"))).toBe("<p>login</p>\n");
    expect(renderGfm(clean("[x](https://github.com/acme/data.evil/)"))).toBe("<p>x</p>\n");
    expect(renderGfm(sanitizeUntrustedMarkdown(ok, 1000))).toBe("<p>train.jsonl:3</p>\n");
  });

  it("turns images into their alt text", () => {
    expect(renderGfm(clean("see ![pixel](https://evil.example/p.gif) here"))).toBe("<p>see pixel here</p>\n");
  });

  it("shows a mention as its text, with a zero-width space after the sign", () => {
    expect(clean("@octocat")).toBe("@\u200boctocat");
  });

  it("leaves code verbatim (GitHub links nothing there) but breaks a hidden marker inside it", () => {
    const out = clean("```\n<b onclick=x>@octocat</b> <!-- tunegate:validate -->\n```");
    expect(renderGfm(out)).toBe(
      "<pre><code>&lt;b onclick=x&gt;@octocat&lt;/b&gt; &lt;!-\u200b- tunegate:validate --&gt;\n</code></pre>\n",
    );
  });

  it("closes a fence left open by the file", () => {
    expect(renderGfm(clean("text\n```\nopen #1\n\nafter"))).toBe(
      "<p>text</p>\n<pre><code>open #1\n\nafter\n</code></pre>\n",
    );
  });

  it("caps the length at whole blocks, never leaving a fence or an escape half-written", () => {
    const long = `intro\n\n\`\`\`\n${"x".repeat(5000)}\n\`\`\`\n\n${"@a ".repeat(2000)}`;
    for (const max of [1, 10, 100, 1000, 6000]) {
      const out = clean(long, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(liveConstructs(renderGfm(out), PREFIX)).toEqual([]);
    }
    expect(clean(long, 1000)).toMatch(/^intro\n\nx+…$/);
  });
});

/** Bench-sized runs: `TUNEGATE_FUZZ_RUNS=10000 npx vitest run test/untrusted-markdown.test.ts`. */
const FUZZ_RUNS = Number(process.env.TUNEGATE_FUZZ_RUNS ?? 300);

/** Pieces of Markdown that make live constructs, shuffled together with arbitrary text. */
const PIECES = [
  "@octocat",
  "@acme/admins",
  "&#64;x",
  "&#x40;y",
  "#1",
  "&#35;2",
  "o/r#3",
  "GH-4",
  "https://evil.example/",
  "www.evil.example",
  "a@evil.example",
  "<https://evil.example>",
  "[l](https://evil.example)",
  "[l][r]",
  "[r]: https://evil.example",
  "![i](https://evil.example/i.png)",
  "![i][r]",
  "<img src=x>",
  "<script>",
  "<details>",
  "</details>",
  "<summary>",
  "<!--",
  "-->",
  "<!-- tunegate:validate -->",
  "<!",
  "```",
  "~~~",
  "```a`b",
  "    ",
  "\t",
  "\n",
  "\n\n",
  "> ",
  "- ",
  "1. ",
  "* ",
  "| a | b |",
  "| - | - |",
  "[^1]",
  "[^1]: ",
  "\\",
  "`",
  "*",
  "_",
  "~~",
  "&",
  "&amp;",
  "\u202e",
  "\u2066",
  "\u200b",
  "\u0000",
  "\r",
  "===",
  "---",
  `[ok](${PREFIX}blob/x)`,
  `${PREFIX}../x`,
  "javascript:alert(1)",
  "<a href=x>",
  "</a>",
  "\ud800",
  "+@.A",
];

describe("sanitizeUntrustedMarkdown on arbitrary hostile Markdown", () => {
  it(`never throws and leaves nothing live (${FUZZ_RUNS} cases)`, () => {
    const markdown = fc
      .array(
        fc.oneof(
          fc.constantFrom(...PIECES),
          fc.string({ maxLength: 8 }),
          fc.string({ unit: "binary", maxLength: 4 }),
        ),
        {
          maxLength: 40,
        },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(markdown, fc.integer({ min: 0, max: 3000 }), (text, max) => {
        const out = sanitizeUntrustedMarkdown(text, max, { linkPrefix: PREFIX });
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toContain("<!--");
        expect(liveConstructs(renderGfm(out), PREFIX)).toEqual([]);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, 600_000);
});
