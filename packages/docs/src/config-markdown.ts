import { configJsonSchema } from "@tunegate/core";

/**
 * docs/configuration.md and tunegate.schema.json, both from `configJsonSchema()`: the JSON Schema is
 * generated from the zod schema the loader uses, so the reference, the file editors read and the checks
 * `tunegate validate` runs cannot disagree.
 */

type Schema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  description?: string;
  title?: string;
  examples?: unknown[];
  default?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  maxItems?: number;
};

/** Where editors find the schema: the file at the repository root of a tunegate release. */
export const SCHEMA_FILE = "tunegate.schema.json";

/** tunegate.schema.json: the JSON Schema of tunegate.yml, for editors. */
export function schemaFile(): string {
  const schema = configJsonSchema();
  const { $schema, ...rest } = schema;
  return `${JSON.stringify(
    {
      $schema,
      title: "tunegate.yml",
      $comment:
        "Generated from packages/core/src/config/schema.ts by `npm run docs`; do not edit. Reference: docs/configuration.md.",
      ...rest,
    },
    null,
    2,
  )}\n`;
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
const code = (value: unknown) => `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;

/** "string", "number or string", "one of `a`, `b`", with null shown as "null (removes the default)". */
function typeOf(node: Schema): string {
  if (node.const !== undefined) return code(node.const);
  if (node.enum) return `one of ${node.enum.map(code).join(", ")}`;
  if (node.anyOf) return node.anyOf.map(typeOf).join(" or ");
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  return types
    .map((t) => {
      if (t === "array") return `list of ${node.items ? typeOf(node.items) : "values"}`;
      if (t === "object") return node.properties || node.additionalProperties ? "map" : "object";
      return t;
    })
    .join(" or ");
}

function constraints(node: Schema): string[] {
  const out: string[] = [];
  if (node.minLength !== undefined || node.maxLength !== undefined) {
    out.push(
      node.maxLength === undefined
        ? `at least ${node.minLength} characters`
        : `${node.minLength ?? 0} to ${node.maxLength} characters`,
    );
  }
  if (node.minItems !== undefined || node.maxItems !== undefined) {
    out.push(`${node.minItems ?? 0} to ${node.maxItems ?? "any number of"} items`);
  }
  // zod gives integers a maximum of Number.MAX_SAFE_INTEGER: no bound a reader needs to see.
  const high =
    node.maximum !== undefined && node.maximum < Number.MAX_SAFE_INTEGER ? node.maximum : undefined;
  const low =
    node.minimum !== undefined
      ? `at least ${node.minimum}`
      : node.exclusiveMinimum !== undefined
        ? `more than ${node.exclusiveMinimum}`
        : undefined;
  if (low !== undefined || high !== undefined) {
    out.push([low, high === undefined ? undefined : `at most ${high}`].filter(Boolean).join(", "));
  }
  if (node.pattern) out.push(`pattern ${code(node.pattern)}`);
  if (node.format) out.push(`format ${node.format}`);
  if (node.default !== undefined) out.push(`default ${code(node.default)}`);
  if (node.examples && node.examples.length > 0) out.push(`e.g. ${code(node.examples[0])}`);
  return out;
}

interface Row {
  key: string;
  type: string;
  required: boolean;
  text: string;
}

/** One row per field, nested fields as `parent.child`, maps as `parent.<name>`. */
function rows(node: Schema, prefix: string, options: { skip?: (key: string) => boolean } = {}): Row[] {
  const out: Row[] = [];
  const required = new Set(node.required ?? []);
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    if (options.skip?.(name)) continue;
    const key = `${prefix}${name}`;
    const object = childObject(child);
    out.push({
      key,
      type: typeOf(child),
      required: required.has(name),
      text: [child.description ?? "", ...constraints(child)].filter(Boolean).join(" · "),
    });
    if (name === "severities") continue; // one row per rule would repeat docs/rules.md
    if (object) out.push(...rows(object, `${key}.`));
    const items = child.items;
    if (items?.properties) out.push(...rows(items, `${key}[].`));
  }
  const extra = node.additionalProperties;
  if (extra && typeof extra === "object" && !node.properties) {
    out.push({ key: `${prefix}<name>`, type: typeOf(extra), required: false, text: extra.description ?? "" });
    const object = childObject(extra);
    if (object) out.push(...rows(object, `${prefix}<name>.`));
  }
  return out;
}

/** The object schema inside a field (an object, or the object branch of "object or null"). */
function childObject(node: Schema): Schema | undefined {
  if (node.properties) return node;
  return node.anyOf?.find((branch) => branch.properties);
}

function table(list: Row[]): string[] {
  return [
    "| key | type | required | description |",
    "| --- | --- | --- | --- |",
    ...list.map((r) => `| \`${r.key}\` | ${cell(r.type)} | ${r.required ? "yes" : ""} | ${cell(r.text)} |`),
  ];
}

const MODEL_ONLY = new Set(["training", "validation", "evaluation", "labels"]);

/** docs/configuration.md: every field of tunegate.yml, from the JSON Schema. */
export function configMarkdown(): string {
  const schema = configJsonSchema() as Schema;
  const top = schema.properties ?? {};
  const model = (top.models?.additionalProperties ?? {}) as Schema;
  const catalogEntry = top.catalog?.items ?? {};
  const topRows = Object.entries(top).map(([name, node]) => ({
    key: name,
    type: typeOf(node),
    required: (schema.required ?? []).includes(name),
    text: node.description ?? "",
  }));
  const out = [
    "# Configuration reference: tunegate.yml",
    "",
    "<!-- Generated from packages/core/src/config/schema.ts by `npm run docs`. Do not edit by hand. -->",
    "",
    "`tunegate.yml` at the root of the dataset repository says which models are fine-tuned from which",
    "datasets, where the data goes in S3 and which role Bedrock uses. The actions and the CLI read it; this",
    "page is generated from the same schema they check it against.",
    "",
    "```yaml",
    "# yaml-language-server: $schema=https://raw.githubusercontent.com/tunegate/tunegate/v1/tunegate.schema.json",
    "version: 1",
    "defaults:",
    "  region: us-west-2",
    "  s3: { bucket: my-fine-tuning-data, prefix: tunegate/ }",
    "  roleArn: arn:aws:iam::123456789012:role/TunegateBedrockCustomization",
    "models:",
    "  support-router:",
    "    baseModel: anthropic.claude-3-haiku-20240307-v1:0:200k",
    "    training: datasets/support-router/train.jsonl",
    "    validation: datasets/support-router/validation.jsonl",
    "    evaluation: datasets/support-router/evaluation.jsonl",
    '    labels: "^ROUTE: (\\\\S+)"',
    "    hyperparameters: { epochCount: 3 }",
    "```",
    "",
    "## Editor support",
    "",
    `The schema is published as [\`${SCHEMA_FILE}\`](../${SCHEMA_FILE}) at the repository root. With the`,
    "YAML language server (VS Code's YAML extension, and most editors' YAML support) the first line of the",
    "example above gives completion, hover help and checks.",
    "Replace `v1` with the release tag you use, or keep a local copy",
    "(`tunegate schema --output tunegate.schema.json`) and point at it:",
    "`# yaml-language-server: $schema=./tunegate.schema.json`. In VS Code settings instead:",
    "",
    "```json",
    `{ "yaml.schemas": { "https://raw.githubusercontent.com/tunegate/tunegate/v1/${SCHEMA_FILE}": "tunegate.yml" } }`,
    "```",
    "",
    "Some checks need the base-model catalog or the merged settings of a model (hyperparameter ranges,",
    "Regions, required fields that `defaults:` may supply); the schema leaves them to `tunegate validate`",
    "and the actions, which report them on the line of the file they concern.",
    "",
    "## Top level",
    "",
    ...table(topRows),
    "",
    "## Settings of `defaults:` and of each model",
    "",
    "Every model inherits `defaults:`; objects (`s3`, `tags`, `severities`, `hyperparameters`) merge key by",
    "key, other values are replaced by the model's own. In a model, `null` removes what `defaults:` set",
    "(a hyperparameter, a tag, the VPC). Once merged, each model needs `baseModel`, `training`,",
    "`s3.bucket` and `roleArn`.",
    "",
    ...table(rows(model, "", { skip: (k) => MODEL_ONLY.has(k) })),
    "",
    "`severities` takes one key per rule id, each `error`, `warning`, `notice` or `off`; the rules, their",
    "default severities and examples are in [rules.md](rules.md).",
    "",
    "## Datasets of a model (`models.<name>` only)",
    "",
    "A model's name has 1 to 40 lowercase letters, digits and hyphens; it becomes part of S3 keys, job",
    "names, custom model names and tags.",
    "",
    ...table(
      rows(
        {
          properties: Object.fromEntries(
            Object.entries(model.properties ?? {}).filter(([k]) => MODEL_ONLY.has(k)),
          ),
        },
        "",
      ),
    ),
    "",
    "## Catalog entries (`catalog:`)",
    "",
    "Add a base model tunegate does not know, or override figures of a built-in one (its quotas, prices,",
    "Regions). An entry can `extends:` a built-in entry and change only what differs. Every figure",
    "carries its `source`. The built-in entries are listed in [base-models.md](base-models.md).",
    "",
    ...table(rows(catalogEntry, "")),
    "",
  ];
  return `${out.join("\n").trimEnd()}\n`;
}
