import { SMITHY, UserError } from "@tunegate/core";

/**
 * S3 URIs the way Amazon Bedrock model customization accepts them (the key layout itself is core's
 * `datasetKey`).
 *
 * Bedrock validates `trainingDataConfig.s3Uri` (and every other S3Uri) against the Smithy shape
 * `com.amazonaws.bedrock#S3Uri`: length 1-1024 and the pattern below. That pattern is stricter than S3
 * itself: no `=`, `+`, `@`, `%`, `:`, spaces or non-ASCII in keys, no empty path segments, and bucket names
 * of at most 62 characters. Checking it before the first request means a bad prefix or model name fails
 * in a second with a precise message instead of after the upload, when CreateModelCustomizationJob says
 * "ValidationException".
 */

/** `com.amazonaws.bedrock#S3Uri`, from core's one copy of the Smithy constraints. */
export const BEDROCK_S3_URI_PATTERN: RegExp = SMITHY.S3Uri.pattern;
export const BEDROCK_S3_URI_MAX_LENGTH: number = SMITHY.S3Uri.max;

const KEY_SEGMENT = /^[-!_*'().a-zA-Z0-9]+$/;
const KEY_SEGMENT_CHAR = /[-!_*'().a-zA-Z0-9]/;
const BUCKET_CHAR = /[-.a-z0-9]/;

export interface S3UriProblem {
  part: "uri" | "bucket" | "key";
  message: string;
}

export type S3UriCheck = { ok: true } | { ok: false; problems: S3UriProblem[] };

/** Thrown by {@link assertBedrockS3Uri} and the upload path; `problems` lists every rule the URI breaks. */
export class InvalidS3UriError extends UserError {
  override readonly name = "InvalidS3UriError";
  constructor(
    readonly uri: string,
    readonly problems: S3UriProblem[],
  ) {
    super(
      `${JSON.stringify(uri)} is not an S3 URI that Amazon Bedrock accepts:\n${problems
        .map((p) => `  - ${p.part}: ${p.message}`)
        .join("\n")}`,
    );
  }
}

/** Splits `s3://bucket/key` (key may be empty). Returns undefined when the text is not of that shape. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/s.exec(uri);
  if (!match) return undefined;
  return { bucket: match[1] ?? "", key: match[2] ?? "" };
}

/**
 * Checks a URI against Bedrock's S3Uri constraint and, when it fails, says which part breaks it and how
 * to fix it. The verdict is the pattern's; the per-part analysis only explains it. A few S3 bucket naming
 * rules the pattern does not encode (minimum length 3, no "..", no IP-address form, alphanumeric last
 * character) are reported too, since such a bucket cannot exist.
 */
export function checkBedrockS3Uri(uri: string): S3UriCheck {
  const problems: S3UriProblem[] = [];
  if (uri.length < 1 || uri.length > BEDROCK_S3_URI_MAX_LENGTH) {
    problems.push({
      part: "uri",
      message: `is ${uri.length} characters long; Bedrock accepts 1 to ${BEDROCK_S3_URI_MAX_LENGTH}. Shorten the prefix or model name.`,
    });
  }
  const parsed = parseS3Uri(uri);
  if (!parsed) {
    problems.push({ part: "uri", message: 'must start with "s3://".' });
    return { ok: false, problems };
  }
  problems.push(...bucketProblems(parsed.bucket), ...keyProblems(parsed.key));
  if (problems.length === 0 && !BEDROCK_S3_URI_PATTERN.test(uri)) {
    // Defensive: the per-part rules mirror the pattern, so this should not happen; never let it pass.
    problems.push({ part: "uri", message: `does not match ${BEDROCK_S3_URI_PATTERN.source}` });
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/** Throws {@link InvalidS3UriError} unless Bedrock would accept the URI. */
export function assertBedrockS3Uri(uri: string): void {
  const check = checkBedrockS3Uri(uri);
  if (!check.ok) throw new InvalidS3UriError(uri, check.problems);
}

function bucketProblems(bucket: string): S3UriProblem[] {
  const problems: S3UriProblem[] = [];
  const say = (message: string) => problems.push({ part: "bucket", message });
  if (bucket.length === 0) {
    say("is empty; write s3://<bucket>/<key>.");
    return problems;
  }
  if (/[A-Z]/.test(bucket)) {
    say(
      `${JSON.stringify(bucket)} has uppercase letters; bucket names are lowercase (try ${JSON.stringify(bucket.toLowerCase())}).`,
    );
  }
  const bad = uniqueChars(bucket, (c) => !BUCKET_CHAR.test(c) && !/[A-Z]/.test(c));
  if (bad.length > 0) {
    say(`${JSON.stringify(bucket)} contains ${describeChars(bad)}; only a-z, 0-9, "-" and "." are allowed.`);
  }
  if (bucket.length < 3) say(`${JSON.stringify(bucket)} is shorter than 3 characters, S3's minimum.`);
  if (bucket.length > 62) {
    say(
      `is ${bucket.length} characters long; Bedrock's S3 URI pattern allows at most 62 (S3 itself allows 63). Use a shorter bucket name.`,
    );
  }
  // Case is reported above; these rules are about the other characters.
  if (!/^[a-z0-9]/i.test(bucket))
    say(`${JSON.stringify(bucket)} must start with a lowercase letter or digit.`);
  if (bucket.length > 1 && !/[a-z0-9]$/i.test(bucket)) {
    say(`${JSON.stringify(bucket)} must end with a lowercase letter or digit.`);
  }
  if (bucket.includes("..")) say(`${JSON.stringify(bucket)} contains "..", which S3 bucket names cannot.`);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) say(`${JSON.stringify(bucket)} is formatted as an IP address.`);
  return problems;
}

function keyProblems(key: string): S3UriProblem[] {
  if (key === "") return [];
  const problems: S3UriProblem[] = [];
  const say = (message: string) => problems.push({ part: "key", message });
  // A single trailing "/" is allowed (a "folder" URI); everything before it must be non-empty segments.
  const body = key.endsWith("/") ? key.slice(0, -1) : key;
  const segments = body.split("/");
  if (segments.some((s) => s.length === 0)) {
    say(
      `${JSON.stringify(key)} has an empty path segment ("//", or a leading "/"); remove the extra "/" from the prefix.`,
    );
  }
  const bad = uniqueChars(body.replaceAll("/", ""), (c) => !KEY_SEGMENT_CHAR.test(c));
  if (bad.length > 0) {
    say(
      `${JSON.stringify(key)} contains ${describeChars(bad)}; Bedrock allows only letters, digits and - ! _ * ' ( ) . in keys. ` +
        `Rename the prefix or model name (for example replace ":" or "=" with "-").`,
    );
  }
  // Defensive: the two checks above cover the segment rule; never let a key through that breaks it.
  if (problems.length === 0 && !segments.every((s) => KEY_SEGMENT.test(s))) {
    say(`${JSON.stringify(key)} does not match Bedrock's key pattern.`);
  }
  return problems;
}

function uniqueChars(text: string, isBad: (c: string) => boolean): string[] {
  return [...new Set([...text].filter(isBad))];
}

function describeChars(chars: string[]): string {
  return chars
    .map((c) => {
      if (c === " ") return "a space";
      const code = c.codePointAt(0) ?? 0;
      if (code < 0x20 || code > 0x7e) return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
      return JSON.stringify(c);
    })
    .join(", ");
}
