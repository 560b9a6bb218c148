import type { PathSegment } from "../rules/define";

/**
 * Finds where a value sits in one line of JSON, so a problem found on the parsed record points at its
 * column. It runs only for records that have a problem, which keeps the hot path free of position
 * tracking. Malformed input never throws: the deepest position found is returned.
 */
export function locateValue(text: string, path: readonly PathSegment[]): number {
  let pos = skipWs(text, 0);
  for (const seg of path) {
    const next = typeof seg === "number" ? findElement(text, pos, seg) : findMember(text, pos, seg);
    if (next < 0) break;
    pos = next;
  }
  return pos;
}

/** 1-based column of `path`'s value (UTF-16 code units, as editors and GitHub count). */
export function columnOf(text: string, path: readonly PathSegment[]): number {
  return locateValue(text, path) + 1;
}

/**
 * Index in `text` of the `decodedIndex`-th character of the JSON string that starts (with its quote)
 * at `quoteAt`: escapes such as `\n` or `\u00e9` take more raw characters than they decode to.
 */
export function rawIndexInString(text: string, quoteAt: number, decodedIndex: number): number {
  let raw = quoteAt + 1;
  for (let decoded = 0; decoded < decodedIndex && raw < text.length; decoded++) {
    if (text.charCodeAt(raw) === 92 /* \ */) raw += text[raw + 1] === "u" ? 6 : 2;
    else raw++;
  }
  return raw;
}

function skipWs(text: string, pos: number): number {
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    pos++;
  }
  return pos;
}

/** Position just past the string starting at `pos` (which holds the opening quote). */
function skipString(text: string, pos: number): number {
  pos++;
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 92) pos += 2;
    else if (c === 34) return pos + 1;
    else pos++;
  }
  return pos;
}

function skipValue(text: string, pos: number): number {
  const c = text[pos];
  if (c === '"') return skipString(text, pos);
  if (c === "{" || c === "[") {
    let depth = 0;
    while (pos < text.length) {
      const ch = text[pos];
      if (ch === '"') {
        pos = skipString(text, pos);
        continue;
      }
      if (ch === "{" || ch === "[") depth++;
      else if (ch === "}" || ch === "]") {
        depth--;
        if (depth === 0) return pos + 1;
      }
      pos++;
    }
    return pos;
  }
  while (pos < text.length && !",}] \t\r\n".includes(text[pos]!)) pos++;
  return pos;
}

function findMember(text: string, pos: number, key: string): number {
  if (text[pos] !== "{") return -1;
  pos = skipWs(text, pos + 1);
  while (pos < text.length && text[pos] === '"') {
    const end = skipString(text, pos);
    const raw = text.slice(pos, end);
    let name: string;
    try {
      name = raw.includes("\\") ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    } catch {
      return -1;
    }
    pos = skipWs(text, end);
    if (text[pos] !== ":") return -1;
    pos = skipWs(text, pos + 1);
    if (name === key) return pos;
    pos = skipWs(text, skipValue(text, pos));
    if (text[pos] !== ",") return -1;
    pos = skipWs(text, pos + 1);
  }
  return -1;
}

function findElement(text: string, pos: number, index: number): number {
  if (text[pos] !== "[") return -1;
  pos = skipWs(text, pos + 1);
  for (let i = 0; pos < text.length && text[pos] !== "]"; i++) {
    if (i === index) return pos;
    pos = skipWs(text, skipValue(text, pos));
    if (text[pos] !== ",") return -1;
    pos = skipWs(text, pos + 1);
  }
  return -1;
}
