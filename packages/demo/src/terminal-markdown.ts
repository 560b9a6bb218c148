// Markdown of a PR comment as plain terminal text: roughly what a reader sees on GitHub. marked parses;
// this walks its tokens. Tables are aligned, headings underlined, collapsed sections shown open, hidden
// markers dropped, and each Mermaid chart drawn as one sparkline per series (its table follows it).
import { lexer, type Token, type Tokens } from "marked";

export interface TerminalStyle {
  bold(text: string): string;
  dim(text: string): string;
}

export const PLAIN: TerminalStyle = { bold: (t) => t, dim: (t) => t };
export const ANSI: TerminalStyle = {
  bold: (t) => `\u001b[1m${t}\u001b[22m`,
  dim: (t) => `\u001b[2m${t}\u001b[22m`,
};

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };
const decode = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? "");

/** The text of inline tokens, with emphasis kept as bold where it carries meaning. */
function inline(tokens: readonly Token[] | undefined, style: TerminalStyle): string {
  if (!tokens) return "";
  return tokens
    .map((token) => {
      switch (token.type) {
        case "strong":
          return style.bold(inline((token as Tokens.Strong).tokens, style));
        case "em":
        case "del":
          return inline((token as Tokens.Em).tokens, style);
        case "link":
          return inline((token as Tokens.Link).tokens, style);
        case "codespan":
          return decode((token as Tokens.Codespan).text);
        case "br":
          return " ";
        case "html":
          return htmlText((token as Tokens.HTML).text);
        case "image":
          return `[image: ${(token as Tokens.Image).text}]`;
        case "text": {
          const text = token as Tokens.Text;
          return text.tokens ? inline(text.tokens, style) : decode(text.text);
        }
        case "escape":
          return (token as Tokens.Escape).text;
        default:
          return "raw" in token ? decode(String(token.raw)) : "";
      }
    })
    .join("");
}

/** Tags GitHub would render: <summary> becomes a disclosure line, comments and the rest disappear. */
function htmlText(html: string): string {
  return decode(
    html
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<summary>([\s\S]*?)<\/summary>/gi, "▸ $1")
      .replace(/<br\s*\/?>/gi, " ")
      .replace(/<[^>]+>/g, ""),
  );
}

const SPARKS = "▁▂▃▄▅▆▇█";

/** Names of the d3 category10 colours Mermaid charts are given, so a series reads as its caption says. */
const COLOUR_NAMES: Record<string, string> = {
  "#1f77b4": "blue",
  "#ff7f0e": "orange",
  "#2ca02c": "green",
  "#d62728": "red",
  "#9467bd": "purple",
};

/** One sparkline per series of an xychart-beta chart; other diagrams by their kind. */
function mermaidText(code: string): string[] {
  const title = /^\s*title\s+"?([^"\n]*)"?/m.exec(code)?.[1];
  const lines = [`[chart${title ? `: ${title}` : ""}]`];
  if (!/^\s*xychart-beta/m.test(code)) return lines;
  const palette = (/plotColorPalette"?\s*:\s*"([^"]*)"/.exec(code)?.[1] ?? "")
    .split(",")
    .map((c) => c.trim());
  const series = [...code.matchAll(/^\s*(line|bar)(?:\s+"([^"]*)")?\s*\[([^\]]*)\]/gm)];
  series.forEach((match, i) => {
    const values = match[3]!
      .split(",")
      .map((v) => Number(v.trim()))
      .filter((v) => Number.isFinite(v));
    if (values.length === 0) return;
    const min = Math.min(...values);
    const max = Math.max(...values);
    const spark = values
      .map((v) => SPARKS[max === min ? 3 : Math.round(((v - min) / (max - min)) * (SPARKS.length - 1))])
      .join("");
    const name = match[2] ?? COLOUR_NAMES[palette[i]?.toLowerCase() ?? ""] ?? `${match[1]} ${i + 1}`;
    lines.push(`  ${name.padEnd(8)} ${spark}  ${values[0]!} → ${values.at(-1)!}`);
  });
  return lines;
}

/** An SGR escape sequence (ESC [ ... m), as the ANSI style writes them. */
const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/**
 * Columns a string takes on a terminal: emoji and other wide characters take two, a variation selector
 * makes the character before it an emoji (two), combining marks and ANSI escapes take none.
 */
export function width(text: string): number {
  let columns = 0;
  let previous = 0;
  for (const ch of text.replace(ANSI_ESCAPE, "")) {
    const code = ch.codePointAt(0)!;
    if (code === 0xfe0f) {
      if (previous === 1) columns += 1;
      previous = 2;
      continue;
    }
    if (code === 0x200b || code === 0x200d || (code >= 0x300 && code <= 0x36f)) continue;
    const wide =
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x2600 && code <= 0x27bf && /\p{Emoji_Presentation}/u.test(ch)) ||
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xff00 && code <= 0xff60);
    previous = wide ? 2 : 1;
    columns += previous;
  }
  return columns;
}

const pad = (text: string, to: number) => text + " ".repeat(Math.max(0, to - width(text)));

/** Widest a table column gets before its cells wrap. */
const MAX_COLUMN = 60;

/** A cell's text in lines of at most `max` columns, broken at spaces where it can be. */
export function wrap(text: string, max: number): string[] {
  if (width(text) <= max) return [text];
  const lines: string[] = [];
  let rest = text;
  while (width(rest) > max) {
    const chars = [...rest];
    let cut = 0;
    let used = 0;
    while (cut < chars.length && used + width(chars[cut]!) <= max) used += width(chars[cut++]!);
    const space = chars.slice(0, cut).lastIndexOf(" ");
    const at = space > max / 3 ? space : cut;
    lines.push(chars.slice(0, at).join("").trimEnd());
    rest = chars.slice(at).join("").trimStart();
  }
  if (rest) lines.push(rest);
  return lines;
}

/** Narrowest a column is squeezed to when a table must fit the terminal. */
const MIN_COLUMN = 10;

function table(token: Tokens.Table, style: TerminalStyle, maxWidth: number): string[] {
  const header = token.header.map((cell) => inline(cell.tokens, style));
  const rows = token.rows.map((row) => row.map((cell) => inline(cell.tokens, style)));
  const widths = header.map((h, i) =>
    Math.min(MAX_COLUMN, Math.max(width(h), ...rows.map((r) => width(r[i] ?? "")))),
  );
  // Too wide for the terminal: narrow the widest column, one character at a time; its cells wrap.
  const total = () => widths.reduce((a, b) => a + b + 3, 1);
  while (total() > maxWidth) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= MIN_COLUMN) break;
    widths[widest] = widths[widest]! - 1;
  }
  const line = (cells: string[]) => {
    const wrapped = cells.map((c, i) => wrap(c, widths[i]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from(
      { length: height },
      (_, k) => `│ ${wrapped.map((w, i) => pad(w[k] ?? "", widths[i]!)).join(" │ ")} │`,
    );
  };
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => "─".repeat(w + 2)).join(m)}${r}`;
  const empty = header.every((h) => h.trim() === "");
  return [
    rule("┌", "┬", "┐"),
    ...(empty ? [] : [...line(header.map((h) => style.bold(h))), rule("├", "┼", "┤")]),
    ...rows.flatMap(line),
    rule("└", "┴", "┘"),
  ];
}

function block(token: Token, style: TerminalStyle, maxWidth: number): string[] {
  switch (token.type) {
    case "heading": {
      const h = token as Tokens.Heading;
      const text = inline(h.tokens, style);
      return h.depth <= 2 ? [style.bold(text), "═".repeat(width(text))] : [style.bold(text)];
    }
    case "paragraph":
      return inline((token as Tokens.Paragraph).tokens, style)
        .split("\n")
        .flatMap((line) => wrap(line, maxWidth));
    case "text": {
      const t = token as Tokens.Text;
      return [t.tokens ? inline(t.tokens, style) : decode(t.text)];
    }
    case "code": {
      const code = token as Tokens.Code;
      if (code.lang === "mermaid") return mermaidText(code.text);
      return code.text.split("\n").map((l) => style.dim(`  │ ${l}`));
    }
    case "table":
      return table(token as Tokens.Table, style, maxWidth);
    case "list": {
      const list = token as Tokens.List;
      return list.items.flatMap((item, i) => {
        const bullet = list.ordered ? `${Number(list.start || 1) + i}. ` : "• ";
        const inner = item.tokens.flatMap((t) => block(t, style, maxWidth - 3));
        return inner.map((l, j) => (j === 0 ? bullet : " ".repeat(bullet.length)) + l);
      });
    }
    case "blockquote": {
      const lines = (token as Tokens.Blockquote).tokens.flatMap((t) => block(t, style, maxWidth - 2));
      // GitHub's alerts: "> [!NOTE]" shows as a titled box.
      const alert = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/.exec(lines[0] ?? "");
      if (alert) {
        const kind = alert[1]!;
        lines.splice(
          0,
          1,
          style.bold(kind[0] + kind.slice(1).toLowerCase()),
          lines[0]!.slice(alert[0].length),
        );
      }
      return lines.filter((l, i) => i === 0 || l !== "").map((l) => `▌ ${l}`);
    }
    case "html": {
      const text = htmlText((token as Tokens.HTML).text).trim();
      return text ? text.split("\n").map((l) => l.trim()) : [];
    }
    case "hr":
      return ["─".repeat(40)];
    case "space":
      return [];
    default:
      return "raw" in token ? [String(token.raw).trim()] : [];
  }
}

/** Lines a collapsed section shows before "… n more lines": enough for a confusion matrix. */
const COLLAPSED_LINES = 16;

/**
 * The comment as terminal lines, blocks separated by a blank line, tables within `maxWidth` columns
 * (collapsed sections are indented by 3 more). A collapsed section
 * (<details>) is shown under its summary, indented, and cut after COLLAPSED_LINES lines.
 */
export function markdownToTerminal(markdown: string, style: TerminalStyle = PLAIN, maxWidth = 120): string {
  const out: string[] = [];
  let collapsed: string[] | undefined;
  const flush = () => {
    if (!collapsed) return;
    const shown = collapsed.slice(0, COLLAPSED_LINES);
    out.push(...shown.map((l) => (l ? `   ${l}` : l)));
    if (collapsed.length > shown.length) {
      out.push(style.dim(`   … ${collapsed.length - shown.length} more lines`));
    }
    collapsed = undefined;
  };
  for (const token of lexer(markdown)) {
    const html = token.type === "html" ? (token as Tokens.HTML).text : "";
    const lines = block(token, style, maxWidth);
    const closes = /<\/details>/i.test(html);
    if (closes) {
      flush();
      if (lines.length === 0) continue;
    }
    if (lines.length === 0) continue;
    const target = collapsed ?? out;
    if (target.length > 0) target.push("");
    target.push(...lines);
    if (/<details[\s>]/i.test(html) && !closes) collapsed = [];
  }
  flush();
  return out.join("\n");
}
