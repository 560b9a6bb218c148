import {
  ALL_RULES,
  type RuleMeta,
  ruleSource,
  SECRET_PATTERNS,
  SYSTEMATIC_MIN_RECORDS,
  SYSTEMATIC_SHARE,
  sensitiveRules,
} from "@tunegate/core";

const FORMAT_NAMES: Record<string, string> = {
  "claude-messages": "Claude (system + messages)",
  "bedrock-conversation-2024": "converse (Nova, Llama 3.2/3.3)",
  "prompt-completion": "prompt/completion (Titan, Llama 3.1)",
};

const family = (id: string) => id.slice(0, id.indexOf("/"));

/** docs/rules.md: every rule with its severity, what it checks, a failing example and the fix. */
export function rulesMarkdown(rules: readonly RuleMeta[] = ALL_RULES): string {
  const out: string[] = [
    "# Validation rules",
    "",
    "<!-- Generated from packages/core/src/rules by `npm run docs`. Do not edit by hand. -->",
    "",
    "Every problem tunegate reports carries one of these rule ids, a severity, the file, line and column,",
    "the JSON path inside the record, a message and a hint. Change a rule's severity in `tunegate.yml`",
    '(`severities: { "dataset/duplicate-record": error }`, or `off`) or on the command line',
    "(`tunegate validate --severity dataset/duplicate-record=error`).",
    "",
    `A problem is **systematic** when the same rule, at the same severity, is on at least ${SYSTEMATIC_SHARE * 100}% of a file's`,
    `records and on ${SYSTEMATIC_MIN_RECORDS} or more: the terminal report, the annotations and the pull request comment then`,
    "show it once, at its first line, with how many records have it and their first lines. The JSON report and",
    "SARIF keep every problem, for tools. (Counted over the problems listed: a file with more problems than",
    "the listing limit is judged on the listed ones.)",
    "",
    "| rule | default severity | checks |",
    "| --- | --- | --- |",
    ...rules.map((r) => `| [\`${r.id}\`](#${anchor(r.id)}) | ${r.severity} | ${r.title} |`),
    "",
  ];
  let current = "";
  for (const rule of rules) {
    const f = family(rule.id);
    if (f !== current) {
      current = f;
      out.push(`## ${f}`, "");
    }
    out.push(`### ${rule.id}`, "");
    out.push(`${rule.title}. Default severity: **${rule.severity}**.`);
    if (rule.formats) {
      out.push(`Applies to: ${rule.formats.map((fmt) => FORMAT_NAMES[fmt] ?? fmt).join(", ")}.`);
    }
    const source = ruleSource(rule.id);
    if (source) out.push(`Defined in [\`${source}\`](../${source}).`);
    out.push("", `**Fix:** ${rule.hint}`, "");
    if (rule.example) {
      out.push("Failing:", "", fence(rule.example.bad), "", "Fixed:", "", fence(rule.example.good), "");
    }
    if (rule.id === sensitiveRules.secret.id) out.push(...secretFormats());
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** The credential formats the secret rule finds, each with the upstream rule it comes from. */
function secretFormats(): string[] {
  return [
    "Formats found, taken from maintained secret-scanner rule sets (every match is masked in every output):",
    "",
    "| format | upstream rule | rule set (license) |",
    "| --- | --- | --- |",
    ...SECRET_PATTERNS.map(
      (p) =>
        `| ${p.kind} | [\`${p.source.rule}\`](${p.source.url}) | ${p.source.url.includes("gitleaks") ? "gitleaks" : "detect-secrets"} (${p.source.license}) |`,
    ),
    "",
  ];
}

function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 -]/g, "");
}

/** A JSON record in a json block; a description of a file in a text block. */
function fence(text: string): string {
  const lang = text.startsWith("{") || text.startsWith("[") ? "json" : "text";
  return `\`\`\`${lang}\n${text}\n\`\`\``;
}
