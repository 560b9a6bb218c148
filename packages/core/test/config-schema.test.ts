import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { ALL_RULES, BUILT_IN_MODELS, configJsonSchema } from "../src/index";

const FIXTURES = fileURLToPath(new URL("./fixtures/config/", import.meta.url));
const yamlFixture = (name: string): unknown => parseYaml(readFileSync(`${FIXTURES}${name}`, "utf8"));

type Json = Record<string, unknown>;
const schema = configJsonSchema();
const prop = (s: unknown, ...path: string[]): Json => {
  let cur = s as Json;
  for (const key of path) {
    const next =
      key === "*"
        ? (cur.additionalProperties as Json)
        : key === "[]"
          ? (cur.items as Json)
          : ((cur.properties as Json | undefined)?.[key] as Json);
    if (next === undefined) throw new Error(`no ${key} in ${JSON.stringify(Object.keys(cur))}`);
    cur = next;
  }
  return cur;
};

/** Strict ajv with the standard formats (`date`); union types (`["number", "string"]`) are plain draft-07. */
function strictAjv(allErrors = false): Ajv {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors });
  addFormats(ajv);
  return ajv;
}

function validator() {
  return strictAjv(true).compile(schema);
}

describe("configJsonSchema", () => {
  it("is a valid draft-07 JSON Schema that ajv compiles in strict mode", () => {
    const ajv = strictAjv();
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
    // Printable as the file `tunegate schema` writes.
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it("accepts the example config", () => {
    const validate = validator();
    expect(validate(yamlFixture("valid.yml")), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it("rejects unknown keys, a wrong version, a bad model name and wrong types", () => {
    const validate = validator();
    // invalid.yml misspells s3.prefix.
    expect(validate(yamlFixture("invalid.yml"))).toBe(false);
    expect(
      validate.errors?.some((e) => e.instancePath === "/defaults/s3" && e.keyword === "additionalProperties"),
    ).toBe(true);
    const valid = yamlFixture("valid.yml") as Json;
    const broken = (patch: (c: Json) => void) => {
      const copy = structuredClone(valid);
      patch(copy);
      return validate(copy);
    };
    expect(broken(() => {})).toBe(true);
    expect(broken((c) => (c.version = 2))).toBe(false);
    expect(broken((c) => (c.models = { Bad_Name: { training: "a.jsonl" } }))).toBe(false);
    expect(broken((c) => ((c.defaults as Json).region = "US-WEST-2"))).toBe(false);
    expect(broken((c) => ((c.defaults as Json).severities = { "dataset/no-such-rule": "error" }))).toBe(
      false,
    );
    expect(broken((c) => ((c.defaults as Json).severities = { "dataset/duplicate-record": "fatal" }))).toBe(
      false,
    );
    expect(broken((c) => ((c.defaults as Json).roleArn = "arn:aws:iam::1:user/x"))).toBe(false);
    expect(broken((c) => (((c.models as Json)["support-router"] as Json).training = "train.json"))).toBe(
      false,
    );
    expect(
      broken((c) => (((c.models as Json)["support-router"] as Json).hyperparameters = { epochCount: true })),
    ).toBe(false);
    expect(broken((c) => ((c.catalog as Json[])[0]!.colour = "red"))).toBe(false);
  });

  it("describes every field, so editors show help on hover", () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (node === null || typeof node !== "object") return;
      const n = node as Json;
      if (n.properties) {
        for (const [key, child] of Object.entries(n.properties as Json)) {
          if (typeof (child as Json).description !== "string") undocumented.push(`${path}.${key}`);
          walk(child, `${path}.${key}`);
        }
      }
      for (const key of ["additionalProperties", "items"])
        walk(n[key], `${path}${key === "items" ? "[]" : ".*"}`);
      for (const key of ["anyOf", "oneOf", "allOf"]) {
        for (const [i, child] of ((n[key] as unknown[]) ?? []).entries()) walk(child, `${path}|${i}`);
      }
    };
    walk(schema, "");
    expect(undocumented).toEqual([]);
    expect(typeof schema.description).toBe("string");
  });

  it("keys models by the model-name pattern", () => {
    const models = prop(schema, "models");
    expect(models.propertyNames).toEqual({ type: "string", pattern: "^[a-z0-9][a-z0-9-]{0,39}$" });
    expect(prop(models, "*").required).toBeUndefined();
  });

  it("lists every rule id under severities, with the four severities", () => {
    const severities = prop(schema, "defaults", "severities");
    expect(Object.keys(severities.properties as Json).sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
    expect(severities.additionalProperties).toBe(false);
    expect(prop(severities, "dataset/duplicate-record").enum).toEqual(["error", "warning", "notice", "off"]);
  });

  it("suggests the built-in base models and still takes other ids (the catalog can grow)", () => {
    const baseModel = prop(schema, "models", "*", "baseModel");
    expect(baseModel.examples).toEqual(BUILT_IN_MODELS.map((m) => m.id));
    expect(baseModel.type).toBe("string");
    expect(baseModel.enum).toBeUndefined();
  });

  it("offers the catalog's hyperparameter names with their ranges, and takes others", () => {
    const hp = prop(schema, "models", "*", "hyperparameters");
    expect(Object.keys(hp.properties as Json)).toEqual(
      expect.arrayContaining(["epochCount", "batchSize", "learningRateMultiplier", "learningRate"]),
    );
    expect(String(prop(hp, "batchSize").description)).toContain(
      "Claude 3 Haiku: integer 4 to 256, default 32",
    );
    expect(hp.additionalProperties).toBeTruthy();
  });
});
