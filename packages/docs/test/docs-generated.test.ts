import { readFileSync } from "node:fs";
import { ALL_RULES } from "@tunegate/core";
import { describe, expect, it } from "vitest";
import { generatedDocs } from "../src/index";

const root = new URL("../../../", import.meta.url);

describe("generated documentation", () => {
  it.each(Object.entries(generatedDocs()))(
    "%s is up to date (run `npm run docs` if not)",
    (path, content) => {
      expect(readFileSync(new URL(path, root), "utf8")).toBe(content);
    },
  );

  it("every rule has a title, a hint and an example of a failing record and its fix", () => {
    expect(new Set(ALL_RULES.map((r) => r.id)).size).toBe(ALL_RULES.length);
    for (const rule of ALL_RULES) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9-]*\/[a-z0-9-]+$/);
      expect(rule.title.length, rule.id).toBeGreaterThan(10);
      expect(rule.hint.length, rule.id).toBeGreaterThan(10);
      expect(rule.example?.bad, rule.id).toBeTruthy();
      expect(rule.example?.good, rule.id).not.toBe(rule.example?.bad);
    }
  });
});
