import { s3Uri } from "@tunegate/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assertBedrockS3Uri,
  BEDROCK_S3_URI_PATTERN,
  checkBedrockS3Uri,
  InvalidS3UriError,
  parseS3Uri,
} from "../src/s3-uri";

const SHA = "a".repeat(64);

function problemsOf(uri: string): string[] {
  const check = checkBedrockS3Uri(uri);
  return check.ok ? [] : check.problems.map((p) => `${p.part}: ${p.message}`);
}

describe("s3Uri and parseS3Uri", () => {
  it("round-trip", () => {
    expect(s3Uri("b-1", "a/b.jsonl")).toBe("s3://b-1/a/b.jsonl");
    expect(parseS3Uri("s3://b-1/a/b.jsonl")).toEqual({ bucket: "b-1", key: "a/b.jsonl" });
    expect(parseS3Uri("s3://b-1")).toEqual({ bucket: "b-1", key: "" });
    expect(parseS3Uri("https://b-1/a")).toBeUndefined();
  });
});

describe("checkBedrockS3Uri", () => {
  it("accepts dataset URIs, folder URIs and every character Bedrock allows in keys", () => {
    for (const uri of [
      `s3://tunegate-datasets/tunegate/claude-3-haiku/${SHA}/train.jsonl`,
      "s3://my.bucket.1/output/",
      "s3://b12",
      "s3://b12/",
      "s3://b12/a-b_c!d*e'f(g)h.i/J",
      `s3://${"b".repeat(62)}/k`,
    ]) {
      expect(problemsOf(uri), uri).toEqual([]);
    }
  });

  it("explains an uppercase bucket and suggests the lowercase name", () => {
    expect(problemsOf("s3://Tunegate-Data/k")).toEqual([
      'bucket: "Tunegate-Data" has uppercase letters; bucket names are lowercase (try "tunegate-data").',
    ]);
  });

  it("names the characters a key may not contain", () => {
    const [problem] = problemsOf("s3://b12/team=ml/model+v2/a b@c%d.jsonl");
    expect(problem).toMatch(/^key: /);
    for (const c of ['"="', '"+"', "a space", '"@"', '"%"']) expect(problem).toContain(c);
    expect(problem).toContain("Rename the prefix or model name");
  });

  it("flags a Bedrock model id used as a key segment (':' is not allowed)", () => {
    const [problem] = problemsOf(`s3://b12/anthropic.claude-3-haiku-20240307-v1:0:200k/${SHA}/train.jsonl`);
    expect(problem).toContain('":"');
  });

  it("flags bucket lengths Bedrock or S3 reject: 64 and 63 characters, and 2", () => {
    expect(problemsOf(`s3://${"b".repeat(64)}/k`).join()).toContain("is 64 characters long");
    // S3 allows 63, Bedrock's pattern does not: worth a precise message.
    expect(problemsOf(`s3://${"b".repeat(63)}/k`).join()).toContain("at most 62 (S3 itself allows 63)");
    expect(problemsOf("s3://bb/k").join()).toContain("shorter than 3");
  });

  it("flags empty key segments, a missing scheme, other bucket rules, and an overlong URI", () => {
    expect(problemsOf("s3://b12/tunegate//m/train.jsonl").join()).toContain("empty path segment");
    expect(problemsOf("https://b12/k")).toEqual(['uri: must start with "s3://".']);
    expect(problemsOf("s3://b12-/k").join()).toContain("must end with");
    expect(problemsOf("s3://a..b/k").join()).toContain('".."');
    expect(problemsOf("s3://192.168.1.1/k").join()).toContain("IP address");
    expect(problemsOf("s3://b_1/k").join()).toContain('contains "_"');
    expect(problemsOf(`s3://b12/${"k".repeat(1020)}`).join()).toContain("Bedrock accepts 1 to 1024");
  });

  it("never accepts a URI that Bedrock's own pattern rejects", () => {
    const alphabet = fc.constantFrom(..."abAB09-._/!*'()=+@%: é".split(""), "//");
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (parts) => {
        const uri = `s3://${parts.join("")}`;
        if (!BEDROCK_S3_URI_PATTERN.test(uri)) expect(checkBedrockS3Uri(uri).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it("accepts every URI that matches the pattern and uses a valid S3 bucket name", () => {
    const lower = fc.constantFrom(..."abcxyz019".split(""));
    const bucket = fc
      .tuple(lower, fc.array(fc.constantFrom(..."abz09-".split("")), { minLength: 1, maxLength: 59 }), lower)
      .map(([first, middle, last]) => `${first}${middle.join("")}${last}`);
    const segment = fc.array(fc.constantFrom(..."aZ9-!_*'().".split("")), { minLength: 1, maxLength: 12 });
    const key = fc
      .array(segment, { maxLength: 5 })
      .map((segments) => segments.map((s) => s.join("")).join("/"));
    fc.assert(
      fc.property(bucket, key, fc.boolean(), (b, k, slash) => {
        const uri = `s3://${b}${k ? `/${k}` : ""}${slash ? "/" : ""}`;
        expect(BEDROCK_S3_URI_PATTERN.test(uri)).toBe(true);
        expect(checkBedrockS3Uri(uri)).toEqual({ ok: true });
      }),
      { numRuns: 1000 },
    );
  });

  it("assertBedrockS3Uri throws an error that lists every problem", () => {
    let thrown: unknown;
    try {
      assertBedrockS3Uri("s3://B/a=b");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidS3UriError);
    const error = thrown as InvalidS3UriError;
    expect(error.problems.map((p) => p.part)).toEqual(["bucket", "bucket", "key"]);
    expect(error.message).toMatch(
      /^"s3:\/\/B\/a=b" is not an S3 URI that Amazon Bedrock accepts:\n {2}- bucket:/,
    );
    expect(() => assertBedrockS3Uri("s3://b12/a")).not.toThrow();
  });
});
