import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  SMITHY,
  UserError
} from "./chunk-NVIAX47T.js";

// packages/aws/src/s3-uri.ts
var BEDROCK_S3_URI_PATTERN = SMITHY.S3Uri.pattern;
var BEDROCK_S3_URI_MAX_LENGTH = SMITHY.S3Uri.max;
var KEY_SEGMENT = /^[-!_*'().a-zA-Z0-9]+$/;
var KEY_SEGMENT_CHAR = /[-!_*'().a-zA-Z0-9]/;
var BUCKET_CHAR = /[-.a-z0-9]/;
var InvalidS3UriError = class extends UserError {
  constructor(uri, problems) {
    super(
      `${JSON.stringify(uri)} is not an S3 URI that Amazon Bedrock accepts:
${problems.map((p) => `  - ${p.part}: ${p.message}`).join("\n")}`
    );
    this.uri = uri;
    this.problems = problems;
  }
  uri;
  problems;
  name = "InvalidS3UriError";
};
function parseS3Uri(uri) {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/s.exec(uri);
  if (!match) return void 0;
  return { bucket: match[1] ?? "", key: match[2] ?? "" };
}
function checkBedrockS3Uri(uri) {
  const problems = [];
  if (uri.length < 1 || uri.length > BEDROCK_S3_URI_MAX_LENGTH) {
    problems.push({
      part: "uri",
      message: `is ${uri.length} characters long; Bedrock accepts 1 to ${BEDROCK_S3_URI_MAX_LENGTH}. Shorten the prefix or model name.`
    });
  }
  const parsed = parseS3Uri(uri);
  if (!parsed) {
    problems.push({ part: "uri", message: 'must start with "s3://".' });
    return { ok: false, problems };
  }
  problems.push(...bucketProblems(parsed.bucket), ...keyProblems(parsed.key));
  if (problems.length === 0 && !BEDROCK_S3_URI_PATTERN.test(uri)) {
    problems.push({ part: "uri", message: `does not match ${BEDROCK_S3_URI_PATTERN.source}` });
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
function assertBedrockS3Uri(uri) {
  const check = checkBedrockS3Uri(uri);
  if (!check.ok) throw new InvalidS3UriError(uri, check.problems);
}
function bucketProblems(bucket) {
  const problems = [];
  const say = (message) => problems.push({ part: "bucket", message });
  if (bucket.length === 0) {
    say("is empty; write s3://<bucket>/<key>.");
    return problems;
  }
  if (/[A-Z]/.test(bucket)) {
    say(
      `${JSON.stringify(bucket)} has uppercase letters; bucket names are lowercase (try ${JSON.stringify(bucket.toLowerCase())}).`
    );
  }
  const bad = uniqueChars(bucket, (c) => !BUCKET_CHAR.test(c) && !/[A-Z]/.test(c));
  if (bad.length > 0) {
    say(`${JSON.stringify(bucket)} contains ${describeChars(bad)}; only a-z, 0-9, "-" and "." are allowed.`);
  }
  if (bucket.length < 3) say(`${JSON.stringify(bucket)} is shorter than 3 characters, S3's minimum.`);
  if (bucket.length > 62) {
    say(
      `is ${bucket.length} characters long; Bedrock's S3 URI pattern allows at most 62 (S3 itself allows 63). Use a shorter bucket name.`
    );
  }
  if (!/^[a-z0-9]/i.test(bucket))
    say(`${JSON.stringify(bucket)} must start with a lowercase letter or digit.`);
  if (bucket.length > 1 && !/[a-z0-9]$/i.test(bucket)) {
    say(`${JSON.stringify(bucket)} must end with a lowercase letter or digit.`);
  }
  if (bucket.includes("..")) say(`${JSON.stringify(bucket)} contains "..", which S3 bucket names cannot.`);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) say(`${JSON.stringify(bucket)} is formatted as an IP address.`);
  return problems;
}
function keyProblems(key) {
  if (key === "") return [];
  const problems = [];
  const say = (message) => problems.push({ part: "key", message });
  const body = key.endsWith("/") ? key.slice(0, -1) : key;
  const segments = body.split("/");
  if (segments.some((s) => s.length === 0)) {
    say(
      `${JSON.stringify(key)} has an empty path segment ("//", or a leading "/"); remove the extra "/" from the prefix.`
    );
  }
  const bad = uniqueChars(body.replaceAll("/", ""), (c) => !KEY_SEGMENT_CHAR.test(c));
  if (bad.length > 0) {
    say(
      `${JSON.stringify(key)} contains ${describeChars(bad)}; Bedrock allows only letters, digits and - ! _ * ' ( ) . in keys. Rename the prefix or model name (for example replace ":" or "=" with "-").`
    );
  }
  if (problems.length === 0 && !segments.every((s) => KEY_SEGMENT.test(s))) {
    say(`${JSON.stringify(key)} does not match Bedrock's key pattern.`);
  }
  return problems;
}
function uniqueChars(text, isBad) {
  return [...new Set([...text].filter(isBad))];
}
function describeChars(chars) {
  return chars.map((c) => {
    if (c === " ") return "a space";
    const code = c.codePointAt(0) ?? 0;
    if (code < 32 || code > 126) return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
    return JSON.stringify(c);
  }).join(", ");
}

export {
  parseS3Uri,
  checkBedrockS3Uri,
  assertBedrockS3Uri
};
