import { spawnSync } from "node:child_process";

/**
 * Renders Markdown with `cmark-gfm`, the parser GitHub's own renderer is built on (Debian package
 * `cmark-gfm`), with GitHub's extensions on and raw HTML passed through, so a test sees what GitHub
 * would make of a comment body.
 */
export function renderGfm(markdown: string): string {
  const run = spawnSync(
    "cmark-gfm",
    [
      "--unsafe",
      ...["table", "strikethrough", "autolink", "tasklist", "footnotes"].flatMap((e) => ["--extension", e]),
    ],
    { input: markdown, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.error || run.status !== 0) {
    throw new Error(
      `cmark-gfm failed (${run.error?.message ?? run.stderr}); install it with \`apt-get install -y cmark-gfm\`.`,
    );
  }
  return run.stdout;
}

/** The tags GitHub shows for plain formatting; anything else in the HTML came from raw HTML or an image. */
const FORMATTING_TAGS = new Set(
  "p h1 h2 h3 h4 h5 h6 em strong del code pre table thead tbody tr th td ul ol li blockquote hr br a input section sup".split(
    " ",
  ),
);
const BIDI_OR_INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/;

/**
 * What in rendered HTML could act on GitHub: an image, raw HTML, a link off `linkPrefix` (in-page
 * footnote anchors aside), a mention, a cross-reference or a URL GitHub would link in prose, a bidi
 * or invisible control anywhere, and an HTML comment (a hidden marker). Code is exempt from the
 * mention and reference checks only: GitHub links nothing inside it.
 */
export function liveConstructs(html: string, linkPrefix?: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<(\/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)>/g)) {
    const tag = match[2]!.toLowerCase();
    if (!FORMATTING_TAGS.has(tag)) found.push(`raw HTML or image: ${match[0]}`);
    if (tag === "a" && match[1] === "") {
      const href = /\shref="([^"]*)"/.exec(match[3]!)?.[1];
      if (href !== undefined && !href.startsWith("#") && !(linkPrefix && href.startsWith(linkPrefix))) {
        found.push(`link off the repository: ${match[0]}`);
      }
    }
    if (tag === "input" && !/type="checkbox"/.test(match[3]!)) found.push(`raw HTML: ${match[0]}`);
  }
  if (html.includes("<!--")) found.push("an HTML comment");
  if (BIDI_OR_INVISIBLE.test(html)) found.push("a bidi or invisible control character");
  const prose = decodeEntities(html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, " ").replace(/<[^>]*>/g, " "));
  const mention = /(?:^|[^A-Za-z0-9_`])@[A-Za-z0-9]/.exec(prose);
  if (mention) found.push(`a mention: ${prose.slice(mention.index, mention.index + 30)}`);
  const reference = /(?:#|\bGH-)\d/i.exec(prose);
  if (reference)
    found.push(`a reference: ${prose.slice(Math.max(0, reference.index - 20), reference.index + 10)}`);
  const url = /https?:\/\/|www\./i.exec(prose);
  if (url) found.push(`a bare URL: ${prose.slice(url.index, url.index + 30)}`);
  return found;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, "&");
}
