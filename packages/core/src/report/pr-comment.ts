import { COMMENT_BUDGET_CHARS, COMMENT_MAX_CHARS, STEP_SUMMARY_MAX_BYTES } from "./github-limits";
import { safeCode, safeInline } from "./markdown-safe";
import { labelsFit, problemsFit, samplesFit } from "./review-details";
import { Context, SEPARATOR, type Slot } from "./review-fit";
import type { RenderOptions, ReviewedModel, ReviewInput } from "./review-input";
import {
  datasetTable,
  figuresTable,
  globalNotes,
  header,
  modelHeading,
  onMergeSection,
} from "./review-sections";

/**
 * The review of a dataset pull request as Markdown: the sticky PR comment (under GitHub's 65,536
 * characters) and, with a larger budget and every problem, the job summary. The body is a list of
 * self-contained blocks (a heading, a table, a `<details>` element, a paragraph); what does not fit is
 * trimmed row by row or dropped whole, least important first, so no table, code block or HTML element
 * is ever cut. Everything taken from the repository (dataset text, paths, labels, model names) is
 * escaped. The output is a pure function of the input: the same review renders the same bytes, so an
 * unchanged PR does not get its comment edited.
 */

export type { FailOn, OnMerge, RenderOptions, ReviewedModel, ReviewInput } from "./review-input";
export { reviewCounts, reviewFails } from "./review-verdict";

/** The limits under their renderer names; their values live in github-limits.ts. */
export const MAX_COMMENT_SIZE = COMMENT_MAX_CHARS;
export const COMMENT_BUDGET = COMMENT_BUDGET_CHARS;
export const MAX_SUMMARY_BYTES = STEP_SUMMARY_MAX_BYTES;

/** The sticky PR comment: at most 65,000 characters (GitHub takes 65,536). */
export function renderPrComment(input: ReviewInput, options: RenderOptions = {}): string {
  return renderReview(input, { maxSize: COMMENT_BUDGET, ...options });
}

/** The job summary: the same review with every listed problem and its hint, under 1 MiB of UTF-8. */
export function renderReviewSummary(input: ReviewInput, options: RenderOptions = {}): string {
  return renderReview(input, {
    // Kept a little under the limit: the runner appends other steps' text to the same file.
    maxSize: MAX_SUMMARY_BYTES - 16_384,
    measure: (t) => Buffer.byteLength(t, "utf8"),
    problemRows: Number.POSITIVE_INFINITY,
    hints: true,
    samples: 5,
    sampleChars: 2_000,
    fullReport: "none",
    ...options,
  });
}

// ---------------------------------------------------------------------------------------------------
// Fitting

function renderReview(input: ReviewInput, options: RenderOptions): string {
  const measure = options.measure ?? ((t: string) => t.length);
  const max = options.maxSize ?? COMMENT_BUDGET;
  const ctx = new Context(input, options);
  const slots: Slot[] = [{ text: input.marker }, { text: header(input) }, ...globalNotes(input)];
  for (const model of input.models) slots.push(...modelSlots(model, ctx));
  if ((input.untouchedModels ?? []).length > 0) {
    const names = input.untouchedModels!.slice(0, 30).map((n) => safeCode(n, 60, false));
    const more = input.untouchedModels!.length - names.length;
    slots.push({
      text: `<sub>Not affected by this pull request: ${names.join(", ")}${more > 0 ? ` and ${more} more` : ""}.</sub>`,
    });
  }
  const trimmedNote = ctx.pointer("Some details were trimmed to fit");
  const reserve = measure(trimmedNote) + 2 * SEPARATOR.length;

  // Required blocks first; then optional ones tier by tier, each taking a fair share of what is left.
  let used = 0;
  for (const s of slots) if (s.tier === undefined) used += measure(s.text) + SEPARATOR.length;
  let left = max - used - reserve;
  const tiers = [...new Set(slots.flatMap((s) => (s.tier === undefined ? [] : [s.tier])))].sort(
    (a, b) => a - b,
  );
  for (const tier of tiers) {
    const inTier = slots.filter((s) => s.tier === tier);
    inTier.forEach((slot, i) => {
      const share = Math.floor(Math.max(0, left) / (inTier.length - i));
      slot.text = share > 0 ? slot.fit!(share - SEPARATOR.length) : "";
      if (slot.text !== "") left -= measure(slot.text) + SEPARATOR.length;
    });
  }
  const kept = slots.filter((s) => s.text !== "").map((s) => s.text);
  let body = kept.join(SEPARATOR);
  if (ctx.trimmed) body += SEPARATOR + trimmedNote;
  // A guard for required blocks alone exceeding the limit (hundreds of models): drop whole blocks
  // from the end, never part of one.
  while (measure(`${body}\n`) > max && kept.length > 2) {
    kept.pop();
    body = kept.join(SEPARATOR) + SEPARATOR + trimmedNote;
  }
  return `${body}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Sections

function modelSlots(model: ReviewedModel, ctx: Context): Slot[] {
  const slots: Slot[] = [{ text: modelHeading(model, ctx) }, { text: figuresTable(model) }];
  const notes = [...(model.notes ?? []), ...model.settingChanges.map((c) => `Setting changed: ${c}`)];
  if (notes.length > 0) {
    const shown = notes.slice(0, 15).map((n) => `- ${safeInline(n, 300)}`);
    if (notes.length > shown.length) shown.push(`- …and ${notes.length - shown.length} more`);
    slots.push({ text: shown.join("\n") });
  }
  slots.push({ text: datasetTable(model, ctx) });
  if (model.problems.length > 0 || model.unlisted > 0) {
    slots.push({ text: "", tier: 1, fit: problemsFit(model, ctx) });
  }
  for (const d of model.datasets) {
    if (d.labels && d.labels.rows.length > 0) slots.push({ text: "", tier: 2, fit: labelsFit(d, ctx) });
  }
  const kinds = [
    ["modified", 3],
    ["added", 4],
    ["removed", 5],
  ] as const;
  for (const [kind, tier] of kinds) {
    for (const d of model.datasets) {
      const samples = d.records?.samples[kind] ?? [];
      if (samples.length > 0) slots.push({ text: "", tier, fit: samplesFit(d, kind, ctx) });
    }
  }
  slots.push({ text: onMergeSection(model) });
  return slots;
}
