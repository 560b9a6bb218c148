import { claudeRules } from "./claude-format";
import { allConversationRules } from "./conversation-rules";
import { converseRules } from "./converse-format";
import { datasetRules } from "./dataset-rules";
import type { RuleMeta } from "./define";
import { distillationRules } from "./distillation-rules";
import { fileRules, jsonRules } from "./file-rules";
import { llamaRules } from "./llama-rules";
import { nova2Rules } from "./nova-2-rules";
import { novaRules } from "./nova-rules";
import { promptCompletionRules } from "./prompt-completion-format";
import { rftRules } from "./rft-format";
import { sensitiveRules } from "./sensitive";
import { tokenRules } from "./token-rules";

const at = (name: string) => `packages/core/src/rules/${name}`;

/**
 * Each rule set with the file that defines it and holds its check (docs/rules.md names the file), in
 * the order the docs and the config schema list them.
 */
export const RULE_SOURCES: readonly { file: string; rules: readonly RuleMeta[] }[] = [
  { file: at("file-rules.ts"), rules: [...Object.values(fileRules), ...Object.values(jsonRules)] },
  { file: at("claude-format.ts"), rules: Object.values(claudeRules) },
  { file: at("converse-format.ts"), rules: Object.values(converseRules) },
  { file: at("prompt-completion-format.ts"), rules: Object.values(promptCompletionRules) },
  { file: at("rft-format.ts"), rules: Object.values(rftRules) },
  { file: at("distillation-rules.ts"), rules: Object.values(distillationRules) },
  { file: at("conversation-rules.ts"), rules: allConversationRules },
  { file: at("nova-rules.ts"), rules: Object.values(novaRules) },
  { file: at("nova-2-rules.ts"), rules: Object.values(nova2Rules) },
  { file: at("llama-rules.ts"), rules: Object.values(llamaRules) },
  { file: at("token-rules.ts"), rules: Object.values(tokenRules) },
  { file: at("dataset-rules.ts"), rules: Object.values(datasetRules) },
  { file: at("sensitive.ts"), rules: Object.values(sensitiveRules) },
];

/** Every rule tunegate checks, by id: the one list the engine, the docs and the config schema read. */
export const ALL_RULES: readonly RuleMeta[] = RULE_SOURCES.flatMap((s) => s.rules);

const SOURCE_OF = new Map(RULE_SOURCES.flatMap((s) => s.rules.map((r) => [r.id, s.file] as const)));

/** The repository path of the file that defines a rule, or undefined for an unknown id. */
export function ruleSource(id: string): string | undefined {
  return SOURCE_OF.get(id);
}

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export function findRule(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}

export function getRule(id: string): RuleMeta {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`Unknown rule id "${id}"`);
  return rule;
}

export { datasetModel } from "./dataset-model";
export { distillationModel } from "./distillation-rules";
export { RFT_QUOTAS, reinforcementModel } from "./rft-format";
export { SECRET_PATTERNS, type SecretPattern } from "./secret-patterns";
export type { RuleMeta };
export {
  claudeRules,
  converseRules,
  datasetRules,
  distillationRules,
  fileRules,
  jsonRules,
  llamaRules,
  nova2Rules,
  novaRules,
  promptCompletionRules,
  rftRules,
  sensitiveRules,
  tokenRules,
};
