import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  type ConfigIssue,
  type PlannableModel,
  parseConfig,
  plainDecimal,
  planJob,
  type ResolvedModel,
} from "../src/index";

const FIXTURES = fileURLToPath(new URL("./fixtures/config/", import.meta.url));
const fixture = (name: string) => readFileSync(`${FIXTURES}${name}`, "utf8");
const BEFORE_EOL = new Date("2026-01-01T00:00:00Z");
const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0:200k";

const parse = (text: string) => parseConfig(text, { path: "/repo/tunegate.yml", today: BEFORE_EOL });
const model = (text: string, name: string): ResolvedModel => {
  const found = parse(text).config.models.find((m) => m.name === name);
  if (!found) throw new Error(`no model ${name}`);
  return found;
};
function issuesOf(text: string): ConfigIssue[] {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.issues];
    throw err;
  }
  throw new Error("expected a ConfigError");
}

/** A minimal valid file with one model; `extra` lines are added to the model. */
const oneModel = (extra = "", base = HAIKU) => `version: 1
models:
  m:
    baseModel: ${base}
    training: data/train.jsonl
    s3: { bucket: my-bucket }
    roleArn: arn:aws:iam::123456789012:role/FineTune
${extra}`;

describe("parseConfig: a valid file", () => {
  const { config, warnings } = parseConfig(fixture("valid.yml"), {
    path: "/repo/tunegate.yml",
    today: BEFORE_EOL,
  });
  const [router, next] = config.models as [ResolvedModel, ResolvedModel];

  it("resolves every model in file order, with the config's directory as root", () => {
    expect(config.path).toBe("/repo/tunegate.yml");
    expect(config.root).toBe("/repo");
    expect(config.models.map((m) => m.name)).toEqual(["support-router", "router-next"]);
  });

  it("gives the first model its own settings over the inherited defaults", () => {
    expect(router.baseModel.id).toBe(HAIKU);
    expect(router.region).toBe("us-west-2");
    expect(router.training).toBe("datasets/support-router/train.jsonl");
    expect(router.validation).toBe("datasets/support-router/validation.jsonl");
    expect(router.evaluation).toBe("datasets/support-router/eval.jsonl");
    expect(router.labels).toBe("^ROUTE: (\\S+)");
    // Only what the user set, as strings; the integer from defaults is overridden by the model's 3.
    expect(router.hyperparameters).toEqual({
      epochCount: "3",
      batchSize: "16",
      learningRateMultiplier: "0.5",
    });
    expect(router.hyperparameterValues).toEqual({
      epochCount: 3,
      batchSize: 16,
      learningRateMultiplier: 0.5,
      earlyStoppingThreshold: 0.001,
      earlyStoppingPatience: 2,
    });
    // Tags merge; a YAML number becomes the string the API takes.
    expect(router.tags).toEqual({ team: "support", "cost-center": "1234", service: "router" });
    expect(router.severities).toEqual({
      "dataset/duplicate-record": "error",
      "sensitive/personal-data": "off",
    });
    // The prefix gets its "/" so keys read <prefix><model>/...
    expect(router.s3).toEqual({ bucket: "my-ft-data", prefix: "tunegate/" });
    expect(router.roleArn).toBe("arn:aws:iam::123456789012:role/BedrockFineTuning");
    expect(router.vpc).toBeUndefined();
  });

  it("lets the second model use a catalog entry that extends Haiku into us-east-1", () => {
    expect(next.baseModel.id).toBe("anthropic.claude-haiku-4-5-v1:0:200k");
    expect(next.baseModel.name).toBe("Claude Haiku 4.5");
    expect(next.baseModel.regions).toEqual(["us-east-1"]);
    // Inherited from the entry it extends.
    expect(next.baseModel.quotas.maxTrainingRecords).toBe(10_000);
    expect(next.region).toBe("us-east-1");
    expect(config.catalog.get("anthropic.claude-haiku-4-5-v1:0:200k").format).toBe("claude-messages");
  });

  it("merges mappings key by key and lets null remove an inherited tag", () => {
    expect(next.s3).toEqual({ bucket: "my-ft-data", prefix: "next/" });
    expect(next.tags).toEqual({ team: "support" });
    expect(next.severities).toEqual({
      "dataset/duplicate-record": "warning",
      "sensitive/personal-data": "off",
    });
    expect(next.hyperparameters).toEqual({ epochCount: "2" });
    expect(next.validation).toBeUndefined();
  });

  it("warns, without failing, that Claude 3 Haiku is end-of-life, at the model's baseModel line", () => {
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      path: "models.support-router.baseModel",
      line: 29,
      column: 16,
    });
    expect(warnings[0]!.message).toMatch(/reached its end-of-life in us-west-2 on 2026-09-10/);
  });

  it("gives job planning what it needs, so a resolved model plans a valid request", () => {
    const plannable: PlannableModel = router;
    const plan = planJob({
      model: plannable,
      datasets: { train: { sha256: "a".repeat(64), bytes: 100 } },
      commit: "0123456789abcdef0123456789abcdef01234567",
      repository: "acme/support",
    });
    expect(plan.request.hyperParameters).toEqual({
      epochCount: "3",
      batchSize: "16",
      learningRateMultiplier: "0.5",
    });
    expect(plan.uploads[0]!.key).toBe(`tunegate/support-router/${"a".repeat(64)}/train.jsonl`);
    expect(plan.request.jobTags.length).toBeLessThanOrEqual(50);
  });
});

describe("parseConfig: defaults", () => {
  const withDefaults = (defaults: string, models: string) =>
    `version: 1\ndefaults:\n${defaults}\nmodels:\n${models}\n`;
  const shared = `  baseModel: ${HAIKU}
  s3: { bucket: shared-bucket, prefix: ft/, kmsKeyId: alias/datasets }
  roleArn: arn:aws:iam::123456789012:role/FineTune
  vpc: { subnetIds: [subnet-1], securityGroupIds: [sg-1] }
  customModelKmsKeyId: alias/models`;

  it("a model inherits every shared setting it does not set", () => {
    const m = model(withDefaults(shared, "  a:\n    training: a.jsonl"), "a");
    expect(m.baseModel.id).toBe(HAIKU);
    expect(m.s3).toEqual({ bucket: "shared-bucket", prefix: "ft/", kmsKeyId: "alias/datasets" });
    expect(m.vpc).toEqual({ subnetIds: ["subnet-1"], securityGroupIds: ["sg-1"] });
    expect(m.customModelKmsKeyId).toBe("alias/models");
    expect(m.tags).toEqual({});
    expect(m.severities).toEqual({});
  });

  it("a model's values replace scalars and lists, and its vpc replaces the defaults' as a whole", () => {
    const text = withDefaults(
      shared,
      `  a:
    training: a.jsonl
    baseModel: amazon.titan-text-lite-v1:0:4k
    region: us-east-1
    s3: { bucket: other-bucket }
    vpc: { subnetIds: [subnet-2, subnet-3], securityGroupIds: [sg-2] }
  b:
    training: b.jsonl
    vpc: null`,
    );
    const a = model(text, "a");
    expect(a.baseModel.id).toBe("amazon.titan-text-lite-v1:0:4k");
    expect(a.s3).toEqual({ bucket: "other-bucket", prefix: "ft/", kmsKeyId: "alias/datasets" });
    expect(a.vpc).toEqual({ subnetIds: ["subnet-2", "subnet-3"], securityGroupIds: ["sg-2"] });
    expect(model(text, "b").vpc).toBeUndefined();
  });

  it("takes the base model's only Region when none is set, and asks for one when it has several", () => {
    expect(model(oneModel(), "m").region).toBe("us-west-2");
    const issues = issuesOf(oneModel("", "amazon.titan-text-lite-v1:0:4k"));
    expect(issues).toEqual([
      expect.objectContaining({
        path: "models.m.region",
        line: 3,
        column: 3,
        message: expect.stringContaining("can be fine-tuned in several: us-east-1, us-west-2"),
      }),
    ]);
    expect(model(oneModel("    region: us-east-1", "amazon.titan-text-lite-v1:0:4k"), "m").region).toBe(
      "us-east-1",
    );
  });

  it("a null hyperparameter in a model removes the one defaults set", () => {
    const text = withDefaults(
      `${shared}\n  hyperparameters: { batchSize: 8, epochCount: 4 }`,
      `  a:\n    training: a.jsonl\n    hyperparameters: { batchSize: null }`,
    );
    const m = model(text, "a");
    expect(m.hyperparameters).toEqual({ epochCount: "4" });
    expect(m.hyperparameterValues.batchSize).toBe(32);
  });
});

describe("parseConfig: hyperparameters as the API takes them", () => {
  const hp = (yaml: string) => model(oneModel(`    hyperparameters:\n${yaml}`), "m");

  it("turns YAML numbers into strings and keeps a string as the user wrote it", () => {
    const m = hp('      epochCount: 2\n      batchSize: "016"\n      learningRateMultiplier: 1.0');
    expect(m.hyperparameters).toEqual({ epochCount: "2", batchSize: "016", learningRateMultiplier: "1" });
    expect(m.hyperparameterValues).toMatchObject({ epochCount: 2, batchSize: 16, learningRateMultiplier: 1 });
  });

  it("writes small and large floats in plain decimal, never with an exponent", () => {
    const m = hp("      earlyStoppingThreshold: 0.00001\n      learningRateMultiplier: 1.5e-1");
    expect(m.hyperparameters).toEqual({ earlyStoppingThreshold: "0.00001", learningRateMultiplier: "0.15" });
    expect(plainDecimal(1e-7)).toBe("0.0000001");
    expect(plainDecimal(1.5e-7)).toBe("0.00000015");
    expect(plainDecimal(-2.5e-8)).toBe("-0.000000025");
    expect(plainDecimal(1e21)).toBe("1000000000000000000000");
    expect(plainDecimal(1.25e22)).toBe("12500000000000000000000");
    expect(plainDecimal(0.5)).toBe("0.5");
    expect(plainDecimal(256)).toBe("256");
  });

  it("accepts a string with an exponent, sending it unchanged, and checks its value", () => {
    const m = hp('      earlyStoppingThreshold: "1e-3"');
    expect(m.hyperparameters).toEqual({ earlyStoppingThreshold: "1e-3" });
    expect(m.hyperparameterValues.earlyStoppingThreshold).toBe(0.001);
    expect(hp('      earlyStoppingThreshold: "1e-1"').hyperparameterValues.earlyStoppingThreshold).toBe(0.1);
    expect(issuesOf(oneModel('    hyperparameters:\n      earlyStoppingThreshold: "2e-1"'))).toEqual([
      expect.objectContaining({ message: expect.stringContaining("earlyStoppingThreshold 2e-1 is outside") }),
    ]);
  });
});

describe("parseConfig: input forms", () => {
  it("reads anchors and aliases, and a byte-order-mark-free file with CRLF line ends", () => {
    const text = `version: 1\r\ndefaults:\r\n  s3: &s3 { bucket: my-bucket }\r\nmodels:\r\n  m:\r\n    baseModel: ${HAIKU}\r\n    training: t.jsonl\r\n    roleArn: arn:aws:iam::123456789012:role/x\r\n    s3: *s3\r\n`;
    expect(model(text, "m").s3.bucket).toBe("my-bucket");
  });

  it("resolves the root from the given path, or takes the root it is given", () => {
    expect(parseConfig(oneModel(), { path: "/a/b/tunegate.yml" }).config.root).toBe("/a/b");
    expect(parseConfig(oneModel(), { path: "tunegate.yml", root: "/x" }).config.root).toBe("/x");
  });

  it("accepts a $schema key for editors that read it from the file", () => {
    expect(() => parse(`$schema: ./tunegate.schema.json\n${oneModel()}`)).not.toThrow();
  });
});
