import { capText } from "@tunegate/core";

/**
 * A Markdown report that came from a `pull_request` run is untrusted: a fork's workflow run executes the
 * fork's code and can write any file. Before it is posted with a write token it is made inert:
 * - HTML: only a few formatting tags without attributes survive (`details`, `summary`, `br`, `b`, `i`,
 *   `code`, `sub`, `sup`); every other `<` is escaped, and HTML comments are removed, so the file can
 *   carry no hidden marker that would make tunegate edit another of its comments;
 * - `@name`, `org/team` mentions and `#123` / `owner/repo#123` references get a zero-width space after
 *   the sign, so nobody is notified and nothing is cross-linked;
 * - images are reduced to their alt text (no tracking pixels), and links to anywhere but the repository
 *   (the file:line links of a validation report) to their text;
 * - length is capped, and an unclosed code fence is closed so the text after it renders as intended.
 * Inside code fences HTML is left as it is (GitHub shows it as text there); mentions and references are
 * neutralised everywhere, fences included, so no reading of the Markdown can make them notify.
 */

const ZWSP = "\u200b";
const ALLOWED_TAGS = new Set(["details", "summary", "br", "b", "i", "code", "sub", "sup", "p"]);

export interface SanitizeOptions {
  /** Links whose target starts with this are kept (e.g. `https://github.com/acme/data/`); others become text. */
  linkPrefix?: string;
}

export function sanitizeUntrustedMarkdown(
  markdown: string,
  maxChars: number,
  options: SanitizeOptions = {},
): string {
  const text = markdown
    .replace(/\r\n?/g, "\n")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
    // HTML comments can span lines: remove them before the line pass (an unterminated one to the end).
    .replace(/<!--[\s\S]*?(?:-->|$)/g, "");
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of text.split("\n")) {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      out.push(neutraliseReferences(line));
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener) {
        fence = undefined;
      }
      continue;
    }
    if (opener) {
      fence = opener;
      out.push(neutraliseReferences(line));
      continue;
    }
    out.push(sanitizeLine(line, options.linkPrefix));
  }
  let body = capText(out.join("\n"), maxChars - 8);
  // A fence left open (by the file, or by the cap) would swallow whatever follows the report.
  if (countOpenFence(body)) body += "\n```";
  return body;
}

function sanitizeLine(line: string, linkPrefix: string | undefined): string {
  const inert = line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\(([^)\s]*)[^)]*\)/g, (link, text: string, url: string) =>
      linkPrefix !== undefined && url.startsWith(linkPrefix) && !/[<>"'`\\]/.test(url) ? link : text,
    )
    .replace(/<\/?([A-Za-z][A-Za-z0-9-]*)\b[^>]*>|</g, (match, tag: string | undefined) => {
      if (tag && ALLOWED_TAGS.has(tag.toLowerCase())) {
        return match.startsWith("</") ? `</${tag.toLowerCase()}>` : `<${tag.toLowerCase()}>`;
      }
      return match.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    });
  return neutraliseReferences(inert);
}

function neutraliseReferences(line: string): string {
  return line
    .replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWSP}`)
    .replace(/#(?=[0-9])/g, `#${ZWSP}`)
    .replace(/\b(GH-)(?=[0-9])/gi, `$1${ZWSP}`);
}

function countOpenFence(text: string): boolean {
  let fence: string | undefined;
  for (const line of text.split("\n")) {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (!opener) continue;
    if (fence === undefined) fence = opener;
    else if (opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener)
      fence = undefined;
  }
  return fence !== undefined;
}
