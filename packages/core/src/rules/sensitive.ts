import { defineRule } from "./define";
import { SECRET_PATTERNS } from "./secret-patterns";

/**
 * Secrets and personal data in training text. A fine-tuned model can repeat what it was trained on, so
 * a secret is an error and personal data a warning. The matched text is masked in every message: a
 * report about a leaked key must not leak it again into a PR comment or a CI log.
 */
export const sensitiveRules = {
  secret: defineRule({
    id: "sensitive/secret",
    severity: "error",
    title: "No credentials or private keys in training text",
    hint: "Remove the secret from the dataset and rotate it: it is in the repository history now.",
    example: {
      bad: '{"messages": [{"role": "user", "content": "Deploy with AKIAIOSFODNN7EXAMPLE"}, {"role": "assistant", "content": "Done."}]}',
      good: '{"messages": [{"role": "user", "content": "Deploy with the key from the vault"}, {"role": "assistant", "content": "Done."}]}',
    },
  }),
  personalData: defineRule({
    id: "sensitive/personal-data",
    severity: "warning",
    title: "No personal data (e-mail addresses, phone numbers, card numbers, US SSNs) in training text",
    hint: "Replace it with a placeholder (<EMAIL>, <PHONE>, ...) unless the data is public and meant to be learned.",
    example: {
      bad: '{"messages": [{"role": "user", "content": "Refund jane.doe@example.com"}, {"role": "assistant", "content": "ROUTE: billing"}]}',
      good: '{"messages": [{"role": "user", "content": "Refund <EMAIL>"}, {"role": "assistant", "content": "ROUTE: billing"}]}',
    },
  }),
};

export interface SensitiveMatch {
  rule: string;
  /** What was found, for the message: "AWS access key id", "e-mail address", ... */
  kind: string;
  /** Index of the match in the scanned text (UTF-16). */
  index: number;
  /** The match, masked. The raw text never leaves this module. */
  masked: string;
}

/** Detector families, each with its own cheap marker test over the raw line. */
export type SensitiveFamily = "secret" | "email" | "digits";

interface Detector {
  kind: string;
  rule: string;
  family: SensitiveFamily;
  /** Characters of the match that may be shown: enough to recognise the kind, never the secret. */
  keep: number | ((match: string) => number);
  verify?: (match: string) => boolean;
}

const SECRET = sensitiveRules.secret.id;
const PERSONAL = sensitiveRules.personalData.id;

// One alternation, one pass over the text; the group that matched says which detector it was. Secrets
// come from secret-patterns.ts (maintained upstream rule sets); personal data is ours. Every repetition
// is bounded, so no text makes a scan slower than its length times a constant.
const DETECTORS: readonly [Detector, string][] = [
  ...SECRET_PATTERNS.map((p): [Detector, string] => [
    { kind: p.kind, family: "secret", rule: SECRET, keep: p.keep },
    p.pattern,
  ]),
  [
    // RFC 5321 bounds: 64 characters before the @, 63 per domain label. The local part starts only where
    // a run of its characters starts (not at every word boundary inside it), so a long run is read once.
    { kind: "e-mail address", family: "email", rule: PERSONAL, keep: 1 },
    String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,63}\b`,
  ],
  [
    { kind: "US social security number", family: "digits", rule: PERSONAL, keep: 0 },
    String.raw`\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b`,
  ],
  [
    // 4-4-4-(1..7) and American Express 4-6-5 groupings, with or without single separators.
    {
      kind: "payment card number",
      family: "digits",
      rule: PERSONAL,
      keep: 0,
      verify: (m) => luhn(m.replace(/[ -]/g, "")),
    },
    String.raw`\b\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}\b|\b\d{4}[ -]?\d{6}[ -]?\d{5}\b`,
  ],
  [
    { kind: "phone number", family: "digits", rule: PERSONAL, keep: 0 },
    String.raw`(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\) ?|\b\d{3}[ .-])\d{3}[ .-]\d{4}\b|\+\d{1,3}(?:[ .-]\d{2,4}){2,4}\b`,
  ],
];

/** One alternation per family (and one for all), one pass over the text; the group says which detector. */
function combine(detectors: readonly (readonly [Detector, string])[]) {
  for (const [d, source] of detectors) {
    // The scanner tells detectors apart by group number: a group of a detector's own would shift them.
    if (new RegExp(`${source}|`).exec("")!.length !== 1)
      throw new Error(`The ${d.kind} pattern has a capture group.`);
  }
  return { detectors, regex: new RegExp(detectors.map(([, source]) => `(${source})`).join("|"), "g") };
}
const ALL = combine(DETECTORS);
const BY_FAMILY: Record<SensitiveFamily, ReturnType<typeof combine>> = {
  secret: combine(DETECTORS.filter(([d]) => d.family === "secret")),
  email: combine(DETECTORS.filter(([d]) => d.family === "email")),
  digits: combine(DETECTORS.filter(([d]) => d.family === "digits")),
};

/**
 * Markers, at least one of which appears in the raw JSON line of any text a detector matches. Running
 * the detectors over every character costs more than parsing the JSON; the markers are searched for
 * by a rare character of each (marker-search.ts; each pattern's markers are in secret-patterns.ts),
 * and the detectors then run only on the few records that hold a marker. A line that writes an ASCII character
 * as a `\u00XX` escape could spell any marker that way, so such a line is always scanned.
 * The test "the raw-line markers never hide a match" checks the covering property on generated text.
 */
const ESCAPED_ASCII = String.raw`\\u00[0-7][0-9A-Fa-f]`;
export const SECRET_MARKERS: readonly string[] = [
  ...new Set(SECRET_PATTERNS.flatMap((p) => p.markers)),
  ESCAPED_ASCII,
];
const ESCAPED_ASCII_MARKER = new RegExp(ESCAPED_ASCII);
/**
 * Every digit-based detector (SSN, card, phone) matches two digits, a separator, two digits, or 13 digits:
 * `\d\d[-. )] ?\d\d|\d{13}`, written with the two leading digits shared, which V8 runs a quarter faster
 * (it tries the alternatives only after two digits, not at every digit).
 */
const DIGIT_MARKER = /\d\d(?:[-. )] ?\d\d|\d{11})/;

/**
 * The detector families that can match a text of this raw JSON line; empty means none can. `secretMarked`
 * is the caller's result of testing SECRET_MARKERS (it shares that pass with other markers).
 */
export function sensitiveFamilies(rawLine: string, secretMarked: boolean): SensitiveFamily[] {
  if (secretMarked && ESCAPED_ASCII_MARKER.test(rawLine)) return ["secret", "email", "digits"];
  const families: SensitiveFamily[] = secretMarked ? ["secret"] : [];
  if (rawLine.includes("@")) families.push("email");
  if (DIGIT_MARKER.test(rawLine)) families.push("digits");
  return families;
}

/**
 * The text with every match of every detector replaced by its masked form: what may be shown of dataset
 * text (record samples, quoted values, paths) in any output.
 */
export function maskSensitive(text: string): string {
  const found = scan(text, ALL, true);
  if (found.length === 0) return text;
  let out = "";
  let at = 0;
  for (const m of found) {
    if (m.index < at) continue;
    out += text.slice(at, m.index) + m.masked;
    at = m.index + m.length;
  }
  return out + text.slice(at);
}

/** Luhn checksum: card numbers pass it, most other digit runs do not. */
export function luhn(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** `AKIAIOSFODNN7EXAMPLE` -> `AKIA****************`: the kind stays recognisable, the value does not. */
export function mask(text: string, keep: Detector["keep"]): string {
  // A computed keep shows the part of the format that is not secret (a URI's scheme and user name).
  const shown = text.slice(
    0,
    typeof keep === "number" ? Math.min(keep, Math.floor(text.length / 2)) : keep(text),
  );
  return shown + "*".repeat(Math.min(text.length - shown.length, 16));
}

/** Matches of every detector, or of the given families only, in order of position. */
export function findSensitive(text: string, families?: readonly SensitiveFamily[]): SensitiveMatch[] {
  if (families === undefined) return scan(text, ALL);
  if (families.length === 1) return scan(text, BY_FAMILY[families[0]!]);
  return families.flatMap((f) => scan(text, BY_FAMILY[f])).sort((a, b) => a.index - b.index);
}

function scan(
  text: string,
  { detectors, regex }: ReturnType<typeof combine>,
  unverified = false,
): (SensitiveMatch & { length: number })[] {
  const found: (SensitiveMatch & { length: number })[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    const group = m.findIndex((g, i) => i > 0 && g !== undefined);
    const detector = detectors[group - 1]![0];
    // Masking also hides what only looks like a card number: showing it costs more than hiding it.
    if (detector.verify && !unverified && !detector.verify(m[0])) continue;
    found.push({
      rule: detector.rule,
      kind: detector.kind,
      index: m.index,
      masked: mask(m[0], detector.keep),
      length: m[0].length,
    });
  }
  return found;
}
