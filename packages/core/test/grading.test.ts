import { describe, expect, it } from "vitest";
import {
  checkGraderOutcome,
  type GradeSample,
  gradeSampleOf,
  invocationBatches,
  LAMBDA_SYNC_PAYLOAD_BYTES,
  referenceReply,
} from "../src/index";

const record = (id: string | undefined, reference: unknown = "144", extra: Record<string, unknown> = {}) => ({
  ...(id === undefined ? {} : { id }),
  messages: [{ role: "user", content: "What is 12 * 12?" }],
  reference_answer: reference,
  ...extra,
});
const sampleOf = (value: unknown, line: number) => {
  const s = gradeSampleOf(value, line);
  if ("skipped" in s) throw new Error(s.skipped);
  return s;
};
const options = { file: "train.jsonl", topScore: 1 };

describe("the grader request", () => {
  it("puts the reference answer as the assistant's reply and every other field in metadata", () => {
    expect(sampleOf(record("q-1", "144", { domain: "arithmetic" }), 4)).toEqual({
      line: 4,
      ownId: true,
      item: {
        id: "q-1",
        messages: [
          { role: "user", content: "What is 12 * 12?" },
          { role: "assistant", content: "144" },
        ],
        metadata: { reference_answer: "144", domain: "arithmetic" },
      },
    });
    expect(sampleOf(record(undefined), 9)).toMatchObject({ ownId: false, item: { id: "line-9" } });
  });

  it("writes a non-string reference answer as JSON, or takes the field it is told", () => {
    expect(referenceReply({ answer: 4 })).toBe('{"answer":4}');
    expect(referenceReply({ explanation: "x = 4" }, "explanation")).toBe("x = 4");
    expect(gradeSampleOf(record("a", { n: 1 }), 1, { replyField: "explanation" })).toEqual({
      skipped: 'its reference_answer has no string field "explanation"',
    });
  });

  it("skips what the dataset rules report instead of sending it", () => {
    expect(gradeSampleOf([], 1)).toEqual({ skipped: "the line is not a JSON object" });
    expect(gradeSampleOf({ messages: [] }, 1)).toEqual({ skipped: 'it has no "messages"' });
    expect(
      gradeSampleOf({ messages: [{ role: "user", content: [] }], reference_answer: "1" }, 1),
    ).toMatchObject({
      skipped: expect.stringContaining("string content"),
    });
    expect(gradeSampleOf({ messages: [{ role: "user", content: "hi" }] }, 1)).toEqual({
      skipped: 'it has no "reference_answer"',
    });
  });

  it("splits invocations to keep each under Lambda's 6 MB payload limit, in order", () => {
    // The reference goes twice into a request item: as the reply and in metadata (about 2.4 MB here).
    const big = (line: number) => sampleOf(record(`r${line}`, "x".repeat(1_200_000)), line);
    const batches = invocationBatches(
      [big(1), big(2), big(3), sampleOf(record("small"), 4)],
      LAMBDA_SYNC_PAYLOAD_BYTES,
    );
    expect(batches.map((b) => b.map((s) => s.line))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    for (const b of batches) {
      expect(new TextEncoder().encode(JSON.stringify(b.map((s) => s.item))).length).toBeLessThanOrEqual(
        LAMBDA_SYNC_PAYLOAD_BYTES,
      );
    }
  });
});

describe("the grader's reply", () => {
  const batch: GradeSample[] = [sampleOf(record("a"), 1), sampleOf(record("b"), 2)];
  const replied = (payload: unknown) => ({ kind: "replied" as const, payload: JSON.stringify(payload) });

  it("takes AWS's documented shape, metrics_list optional, extra fields allowed", () => {
    const out = checkGraderOutcome(
      batch,
      replied([
        { id: "a", aggregate_reward_score: 1, metrics_list: [{ name: "acc", value: 1, type: "Reward" }] },
        { id: "b", aggregate_reward_score: 1.0, reward_components: { correctness: 1 } },
      ]),
      options,
    );
    expect(out.problems).toEqual([]);
    expect([...out.scores.values()]).toEqual([1, 1]);
  });

  it("names an id that was not sent, and one returned twice", () => {
    const out = checkGraderOutcome(
      batch,
      replied([
        { id: "a", aggregate_reward_score: 1 },
        { id: "a", aggregate_reward_score: 1 },
        { id: "zz", aggregate_reward_score: 1 },
      ]),
      options,
    );
    expect(out.problems.map((p) => [p.rule, p.line])).toEqual([
      ["grade/wrong-shape", 1],
      ["grade/wrong-shape", 1],
      ["grade/missing-id", 2],
    ]);
    expect(out.problems[0]!.message).toContain('two entries for id "a"');
    expect(out.problems[1]!.message).toContain('id "zz", which was not sent');
  });

  it("says what is wrong with a reply that is not an array of scores", () => {
    const text = (payload: string) =>
      checkGraderOutcome(batch, { kind: "replied", payload }, options).problems.map((p) => p.message);
    expect(text("not json")).toEqual([expect.stringContaining("is not JSON")]);
    expect(text("null")[0]).toContain("is null, not an array");
    expect(text('[{"aggregate_reward_score": 1}]')[0]).toContain(
      "[0].id is missing; AWS expects a string or a number",
    );
  });

  it("shows what came back masked and cut: no secret from a reply reaches a report", () => {
    const secret = "AKIAIOSFODNN7EXAMPLE";
    const out = checkGraderOutcome(
      batch.slice(0, 1),
      {
        kind: "crashed",
        payload: JSON.stringify({ errorType: "Error", errorMessage: `${secret} ${"y".repeat(5000)}` }),
      },
      options,
    );
    expect(out.problems[0]!.message).not.toContain(secret);
    expect(out.problems[0]!.message.length).toBeLessThan(600);
  });
});
