import { BUILT_IN_MODELS } from "../catalog/models";
import { baseModelSchema } from "../catalog/schema";

const n = (x: number | undefined) => (x === undefined ? "—" : x.toLocaleString("en-US"));
const bytes = (x: number | undefined) => (x === undefined ? "—" : `${x / 1024 ** 3} GiB`);

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
    "| base model | id | format | Regions | records (min / train / validation / total) | tokens per record |",
    "| --- | --- | --- | --- | --- | --- |",
    ...models.map(
      (m) =>
        `| ${m.name} | \`${m.id}\` | ${m.format} | ${m.regions.join(", ")} | ${n(m.quotas.minRecords)} / ${n(m.quotas.maxTrainingRecords)} / ${n(m.quotas.maxValidationRecords)} / ${n(m.quotas.maxTotalRecords)} | ${n(m.quotas.maxTokensPerRecord)} |`,
    ),
    "",
  ];
  for (const m of models) {
    out.push(
      `## ${m.name}`,
      "",
      `Id \`${m.id}\`, format \`${m.format}\`, Regions ${m.regions.join(", ")}.`,
      "",
    );
    if (m.lifecycle) {
      out.push(
        `Lifecycle: ${m.lifecycle.status}${m.lifecycle.endOfLife ? `, end of life ${m.lifecycle.endOfLife}` : ""} (${m.lifecycle.source}).`,
        "",
      );
    }
    out.push(
      `Quotas: training file ${bytes(m.quotas.maxTrainingFileBytes)}, validation file ${bytes(m.quotas.maxValidationFileBytes)}. Source: ${m.quotas.source}.`,
      "",
      "| hyperparameter | type | default | min | max |",
      "| --- | --- | --- | --- | --- |",
      ...m.hyperparameters.map(
        (h) => `| \`${h.name}\` | ${h.type} | ${h.default} | ${h.min ?? "—"} | ${h.max ?? "—"} |`,
      ),
      "",
    );
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
