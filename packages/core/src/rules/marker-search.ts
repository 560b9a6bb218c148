/**
 * The raw-line marker test (see SECRET_MARKERS and reservedStringMarkers) without a regular expression
 * over every character. One alternation of a few dozen markers makes V8's regex engine try each marker
 * at every position of every line, which cost more than a third of JSON.parse's time; a search for one
 * character (`String.prototype.indexOf`) runs at memchr speed instead. So each marker is compiled into
 * fixed-length sequences of ASCII character sets, each sequence is anchored on one character of it that
 * is rare in training text, and the test searches the line for the few anchor characters only, checking
 * the sequences attached to an anchor where it occurs. The answer is exactly the alternation's:
 * `compileMarkerTest(sources).test(text) === new RegExp(sources.join("|")).test(text)` (the property
 * test of this module checks it). A marker outside the small grammar read here (literals, `\.`-style
 * escapes, `\d`, `\w`, positive ASCII classes, `(?:a|b)`, `?` and `{n}` / `{n,m}` with a small
 * expansion) is tested by a regular expression of its own, as before: slower, never wrong.
 */

/** What the line checker calls: the same question as `RegExp.prototype.test`. */
export interface MarkerTest {
  test(text: string): boolean;
}

/** Membership table of one position: `set[code] === 1` for each ASCII code the position allows. */
type CharSet = Uint8Array;
type Sequence = CharSet[];

/** Beyond this many sequences per marker, the marker is tested by its regular expression. */
const MAX_SEQUENCES = 64;

// Printable ASCII by how often it occurs in the real fixtures and a 50 MiB chat-format file (measured
// once, most frequent first), with the count per 10,000 bytes; a character not listed is rarer than 1 in
// 10,000. Only the order of magnitude matters: it picks anchors.
const FREQUENT = String.raw` etnas"ori\lchud:m,pfgy'b{}w0.v2k1#q=><5[]_43STx6-A8*IYC?$L/MEDjH+79NPWROBUFJGz()V%KQ`;
const PER_10K = [
  1813, 789, 581, 571, 487, 484, 482, 435, 412, 369, 319, 239, 217, 208, 195, 184, 161, 157, 144, 143, 122,
  101, 101, 100, 76, 75, 75, 74, 71, 50, 42, 42, 38, 37, 29, 27, 26, 26, 26, 24, 24, 24, 24, 20, 19, 17, 16,
  15, 14, 14, 13, 12, 12, 11, 11, 11, 10, 10, 9, 9, 9, 9, 9, 8, 8, 8, 7, 7, 7, 7, 7, 7, 6, 6, 6, 5, 4, 4, 4,
  4, 4, 2, 2, 1, 1,
];
/**
 * What one more anchor character costs, in the same unit: one `indexOf` call per line (~0.1 us over a
 * 1.7 KB line) is worth about 20 occurrences per 10,000 bytes, each a few character comparisons.
 */
const ANCHOR_COST = 20;
const frequency = (code: number) => PER_10K[FREQUENT.indexOf(String.fromCharCode(code))] ?? 0.5;

/** The marker test for these regex sources: exactly `new RegExp(sources.join("|")).test`. */
export function compileMarkerTest(sources: readonly string[]): MarkerTest {
  const sequences: Sequence[] = [];
  const rest: string[] = [];
  for (const source of sources) {
    const parsed = parseMarker(source);
    if (parsed === undefined) rest.push(source);
    else sequences.push(...parsed);
  }
  // A marker that can match the empty string matches every line.
  if (sequences.some((s) => s.length === 0)) return { test: () => true };
  return new AnchoredMarkers(
    sequences,
    rest.length > 0 ? new RegExp(rest.join("|")) : undefined,
    new RegExp(sources.join("|")),
  );
}

interface Anchor {
  char: string;
  /** The sequences holding the anchor character, each with the anchor's position in it. */
  checks: { sequence: Sequence; offset: number }[];
}

/**
 * Anchor occurrences a text may have, beyond a first few, per character of it before the test hands the
 * text to the alternation. Chat text holds about one in a hundred characters; a text shaped to be slow
 * (`AAAA...`: an indexOf call per character) would cost 15 times the alternation without this bound.
 */
const HITS_PER_CHAR = 1 / 32;
const HITS_FREE = 64;

class AnchoredMarkers implements MarkerTest {
  readonly #anchors: Anchor[];
  readonly #rest: RegExp | undefined;
  readonly #alternation: RegExp;

  constructor(sequences: Sequence[], rest: RegExp | undefined, alternation: RegExp) {
    this.#anchors = chooseAnchors(sequences);
    this.#rest = rest;
    this.#alternation = alternation;
  }

  test(text: string): boolean {
    let budget = HITS_FREE + text.length * HITS_PER_CHAR;
    for (const { char, checks } of this.#anchors) {
      for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) {
        if (--budget < 0) return this.#alternation.test(text);
        for (const { sequence, offset } of checks) if (matchesAt(text, at - offset, sequence)) return true;
      }
    }
    return this.#rest?.test(text) ?? false;
  }
}

function matchesAt(text: string, start: number, sequence: Sequence): boolean {
  if (start < 0 || start + sequence.length > text.length) return false;
  for (let k = 0; k < sequence.length; k++) {
    const code = text.charCodeAt(start + k);
    if (code >= 128 || sequence[k]![code] === 0) return false;
  }
  return true;
}

/**
 * Anchor characters that together cover every sequence, cheaply: a greedy weighted set cover, each step
 * taking the character that covers the most sequences not yet covered per unit of cost (one more search
 * plus its expected occurrences). A sequence is covered by a character only at a position that allows
 * that character alone; a sequence with no such position is anchored on every character of its
 * smallest position.
 */
function chooseAnchors(sequences: Sequence[]): Anchor[] {
  const anchors = new Map<number, Anchor>();
  const attach = (code: number, sequence: Sequence, offset: number) => {
    let anchor = anchors.get(code);
    if (!anchor) {
      anchor = { char: String.fromCharCode(code), checks: [] };
      anchors.set(code, anchor);
    }
    anchor.checks.push({ sequence, offset });
  };
  const singles = sequences.map((s) => {
    const at = new Map<number, number>(); // character -> first position that allows it alone
    s.forEach((set, offset) => {
      const members = membersOf(set);
      if (members.length === 1 && !at.has(members[0]!)) at.set(members[0]!, offset);
    });
    return at;
  });
  const uncovered = new Set<number>();
  sequences.forEach((s, i) => {
    if (singles[i]!.size > 0) uncovered.add(i);
    else {
      let best = 0;
      for (let k = 1; k < s.length; k++) if (membersOf(s[k]!).length < membersOf(s[best]!).length) best = k;
      for (const code of membersOf(s[best]!)) attach(code, s, best);
    }
  });
  while (uncovered.size > 0) {
    const covers = new Map<number, number>();
    for (const i of uncovered)
      for (const code of singles[i]!.keys()) covers.set(code, (covers.get(code) ?? 0) + 1);
    let pick = -1;
    let pickScore = -1;
    for (const [code, count] of covers) {
      const cost = frequency(code) + (anchors.has(code) ? 0 : ANCHOR_COST);
      const score = count / cost;
      if (score > pickScore) [pick, pickScore] = [code, score];
    }
    for (const i of [...uncovered]) {
      const offset = singles[i]!.get(pick);
      if (offset === undefined) continue;
      attach(pick, sequences[i]!, offset);
      uncovered.delete(i);
    }
  }
  return [...anchors.values()];
}

function membersOf(set: CharSet): number[] {
  const out: number[] = [];
  for (let code = 0; code < 128; code++) if (set[code] === 1) out.push(code);
  return out;
}

// ------------------------------------------------------------------------------------------ parsing

/**
 * The fixed-length sequences one marker source matches exactly, or undefined when it uses anything
 * else (anchors, lookarounds, unbounded repetition, negated classes, non-ASCII): then its own regular
 * expression tests it.
 */
export function parseMarker(source: string): Sequence[] | undefined {
  const parser = new Parser(source);
  try {
    const result = parser.alternation();
    return parser.done() ? result : undefined;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class Unsupported extends Error {}

const charSet = (codes: Iterable<number>): CharSet => {
  const set = new Uint8Array(128);
  for (const code of codes) {
    if (code >= 128) throw new Unsupported();
    set[code] = 1;
  }
  return set;
};
const range = (from: string, to: string) => {
  const codes: number[] = [];
  for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) codes.push(c);
  return codes;
};
const DIGITS = range("0", "9");
const WORD = [...range("A", "Z"), ...range("a", "z"), ...DIGITS, "_".charCodeAt(0)];
const SYNTAX = new Set("^$\\.*+?()[]{}|");

/** Every sequence of `a` followed by every sequence of `b`. */
function concat(a: Sequence[], b: Sequence[]): Sequence[] {
  if (a.length * b.length > MAX_SEQUENCES) throw new Unsupported();
  return a.flatMap((x) => b.map((y) => [...x, ...y]));
}

class Parser {
  #at = 0;
  constructor(readonly source: string) {}

  done(): boolean {
    return this.#at === this.source.length;
  }

  alternation(): Sequence[] {
    const out = this.concatenation();
    while (this.source[this.#at] === "|") {
      this.#at++;
      out.push(...this.concatenation());
      if (out.length > MAX_SEQUENCES) throw new Unsupported();
    }
    return out;
  }

  concatenation(): Sequence[] {
    let out: Sequence[] = [[]];
    while (this.#at < this.source.length && this.source[this.#at] !== "|" && this.source[this.#at] !== ")") {
      out = concat(out, this.quantified());
    }
    return out;
  }

  quantified(): Sequence[] {
    const atom = this.atom();
    const c = this.source[this.#at];
    let min = 1;
    let max = 1;
    if (c === "?") {
      this.#at++;
      min = 0;
    } else if (c === "{") {
      const m = /^\{(\d+)(?:,(\d+))?\}/.exec(this.source.slice(this.#at));
      if (!m) throw new Unsupported();
      this.#at += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : Number(m[2]);
      if (max < min) throw new Unsupported();
    } else if (c === "*" || c === "+") throw new Unsupported();
    // A lazy or possessive-looking suffix changes which match is found, never whether one is.
    if (min !== 1 || max !== 1) {
      if (this.source[this.#at] === "?") this.#at++;
      if (this.source[this.#at] === "?" || this.source[this.#at] === "+" || this.source[this.#at] === "*")
        throw new Unsupported();
    }
    const out: Sequence[] = [];
    let repeated: Sequence[] = [[]];
    for (let n = 0; n <= max; n++) {
      if (n >= min) out.push(...repeated);
      if (out.length > MAX_SEQUENCES) throw new Unsupported();
      if (n < max) repeated = concat(repeated, atom);
    }
    return out;
  }

  atom(): Sequence[] {
    const c = this.source[this.#at]!;
    if (c === "(") {
      if (!this.source.startsWith("(?:", this.#at)) throw new Unsupported();
      this.#at += 3;
      const inner = this.alternation();
      if (this.source[this.#at] !== ")") throw new Unsupported();
      this.#at++;
      return inner;
    }
    if (c === "[") return [[this.charClass()]];
    if (c === "\\") return [[this.escape()]];
    if (SYNTAX.has(c)) throw new Unsupported();
    this.#at++;
    return [[charSet([c.charCodeAt(0)])]];
  }

  /** `\d`, `\w` or an escaped punctuation character, at `\`. */
  escape(): CharSet {
    const c = this.source[this.#at + 1];
    if (c === undefined) throw new Unsupported();
    this.#at += 2;
    if (c === "d") return charSet(DIGITS);
    if (c === "w") return charSet(WORD);
    if (/[A-Za-z0-9]/.test(c)) throw new Unsupported();
    return charSet([c.charCodeAt(0)]);
  }

  charClass(): CharSet {
    this.#at++; // [
    if (this.source[this.#at] === "^") throw new Unsupported();
    const codes: number[] = [];
    const single = (): number | undefined => {
      const c = this.source[this.#at];
      if (c === undefined) throw new Unsupported();
      if (c !== "\\") {
        this.#at++;
        return c.charCodeAt(0);
      }
      const set = this.escape();
      const members = membersOf(set);
      if (members.length === 1) return members[0];
      codes.push(...members);
      return undefined;
    };
    while (this.source[this.#at] !== "]") {
      const from = single();
      if (from === undefined) continue;
      if (this.source[this.#at] === "-" && this.source[this.#at + 1] !== "]") {
        this.#at++;
        const to = single();
        if (to === undefined || to < from) throw new Unsupported();
        codes.push(...range(String.fromCharCode(from), String.fromCharCode(to)));
      } else codes.push(from);
    }
    this.#at++; // ]
    return charSet(codes);
  }
}
