// The model-driven pieces on a small synthetic model: traits the Bedrock models use only in passing.
import { describe, expect, test } from "vitest";
import { InputDecoder } from "../src/smithy/decode.js";
import { validationMessage } from "../src/smithy/errors.js";
import { ShapeIndex, type SmithyModel } from "../src/smithy/model.js";
import { ConstraintValidator } from "../src/smithy/validate.js";

const MODEL: SmithyModel = {
  smithy: "2.0",
  shapes: {
    "test#Service": { type: "service" },
    "test#Op": {
      type: "operation",
      input: { target: "test#Input" },
      traits: { "smithy.api#http": { method: "POST", uri: "/things/{id}", code: 200 } },
    },
    "test#Input": {
      type: "structure",
      members: {
        id: {
          target: "smithy.api#String",
          traits: { "smithy.api#httpLabel": {}, "smithy.api#required": {} },
        },
        code: { target: "test#Code" },
        labels: { target: "test#Labels" },
        size: { target: "smithy.api#Integer", traits: { "smithy.api#range": { min: 1, max: 5 } } },
        secret: { target: "test#Secret" },
        legacy: { target: "test#Legacy" },
        renamed: { target: "smithy.api#String", traits: { "smithy.api#jsonName": "Renamed" } },
        when: { target: "smithy.api#Timestamp" },
      },
    },
    // Smithy patterns are not anchored: "[a-z]+" accepts any value that contains a lower-case letter.
    "test#Code": { type: "string", traits: { "smithy.api#pattern": "[a-z]+" } },
    "test#Labels": {
      type: "map",
      key: { target: "test#Key" },
      value: { target: "test#Value" },
      traits: { "smithy.api#length": { max: 2 } },
    },
    "test#Key": { type: "string", traits: { "smithy.api#length": { min: 2 } } },
    "test#Value": { type: "string", traits: { "smithy.api#length": { max: 3 } } },
    "test#Secret": {
      type: "string",
      traits: { "smithy.api#sensitive": {}, "smithy.api#length": { max: 2 } },
    },
    "test#Legacy": { type: "string", traits: { "smithy.api#enum": [{ value: "A" }, { value: "B" }] } },
  },
};

const index = new ShapeIndex(MODEL);
const validator = new ConstraintValidator(index);
const check = (input: Record<string, unknown>) =>
  validationMessage(validator.validateStructure("test#Input", { id: "x", ...input }));

describe("constraint validation", () => {
  test("patterns match anywhere unless anchored", () => {
    expect(validator.validateStructure("test#Input", { id: "x", code: "ABCa" })).toEqual([]);
    expect(check({ code: "ABC" })).toBe(
      "1 validation error detected: Value 'ABC' at 'code' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+",
    );
  });

  test("map keys and values are reported once each for the map", () => {
    expect(check({ labels: { k: "long" } })).toBe(
      "2 validation errors detected: " +
        "Value '{k=long}' at 'labels' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length greater than or equal to 2]; " +
        "Value '{k=long}' at 'labels' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 3]",
    );
    expect(check({ labels: { aa: "1", bb: "2", cc: "3" } })).toContain(
      "Member must have length less than or equal to 2",
    );
  });

  test("sensitive values stay out of the message; lengths count code points", () => {
    expect(check({ secret: "abc" })).toBe(
      "1 validation error detected: Value at 'secret' failed to satisfy constraint: Member must have length less than or equal to 2",
    );
    expect(validator.validateStructure("test#Input", { id: "x", secret: "😀😀" })).toEqual([]);
  });

  test("ranges and legacy enum traits", () => {
    expect(check({ size: 6, legacy: "C" })).toBe(
      "2 validation errors detected: " +
        "Value '6' at 'size' failed to satisfy constraint: Member must have value less than or equal to 5; " +
        "Value 'C' at 'legacy' failed to satisfy constraint: Member must satisfy enum value set: [A, B]",
    );
  });

  test("required members", () => {
    expect(validationMessage(validator.validateStructure("test#Input", {}))).toBe(
      "1 validation error detected: Value null at 'id' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe("request decoding", () => {
  const decoder = new InputDecoder(index, { unknownMembers: "reject" });
  const operation = index.operation("Op");
  const decode = (body: unknown) =>
    decoder.decode(operation, {
      labels: { id: "a/b" },
      query: new URLSearchParams(),
      headers: {},
      body: Buffer.from(JSON.stringify(body)),
    });

  test("labels, jsonName and epoch-seconds timestamps", () => {
    expect(decode({ Renamed: "yes", when: 1_700_000_000.5 })).toEqual({
      id: "a/b",
      renamed: "yes",
      when: new Date(1_700_000_000_500),
    });
  });

  test("the member name is not accepted in place of its jsonName", () => {
    expect(() => decode({ renamed: "no" })).toThrow('Unrecognized field "renamed"');
  });

  test("wrong JSON types are serialization errors", () => {
    expect(() => decode({ size: "3" })).toThrow(
      "STRING_VALUE can not be converted to an Integer (at 'size')",
    );
    expect(() => decode({ size: 2.5 })).toThrow("NUMBER_VALUE can not be converted to an Integer");
    expect(() => decode({ labels: ["a"] })).toThrow("Start of list found where not expected (at 'labels')");
    expect(() => decode({ code: { a: 1 } })).toThrow("Start of structure or map found where not expected");
  });

  test("unknown members can be ignored, as AWS does", () => {
    const lenient = new InputDecoder(index, { unknownMembers: "ignore" });
    const input = lenient.decode(operation, {
      labels: { id: "x" },
      query: new URLSearchParams(),
      headers: {},
      body: Buffer.from(JSON.stringify({ nope: 1, code: "a" })),
    });
    expect(input).toEqual({ id: "x", code: "a" });
  });
});
