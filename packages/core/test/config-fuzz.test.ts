// Property tests of the config loader: whatever tunegate.yml holds, parsing ends in a resolved config
// or a ConfigError whose every issue has a message and a line in the file; it never throws anything
// else. `npm test` runs 100 cases per property; `npm run fuzz` runs TUNEGATE_FUZZ_RUNS
// (10,000) of each.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { ConfigError, parseConfig } from "../src/index";

const RUNS = Number(process.env.TUNEGATE_FUZZ_RUNS ?? 100);
// A guard against a hang, scaled to the run count; it is not a measurement.
const TIMEOUT = 120_000 + RUNS * 100;

const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0:200k";
const VALID = {
  version: 1,
  defaults: {
    region: "us-west-2",
    s3: { bucket: "my-bucket", prefix: "tunegate/" },
    roleArn: "arn:aws:iam::123456789012:role/FineTune",
    tags: { team: "support" },
  },
  catalog: [{ id: "custom-haiku", extends: HAIKU, regions: ["us-west-2"] }],
  models: {
    router: {
      baseModel: HAIKU,
      training: "data/train.jsonl",
      validation: "data/validation.jsonl",
      labels: "^ROUTE: (\\S+)",
      hyperparameters: { epochCount: 2, learningRateMultiplier: 1 },
      severities: { "dataset/duplicate-record": "warning" },
    },
  },
};

/** Parses `text`; fails the property on anything but a config or a well-formed ConfigError. */
function expectCleanOutcome(text: string): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  try {
    parseConfig(text, { path: "tunegate.yml", today: new Date("2026-01-01T00:00:00Z") });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    expect(err.issues.length).toBeGreaterThan(0);
    for (const issue of err.issues) {
      expect(issue.message.length).toBeGreaterThan(0);
      expect(Number.isInteger(issue.line) && issue.line >= 1 && issue.line <= lines + 1).toBe(true);
      expect(Number.isInteger(issue.column) && issue.column >= 1).toBe(true);
    }
  }
}

const yamlish = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "version: 1",
          "models:",
          "  m:",
          "    training: x.jsonl",
          "defaults:",
          "catalog:",
          "  - id: a",
          "    extends: b",
          "&a [*a]",
          "? [1]\n: 2",
          "k: !!binary AA",
          "<<: *x",
          "'\\u0000': 1",
          "- - -",
          "key: |\n  text",
          "0x1f: 007",
          "labels: '^(a+)+$'",
          "    s3: { prefix: ../x/ }",
        ),
        fc.string({ maxLength: 30 }),
      ),
      { maxLength: 12 },
    )
    .map((lines) => lines.join("\n")),
);

/** A value of any shape YAML can write, to put anywhere in a valid file. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, "", "../../etc/passwd.jsonl", "/abs.jsonl", "^(a+)+$", "(a)\\1", "a\nb", 1e308),
);

/** `VALID` with one value replaced (or one key added) at a path drawn from its own structure. */
const mutated = fc
  .tuple(
    fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
    anyValue,
    fc.option(fc.string({ maxLength: 12 })),
  )
  .map(([choices, value, newKey]) => {
    const copy = structuredClone(VALID) as Record<string, unknown>;
    let node: Record<string, unknown> | unknown[] = copy;
    for (const [depth, choice] of choices.entries()) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = keys[choice % keys.length]!;
      const child = (node as Record<string, unknown>)[key];
      const last = depth === choices.length - 1 || typeof child !== "object" || child === null;
      if (last) {
        (node as Record<string, unknown>)[newKey ?? key] = value;
        break;
      }
      node = child as Record<string, unknown>;
    }
    return stringify(copy);
  });

describe("the config loader never crashes, and every problem has a line", () => {
  it("accepts the file the mutations start from", () => {
    expect(() => parseConfig(stringify(VALID), { path: "tunegate.yml" })).not.toThrow();
  });

  it(
    "on arbitrary text and YAML fragments",
    () => {
      fc.assert(fc.property(yamlish, expectCleanOutcome), { numRuns: RUNS });
    },
    TIMEOUT,
  );

  it(
    "on a valid file with any value put anywhere",
    () => {
      fc.assert(fc.property(mutated, expectCleanOutcome), { numRuns: RUNS });
    },
    TIMEOUT,
  );
});
