import type { ServingComparison } from "../cost/compare";
import type { ServingOptionId } from "../cost/serving";
import { safeInline } from "./markdown-safe";
import type { Section, TrainingCommentInput } from "./training-input";

/**
 * The serving figures of a model's own data, in one line of Markdown: the pull request's "On merge"
 * section and the training report quote this same line, so a reviewer and the report never disagree.
 * Absent when the catalog prices none of the options (then there is nothing to quote).
 */

const SHORT: Record<ServingOptionId, string> = {
  cached: "prompt caching",
  base: "the base model on demand",
  custom: "the custom model on demand",
  provisioned: "Provisioned Throughput",
};

const usd = (n: number) => (n >= 0.01 ? `$${n.toFixed(2)}` : `$${n.toPrecision(3)}`);
const rate = (r: number) =>
  r < 0.01 ? r.toPrecision(2) : r.toLocaleString("en-US", { maximumFractionDigits: r < 10 ? 2 : 0 });

export function servingCostLine(s: ServingComparison): string | undefined {
  const priced = s.options.filter((o) => o.available);
  if (priced.length === 0) return undefined;
  const w = s.workload;
  const request = `${w.inputTokens.toLocaleString("en-US")} input tokens, ${w.cachedTokens.toLocaleString("en-US")} of them a cacheable system prompt, and ${w.outputTokens.toLocaleString("en-US")} output tokens`;
  const cheapest = s.cheapestByLoad
    .slice(0, 4)
    .map((c, i) =>
      i === 0 ? SHORT[c.id] : `${SHORT[c.id]} from ${rate(c.fromRequestsPerSecond)} requests per second`,
    )
    .join(", then ");
  const figures = priced.map((o) =>
    o.modelUnits !== undefined
      ? `${SHORT[o.id]} $${Math.round(o.monthlyUsd / o.modelUnits).toLocaleString("en-US")} per 30 days per model unit of about ${rate(s.unitRequestsPerSecond.value)} requests per second (${safeInline(s.unitRequestsPerSecond.source, 80)})`
      : `${SHORT[o.id]}${o.id === "cached" && o.model ? ` (${safeInline(o.model.name, 60)})` : ""} ${usd(o.perRequestUsd ?? 0)} per request`,
  );
  const left = s.options.filter((o) => !o.available).map((o) => SHORT[o.id]);
  return [
    `Serving it, for requests like this data's (${request}): cheapest is ${cheapest}.`,
    `${capitalised(figures.join("; "))}.`,
    ...(left.length
      ? [`Not compared (no price, or not offered for this base model): ${left.join(", ")}.`]
      : []),
    "`tunegate cost` shows each price's source and the break-even loads.",
  ].join(" ");
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The "On merge" table's row, when there is a line to quote. */
export function servingRows(serving: ServingComparison | undefined): [string, string][] {
  const line = serving && servingCostLine(serving);
  return line ? [["Serving", line]] : [];
}

/** The training report's section: for a completed job only, the model it made being what is served. */
export function servingSections(input: TrainingCommentInput): Section[] {
  const line = input.job.status === "Completed" && input.serving && servingCostLine(input.serving);
  return line ? [{ text: `#### Serving cost\n\n${line}` }] : [];
}
