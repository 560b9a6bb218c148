import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkCreateJobRequest,
  jobNames,
  nameSlug,
  parseJobName,
  planJob,
  SMITHY,
  trainingKey,
} from "../src/index";
import { haikuModel, planInput } from "./jobs-support";

const hex = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: min, maxLength: max });
const anyName = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(..."-_.+ /:@!*'()"), maxLength: 40 }),
);
const runs = { numRuns: 500 };

describe("job names: any model name, commit and attempt give names Bedrock accepts", () => {
  it("jobName, customModelName and clientRequestToken meet their Smithy length and pattern", () => {
    fc.assert(
      fc.property(
        anyName,
        hex(7, 64),
        hex(64, 64),
        fc.integer({ min: 1, max: 999 }),
        (model, commit, key, attempt) => {
          const names = jobNames({ model, commit, trainingKey: key, attempt });
          for (const [value, shape] of [
            [names.jobName, SMITHY.JobName],
            [names.customModelName, SMITHY.CustomModelName],
            [names.clientRequestToken, SMITHY.IdempotencyToken],
          ] as const) {
            expect(value.length).toBeGreaterThanOrEqual(shape.min);
            expect(value.length).toBeLessThanOrEqual(shape.max);
            expect(value).toMatch(shape.pattern);
          }
          expect(parseJobName(names.jobName)).toEqual({
            slug: nameSlug(model, 28),
            commit7: commit.slice(0, 7),
            keyFragment: key.slice(0, 12),
            attempt,
          });
        },
      ),
      runs,
    );
  });

  it("the whole planned request passes the request check for any model name that is a valid S3 key segment", () => {
    const segment = fc.string({
      unit: fc.constantFrom(..."abcXYZ019-_.!*'()"),
      minLength: 1,
      maxLength: 100,
    });
    fc.assert(
      fc.property(
        segment,
        hex(40, 40),
        fc.option(fc.integer({ min: 1, max: 1e9 }), { nil: undefined }),
        (name, commit, pr) => {
          // "." and ".." are valid characters but not sensible names; S3 accepts them as key segments.
          const plan = planJob(planInput({ model: haikuModel({ name }), commit, pullRequest: pr }));
          expect(checkCreateJobRequest(plan.request)).toEqual([]);
          expect(plan.request.jobTags.find((t) => t.key === "tunegate:model")!.value).toMatch(
            SMITHY.TagValue.pattern,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("two different models never share names even when their slugs collide", () => {
    const key = (model: string) =>
      trainingKey({
        model,
        baseModelId: "b",
        region: "r",
        customizationType: "FINE_TUNING",
        trainingSha256: "a".repeat(64),
        hyperparameters: {},
      });
    const a = jobNames({
      model: "support.router",
      commit: "abcdef1",
      trainingKey: key("support.router"),
      attempt: 1,
    });
    const b = jobNames({
      model: "support router",
      commit: "abcdef1",
      trainingKey: key("support router"),
      attempt: 1,
    });
    expect(nameSlug("support.router", 28)).toBe(nameSlug("support router", 28));
    expect(a.jobName).not.toBe(b.jobName);
    expect(a.clientRequestToken).not.toBe(b.clientRequestToken);
  });

  it("slugs: readable, cut without a trailing hyphen, never empty", () => {
    expect(nameSlug("Support Router (EU)", 28)).toBe("Support-Router-EU");
    expect(nameSlug("café_ticket--triage", 28)).toBe("cafe-ticket-triage");
    expect(nameSlug(`${"a".repeat(27)}-b`, 28)).toBe("a".repeat(27));
    expect(nameSlug("!!!", 28)).toBe("model");
  });

  it("refuses a commit that is not a hex SHA and an attempt out of range", () => {
    const key = "a".repeat(64);
    expect(() => jobNames({ model: "m", commit: "HEAD", trainingKey: key, attempt: 1 })).toThrow(/commit/);
    expect(() => jobNames({ model: "m", commit: "abcdef1", trainingKey: key, attempt: 0 })).toThrow(
      /attempt/,
    );
  });

  it("parseJobName ignores names tunegate did not make", () => {
    expect(parseJobName("my-own-job")).toBeUndefined();
    expect(parseJobName("tunegate-x-abcdef1-0123456789ab-a2")).toEqual({
      slug: "x",
      commit7: "abcdef1",
      keyFragment: "0123456789ab",
      attempt: 2,
    });
  });
});
