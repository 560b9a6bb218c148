/**
 * Untrusted text (job names, failure messages, labels from a dataset or a model's answers) made safe for
 * a GitHub comment: no HTML, no Markdown structure, no @mentions or #references, bounded length.
 */

/** GitHub refuses issue and PR comment bodies longer than this ("Body is too long"). */
export const MAX_COMMENT_CHARS = 65_536;

const ZWSP = "\u200b";

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair, marking the cut with "…". */
export function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * One line of inert text: line breaks become spaces, HTML and Markdown punctuation are escaped, and
 * `@name` / `#123` get a zero-width space after the sign so GitHub neither notifies nor links.
 */
export function plain(text: string, max = 500): string {
  const oneLine = cap(
    text
      .replace(/[\r\n\u2028\u2029]+/g, " ")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ""),
    max,
  );
  return (
    oneLine
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      // Inline text never starts a line, so list and numbering markers need no escape; links need "[".
      .replace(/([\\`*_[\]#|~])/g, "\\$1")
      .replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWSP}`)
      .replace(/\\#(?=[0-9A-Za-z])/g, `\\#${ZWSP}`)
  );
}

/** Text for a table cell: `plain` escapes the pipe already. */
export const cell = plain;

/**
 * An inline code span holding `text` verbatim (one line, capped): its fence is longer than any run of
 * backticks inside. GitHub does not turn mentions or references inside code into links.
 */
export function code(text: string, max = 200): string {
  const t = cap(text.replace(/[\r\n\u2028\u2029]+/g, " "), max);
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = t.startsWith("`") || t.endsWith("`") || t === "" ? " " : "";
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** A code span inside a table row: GitHub splits cells on `|` even inside code, unless escaped. */
export function codeCell(text: string, max = 200): string {
  return code(text, max).replaceAll("|", "\\|");
}
