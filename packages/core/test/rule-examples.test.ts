import { describe, expect, it } from "vitest";
import {
  ALL_RULES,
  distillationModel,
  type RuleMeta,
  reinforcementModel,
  resolveCatalog,
} from "../src/index";
import { validateDatasets } from "./engine";
import { tempFile } from "./support";

describe("rule examples are true", () => {
  const catalog = resolveCatalog([
    // The prompt/completion reserved-string example uses a string a catalog entry could reserve.
    { id: "amazon.titan-text-express-v1:0:8k", reservedStrings: { values: ["[EOS]"], source: "test" } },
  ]);
  const modelFor = (rule: RuleMeta) => {
    const format = rule.formats?.[0] ?? "claude-messages";
    if (format === "prompt-completion") return catalog.get("amazon.titan-text-express-v1:0:8k");
    if (format === "rft-chat") return reinforcementModel(catalog.get("amazon.nova-lite-v1:0:300k"));
    // A family's rules are checked against a model of that family (nova-2/... against Nova 2 Lite).
    const family = rule.id.split("/")[0];
    // Distillation prompts, for a student that takes single-turn prompts.
    if (family === "distillation")
      return distillationModel(catalog.get("meta.llama3-2-1b-instruct-v1:0:128k"));
    const ofFamily = catalog.models.find((m) => m.family === family && m.format === format);
    return (
      ofFamily ??
      catalog.models.find((m) => m.format === format && (format !== "bedrock-conversation-2024" || m.media))!
    );
  };
  // Examples written as JSON lines can be checked; the others describe files in words.
  const checkable = ALL_RULES.filter((r) => r.example && [r.example.bad, r.example.good].every(isJsonLines));

  it("most examples are JSON records that can be checked", () => {
    expect(checkable.length).toBeGreaterThanOrEqual(37);
  });

  it.each(checkable.map((r) => [r.id, r] as const))(
    "%s: the failing example fails it, the fix passes it",
    async (_id, rule) => {
      const model = modelFor(rule);
      const run = async (content: string) => {
        const report = await validateDatasets([{ path: tempFile(`${content}\n`), role: "train" }], { model });
        return report.files[0]!.problems.map((p) => p.rule);
      };
      expect(await run(rule.example!.bad)).toContain(rule.id);
      expect(await run(rule.example!.good)).not.toContain(rule.id);
    },
  );
});

function isJsonLines(text: string): boolean {
  return text.split("\n").every((line) => {
    try {
      return typeof JSON.parse(line) === "object";
    } catch {
      return false;
    }
  });
}
