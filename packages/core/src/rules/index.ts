import { claudeRules } from "./claude-format";
import { allConversationRules } from "./conversation-rules";
import { converseRules } from "./converse-format";
import { datasetRules } from "./dataset-rules";
import type { RuleMeta } from "./define";
import { fileRules, jsonRules } from "./file-rules";
import { llamaRules } from "./llama-rules";
import { nova2Rules } from "./nova-2-rules";
import { novaRules } from "./nova-rules";
import { promptCompletionRules } from "./prompt-completion-format";
import { rftRules } from "./rft-format";
import { sensitiveRules } from "./sensitive";
import { tokenRules } from "./token-rules";

/** Every rule tunegate checks, by id: the one list the engine, the docs and the config schema read. */
export const ALL_RULES: readonly RuleMeta[] = [
  ...Object.values(fileRules),
  ...Object.values(jsonRules),
  ...Object.values(claudeRules),
  ...Object.values(converseRules),
  ...Object.values(promptCompletionRules),
  ...Object.values(rftRules),
  ...allConversationRules,
  ...Object.values(novaRules),
  ...Object.values(nova2Rules),
  ...Object.values(llamaRules),
  ...Object.values(tokenRules),
  ...Object.values(datasetRules),
  ...Object.values(sensitiveRules),
];

const BY_ID = new Map(ALL_RULES.map((r) => [r.id, r]));

export function findRule(id: string): RuleMeta | undefined {
  return BY_ID.get(id);
}

export function getRule(id: string): RuleMeta {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`Unknown rule id "${id}"`);
  return rule;
}

export { RFT_QUOTAS, reinforcementModel } from "./rft-format";
export type { RuleMeta };
export {
  claudeRules,
  converseRules,
  datasetRules,
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
