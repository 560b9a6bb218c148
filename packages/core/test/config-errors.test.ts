import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, type ConfigIssue, type ParsedConfig, parseConfig } from "../src/index";

const FIXTURES = fileURLToPath(new URL("./fixtures/config/", import.meta.url));
const BEFORE_EOL = new Date("2026-01-01T00:00:00Z");
const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0:200k";
const ROLE = "arn:aws:iam::123456789012:role/FineTune";

const parse = (text: string, today = BEFORE_EOL): ParsedConfig =>
  parseConfig(text, { path: "tunegate.yml", today });

function issuesOf(text: string): ConfigIssue[] {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.issues];
    throw err;
  }
  throw new Error("expected a ConfigError, the file was accepted");
}

/** The one issue of `text`; fails when there are none or several. */
function onlyIssue(text: string): ConfigIssue {
  const issues = issuesOf(text);
  expect(issues, JSON.stringify(issues, null, 2)).toHaveLength(1);
  return issues[0]!;
}

/** 1-based line and column of the `nth` occurrence of `needle` in `text`, found without any YAML parser. */
function at(text: string, needle: string, nth = 1): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" not found ${nth} times`);
  }
  const before = text.slice(0, index).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** A valid one-model file; `extra` adds lines to the model (4-space indent). */
const oneModel = (extra = "", fields: Partial<Record<string, string>> = {}) => {
  const f = {
    baseModel: HAIKU,
    training: "data/train.jsonl",
    s3: "{ bucket: my-bucket }",
    roleArn: ROLE,
    ...fields,
  };
  const lines = Object.entries(f)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `    ${k}: ${v}`);
  return `version: 1\nmodels:\n  m:\n${lines.join("\n")}\n${extra}`;
};

const accepts = (text: string) => expect(() => parse(text)).not.toThrow();

describe("errors point at the line and column, all of them in one pass", () => {
  const text = readFileSync(`${FIXTURES}invalid.yml`, "utf8");
  const issues = issuesOf(text);

  it("reports every problem of the file at once, in file order", () => {
    expect(issues.map((i) => [i.line, i.column, i.path])).toEqual([
      [4, 29, "defaults.s3.prefx"],
      [17, 18, "models.summarizer.hyperparameters.batchSize"],
      [18, 7, "models.summarizer.hyperparameters.learningRate"],
      [20, 16, "models.writer.baseModel"],
    ]);
  });

  it("says what is expected, and suggests the likely key", () => {
    expect(issues[0]).toMatchObject({ message: 'unknown key "prefx"', hint: 'did you mean "prefix"?' });
    expect(issues[1]!.message).toBe(
      "batchSize 512 is outside the range Claude 3 Haiku accepts: 4 to 256 (default 32)",
    );
    expect(issues[1]!.hint).toContain("cm-hp-anth-claude-3.html");
    expect(issues[2]!.message).toBe(
      'Claude 3 Haiku has no hyperparameter "learningRate"; it takes epochCount, batchSize, learningRateMultiplier, earlyStoppingThreshold, earlyStoppingPatience',
    );
    expect(issues[2]!.hint).toBe('did you mean "learningRateMultiplier"?');
    expect(issues[3]!.message).toMatch(
      /cannot be fine-tuned on Amazon Bedrock \(and Claude 3 Haiku, the one Claude model that could, reached end-of-life on 2026-09-10\); Amazon Nova 2 Lite or Nova Lite train today/,
    );
  });

  it("formats the error as file:line:column lines", () => {
    let error: ConfigError | undefined;
    try {
      parse(text);
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.file).toBe("tunegate.yml");
    expect(error!.message.split("\n").slice(0, 3)).toEqual([
      "tunegate.yml has 4 problems:",
      '  tunegate.yml:4:29: defaults.s3.prefx: unknown key "prefx"',
      '    hint: did you mean "prefix"?',
    ]);
  });

  it("points an error in the second model's hyperparameters at that line", () => {
    const two = `version: 1
defaults: { s3: { bucket: b-bucket }, roleArn: "${ROLE}", baseModel: ${HAIKU} }
models:
  first:
    training: a.jsonl
    hyperparameters: { epochCount: 3 }
  second:
    training: b.jsonl
    hyperparameters:
      epochCount: 11
`;
    expect(onlyIssue(two)).toMatchObject({
      path: "models.second.hyperparameters.epochCount",
      line: 10,
      column: 19,
      message: "epochCount 11 is outside the range Claude 3 Haiku accepts: 1 to 10 (default 2)",
    });
  });

  it("reports a bad value in defaults once, naming every model it reaches", () => {
    const text = `version: 1
defaults:
  baseModel: ${HAIKU}
  s3: { bucket: b-bucket }
  roleArn: ${ROLE}
  hyperparameters: { batchSize: 1 }
models:
  a: { training: a.jsonl }
  b: { training: b.jsonl }
`;
    expect(onlyIssue(text)).toMatchObject({
      path: "defaults.hyperparameters.batchSize",
      ...at(text, "1 }"),
      message:
        'batchSize 1 is outside the range Claude 3 Haiku accepts: 4 to 256 (default 32) (set in defaults; applies to models "a", "b")',
    });
  });
});

describe("YAML itself", () => {
  it("gives the yaml library's syntax errors with their positions, and stops there", () => {
    const issues = issuesOf("version: 1\nmodels:\n  a: [1, 2\n  b: {\n");
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ path: "", line: expect.any(Number), column: expect.any(Number) });
    expect(issues[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it("rejects a duplicate key at the second occurrence", () => {
    const text = `version: 1\nmodels:\n  m:\n    training: a.jsonl\n    training: b.jsonl\n`;
    expect(issuesOf(text)).toEqual([
      { message: "duplicate key: each key may appear once in a mapping", path: "", line: 5, column: 5 },
    ]);
  });

  it("refuses an alias bomb with a ConfigError instead of expanding it", () => {
    const bomb =
      "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
    expect(onlyIssue(bomb).message).toMatch(/alias count/i);
  });

  it("rejects an empty file, a file that is not a mapping, and several documents", () => {
    expect(onlyIssue("")).toMatchObject({ message: "the file is empty", line: 1, column: 1 });
    expect(onlyIssue("# only a comment\n")).toMatchObject({ message: "the file is empty" });
    expect(onlyIssue("- a\n- b\n")).toMatchObject({
      path: "",
      message: "expected a mapping (key: value), got a list",
    });
    expect(onlyIssue(`${oneModel()}---\nversion: 1\n`).message).toMatch(/multiple documents/);
  });
});

describe("top-level keys", () => {
  it("requires version 1", () => {
    accepts(oneModel());
    const text = oneModel().replace("version: 1", "version: 2");
    expect(onlyIssue(text)).toMatchObject({
      path: "version",
      line: 1,
      column: 10,
      message: "this tunegate reads version: 1",
    });
    expect(onlyIssue(oneModel().replace("version: 1\n", ""))).toMatchObject({
      path: "version",
      line: 1,
      column: 1,
      message: '"version" is required',
      hint: "start the file with `version: 1`.",
    });
  });

  it("requires at least one model", () => {
    expect(onlyIssue("version: 1\n")).toMatchObject({ path: "models", message: '"models" is required' });
    expect(onlyIssue("version: 1\nmodels: {}\n")).toMatchObject({
      path: "models",
      line: 2,
      column: 9,
      message: "declare at least one model",
    });
  });

  it("rejects an unknown top-level key with a suggestion, or says where a setting goes", () => {
    const text = `${oneModel()}model:\n  x: 1\n`;
    expect(onlyIssue(text)).toMatchObject({
      path: "model",
      ...at(text, "model:"),
      message: 'unknown key "model"',
      hint: 'did you mean "models"?',
    });
    expect(onlyIssue(`region: us-west-2\n${oneModel()}`)).toMatchObject({
      path: "region",
      line: 1,
      column: 1,
      hint: '"region" is a model setting: put it under "defaults:" (for every model) or under one model in "models:".',
    });
    expect(onlyIssue(`${oneModel()}bucket: x\n`).hint).toBe('"bucket" goes under "defaults.s3:".');
  });

  it("rejects unknown keys in models and defaults, with the likely intended key", () => {
    const typo = oneModel("    baseModle: x\n");
    expect(onlyIssue(typo)).toMatchObject({
      path: "models.m.baseModle",
      ...at(typo, "baseModle"),
      hint: 'did you mean "baseModel"?',
    });
    expect(onlyIssue(oneModel("    BaseModel: x\n")).hint).toBe('did you mean "baseModel"?');
    expect(onlyIssue(oneModel("    bucket: x\n")).hint).toBe('"bucket" goes under "s3:".');
    expect(onlyIssue(oneModel("    epochCount: 2\n")).hint).toBe(
      '"epochCount" goes under "hyperparameters:".',
    );
    const defaults = `version: 1\ndefaults:\n  training: a.jsonl\n${oneModel().slice("version: 1\n".length)}`;
    expect(onlyIssue(defaults)).toMatchObject({
      path: "defaults.training",
      line: 3,
      column: 3,
      hint: '"training" is set per model, under models.<name>.training.',
    });
  });

  it("says a key with no value has none", () => {
    expect(onlyIssue(oneModel("    validation:\n"))).toMatchObject({
      path: "models.m.validation",
      line: 8,
      column: 5,
      message: "has no value: give one, or remove the key",
    });
  });

  it("says what type was expected and what was found", () => {
    expect(
      onlyIssue(oneModel("    training: [a.jsonl]\n").replace("    training: data/train.jsonl\n", ""))
        .message,
    ).toBe("expected a string, got a list");
    expect(onlyIssue(oneModel("    tags: [a, b]\n")).message).toBe(
      "expected a mapping (key: value), got a list",
    );
  });
});

describe("model names", () => {
  const named = (name: string) => oneModel().replace("  m:\n", `  ${name}:\n`);

  it("accepts 1 to 40 lowercase letters, digits and hyphens, starting with a letter or digit", () => {
    accepts(named("a"));
    accepts(named("support-router-2"));
    accepts(named(`a1-${"9".repeat(37)}`));
  });

  it.each([["Support_Router"], ["-router"], ["router.v2"], ["a".repeat(41)], ['"has space"']])(
    "rejects %s at the name, saying why",
    (name) => {
      const text = named(name);
      const issue = onlyIssue(text);
      expect(issue).toMatchObject({ line: 3, column: 3 });
      expect(issue.message).toContain("a model name has 1 to 40 lowercase letters, digits and hyphens");
      expect(issue.message).toContain("S3 keys, job names and custom model names");
    },
  );
});

describe("required settings", () => {
  it.each([
    ["baseModel", "baseModel"],
    ["training", "training"],
    ["s3", "s3.bucket"],
    ["roleArn", "roleArn"],
  ])("without %s the model is rejected at its key", (field, path) => {
    const text = oneModel("", { [field]: "" });
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ path: `models.m.${path}`, line: 3, column: 3 });
    expect(issue.message).toBe(`model "m" has no ${path}`);
    expect(issue.hint).toBeDefined();
  });

  it("an s3 mapping without a bucket is missing the bucket", () => {
    // The key is missing from the s3 mapping: the error points at "s3".
    expect(onlyIssue(oneModel("", { s3: "{ prefix: x/ }" }))).toMatchObject({
      path: "models.m.s3.bucket",
      line: 6,
      column: 5,
    });
  });

  it("reports every missing setting of every model", () => {
    const issues = issuesOf("version: 1\nmodels:\n  a: {}\n  b:\n    training: b.jsonl\n");
    expect(issues.map((i) => i.path)).toEqual([
      "models.a.baseModel",
      "models.a.roleArn",
      "models.a.s3.bucket",
      "models.a.training",
      "models.b.baseModel",
      "models.b.roleArn",
      "models.b.s3.bucket",
    ]);
  });

  it("defaults can supply them", () => {
    accepts(`version: 1
defaults: { baseModel: ${HAIKU}, s3: { bucket: my-bucket }, roleArn: "${ROLE}" }
models:
  m: { training: t.jsonl }
`);
  });
});

describe("base model", () => {
  it("rejects Sonnet and Opus with the catalog's explanation", () => {
    for (const id of [
      "anthropic.claude-3-5-sonnet-20240620-v1:0",
      "anthropic.claude-3-opus-20240229-v1:0",
      "anthropic.claude-sonnet-4-20250514-v1:0",
    ]) {
      const text = oneModel("", { baseModel: id });
      const issue = onlyIssue(text);
      expect(issue).toMatchObject({ path: "models.m.baseModel", ...at(text, id) });
      expect(issue.message).toContain("Claude Sonnet and Opus models cannot be fine-tuned on Amazon Bedrock");
    }
  });

  it("names the customization id when given the inference id", () => {
    expect(
      onlyIssue(oneModel("", { baseModel: "anthropic.claude-3-haiku-20240307-v1:0" })).message,
    ).toContain(`Did you mean "${HAIKU}"?`);
  });

  it("says how to add an unknown model", () => {
    expect(onlyIssue(oneModel("", { baseModel: "acme.model-v1:0" })).message).toContain(
      'add it under "catalog:"',
    );
  });

  it("accepts the foundation-model ARN of a known id", () => {
    accepts(oneModel("", { baseModel: `arn:aws:bedrock:us-west-2::foundation-model/${HAIKU}` }));
  });

  it("warns that Claude 3 Haiku is end-of-life in its Region, with its source and what to do", () => {
    const [warning, ...rest] = parse(oneModel()).warnings;
    expect(rest).toEqual([]);
    expect(warning!.message).toContain(
      "reached its end-of-life in us-west-2 on 2026-09-10 (Legacy since 2026-03-10)",
    );
    expect(warning!.message).toContain("model-lifecycle-legacy.html");
    expect(warning!.hint).toMatch(
      /^Move the model to an active base model, e\.g\. Amazon Nova Micro .*: its records move from the claude-messages format to the Converse format \(bedrock-conversation-2024\)/,
    );
    expect(
      parse(oneModel("    region: us-east-1", { baseModel: "amazon.nova-lite-v1:0:300k" })).warnings,
    ).toEqual([]);
  });

  it("two models on the same end-of-life base: the warning once per run, at the first model", () => {
    const text = `${oneModel()}  other:\n    baseModel: ${HAIKU}\n    training: data/other.jsonl\n    s3: { bucket: my-bucket }\n    roleArn: ${ROLE}\n`;
    const warnings = parse(text).warnings;
    expect(warnings.map((w) => [w.path, w.topic])).toEqual([["models.m.baseModel", "lifecycle"]]);
  });

  it("a private arrangement overrides the lifecycle under catalog: and the warning goes", () => {
    const text = `version: 1
catalog:
  - id: ${HAIKU}
    lifecycle:
      status: active
      source: continued access under our private arrangement with Anthropic
${oneModel().slice("version: 1\n".length)}`;
    expect(parse(text).warnings).toEqual([]);
  });

  it("Nova 2 Lite: unset unconfirmed hyperparameters are named once; an out-of-range one warns", () => {
    const nova2 = { baseModel: "amazon.nova-2-lite-v1:0:256k" };
    const unset = parse(oneModel("    region: us-east-1", nova2)).warnings;
    expect(unset).toHaveLength(1);
    expect(unset[0]!.message).toBe(
      "AWS publishes no default for Amazon Nova 2 Lite's epochCount, learningRate, learningRateWarmupSteps: tunegate sends none of them, so the job runs with the service's own defaults, and cost estimates assume epochCount 2",
    );
    expect(unset[0]!.hint).toContain("set hyperparameters.epochCount, hyperparameters.learningRate");
    const set = parse(
      oneModel(
        "    region: us-east-1\n    hyperparameters:\n      epochCount: 8\n      learningRate: 0.00002\n      learningRateWarmupSteps: 5",
        nova2,
      ),
    );
    expect(set.warnings.map((w) => w.message)).toEqual([
      "epochCount 8 is outside the range 1 to 5 tunegate's catalog gives Amazon Nova 2 Lite, a range AWS does not confirm",
    ]);
    expect(set.config.models[0]!.hyperparameters).toEqual({
      epochCount: "8",
      learningRate: "0.00002",
      learningRateWarmupSteps: "5",
    });
  });

  it("Nova 2 Lite: a validation file is an error that says why", () => {
    const issue = onlyIssue(
      oneModel("    region: us-east-1\n    validation: data/validation.jsonl", {
        baseModel: "amazon.nova-2-lite-v1:0:256k",
      }),
    );
    expect(issue.message).toBe(
      'Amazon Nova 2 Lite takes no validation file in a fine-tuning job (https://docs.aws.amazon.com/bedrock/latest/userguide/nova-2-sft-data-prep.html: validation sets "will not be supported during SFT training")',
    );
    expect(issue.hint).toContain("evaluation:");
  });

  it("rejects a catalog entry that cannot be fine-tuned", () => {
    const text = `version: 1
catalog:
  - id: acme.distill-only-v1:0
    extends: ${HAIKU}
    customizationTypes: [DISTILLATION]
${oneModel("", { baseModel: "acme.distill-only-v1:0" }).slice("version: 1\n".length)}`;
    expect(onlyIssue(text).message).toContain(
      "does not support fine-tuning; its customization types are DISTILLATION",
    );
  });
});

describe("Region", () => {
  it("accepts a Region of the base model", () => {
    accepts(oneModel("    region: us-west-2\n"));
  });

  it("rejects another Region, saying which ones the model supports", () => {
    const text = oneModel("    region: us-east-1\n");
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ path: "models.m.region", ...at(text, "us-east-1") });
    expect(issue.message).toBe(
      "us-east-1 is not a Region where Claude 3 Haiku can be fine-tuned; it can in: us-west-2",
    );
    expect(issue.hint).toContain("set region: us-west-2");
  });

  it("points at defaults when the Region comes from there", () => {
    const text = `version: 1\ndefaults:\n  region: eu-west-1\n${oneModel().slice("version: 1\n".length)}`;
    expect(onlyIssue(text)).toMatchObject({ path: "defaults.region", line: 3, column: 11 });
  });

  it("rejects what is not a Region name", () => {
    expect(onlyIssue(oneModel("    region: US-WEST-2\n")).message).toBe(
      "expected an AWS Region such as us-west-2",
    );
  });
});

describe("hyperparameters", () => {
  const hp = (yaml: string, fields: Partial<Record<string, string>> = {}) =>
    oneModel(`    hyperparameters:\n${yaml}`, fields);

  it("accepts the documented range, both ends included, as numbers or strings", () => {
    accepts(
      hp(
        '      batchSize: 4\n      epochCount: "10"\n      learningRateMultiplier: 0.1\n      earlyStoppingThreshold: 0',
      ),
    );
    accepts(hp('      batchSize: "256"\n      epochCount: 1\n      learningRateMultiplier: "2"'));
  });

  it("rejects values outside the range, naming the range and its source", () => {
    const issue = onlyIssue(hp("      learningRateMultiplier: 2.5"));
    expect(issue.message).toBe(
      "learningRateMultiplier 2.5 is outside the range Claude 3 Haiku accepts: 0.1 to 2 (default 1)",
    );
    expect(issue.hint).toMatch(
      /^range from tunegate's catalog entry for Claude 3 Haiku, from https:\/\/docs\.aws/,
    );
    expect(onlyIssue(hp('      batchSize: "3"')).message).toContain("batchSize 3 is outside");
  });

  it("rejects a fraction where the type is integer", () => {
    expect(onlyIssue(hp("      epochCount: 2.5"))).toMatchObject({
      message: "epochCount takes an integer for Claude 3 Haiku; got 2.5",
      hint: "use a whole number from 1 to 10.",
    });
    accepts(hp("      epochCount: 3.0"));
  });

  it("rejects what is not a number", () => {
    for (const value of ["abc", '"2 epochs"', '"0x10"', '""', "true", "[1]", ".inf"]) {
      const text = hp(`      epochCount: ${value}`);
      expect(onlyIssue(text).message, value).toBe(
        'expected a number, or a string that spells one (e.g. 2 or "2")',
      );
    }
  });

  it("names the hyperparameters the base model takes when one is unknown", () => {
    const text = hp("      learningRate: 0.00001");
    expect(onlyIssue(text)).toMatchObject({
      path: "models.m.hyperparameters.learningRate",
      ...at(text, "learningRate"),
      hint: 'did you mean "learningRateMultiplier"?',
    });
    // The same name is right for Nova, whose range applies instead.
    const nova = { baseModel: "amazon.nova-micro-v1:0:128k" };
    accepts(
      hp("      learningRate: 0.00001", nova).replace(
        "    hyperparameters",
        "    region: us-east-1\n    hyperparameters",
      ),
    );
    expect(
      onlyIssue(
        hp("      learningRate: 0.01", nova).replace(
          "    hyperparameters",
          "    region: us-east-1\n    hyperparameters",
        ),
      ).message,
    ).toBe(
      "learningRate 0.01 is outside the range Amazon Nova Micro accepts: 0.000001 to 0.0001 (default 0.00001)",
    );
  });

  it("checks against a catalog entry from the file and says the range comes from it", () => {
    const text = `version: 1
catalog:
  - id: acme.haiku-tuned-v1:0:200k
    extends: ${HAIKU}
    hyperparameters:
      - { name: epochCount, type: integer, default: 2, min: 1, max: 3 }
${hp("      epochCount: 5", { baseModel: "acme.haiku-tuned-v1:0:200k" }).slice("version: 1\n".length)}`;
    const issue = onlyIssue(text);
    expect(issue.message).toContain("epochCount 5 is outside the range Claude 3 Haiku accepts: 1 to 3");
    expect(issue.hint).toContain('the catalog entry "acme.haiku-tuned-v1:0:200k" in this file');
  });
});

describe("severities", () => {
  it("accepts known rule ids with error, warning, notice or off", () => {
    const text = oneModel(
      '    severities:\n      dataset/duplicate-record: notice\n      sensitive/personal-data: "off"\n      claude/unknown-key: warning\n',
    );
    expect(parse(text).config.models[0]!.severities).toEqual({
      "dataset/duplicate-record": "notice",
      "sensitive/personal-data": "off",
      "claude/unknown-key": "warning",
    });
  });

  it("suggests the closest rule id for an unknown one", () => {
    const text = oneModel("    severities:\n      dataset/duplicate-records: error\n");
    expect(onlyIssue(text)).toMatchObject({
      path: "models.m.severities.dataset/duplicate-records",
      ...at(text, "dataset/duplicate-records"),
      message: 'unknown key "dataset/duplicate-records"',
      hint: 'did you mean "dataset/duplicate-record"?',
    });
    expect(onlyIssue(oneModel("    severities:\n      duplicate-record: error\n")).hint).toBe(
      'did you mean "dataset/duplicate-record"?',
    );
  });

  it("rejects a severity that is not one of the four", () => {
    expect(onlyIssue(oneModel("    severities:\n      dataset/duplicate-record: fatal\n")).message).toBe(
      "expected one of error, warning, notice, off",
    );
    // YAML 1.2 reads a bare off as the string "off"; a boolean is still refused.
    accepts(oneModel("    severities:\n      dataset/duplicate-record: off\n"));
    expect(onlyIssue(oneModel("    severities:\n      dataset/duplicate-record: false\n")).message).toBe(
      "expected one of error, warning, notice, off",
    );
  });
});

describe("roleArn", () => {
  it.each([[ROLE], ["arn:aws-us-gov:iam::123456789012:role/path/FineTune"], ["arn:aws:iam:::role/x"]])(
    "accepts %s",
    (arn) => accepts(oneModel("", { roleArn: arn })),
  );

  it.each([
    ["arn:aws:iam::123:role/x"],
    ["arn:aws:iam::123456789012:user/x"],
    ["FineTune"],
    ["arn:aws:iam::123456789012:role/"],
  ])("rejects %s", (arn) => {
    const text = oneModel("", { roleArn: arn });
    expect(onlyIssue(text)).toMatchObject({
      path: "models.m.roleArn",
      ...at(text, arn),
      message: "expected an IAM role ARN such as arn:aws:iam::123456789012:role/BedrockFineTuning",
    });
  });
});

describe("S3 bucket and prefix", () => {
  const s3 = (value: string) => oneModel("", { s3: value });

  it.each([["abc"], ["my.bucket-1"], ["a".repeat(63)]])("accepts bucket %s", (bucket) =>
    accepts(s3(`{ bucket: ${bucket} }`)),
  );

  it.each([
    ["ab", "an S3 bucket name has 3 to 63 characters"],
    ["a".repeat(64), "an S3 bucket name has 3 to 63 characters"],
    ["My-Bucket", "lowercase letters, digits, dots and hyphens"],
    ["my_bucket", "lowercase letters, digits, dots and hyphens"],
    ["bucket-", "starts and ends with a letter or digit"],
    ["my..bucket", "must not contain two dots in a row"],
    ["192.168.1.1", "must not be formatted as an IP address"],
    ["xn--bucket", 'must not start with "xn--"'],
    ["bucket-s3alias", 'must not end with "-s3alias"'],
    ['"s3://my-bucket/data"', 'write the bucket name alone (no "s3://")'],
  ])("rejects bucket %s", (bucket, why) => {
    const issue = onlyIssue(s3(`{ bucket: ${bucket} }`));
    expect(issue.path).toBe("models.m.s3.bucket");
    expect(issue.message).toContain(why);
  });

  it("accepts the key characters Bedrock's S3 URI pattern allows, and adds the closing /", () => {
    const m = parse(s3(`{ bucket: my-bucket, prefix: "a/B-c_(1)!*'.x" }`)).config.models[0]!;
    expect(m.s3.prefix).toBe("a/B-c_(1)!*'.x/");
    expect(parse(s3("{ bucket: my-bucket }")).config.models[0]!.s3.prefix).toBe("");
  });

  it.each([
    ['"with space/"', "Bedrock accepts only letters, digits"],
    ['"a=b/"', "Bedrock accepts only letters, digits"],
    ['"a+b@c/"', "Bedrock accepts only letters, digits"],
    ['"/lead/"', 'a key prefix does not start with "/"'],
    ['"a//b/"', 'a key prefix has no empty segment ("//")'],
  ])("rejects prefix %s", (prefix, why) => {
    const issue = onlyIssue(s3(`{ bucket: my-bucket, prefix: ${prefix} }`));
    expect(issue.path).toBe("models.m.s3.prefix");
    expect(issue.message).toContain(why);
  });

  it("rejects a prefix that makes the S3 URIs longer than Bedrock accepts", () => {
    // s3://my-bucket/<prefix>/m/<64 hex>/validation.jsonl: 5 + 9 + 1 + (prefix + 1) + 2 + 81 characters.
    accepts(s3(`{ bucket: my-bucket, prefix: ${"p".repeat(925)} }`));
    const text = s3(`{ bucket: my-bucket, prefix: ${"p".repeat(926)} }`);
    expect(onlyIssue(text)).toMatchObject({
      path: "models.m.s3.prefix",
      message: "S3 URIs under this prefix would be 1025 characters long; Bedrock accepts at most 1024",
    });
  });

  it("checks KMS key ids", () => {
    accepts(s3("{ bucket: my-bucket, kmsKeyId: alias/datasets }"));
    accepts(
      oneModel(
        "    customModelKmsKeyId: arn:aws:kms:us-west-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab\n",
      ),
    );
    expect(onlyIssue(s3("{ bucket: my-bucket, kmsKeyId: my-key }")).message).toBe(
      "expected a KMS key id, key ARN, alias/<name> or alias ARN",
    );
  });
});

describe("tags", () => {
  const tags = (yaml: string) => oneModel(`    tags:\n${yaml}`);
  const many = (n: number) => Array.from({ length: n }, (_, i) => `      t${i}: v`).join("\n");

  it("accepts keys and values Bedrock accepts; scalars become strings", () => {
    const m = parse(
      tags('      "team name": support\n      "a.b:c/d=e+f@g-h_": ""\n      count: 3\n      on: true'),
    ).config.models[0]!;
    expect(m.tags).toEqual({ "team name": "support", "a.b:c/d=e+f@g-h_": "", count: "3", on: "true" });
  });

  it.each([
    [`      "${"k".repeat(129)}": v`, "a tag key has 1 to 128 characters"],
    ['      "": v', "a tag key has 1 to 128 characters"],
    ['      "team#1": v', "a tag key has letters, digits"],
    ["      tunegate:model: x", 'tag keys starting "tunegate:" are tunegate\'s own'],
    ["      aws:createdBy: x", 'tag keys starting "tunegate:" are tunegate\'s own and "aws:" is AWS\'s'],
    [`      team: "${"v".repeat(257)}"`, "a tag value has at most 256 characters"],
    ['      team: "a&b"', "a tag value has letters, digits"],
    ["      team: [a]", "a tag value is a string"],
  ])("rejects %s", (yaml, why) => {
    expect(onlyIssue(tags(yaml)).message).toContain(why);
  });

  it("allows 43 tags of the user's own, as tunegate adds up to 7 of the 50 Bedrock keeps", () => {
    accepts(tags(many(43)));
    const text = tags(many(44));
    expect(onlyIssue(text)).toMatchObject({
      path: "models.m.tags",
      message: "44 tags plus the 7 tunegate adds exceed the 50 Bedrock keeps on a resource",
      hint: "remove at least 1 (at most 43 of your own).",
    });
  });

  it("counts inherited tags too", () => {
    const text = `version: 1\ndefaults:\n  tags:\n${many(40).replaceAll("      ", "    ")}\n${oneModel(
      "    tags: { x1: a, x2: b, x3: c, x4: d }\n",
    ).slice("version: 1\n".length)}`;
    expect(onlyIssue(text).message).toContain("44 tags plus the 7");
  });
});

describe("dataset paths", () => {
  const datasets = (training: string, more = "") => oneModel(more, { training });

  it("normalizes a relative path inside the config's directory", () => {
    expect(parse(datasets("./data//x/../train.jsonl")).config.models[0]!.training).toBe("data/train.jsonl");
  });

  it.each([
    ["/abs/train.jsonl", "must be relative to the directory of tunegate.yml, not absolute"],
    ["C:/data/train.jsonl", "not absolute"],
    ["~/train.jsonl", "not absolute"],
    ["../train.jsonl", "must stay inside the directory of tunegate.yml"],
    ["data/../../train.jsonl", "must stay inside the directory of tunegate.yml"],
    ['"data\\\\train.jsonl"', 'use "/" to separate directories'],
    ["data/train.json", "a dataset path ends in .jsonl"],
    ["data/train.jsonl.gz", "a dataset path ends in .jsonl"],
  ])("rejects %s", (path, why) => {
    const issue = onlyIssue(datasets(path));
    expect(issue.path).toBe("models.m.training");
    expect(issue.message).toContain(why);
  });

  it("checks validation and evaluation paths the same way", () => {
    expect(onlyIssue(datasets("t.jsonl", "    validation: ../v.jsonl\n")).path).toBe("models.m.validation");
    expect(onlyIssue(datasets("t.jsonl", "    evaluation: /e.jsonl\n")).path).toBe("models.m.evaluation");
  });

  it("rejects a validation or evaluation set that is the training file", () => {
    const text = datasets("data/t.jsonl", "    validation: ./data/t.jsonl\n");
    expect(onlyIssue(text)).toMatchObject({
      path: "models.m.validation",
      ...at(text, "./data/t.jsonl"),
      message: "is the training file; a validation set must be held out from training",
    });
    expect(
      onlyIssue(datasets("data/t.jsonl", "    validation: v.jsonl\n    evaluation: v.jsonl\n")).message,
    ).toBe("is the validation file; an evaluation set must be held out from training and validation");
    accepts(datasets("data/t.jsonl", "    validation: data/v.jsonl\n    evaluation: data/e.jsonl\n"));
  });
});

describe("labels", () => {
  it("accepts a regular expression and rejects one that does not compile", () => {
    accepts(oneModel('    labels: "^ROUTE: (\\\\S+)"\n'));
    const text = oneModel('    labels: "^ROUTE: ([a-z"\n');
    expect(onlyIssue(text)).toMatchObject({ path: "models.m.labels", ...at(text, '"^ROUTE') });
    expect(onlyIssue(text).message).toMatch(
      /^not a valid regular expression: .*Unterminated character class/,
    );
  });
});

describe("vpc", () => {
  it("accepts subnets and security groups", () => {
    const m = parse(
      oneModel("    vpc: { subnetIds: [subnet-0abc, subnet-1def], securityGroupIds: [sg-0123] }\n"),
    ).config.models[0]!;
    expect(m.vpc).toEqual({ subnetIds: ["subnet-0abc", "subnet-1def"], securityGroupIds: ["sg-0123"] });
  });

  it("rejects empty or too long lists, bad ids and a half VPC", () => {
    expect(onlyIssue(oneModel("    vpc: { subnetIds: [], securityGroupIds: [sg-1] }\n")).message).toBe(
      "give 1 to 16 subnet ids",
    );
    const seventeen = Array.from({ length: 17 }, (_, i) => `subnet-${i}`).join(", ");
    expect(
      onlyIssue(oneModel(`    vpc: { subnetIds: [${seventeen}], securityGroupIds: [sg-1] }\n`)).message,
    ).toBe("give 1 to 16 subnet ids");
    expect(onlyIssue(oneModel('    vpc: { subnetIds: ["subnet 1"], securityGroupIds: [sg-1] }\n')).path).toBe(
      "models.m.vpc.subnetIds[0]",
    );
    expect(onlyIssue(oneModel("    vpc: { subnetIds: [subnet-1] }\n"))).toMatchObject({
      path: "models.m.vpc.securityGroupIds",
      message: '"securityGroupIds" is required',
    });
  });
});

describe("catalog additions", () => {
  const withCatalog = (entries: string, fields: Partial<Record<string, string>> = {}, extra = "") =>
    `version: 1\ncatalog:\n${entries}\n${oneModel(extra, fields).slice("version: 1\n".length)}`;

  it("rejects extending an id the catalog does not have, suggesting the near one", () => {
    const text = withCatalog(`  - id: acme.x-v1:0\n    extends: anthropic.claude-3-haiku-20240307-v1:0:20k`);
    expect(onlyIssue(text)).toMatchObject({
      path: "catalog[0].extends",
      line: 4,
      column: 14,
      hint: `did you mean "${HAIKU}"? (entries extend built-in ids or ids added above them)`,
    });
  });

  it("points at a field of an entry that is wrong, from the schema", () => {
    const text = withCatalog(
      `  - id: acme.x-v1:0\n    extends: ${HAIKU}\n    regions: [US-EAST-1]\n    colour: red`,
    );
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.path, i.line, i.column])).toEqual([
      ["catalog[0].regions[0]", 5, 15],
      ["catalog[0].colour", 6, 5],
    ]);
  });

  it("rejects a new id without extends that lacks required fields, at the entry", () => {
    const text = withCatalog("  - id: acme.x-v1:0\n    name: X");
    const issue = onlyIssue(text);
    expect(issue).toMatchObject({ path: "catalog[0]", line: 3, column: 5 });
    expect(issue.message).toMatch(/^Catalog entry "acme\.x-v1:0" is invalid: provider: /);
    expect(issue.hint).toContain('add "extends: <id>"');
  });

  it("lets an entry extend one added above it, and a model use it", () => {
    const text = withCatalog(
      `  - id: acme.a-v1:0\n    extends: ${HAIKU}\n    regions: [eu-west-1]\n  - id: acme.b-v1:0\n    extends: acme.a-v1:0\n    name: B`,
      { baseModel: "acme.b-v1:0" },
      "    region: eu-west-1\n",
    );
    const m = parse(text).config.models[0]!;
    expect(m.baseModel).toMatchObject({ id: "acme.b-v1:0", name: "B", regions: ["eu-west-1"] });
  });

  it("reports a broken entry once, not again at each model using it", () => {
    const text = withCatalog(`  - id: acme.x-v1:0\n    extends: nope`, { baseModel: "acme.x-v1:0" });
    expect(issuesOf(text).map((i) => i.path)).toEqual(["catalog[0].extends"]);
  });

  it("overrides a built-in entry in place, e.g. a Region AWS has added", () => {
    const text = withCatalog(
      `  - id: ${HAIKU}\n    regions: [us-west-2, us-east-1]`,
      {},
      "    region: us-east-1\n",
    );
    expect(parse(text).config.models[0]!.region).toBe("us-east-1");
  });
});

describe("keys YAML reads as numbers or booleans", () => {
  it("asks to quote a model name or tag key that YAML would change", () => {
    const text = oneModel("    tags:\n      1.0: x\n").replace("  m:\n", "  007:\n");
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.path, i.line, i.column, i.message])).toEqual([
      ["models.7", 3, 3, "YAML reads the key 007 as 7"],
      ["models.7.tags.1", 9, 7, "YAML reads the key 1.0 as 1"],
    ]);
    expect(issues[0]!.hint).toBe('quote it ("007") to keep it as written.');
    accepts(oneModel().replace("  m:\n", '  "007":\n'));
    // A number that reads back the same is harmless.
    accepts(oneModel().replace("  m:\n", "  2024:\n"));
  });
});
