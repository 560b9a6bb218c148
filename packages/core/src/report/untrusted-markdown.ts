import type { List, ListItem, Nodes, PhrasingContent, RootContent, Table, TableCell, TableRow } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";
import {
  cleanText,
  escapeMarkdown,
  neutralizeReferences,
  safeCode,
  safeCodeBlock,
  safeInline,
} from "./markdown-safe";

// Apart from markdown-safe.ts, whose escaping every comment and summary uses, because this parses
// Markdown (micromark, GFM): only what reposts untrusted Markdown loads the parser.

/**
 * Markdown from an untrusted source (a report file a fork's workflow run wrote) made inert for a
 * comment posted with a write token. It is parsed as GitHub parses it (CommonMark + GFM) and written out
 * again from the tree, construct by construct, keeping only what cannot act: headings, paragraphs,
 * emphasis, strikethrough, lists, task lists, quotes, tables, code and rules. Every piece of text goes
 * through the same rules as the rest of this module (invisible and bidi characters made visible, Markdown
 * and HTML escaped, mentions, references and bare URLs broken). Dropped: raw HTML (its text is kept),
 * images (their alt text is kept), links anywhere but under `linkPrefix` and reference links (their text
 * is kept), link definitions, and HTML comments, so no hidden marker can survive. Output is capped at
 * whole blocks, so a cut never leaves a fence, an escape or an entity half-written.
 */
export interface UntrustedMarkdownOptions {
  /** Links whose target starts with this are kept (e.g. `https://github.com/acme/data/`); others become text. */
  linkPrefix?: string;
}

export function sanitizeUntrustedMarkdown(
  markdown: string,
  maxChars: number,
  options: UntrustedMarkdownOptions = {},
): string {
  const tree = fromMarkdown(markdown, {
    extensions: [gfm()],
    mdastExtensions: [gfmFromMarkdown()],
  });
  const writer = new InertWriter(options.linkPrefix);
  let out = "";
  for (const node of tree.children) {
    const block = writer.block(node);
    if (block === "") continue;
    const joined = out === "" ? block : `${out}\n\n${block}`;
    if (joined.length <= maxChars) {
      out = joined;
      continue;
    }
    // The block that does not fit is shown as far as it fits, as one line of escaped text (escaping
    // can make a character up to 7 long: `"` becomes `&quot;` and a reference gains a zero-width space).
    const room = Math.floor((maxChars - out.length - 2) / 8);
    const tail = room > 1 ? safeInline(plainText(node), room) : "";
    out = tail === "" ? out : out === "" ? tail : `${out}\n\n${tail}`;
    break;
  }
  return out;
}

type MdNode = RootContent | PhrasingContent;

/** Text a node shows, for a block cut short and for the text of HTML and dropped links. */
function plainText(node: MdNode | Nodes): string {
  if ("value" in node && typeof node.value === "string") {
    return node.type === "html" ? htmlText(node.value) : node.value;
  }
  if (node.type === "image" || node.type === "imageReference") return node.alt ?? "";
  if ("children" in node) return (node.children as MdNode[]).map(plainText).join("");
  return "";
}

/** The text between the tags of raw HTML (comments dropped whole, so a hidden marker leaves nothing). */
function htmlText(html: string): string {
  return html.replace(/<!--[\s\S]*?(?:-->|$)/g, "").replace(/<[^>]*>?/g, "");
}

class InertWriter {
  constructor(private readonly linkPrefix: string | undefined) {}

  block(node: RootContent): string {
    switch (node.type) {
      case "heading":
        return `${"#".repeat(node.depth)} ${this.inline(node.children, true)}`.trimEnd();
      case "paragraph":
        return this.inline(node.children, false);
      case "thematicBreak":
        return "***";
      case "blockquote":
        return prefixLines(this.blocks(node.children), "> ", ">");
      case "list":
        return this.list(node);
      case "code":
        return safeCodeBlock(
          node.value,
          60_000,
          (node.lang ?? "").replace(/[^A-Za-z0-9_+-]/g, "").slice(0, 30),
        );
      case "table":
        return this.table(node);
      case "html":
        return this.text(htmlText(node.value).trim(), false);
      case "footnoteDefinition":
        return `${this.text(`[^${node.label ?? node.identifier}]:`, false)} ${this.blocks(node.children)}`;
      default:
        // Link definitions (and anything else) are dropped: a reference link never becomes live.
        return "";
    }
  }

  private blocks(nodes: RootContent[]): string {
    return nodes
      .map((n) => this.block(n))
      .filter((b) => b !== "")
      .join("\n\n");
  }

  private list(node: List): string {
    let number = node.start ?? 1;
    const items = node.children.map((item: ListItem) => {
      const marker = node.ordered ? `${number++}. ` : "- ";
      const task = item.checked === true ? "[x] " : item.checked === false ? "[ ] " : "";
      const body = this.blocks(item.children);
      const indent = " ".repeat(marker.length);
      return `${marker}${task}${prefixLines(body, indent, "").slice(indent.length)}`;
    });
    // A loose list keeps blank lines between items, as it was written.
    return items.join(node.spread ? "\n\n" : "\n");
  }

  private table(node: Table): string {
    const width = Math.max(1, ...node.children.map((row) => row.children.length));
    const rows = node.children.map((row: TableRow) => {
      const cells = Array.from({ length: width }, (_, i) => {
        const cell: TableCell | undefined = row.children[i];
        return cell ? this.inline(cell.children, true) : "";
      });
      return `| ${cells.join(" | ")} |`;
    });
    const align = Array.from({ length: width }, (_, i) => {
      const a = node.align?.[i];
      return a === "left" ? ":---" : a === "right" ? "---:" : a === "center" ? ":---:" : "---";
    });
    rows.splice(1, 0, `| ${align.join(" | ")} |`);
    return rows.join("\n");
  }

  /** Phrasing content; `oneLine` for headings and table cells, where a line break would end the construct. */
  private inline(nodes: PhrasingContent[], oneLine: boolean): string {
    // A line never starts with spaces: four would make it code, and fewer mean nothing.
    return this.flatten(nodes)
      .map((n) => this.phrase(n, oneLine))
      .join("")
      .replace(/\n[ \t]+/g, "\n");
  }

  /**
   * What is shown as text (dropped links, images, inline HTML) becomes text nodes, merged with their
   * neighbours, so a mention split across nodes (`@` before an email autolink) is neutralised whole.
   */
  private flatten(nodes: PhrasingContent[]): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    const push = (node: PhrasingContent) => {
      const last = out[out.length - 1];
      if (node.type === "text" && last?.type === "text")
        out[out.length - 1] = { ...last, value: last.value + node.value };
      else out.push(node);
    };
    for (const node of nodes) {
      if ((node.type === "link" && !this.repositoryLink(node.url)) || node.type === "linkReference") {
        for (const child of this.flatten(node.children)) push(child);
      } else if (node.type === "image" || node.type === "imageReference") {
        push({ type: "text", value: node.alt ?? "" });
      } else if (node.type === "html") {
        push({ type: "text", value: htmlText(node.value) });
      } else {
        push(node);
      }
    }
    return out;
  }

  private phrase(node: PhrasingContent, oneLine: boolean): string {
    switch (node.type) {
      case "text":
        return this.text(node.value, oneLine);
      case "emphasis":
      case "strong":
      case "delete": {
        const inner = this.inline(node.children, oneLine);
        if (inner.trim() === "") return inner;
        const mark = node.type === "emphasis" ? "*" : node.type === "strong" ? "**" : "~~";
        return `${mark}${inner}${mark}`;
      }
      case "inlineCode":
        return safeCode(node.value, 2_000, oneLine);
      case "break":
        return oneLine ? " " : "\\\n";
      case "link": {
        const label = this.inline(node.children, oneLine);
        return this.repositoryLink(node.url) && label.trim() !== "" ? `[${label}](${node.url})` : label;
      }
      case "linkReference":
        return this.inline(node.children, oneLine);
      case "image":
      case "imageReference":
        return this.text(node.alt ?? "", oneLine);
      case "html":
        return this.text(htmlText(node.value), oneLine);
      case "footnoteReference":
        return this.text(`[^${node.label ?? node.identifier}]`, oneLine);
      default:
        return "";
    }
  }

  /** Escaped, inert text; each line starts flush, so no indentation can turn it into code. */
  private text(value: string, oneLine: boolean): string {
    const lines = cleanText(value).split(/\r\n?|[\n\u2028\u2029]/);
    const escaped = lines.map((line, i) =>
      escapeMarkdown(neutralizeReferences(i === 0 ? line : line.trimStart())).replace(/\t/g, " "),
    );
    return escaped.join(oneLine ? " " : "\n");
  }

  /**
   * A link target kept live: under the repository's prefix, in the shape `safeLink` accepts, and already
   * in the normal form a browser would give it (so `..` or `%2e%2e` cannot climb out of the repository).
   */
  private repositoryLink(url: string): boolean {
    if (this.linkPrefix === undefined || !url.startsWith(this.linkPrefix)) return false;
    if (!/^https?:\/\/[!#-&*-;=?-[\]-_a-{}~]+$/.test(url)) return false;
    try {
      return new URL(url).href === url && !/%2e/i.test(url);
    } catch {
      return false;
    }
  }
}

function prefixLines(text: string, prefix: string, blankPrefix: string): string {
  return text
    .split("\n")
    .map((line) => (line === "" ? blankPrefix : `${prefix}${line}`))
    .join("\n");
}
