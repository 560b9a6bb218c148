import { type BaseModel, BUILT_IN_MODELS, baseModelSchema, type LifecycleState } from "@tunegate/core";

const n = (x: number | undefined) => (x === undefined ? "—" : x.toLocaleString("en-US"));
const bytes = (x: number | undefined) => (x === undefined ? "—" : `${x / 1024 ** 3} GiB`);

const types = (m: BaseModel) =>
  m.customizationTypes.map((t) => t.toLowerCase().replaceAll("_", " ")).join(", ");
const serving = (m: BaseModel) =>
  m.serving === undefined
    ? "not stated"
    : m.serving.onDemand
      ? "on demand or Provisioned Throughput"
      : m.serving.provisionedThroughput
        ? "Provisioned Throughput only"
        : "none for new models";
const lifecycle = (lc: LifecycleState) =>
  [
    lc.status,
    lc.legacySince ? `legacy since ${lc.legacySince}` : "",
    lc.extendedAccessFrom ? `extended access from ${lc.extendedAccessFrom}` : "",
    lc.endOfLife ? `end of life ${lc.endOfLife}` : "",
  ]
    .filter(Boolean)
    .join(", ");

/** docs/base-models.md: the built-in catalog, every figure with its source. */
export function catalogMarkdown(): string {
  const models = BUILT_IN_MODELS.map((m) => baseModelSchema.parse(m));
  const out = [
    "# Base models",
    "",
    "<!-- Generated from packages/core/src/catalog/models.ts by `npm run docs`. Do not edit by hand. -->",
    "",
    "The customizable base models tunegate knows out of the box. A figure no official page states is left",
    "out (the rule that needs it then stays silent) or marked unconfirmed in its source. Add or override",
    "entries under `catalog:` in `tunegate.yml`; an entry can `extends:` a built-in one.",
    "",
    "Every entry states its customization types, Regions, how a custom model of it can be served (on",
    "demand through a custom model deployment, or only through Provisioned Throughput) and its lifecycle",
    "with dates and source. A legacy or end-of-life base model is named once in the pull-request comment",
    "and by the CLI, with what to do: move to an active model (Nova and Llama 3.2/3.3 take the Converse",
    "format, `bedrock-conversation-2024`). Claude 3 Haiku reached end-of-life on 2026-09-10; Titan Text and",
    "Cohere are kept only as retired entries. A family's own rules apply on top of its format's (see",
    "[rules](rules.md)): `nova-2` for Nova 2 Lite, `nova`, `llama`.",
    "",
    "Overrides, each a `catalog:` entry in `tunegate.yml`:",
    "",
    "```yaml",
    "catalog:",
    "  # Continued access to Claude 3 Haiku under a private arrangement with the provider.",
    "  - id: anthropic.claude-3-haiku-20240307-v1:0:200k",
    "    lifecycle: { status: active, source: our private arrangement with Anthropic (2026-11) }",
    "  # A model AWS has not listed as customizable yet, starting from a known entry.",
    "  - id: anthropic.claude-haiku-4-5-v1:0:200k",
    "    extends: anthropic.claude-3-haiku-20240307-v1:0:200k",
    "    name: Claude Haiku 4.5",
    "    regions: [us-east-1]",
    "    lifecycle: { status: active, source: our account team (2026-12) }",
    "  # Nova 2 Lite's hyperparameters, once AWS publishes them (unconfirmed until then).",
    "  - id: amazon.nova-2-lite-v1:0:256k",
    "    hyperparameters:",
    "      - { name: epochCount, type: integer, default: 2, min: 1, max: 5 }",
    "```",
    "",
    "| base model | id | format | Regions | lifecycle | customization | serving | records (min / train / validation / total) | tokens per record |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...models.map(
      (m) =>
        `| ${m.name} | \`${m.id}\` | ${m.format} | ${m.regions.join(", ")} | ${m.lifecycle ? lifecycle(m.lifecycle) : "not stated"} | ${types(m)} | ${serving(m)} | ${n(m.quotas.minRecords)} / ${n(m.quotas.maxTrainingRecords)} / ${m.validationData?.supported === false ? "no validation file" : n(m.quotas.maxValidationRecords)} / ${n(m.quotas.maxTotalRecords)} | ${n(m.quotas.maxTokensPerRecord)} |`,
    ),
    "",
  ];
  for (const m of models) {
    out.push(
      `## ${m.name}`,
      "",
      `Id \`${m.id}\`, format \`${m.format}\`${m.family ? `, rules of the \`${m.family}\` family` : ""}, Regions ${m.regions.join(", ")}. Customization: ${types(m)}.`,
      "",
    );
    if (m.lifecycle) {
      const { byRegion, ...everywhere } = m.lifecycle;
      out.push(`Lifecycle in every Region above: ${lifecycle(everywhere)} (${everywhere.source}).`, "");
      for (const [region, lc] of Object.entries(byRegion ?? {})) {
        out.push(`Lifecycle in ${region}: ${lifecycle(lc)} (${lc.source}).`, "");
      }
    }
    if (m.serving) out.push(`Serving a custom model: ${serving(m)} (${m.serving.source}).`, "");
    if (m.distillation) {
      const teachers = m.distillation.teachers
        .map((t) => `${t.name} (\`${t.id}\`${t.inferenceProfileOnly ? ", inference profile only" : ""})`)
        .join(", ");
      out.push(
        `Distillation student of: ${teachers}, in ${m.distillation.regions.join(", ")}; prompts ${m.distillation.singleTurn ? "single-turn only" : "may be multi-turn"} (${m.distillation.source}).`,
        "",
      );
    }
    if (m.validationData?.supported === false) {
      out.push(`Validation file: not taken (${m.validationData.source}).`, "");
    }
    out.push(
      `Quotas: training file ${bytes(m.quotas.maxTrainingFileBytes)}, validation file ${bytes(m.quotas.maxValidationFileBytes)}. Source: ${m.quotas.source}.`,
      "",
      "| hyperparameter | type | default | min | max |",
      "| --- | --- | --- | --- | --- |",
      ...m.hyperparameters.map(
        (h) =>
          `| \`${h.name}\`${h.unconfirmed ? " (unconfirmed)" : ""} | ${h.type} | ${h.default} | ${h.min ?? "—"} | ${h.max ?? "—"} |`,
      ),
      "",
    );
    const unconfirmed = [...new Set(m.hyperparameters.flatMap((h) => h.unconfirmed ?? []))];
    for (const why of unconfirmed) {
      out.push(
        `Unconfirmed hyperparameters: ${why}. tunegate sends them only when the model sets them in \`tunegate.yml\`, warns when it does not, and reports a value outside the range as a warning.`,
        "",
      );
    }
    if (m.reservedStrings.values.length > 0) {
      out.push(
        `Reserved strings: ${m.reservedStrings.values.map((v) => `\`${JSON.stringify(v)}\``).join(", ")} (${m.reservedStrings.source}).`,
        "",
      );
    }
    if (m.media)
      out.push(
        `Media: images ${m.media.images ? "yes" : "no"}, videos ${m.media.videos ? "yes" : "no"} (${m.media.source}).`,
        "",
      );
    const prices = Object.entries(m.prices);
    if (prices.length > 0) {
      out.push("Prices:", "", ...prices.map(([k, p]) => `- ${k}: $${p.usd} (${p.source})`), "");
    } else out.push("Prices: none tunegate can cite; set them under `catalog:` to see cost in dollars.", "");
    out.push(`Sources: ${m.sources.join("; ")}.`, "");
  }
  return `${out.join("\n").trimEnd()}\n`;
}
