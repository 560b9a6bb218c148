import { describe, expect, it } from "vitest";
import { countInChunks, loadTokenizer } from "../src/index";
import { SECRET_PATTERNS } from "../src/rules/secret-patterns";
import { findSensitive, luhn, maskSensitive } from "../src/rules/sensitive";
import { SECRET_SAMPLES, secretPart } from "./secret-samples";
import { check, claudeLines, claudeRecord, HAIKU } from "./support";

const withLimit = (maxTokensPerRecord: number) => ({
  ...HAIKU,
  quotas: { ...HAIKU.quotas, maxTokensPerRecord },
});
const pad = claudeLines(31, (i) => claudeRecord(`q${i}`, "ok"));

describe("token limit per record", () => {
  it("a record whose bytes are within the limit is proven within it, without a tokenizer", async () => {
    const line = claudeRecord("x".repeat(100), "ok");
    const report = await check(`${line}\n${pad}`, { model: withLimit(Buffer.byteLength(line)) });
    expect(report.problems).toEqual([]);
  });

  it("over the byte bound, the tokenizer decides: 120 chars of words is about 20 tokens, under a limit of 50", async () => {
    const report = await check(`${claudeRecord("hello ".repeat(20), "ok")}\n${pad}`, {
      model: withLimit(50),
    });
    expect(report.problems).toEqual([]);
  });

  it("tokens/record-limit: an estimate over the limit is an error that says it is an estimate", async () => {
    const report = await check(`${claudeRecord("hello ".repeat(60), "ok")}\n${pad}`, {
      model: withLimit(50),
    });
    const p = report.problems.filter((x) => x.rule === "tokens/record-limit");
    expect(p).toHaveLength(1);
    expect(p[0]!.line).toBe(1);
    expect(p[0]!.message).toMatch(
      /^The record has about 6\d tokens \(estimated with the cl100k_base tokenizer\); Claude 3 Haiku takes at most 50 per record\.$/,
    );
  });

  it("tokens/near-limit: under the tokenizer but over the model's planning ratio is a warning", async () => {
    // 180 characters: about 30 tokens by the tokenizer, 60 at Haiku's 3 characters per token.
    const report = await check(`${claudeRecord("hello ".repeat(30), "ok")}\n${pad}`, {
      model: withLimit(50),
    });
    expect(report.problems.map((p) => [p.rule, p.severity])).toEqual([["tokens/near-limit", "warning"]]);
  });
});

describe("secrets and personal data", () => {
  it.each(SECRET_SAMPLES)("finds a %s: %s", (kind, text) => {
    const found = findSensitive(`before ${text} after`);
    expect(found.map((f) => [f.rule, f.kind])).toEqual([["sensitive/secret", kind]]);
    expect(found[0]!.masked).not.toContain(text.slice(-8));
  });

  it("every format is reported at its own line and column in a dataset, masked", async () => {
    const lines = SECRET_SAMPLES.map(([, text], i) => claudeRecord(`case ${i}: ${text} end`, "ok"));
    const report = await check(`${lines.join("\n")}\n${pad}`);
    const found = report.problems.filter((p) => p.rule === "sensitive/secret");
    expect(found.map((p) => [p.line, p.column])).toEqual(
      SECRET_SAMPLES.map(([, text], i) => {
        const before = text.slice(0, findSensitive(text)[0]!.index);
        const at = lines[i]!.indexOf(JSON.stringify(text).slice(1, -1)) + JSON.stringify(before).length - 2;
        return [i + 1, at + 1];
      }),
    );
    for (const [i, [kind, _text]] of SECRET_SAMPLES.entries()) {
      expect(found[i]!.message.startsWith(`${kind.charAt(0).toUpperCase()}${kind.slice(1)} in`)).toBe(true);
    }
    const all = JSON.stringify(report);
    for (const [, text] of SECRET_SAMPLES) expect(all).not.toContain(secretPart(text));
  });

  it("a connection string shows its scheme and user, never its password", () => {
    expect(findSensitive("use postgresql://app:s3cr3t-pw@db.internal:5432/prod")[0]!.masked).toBe(
      "postgresql://app:**********",
    );
    expect(maskSensitive("url redis://:r3d1spass@cache:6379 ok")).toBe(
      "url redis://:**********cache:6379 ok",
    );
  });

  it.each([
    ["a URI without a password", "https://example.com/path?q=1"],
    ["a URI with a user name only", "ssh://git@github.com/org/repo"],
    ["a template placeholder", "postgresql://{user}:{password}@{host}/db"],
    ["an OpenAI-like key without the marker", `sk-${"a".repeat(48)}`],
    ["a Twilio-like run inside a longer hex string", `0${"SK"}${"0123456789abcdef".repeat(2)}ff`],
    ["a JWT-like run with one segment", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"],
  ])("does not flag %s", (_, text) => {
    expect(findSensitive(`value ${text} here`).filter((f) => f.rule === "sensitive/secret")).toEqual([]);
  });

  it("patterns are data with their source, and bounded: no unbounded repetition outside a class", () => {
    for (const p of SECRET_PATTERNS) {
      expect(p.source.url, p.kind).toMatch(
        /^https:\/\/github\.com\/(gitleaks\/gitleaks|Yelp\/detect-secrets)\//,
      );
      expect(p.source.license, p.kind).toMatch(/MIT|Apache-2\.0/);
      // Strip escapes and character classes; what remains must hold no *, + or {n,}.
      const bare = p.pattern.replace(/\\./g, "").replace(/\[[^\]]*\]/g, "");
      expect(bare, p.kind).not.toMatch(/[*+]|\{\d+,\}/);
    }
  });

  it("a long hostile line of near-misses is scanned in one linear pass", () => {
    // Prefixes of every format, repeated: a pattern with unbounded nested repetition would take hours
    // here (the test's timeout is the check); a bounded one reads each position a bounded number of times.
    const near = [
      "sk-proj-",
      "T3BlbkFJ",
      "eyJ".concat("a".repeat(20), "."),
      "ey",
      "postgres://u:",
      "://:",
      "a".repeat(30).concat("Q~"),
      "xoxb-1234567890-",
      "AIza",
      "a.a@",
      "1234 5678 ",
      "+1 415 ",
      "-----BEGIN ",
      "ABSK",
    ];
    const line = Array.from({ length: 12_000 }, (_, i) => near[i % near.length]).join("");
    expect(line.length).toBeGreaterThan(100_000);
    const found = findSensitive(line);
    expect(
      found.every((f) => f.rule !== "sensitive/secret" || f.kind === "connection string with a password"),
    ).toBe(true);
    expect(maskSensitive(line).length).toBeLessThanOrEqual(line.length);
    // A megabyte where every position is a word boundary inside one run of address or scheme
    // characters: a pattern that may start at each of them re-reads the run at each.
    expect(findSensitive(`${"a.".repeat(500_000)}@`)).toEqual([]);
    expect(findSensitive(`${"a+".repeat(500_000)}://`)).toEqual([]);
  });

  const personal: [string, string][] = [
    ["e-mail address", "jane.doe@example.com"],
    ["US social security number", "123-45-6789"],
    ["payment card number", "4111 1111 1111 1111"],
    ["phone number", "(415) 555-0132"],
    ["phone number", "+44 20 7946 0958"],
  ];
  it.each(personal)("finds a %s", (kind, text) => {
    const found = findSensitive(`contact: ${text}.`);
    expect(found.map((f) => [f.rule, f.kind])).toEqual([["sensitive/personal-data", kind]]);
  });

  it.each([
    ["an access-key-like string one character short", "AKIAIOSFODNN7EXAMPL"],
    ["16 digits that fail Luhn", "4111 1111 1111 1112"],
    ["an SSN with a 000 area", "000-12-3456"],
    ["an address without a domain", "jane@localhost"],
    ["a version number", "1.2.3"],
    ["a date", "2024-03-07"],
  ])("does not flag %s", (_, text) => {
    expect(findSensitive(`value ${text} here`)).toEqual([]);
  });

  it("luhn: known card numbers pass, one digit off fails", () => {
    expect(luhn("4111111111111111")).toBe(true);
    expect(luhn("5500005555555559")).toBe(true);
    expect(luhn("4111111111111112")).toBe(false);
  });

  it("reports point at the match inside the string, and no output holds the secret", async () => {
    const secret = "AKIAIOSFODNN7EXAMPLE";
    const line = claudeRecord(`line one\nkey: ${secret}`, "ok");
    const report = await check(`${line}\n${pad}`);
    const p = report.problems.filter((x) => x.rule === "sensitive/secret");
    expect(p.map((x) => [x.line, x.column, x.path, x.severity])).toEqual([
      [1, line.indexOf(secret) + 1, "messages[0].content", "error"],
    ]);
    expect(JSON.stringify(report)).not.toContain(secret);
    expect(p[0]!.message).toBe("AWS access key id in messages[0].content: AKIA****************");
  });
});

describe("the tokenizer on adversarial text", () => {
  it("counts a 1 MB run without spaces quickly, in pieces (it is quadratic whole)", async () => {
    const count = await loadTokenizer();
    // The whole-string count takes minutes: finishing within the test timeout is the check.
    expect(count("A".repeat(1_000_000))).toBeGreaterThan(100_000);
  });

  it("piecewise counts of prose stay within 2% of the whole count and never split a surrogate pair", async () => {
    const { countTokens } = await import("gpt-tokenizer/encoding/cl100k_base");
    const prose = `${"The quick brown fox jumps over the lazy dog. ".repeat(200)}😀`.repeat(3);
    const pieces: string[] = [];
    const total = countInChunks((t) => {
      pieces.push(t);
      return countTokens(t);
    }, prose);
    expect(Math.abs(total / countTokens(prose) - 1)).toBeLessThan(0.02);
    expect(pieces.join("")).toBe(prose);
    for (const p of pieces) expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(p)).toBe(false);
  });

  it("a record of 1 MB without spaces is checked against the token limit in one pass", async () => {
    const line = claudeRecord("A".repeat(1_000_000), "ok");
    const report = await check(`${line}\n${pad}`);
    expect(report.problems.map((p) => p.rule)).toContain("tokens/record-limit");
  });
});
