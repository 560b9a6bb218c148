import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, type Tags, type YAMLMap, type YAMLSeq } from "yaml";

/**
 * Offline checks of docs/aws/tunegate.cfn.yml (no AWS is reachable here; `aws cloudformation
 * validate-template` is the check to run with an account): every reference resolves, and every policy
 * statement grants exactly the actions docs/aws-setup.md gives the statement of the same Sid, so the
 * template and the page that explains it cannot drift apart.
 */

export const TEMPLATE = "docs/aws/tunegate.cfn.yml";
export const SETUP_PAGE = "docs/aws-setup.md";

/** An intrinsic function as the template writes it: `!Ref X` becomes { fn: "Ref", args: "X" }. */
interface Intrinsic {
  fn: string;
  args: unknown;
}

const SHORT_FORMS = ["Ref", "Sub", "GetAtt", "If", "Equals", "Not", "And", "Or", "Join", "Select", "Split"];

function intrinsicTags(): Tags {
  return SHORT_FORMS.flatMap((fn) => [
    {
      tag: `!${fn}`,
      resolve: (value: string) => ({ fn, args: value }),
    },
    {
      tag: `!${fn}`,
      collection: "seq" as const,
      resolve: (seq: YAMLSeq) => ({ fn, args: seq.toJSON() }),
    },
    {
      tag: `!${fn}`,
      collection: "map" as const,
      resolve: (map: YAMLMap) => ({ fn, args: map.toJSON() }),
    },
  ]) as unknown as Tags;
}

export interface Template {
  Parameters?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, { Type: string; Condition?: string; Properties?: Record<string, unknown> }>;
  Outputs?: Record<string, unknown>;
}

export function parseTemplate(text: string): Template {
  return parse(text, { customTags: intrinsicTags() }) as Template;
}

const PSEUDO = new Set([
  "AWS::AccountId",
  "AWS::Region",
  "AWS::Partition",
  "AWS::StackName",
  "AWS::StackId",
  "AWS::URLSuffix",
  "AWS::NoValue",
]);

const isIntrinsic = (v: unknown): v is Intrinsic =>
  typeof v === "object" && v !== null && "fn" in v && "args" in v && Object.keys(v).length === 2;

/** References that resolve to nothing: a Ref, GetAtt, Sub variable or condition name not defined. */
export function unresolvedReferences(template: Template): string[] {
  const names = new Set([...Object.keys(template.Parameters ?? {}), ...Object.keys(template.Resources)]);
  const conditions = new Set(Object.keys(template.Conditions ?? {}));
  const problems: string[] = [];
  const known = (name: string) => PSEUDO.has(name) || names.has(name.split(".")[0]!);
  const visit = (value: unknown, where: string): void => {
    if (isIntrinsic(value)) {
      const { fn, args } = value;
      if (fn === "Ref" && !known(String(args))) problems.push(`${where}: !Ref ${args}`);
      if (fn === "GetAtt") {
        const target = Array.isArray(args) ? String(args[0]) : String(args).split(".")[0]!;
        if (!names.has(target)) problems.push(`${where}: !GetAtt ${target}`);
      }
      if (fn === "Sub") {
        const text = Array.isArray(args) ? String(args[0]) : String(args);
        for (const [, variable] of text.matchAll(/\$\{([^}!]+)\}/g)) {
          if (!known(variable!)) problems.push(`${where}: \${${variable}} in !Sub`);
        }
      }
      if (fn === "If") {
        const condition = (args as unknown[])[0];
        if (!conditions.has(String(condition))) problems.push(`${where}: condition ${condition}`);
      }
      visit(args, where);
      return;
    }
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, `${where}[${i}]`);
    } else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (
          k === "Condition" &&
          typeof v === "string" &&
          where.split(".").length === 2 &&
          !conditions.has(v)
        ) {
          problems.push(`${where}: condition ${v}`);
        }
        visit(v, `${where}.${k}`);
      }
    }
  };
  visit(template.Resources, "Resources");
  visit(template.Outputs ?? {}, "Outputs");
  visit(template.Conditions ?? {}, "Conditions");
  return problems;
}

/** Actions by statement Sid, in the template's IAM policies (a conditional statement counts as present). */
export function templateStatements(template: Template): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const visit = (value: unknown): void => {
    if (isIntrinsic(value)) {
      visit(value.args);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== "object" || value === null) return;
    const record = value as Record<string, unknown>;
    if (typeof record.Sid === "string" && "Action" in record) {
      const actions = Array.isArray(record.Action) ? record.Action : [record.Action];
      out.set(record.Sid, actions.map(String).sort());
    }
    for (const item of Object.values(record)) visit(item);
  };
  for (const resource of Object.values(template.Resources)) visit(resource.Properties);
  return out;
}

/** Actions by statement Sid, in the JSON policy blocks of docs/aws-setup.md. */
export function pageStatements(markdown: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [, block] of markdown.matchAll(/```json\n([\s\S]*?)```/g)) {
    const policy = JSON.parse(block!) as { Statement?: { Sid?: string; Action: string | string[] }[] };
    for (const statement of policy.Statement ?? []) {
      if (!statement.Sid) continue;
      const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
      out.set(statement.Sid, [...actions].sort());
    }
  }
  return out;
}

/** Where the template and docs/aws-setup.md disagree on a statement both have, or one lacks. */
export function policyDrift(root: string): string[] {
  const template = parseTemplate(readFileSync(join(root, TEMPLATE), "utf8"));
  const fromTemplate = templateStatements(template);
  const fromPage = pageStatements(readFileSync(join(root, SETUP_PAGE), "utf8"));
  const problems: string[] = [];
  for (const [sid, actions] of fromPage) {
    const other = fromTemplate.get(sid);
    if (!other) problems.push(`${SETUP_PAGE} has statement ${sid}; ${TEMPLATE} does not`);
    else if (other.join(",") !== actions.join(",")) {
      problems.push(
        `${sid}: ${SETUP_PAGE} grants ${actions.join(", ")}; ${TEMPLATE} grants ${other.join(", ")}`,
      );
    }
  }
  for (const sid of fromTemplate.keys()) {
    if (!fromPage.has(sid))
      problems.push(`${TEMPLATE} has statement ${sid}; ${SETUP_PAGE} does not explain it`);
  }
  return problems;
}
