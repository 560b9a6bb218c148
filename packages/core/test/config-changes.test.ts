import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  changedModels,
  datasetsOf,
  modelFingerprint,
  parseConfig,
  type ResolvedConfig,
  type ResolvedModel,
} from "../src/index";

const FIXTURES = fileURLToPath(new URL("./fixtures/config/", import.meta.url));
const VALID = readFileSync(`${FIXTURES}valid.yml`, "utf8");
const BEFORE_EOL = new Date("2026-01-01T00:00:00Z");

const resolve = (text: string, path = "/repo/tunegate.yml"): ResolvedConfig =>
  parseConfig(text, { path, today: BEFORE_EOL }).config;
const byName = (config: ResolvedConfig, name: string): ResolvedModel => {
  const m = config.models.find((x) => x.name === name);
  if (!m) throw new Error(`no model ${name}`);
  return m;
};

describe("datasetsOf", () => {
  const config = resolve(VALID);

  it("lists training then validation, relative to the config's directory", () => {
    expect(datasetsOf(byName(config, "support-router"))).toEqual([
      { path: "datasets/support-router/train.jsonl", role: "train" },
      { path: "datasets/support-router/validation.jsonl", role: "validation" },
    ]);
    expect(datasetsOf(byName(config, "router-next"))).toEqual([
      { path: "datasets/support-router/train.jsonl", role: "train" },
    ]);
  });

  it("with a root, gives absolute paths to read and keeps the relative one as the name", () => {
    expect(datasetsOf(byName(config, "router-next"), "/repo")).toEqual([
      {
        path: "/repo/datasets/support-router/train.jsonl",
        role: "train",
        name: "datasets/support-router/train.jsonl",
      },
    ]);
  });
});

describe("changedModels", () => {
  const config = resolve(VALID);
  const names = (changes: ReturnType<typeof changedModels>) => changes.map((c) => c.model.name);

  it("finds the models whose training, validation or evaluation set changed", () => {
    expect(names(changedModels(config, ["datasets/support-router/train.jsonl"]))).toEqual([
      "support-router",
      "router-next",
    ]);
    expect(names(changedModels(config, ["datasets/support-router/validation.jsonl"]))).toEqual([
      "support-router",
    ]);
    expect(names(changedModels(config, ["datasets/support-router/eval.jsonl"]))).toEqual(["support-router"]);
    expect(changedModels(config, ["README.md", "datasets/other/train.jsonl"])).toEqual([]);
  });

  it("reports which of the changed paths concern each model, as given", () => {
    const [first] = changedModels(config, ["./datasets/support-router/validation.jsonl", "README.md"]);
    expect(first).toMatchObject({
      paths: ["./datasets/support-router/validation.jsonl"],
      configChanged: false,
    });
  });

  it("counts every model as changed when the config file changed", () => {
    const changes = changedModels(config, ["tunegate.yml"]);
    expect(names(changes)).toEqual(["support-router", "router-next"]);
    expect(changes.every((c) => c.configChanged && c.paths[0] === "tunegate.yml")).toBe(true);
  });

  it("maps paths when the config lives in a subdirectory of the repository", () => {
    const nested = resolve(VALID, "/repo/ml/tunegate.yml");
    const options = { repositoryRoot: "/repo" };
    expect(names(changedModels(nested, ["ml/datasets/support-router/eval.jsonl"], options))).toEqual([
      "support-router",
    ]);
    expect(changedModels(nested, ["datasets/support-router/eval.jsonl"], options)).toEqual([]);
    expect(changedModels(nested, ["ml/tunegate.yml"], options)).toHaveLength(2);
    // Windows-style separators from a tool still match.
    expect(names(changedModels(nested, ["ml\\datasets\\support-router\\eval.jsonl"], options))).toEqual([
      "support-router",
    ]);
  });
});

describe("modelFingerprint", () => {
  const base = VALID;
  const fingerprint = (text: string, name = "support-router") =>
    modelFingerprint(byName(resolve(text), name));

  it("is stable JSON of what decides the training", () => {
    const fp = fingerprint(base);
    expect(fp).toBe(fingerprint(base));
    const parsed = JSON.parse(fp);
    expect(parsed).toMatchObject({
      name: "support-router",
      baseModel: "anthropic.claude-3-haiku-20240307-v1:0:200k",
      region: "us-west-2",
      training: "datasets/support-router/train.jsonl",
      hyperparameters: { epochCount: "3", batchSize: "16", learningRateMultiplier: "0.5" },
      s3: { bucket: "my-ft-data", prefix: "tunegate/" },
    });
    // Keys sorted at every level: the text does not depend on the order the file lists them in.
    expect(Object.keys(parsed)).toEqual([...Object.keys(parsed)].sort());
  });

  it("does not change when only the order of keys, severities, labels or the evaluation set change", () => {
    const reordered = base.replace(
      '      epochCount: 3\n      batchSize: "16"\n',
      "      batchSize: 16\n      epochCount: 3\n",
    );
    expect(reordered).not.toBe(base);
    expect(fingerprint(reordered)).toBe(fingerprint(base));
    const checksOnly = base
      .replace("dataset/duplicate-record: error", "dataset/duplicate-record: notice")
      .replace('labels: "^ROUTE: (\\\\S+)"', 'labels: "^ROUTE: (\\\\w+)"')
      .replace("datasets/support-router/eval.jsonl", "datasets/support-router/eval2.jsonl");
    expect(checksOnly).not.toBe(base);
    expect(fingerprint(checksOnly)).toBe(fingerprint(base));
  });

  it("does not change when a default is written out explicitly", () => {
    const explicit = base.replace(
      "      learningRateMultiplier: 0.5\n",
      "      learningRateMultiplier: 0.5\n      earlyStoppingPatience: 2\n",
    );
    expect(fingerprint(explicit)).toBe(fingerprint(base));
  });

  it.each([
    ["a hyperparameter", "      epochCount: 3\n", "      epochCount: 4\n"],
    [
      "the training set",
      "    training: datasets/support-router/train.jsonl\n    validation",
      "    training: datasets/support-router/train2.jsonl\n    validation",
    ],
    [
      "the validation set",
      "validation: ./datasets/support-router/validation.jsonl",
      "validation: datasets/v2.jsonl",
    ],
    ["a tag", "team: support", "team: billing"],
    ["the role", "role/BedrockFineTuning", "role/Other"],
    ["the prefix", "prefix: tunegate", "prefix: other"],
  ])("changes with %s", (_what, from, to) => {
    const changed = base.replace(from, to);
    expect(changed).not.toBe(base);
    expect(fingerprint(changed)).not.toBe(fingerprint(base));
  });
});
