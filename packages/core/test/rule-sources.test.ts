import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_RULES, RULE_SOURCES, ruleSource } from "../src/index";

const repository = join(import.meta.dirname, "../../..");

describe("RULE_SOURCES", () => {
  it("names, for every rule, a file that defines rules and exports the set", () => {
    for (const { file, rules } of RULE_SOURCES) {
      const text = readFileSync(join(repository, file), "utf8");
      expect(text, file).toContain("defineRule(");
      expect(rules.length, file).toBeGreaterThan(0);
    }
    expect(ruleSource("file/crlf")).toBe("packages/core/src/rules/file-rules.ts");
    expect(ruleSource("tokens/record-limit")).toBe("packages/core/src/rules/token-rules.ts");
    expect(ruleSource("no/such-rule")).toBeUndefined();
  });

  it("gives every rule exactly one source", () => {
    expect(ALL_RULES.every((r) => ruleSource(r.id) !== undefined)).toBe(true);
    const ids = RULE_SOURCES.flatMap((s) => s.rules.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
