/**
 * A checker of what GitHub would make of a Markdown body written by tunegate, for tests: fences that
 * close, tables whose rows all have the header's cell count (split the way GitHub's cmark-gfm splits
 * them), balanced HTML elements from an allow-list, and no live @mention, #reference, GH-reference,
 * bare URL or other HTML outside code. Returns the problems found (empty when the body is safe).
 */

const ALLOWED_TAG = /^<(\/?)(details|summary|sub)>/;
const PUNCTUATION = /[!-/:-@[-`{-~]/;

export function markdownProblems(body: string): string[] {
  const problems: string[] = [];
  const lines = body.split("\n");
  let fence: { char: string; length: number; line: number } | undefined;
  let inHtmlBlock = false;
  const open: Record<string, number> = { details: 0, summary: 0, sub: 0 };
  let table: { cells: number; line: number } | undefined;
  lines.forEach((line, index) => {
    const n = index + 1;
    // The comment's own marker, an HTML comment on the first line.
    if (n === 1 && /^<!-- tunegate:[a-z-]+ -->$/.test(line)) return;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = undefined;
      return;
    }
    const opening = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (opening && !(opening[1]![0] === "`" && opening[2]!.includes("`"))) {
      fence = { char: opening[1]![0]!, length: opening[1]!.length, line: n };
      table = undefined;
      return;
    }
    if (line.trim() === "") {
      inHtmlBlock = false;
      table = undefined;
      return;
    }
    if (/^ {0,3}<\/?(details|summary)[\s>]/.test(line)) inHtmlBlock = true;
    if (line.startsWith("|")) {
      const cells = tableCells(line);
      if (!table) table = { cells, line: n };
      else if (cells !== table.cells) {
        problems.push(
          `line ${n}: table row has ${cells} cells, the header (line ${table.line}) ${table.cells}`,
        );
      }
    } else table = undefined;
    scanInline(line, n, inHtmlBlock, problems, open);
  });
  if (fence) problems.push(`code fence opened on line ${fence.line} never closes`);
  for (const [tag, depth] of Object.entries(open)) {
    if (depth !== 0) problems.push(`<${tag}> left open (${depth})`);
  }
  return problems;
}

/** Cells of a table row as cmark-gfm splits it: a backslash and any punctuation form one escape pair. */
export function tableCells(line: string): number {
  let cells = 0;
  let content = false;
  const text = line.trim();
  for (let i = text.startsWith("|") ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length && PUNCTUATION.test(text[i + 1]!)) {
      i++;
      content = true;
    } else if (c === "|") {
      cells++;
      content = false;
    } else content = true;
  }
  return content ? cells + 1 : cells;
}

function scanInline(
  line: string,
  n: number,
  html: boolean,
  problems: string[],
  open: Record<string, number>,
): void {
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const rest = line.slice(i);
    if (!html && c === "\\" && i + 1 < line.length && PUNCTUATION.test(line[i + 1]!)) {
      i++;
      continue;
    }
    if (!html && c === "`") {
      const run = /^`+/.exec(rest)![0];
      const close = findClosingRun(line, i + run.length, run.length);
      i = close !== -1 ? close + run.length - 1 : i + run.length - 1;
      continue;
    }
    if (!html && c === "]" && line[i + 1] === "(") {
      const end = line.indexOf(")", i);
      const target = line.slice(i + 2, end === -1 ? undefined : end);
      if (!/^https?:\/\/[!#-&*-;=?-[\]-_a-{}~]+$/.test(target))
        problems.push(`line ${n}: link target ${target}`);
      i = end === -1 ? line.length : end;
      continue;
    }
    if (c === "<") {
      const tag = ALLOWED_TAG.exec(rest);
      if (!tag) problems.push(`line ${n}: raw "<" outside code: ${rest.slice(0, 40)}`);
      else open[tag[2]!]! += tag[1] === "/" ? -1 : 1;
      continue;
    }
    if (c === "@" && /^@[A-Za-z0-9_-]/.test(rest))
      problems.push(`line ${n}: live mention ${rest.slice(0, 30)}`);
    if (c === "#" && /^#[0-9A-Za-z]/.test(rest))
      problems.push(`line ${n}: live reference ${rest.slice(0, 30)}`);
    if (/^GH-[0-9]/i.test(rest) && !/[A-Za-z0-9]/.test(line[i - 1] ?? " ")) {
      problems.push(`line ${n}: live reference ${rest.slice(0, 30)}`);
    }
    if (rest.startsWith("://"))
      problems.push(`line ${n}: live URL ${line.slice(Math.max(0, i - 10), i + 20)}`);
    if (/^www\./i.test(rest)) problems.push(`line ${n}: live URL ${rest.slice(0, 30)}`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for.
    if (/^[\u202a-\u202e\u2066-\u2069\u0000]/.test(rest))
      problems.push(`line ${n}: invisible control character`);
  }
}

function findClosingRun(line: string, from: number, length: number): number {
  const re = /`+/g;
  re.lastIndex = from;
  for (let m = re.exec(line); m; m = re.exec(line)) if (m[0].length === length) return m.index;
  return -1;
}
