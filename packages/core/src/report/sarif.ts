import type * as Sarif from "sarif";
import type { ValidationReport } from "../dataset/validate";
import { formatCount } from "../format-count";
import type { Problem, Severity } from "../problem";
import { fileRules } from "../rules/file-rules";
import { ALL_RULES, type RuleMeta } from "../rules/index";
import { sha256Hex } from "../sha256";
import { isAbsolutePath, toRepositoryPath } from "./paths";

/**
 * The subset of SARIF 2.1.0 tunegate writes: what GitHub code scanning reads
 * (docs.github.com, "SARIF support for code scanning"). The shapes are the SARIF schema's own
 * (`@types/sarif`), with the fields tunegate always writes made required so readers need no checks.
 */
export type SarifLevel = Extract<Sarif.Result.level, "error" | "warning" | "note">;

export interface SarifMessage extends Sarif.Message {
  text: string;
}

export interface SarifRule extends Sarif.ReportingDescriptor {
  name: string;
  shortDescription: SarifMessage;
  fullDescription: SarifMessage;
  help: SarifMessage;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

export interface SarifArtifactLocation extends Sarif.ArtifactLocation {
  uri: string;
}

export interface SarifResult extends Sarif.Result {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: SarifMessage;
  locations: {
    physicalLocation: {
      artifactLocation: SarifArtifactLocation;
      region: { startLine: number; startColumn: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
}

export interface SarifDriver extends Sarif.ToolComponent {
  version: string;
  informationUri: string;
  rules: SarifRule[];
}

export interface SarifRun extends Sarif.Run {
  tool: { driver: SarifDriver };
  columnKind: "utf16CodeUnits";
  results: SarifResult[];
  properties: Record<string, unknown>;
}

export interface SarifLog extends Sarif.Log {
  $schema: string;
  runs: SarifRun[];
}

export interface SarifOptions {
  toolVersion: string;
  /** The tool's home page, shown by code scanning. */
  informationUri?: string;
}

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
const DEFAULT_INFORMATION_URI = "https://www.npmjs.com/package/tunegate";
/** Key of tunegate's own fingerprint; GitHub adds its `primaryLocationLineHash` from the file. */
export const FINGERPRINT_KEY = "tunegateProblem/v1";

const LEVEL: Record<Severity, SarifLevel> = { error: "error", warning: "warning", notice: "note" };

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule tunegate has (so `ruleIndex` is stable across
 * runs), and one result per listed problem, located by file, line and column. Unlike annotations,
 * code scanning shows every result, so nothing is ranked away here.
 */
export function toSarif(report: ValidationReport, options: SarifOptions): SarifLog {
  const rules = ALL_RULES.map(toSarifRule);
  const index = new Map(ALL_RULES.map((r, i) => [r.id, i]));
  const ruleIndexOf = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      // A rule outside ALL_RULES still needs an entry for code scanning to show its results.
      i = rules.length;
      index.set(id, i);
      rules.push(toSarifRule({ id, severity: "warning", title: id, hint: "" }));
    }
    return i;
  };

  const occurrences = new Map<string, number>();
  const results: SarifResult[] = [];
  for (const file of report.files) {
    const problems: Problem[] = [...file.problems];
    if (file.omitted > 0) {
      problems.push({
        rule: fileRules.tooManyProblems.id,
        severity: "notice",
        file: file.path,
        line: 1,
        column: 1,
        path: "",
        message: `${formatCount(file.omitted)} more problems were found in this file but not listed.`,
        hint: fileRules.tooManyProblems.hint,
      });
    }
    for (const p of problems) {
      const location = artifactLocation(p.file);
      const identity = [p.rule, location.uri, p.path, stableMessage(p.message)].join("\u0000");
      const n = (occurrences.get(identity) ?? 0) + 1;
      occurrences.set(identity, n);
      results.push({
        ruleId: p.rule,
        ruleIndex: ruleIndexOf(p.rule),
        level: LEVEL[p.severity],
        message: { text: [p.message, p.path ? `At ${p.path}.` : "", p.hint].filter(Boolean).join(" ") },
        locations: [
          {
            physicalLocation: {
              artifactLocation: location,
              region: { startLine: Math.max(1, p.line), startColumn: Math.max(1, p.column) },
            },
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: `${sha256Hex(identity).slice(0, 32)}:${n}` },
        ...(p.path ? { properties: { jsonPath: p.path } } : {}),
      });
    }
  }

  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "tunegate",
            version: options.toolVersion,
            informationUri: options.informationUri ?? DEFAULT_INFORMATION_URI,
            rules,
          },
        },
        columnKind: "utf16CodeUnits",
        results,
        properties: { baseModel: { ...report.model }, summary: { ...report.summary } },
      },
    ],
  };
}

function toSarifRule(rule: RuleMeta): SarifRule {
  const formats = rule.formats ? ` Applies to the ${rule.formats.join(", ")} record format.` : "";
  const example = rule.example
    ? `\n\nExample that fails:\n\n\`\`\`\n${rule.example.bad}\n\`\`\`\n\nFixed:\n\n\`\`\`\n${rule.example.good}\n\`\`\``
    : "";
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: `${rule.title}.${formats}` },
    help: {
      text: rule.example
        ? `${rule.hint}\nExample that fails: ${rule.example.bad}\nFixed: ${rule.example.good}`
        : rule.hint || rule.title,
      markdown: `${rule.hint || rule.title}${example}`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ["dataset", rule.id.split("/")[0]!] },
  };
}

/** `claude/roles-alternate` -> `ClaudeRolesAlternate`: SARIF names are identifiers, ids may not be. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

function artifactLocation(file: string): SarifArtifactLocation {
  const path = toRepositoryPath(file);
  if (isAbsolutePath(path)) {
    const withRoot = path.startsWith("/") ? path : `/${path}`;
    return { uri: `file://${encodeURI(withRoot)}` };
  }
  return { uri: encodeURI(path), uriBaseId: "%SRCROOT%" };
}

/**
 * The message without references to other lines ("repeats line 12", "at train.jsonl:40"), so a
 * result keeps its fingerprint when records are added above it.
 */
function stableMessage(message: string): string {
  return message.replace(/\b(lines?) [\d,]+/gi, "$1 #").replace(/(\S):\d+\b/g, "$1:#");
}
