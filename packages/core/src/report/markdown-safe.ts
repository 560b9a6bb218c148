/**
 * Untrusted text (dataset records, file paths, labels, rule messages quoting a record) made inert for
 * a GitHub comment or job summary. GitHub renders Markdown and a subset of HTML, turns `@name` into a
 * notification, `#123` / `owner/repo#123` / `GH-123` into cross-references that show up on the other
 * issue, and URLs into links. Text that passes through here does none of that, fits a length, and never
 * ends in half a surrogate pair.
 */

const ZWSP = "\u200b";

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair; the cut is marked "…". */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * Characters that change how text around them looks without being seen: C0/C1 controls (GitHub turns
 * NUL into U+FFFD; others can break a table row) and bidirectional overrides, which can make a record
 * read differently from what it holds. Tabs and line breaks are kept; callers decide about those.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Half of a surrogate pair on its own: not a character, and not encodable as UTF-8 or in a URL. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "\ufffd").replace(LONE_SURROGATE, "\ufffd");
}

/**
 * Untrusted text with invisible characters made visible and HTML comment openers broken, so a record
 * cannot carry a copy of tunegate's hidden comment marker (even inside code, where it stays verbatim).
 */
export function cleanText(text: string): string {
  return stripInvisible(text).replace(/<!--/g, "<!-\u200b-");
}

/**
 * Breaks what GitHub would link or notify: a zero-width space after every `@` that something follows
 * (a name, or an e-mail address GitHub autolinks even with a domain as odd as `+@.A`), after `#` and
 * `GH-` before a reference, inside `://` and after `www`. Meant for text outside code.
 */
export function neutralizeReferences(text: string): string {
  return text
    .replace(/@(?=\S)/g, `@${ZWSP}`)
    .replace(/#(?=[0-9A-Za-z])/g, `#${ZWSP}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1-${ZWSP}`)
    .replace(/:\/\//g, `:${ZWSP}//`)
    .replace(/(www)\./gi, `$1${ZWSP}.`);
}

/** Escapes HTML (`&`, `<`, `>`, quotes) and every Markdown punctuation character with a backslash. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/([\\`*_{}[\]()#+\-.!|~:=^$])/g, "\\$1");
}

/**
 * One line of inert text for prose or a table cell: line breaks become "⏎", invisible characters are
 * made visible, Markdown and HTML are escaped, references neutralised, and the length capped (the cap
 * applies to the text before escaping, so the escaped form may be up to about twice as long).
 */
export function safeInline(text: string, max = 300): string {
  const oneLine = cleanText(text)
    .replace(/\r\n|[\r\n\u2028\u2029]/g, " ⏎ ")
    .replace(/\t/g, " ");
  // References first: escaping puts backslashes inside `GH-1` and `://` that would hide them.
  return escapeMarkdown(neutralizeReferences(capText(oneLine, max)));
}

/**
 * One line of inert text inside raw HTML (a `<summary>`, which starts an HTML block where Markdown is
 * not parsed): HTML-escaped, references neutralised, capped. No backslashes, which HTML would show.
 */
export function safeHtmlText(text: string, max = 300): string {
  const oneLine = cleanText(text).replace(/\r\n|[\r\n\u2028\u2029\t]/g, " ");
  return neutralizeReferences(capText(oneLine, max))
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * An inline code span (one line, capped). GitHub links nothing inside code. In a table (`inTable`,
 * the default) pipes are escaped, since GitHub splits cells on them even inside code; elsewhere an
 * escape would show, so they are left alone.
 */
export function safeCode(text: string, max = 200, inTable = true): string {
  const t = capText(cleanText(text).replace(/\r\n|[\r\n\u2028\u2029\t]/g, " "), max);
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = t.startsWith("`") || t.endsWith("`") || t.trim() === "" ? " " : "";
  return `${fence}${pad}${inTable ? escapeTablePipes(t) : t}${pad}${fence}`;
}

/**
 * GitHub splits table rows on every `|` that is not escaped, even inside code, and reads a backslash
 * before any punctuation (a backslash included) as an escape pair. So a pipe needs an odd run of
 * backslashes before it to stay inside its cell.
 */
function escapeTablePipes(text: string): string {
  return text.replace(/(\\*)\|/g, (_, run: string) => `${run}${run.length % 2 === 0 ? "\\" : "\\\\"}|`);
}

/**
 * A fenced code block holding `text` verbatim (capped to `max`, invisible characters made visible).
 * Its fence is one backtick longer than any run of backticks inside, so no line of the text can close
 * it; nothing inside is rendered, linked or mentioned. Starts and ends on its own line.
 */
export function safeCodeBlock(text: string, max = 2_000, info = "text"): string {
  const body = capText(cleanText(text).replace(/\r\n?|[\u2028\u2029]/g, "\n"), max);
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${info}\n${body}\n${fence}`;
}

/**
 * A link with escaped visible text. The target must be an http(s) URL of printable ASCII without
 * spaces, brackets, angle brackets, quotes, backticks or backslashes (build it with `blobUrl`); any
 * other is dropped and the label shown alone.
 */
export function safeLink(label: string, url: string, max = 200): string {
  const text = safeInline(label, max);
  return /^https?:\/\/[!#-&*-;=?-[\]-_a-{}~]+$/.test(url) ? `[${text}](${url})` : text;
}

/** `https://github.com/<repo>/blob/<sha>/<path>#L<line>`, each path segment percent-encoded. */
export function blobUrl(
  serverUrl: string,
  repository: string,
  sha: string,
  path: string,
  line?: number,
): string {
  const segments = path.replace(/^\.\//, "").split("/").map(encodeSegment).join("/");
  const repo = repository.split("/").map(encodeSegment).join("/");
  return `${serverUrl.replace(/\/+$/, "")}/${repo}/blob/${encodeSegment(sha)}/${segments}${line ? `#L${line}` : ""}`;
}

// encodeURIComponent leaves ( ) ' ! * alone; Markdown link targets need the brackets encoded too.
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment.replace(LONE_SURROGATE, "\ufffd")).replace(
    /[()'!*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
