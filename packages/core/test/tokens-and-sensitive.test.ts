import { describe, expect, it } from "vitest";
import { countInChunks, loadTokenizer } from "../src/index";
import { findSensitive, luhn } from "../src/rules/sensitive";
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
  const secrets: [string, string][] = [
    ["AWS access key id", "AKIAIOSFODNN7EXAMPLE"],
    ["AWS secret access key", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
    ["private key", "-----BEGIN RSA PRIVATE KEY-----"],
    ["GitHub token", `ghp_${"a1B2".repeat(9)}`],
    ["Slack token", "xoxb-1234567890-abcdefghij"],
    ["Slack webhook URL", "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXX"],
    ["Google API key", `AIza${"x".repeat(35)}`],
    ["Stripe live key", `sk_live_${"a".repeat(24)}`],
    ["Anthropic API key", `sk-ant-api03-${"A".repeat(40)}`],
  ];
  it.each(secrets)("finds a %s", (kind, text) => {
    const found = findSensitive(`before ${text} after`);
    expect(found.map((f) => [f.rule, f.kind])).toEqual([["sensitive/secret", kind]]);
    expect(found[0]!.masked).not.toContain(text.slice(-8));
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
