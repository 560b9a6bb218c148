import { describe, expect, it } from "vitest";
import { datasetKey } from "../src/index";

const SHA = "a".repeat(64);

describe("datasetKey", () => {
  it("lays datasets out as <prefix><model>/<sha256>/<role>.jsonl", () => {
    expect(datasetKey({ prefix: "tunegate/", model: "claude-3-haiku", sha256: SHA, role: "train" })).toBe(
      `tunegate/claude-3-haiku/${SHA}/train.jsonl`,
    );
    expect(datasetKey({ prefix: "", model: "nova-lite", sha256: SHA, role: "validation" })).toBe(
      `nova-lite/${SHA}/validation.jsonl`,
    );
  });

  it("rejects a hash that is not lowercase hex SHA-256, a bad role, and a model that is not one segment", () => {
    expect(() => datasetKey({ prefix: "", model: "m", sha256: SHA.toUpperCase(), role: "train" })).toThrow(
      /sha256/,
    );
    expect(() => datasetKey({ prefix: "", model: "m", sha256: "abc", role: "train" })).toThrow(/sha256/);
    // @ts-expect-error: a role outside the union, as untyped callers could pass
    expect(() => datasetKey({ prefix: "", model: "m", sha256: SHA, role: "test" })).toThrow(/role/);
    expect(() => datasetKey({ prefix: "", model: "a/b", sha256: SHA, role: "train" })).toThrow(/model/);
    expect(() => datasetKey({ prefix: "", model: "", sha256: SHA, role: "train" })).toThrow(/model/);
  });
});
