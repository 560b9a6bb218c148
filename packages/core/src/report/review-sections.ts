import type { TrainingCost } from "../cost";
import type { DatasetDiff } from "../diff/dataset-diff";
import { safeCode, safeInline, safeLink } from "./markdown-safe";
import type { Context, Slot } from "./review-fit";
import type { FailOn, ReviewedModel, ReviewInput } from "./review-input";
import { countsText, int, plural, signed, signedUsd, usd } from "./review-numbers";
import { ICON, reviewCounts, verdictOf } from "./review-verdict";

/** The fixed blocks of the review: its header and notes, and each model's heading, figures, datasets and what merging starts. */

export function header(input: ReviewInput): string {
  const total = reviewCounts(input.models);
  const verdict = verdictOf(total, input.failOn);
  const models = input.models.length;
  const title =
    models === 0
      ? "no dataset changes to review"
      : verdict === "fail"
        ? `${countsText(total)}: not ready to merge`
        : total.errors > 0 || total.warnings > 0
          ? `${countsText(total)}, nothing that fails the check`
          : "the datasets are ready to merge";
  const at = [
    `${plural(models, "model")} checked at ${safeCode(input.headSha.slice(0, 7), 12, false)}`,
    input.baseSha ? `against the base ${safeCode(input.baseSha.slice(0, 7), 12, false)}` : "",
  ]
    .filter(Boolean)
    .join(" ");
  const run = input.runUrl ? ` · ${safeLink("workflow run", input.runUrl)}` : "";
  return `## ${ICON[models === 0 ? "pass" : verdict]} tunegate: ${title}\n\n<sub>${at}${run}. The check fails on ${FAIL_ON_TEXT[input.failOn]}.</sub>`;
}

const FAIL_ON_TEXT: Record<FailOn, string> = {
  error: "errors",
  warning: "errors and warnings",
  never: "nothing (fail-on: never)",
};

export function globalNotes(input: ReviewInput): Slot[] {
  const notes = (input.notes ?? []).slice(0, 20);
  const lifecycle = lifecycleNotes(input.models);
  if (notes.length === 0 && lifecycle.length === 0) return [];
  return [{ text: [...lifecycle, ...notes.map((n) => `> [!NOTE]\n> ${safeInline(n, 400)}`)].join("\n\n") }];
}

/**
 * A legacy or retired base model, once per run however many models use it, before the models. The advice
 * names each model's own files, so models on one base with different files get one callout each.
 */
function lifecycleNotes(models: readonly ReviewedModel[]): string[] {
  const byWarning = new Map<string, { warning: string; advice: string; models: string[] }>();
  for (const m of models) {
    if (!m.lifecycle) continue;
    const { warning, advice } = m.lifecycle;
    const key = `${warning}\u0000${advice}`;
    const entry = byWarning.get(key) ?? { warning, advice, models: [] };
    entry.models.push(m.name);
    byWarning.set(key, entry);
  }
  return [...byWarning.values()].map(
    ({ warning, advice, models: names }) =>
      `> [!WARNING]\n> **Base model:** ${safeInline(warning, 600)} Used by ${names.map((n) => safeCode(n, 80, false)).join(", ")}.\n>\n> **Before merging:** ${safeInline(advice, 1000)}`,
  );
}

export function modelHeading(model: ReviewedModel, ctx: Context): string {
  const verdict = verdictOf(model.counts, ctx.input.failOn);
  const text =
    verdict === "fail"
      ? `**${countsText(model.counts)}**: fix ${model.counts.errors > 0 ? "the errors" : "the warnings"} before merging.`
      : model.counts.errors + model.counts.warnings + model.counts.notices > 0
        ? `${countsText(model.counts)}.`
        : "No problems found.";
  return `### ${ICON[verdict]} ${safeCode(model.name, 80, false)} · ${safeInline(model.baseModel.name, 80)} · ${safeInline(model.region, 40)}\n\n${text}`;
}

// Records, tokens and cost, base vs head.
export function figuresTable(model: ReviewedModel): string {
  const sum = (role: string, side: "base" | "head", pick: (s: NonNullable<DatasetDiff["head"]>) => number) =>
    model.datasets
      .filter((d) => d.role === role)
      .reduce((n, d) => {
        // A file the PR did not touch is the same on both sides.
        const s = side === "base" && d.change === "unchanged" ? d.head : d[side];
        return n + (s ? pick(s) : 0);
      }, 0);
  const has = (role: string) => model.datasets.some((d) => d.role === role);
  const rows: string[] = [];
  for (const role of ["train", "validation"] as const) {
    if (!has(role)) continue;
    const label = role === "train" ? "Training" : "Validation";
    rows.push(
      row(
        `${label} records`,
        sum(role, "base", (s) => s.records),
        sum(role, "head", (s) => s.records),
      ),
    );
  }
  if (has("train")) {
    const estimated = model.datasets.some((d) => d.head && !d.head.tokens.exact);
    rows.push(
      row(
        `Training tokens${estimated ? " (est.)" : ""}`,
        sum("train", "base", (s) => s.tokens.value),
        sum("train", "head", (s) => s.tokens.value),
        estimated ? "~" : "",
      ),
    );
  }
  const { base, head } = model.cost;
  if (head || base) {
    const epochs = head?.epochs ?? base?.epochs;
    const epochText =
      base && head && base.epochs !== head.epochs
        ? `${base.epochs} → ${head.epochs} epochs`
        : `${epochs} epoch${epochs === 1 ? "" : "s"}`;
    if (head?.usd !== undefined || base?.usd !== undefined) {
      rows.push(
        `| Estimated training cost (${epochText}) | ${base?.usd === undefined ? "—" : usd(base.usd)} | ${head?.usd === undefined ? "—" : usd(head.usd)} | ${base?.usd !== undefined && head?.usd !== undefined ? signedUsd(head.usd - base.usd) : "—"} |`,
      );
    } else {
      rows.push(
        base && head
          ? row(
              `Billed tokens (${epochText}; no price in the catalog)`,
              base.billedTokens,
              head.billedTokens,
              "~",
            )
          : `| Billed tokens (${epochText}; no price in the catalog) | ${base ? `~${int(base.billedTokens)}` : "—"} | ${head ? `~${int(head.billedTokens)}` : "—"} | — |`,
      );
    }
  }
  return ["| | Base | Head | Change |", "| --- | ---: | ---: | ---: |", ...rows].join("\n");
}

function row(label: string, base: number, head: number, approx = ""): string {
  const delta = head - base;
  const pct = base === 0 ? "" : ` (${delta >= 0 ? "+" : "−"}${Math.abs((delta / base) * 100).toFixed(1)}%)`;
  return `| ${label} | ${approx}${int(base)} | ${approx}${int(head)} | ${delta === 0 ? "0" : `${signed(delta)}${pct}`} |`;
}

const CHANGE_TEXT: Record<DatasetDiff["change"], string> = {
  added: "new file",
  removed: "deleted",
  modified: "changed",
  unchanged: "not changed",
};

export function datasetTable(model: ReviewedModel, ctx: Context): string {
  const lines = [
    "| Dataset | Role | Change | Records (base → head) | Added | Removed | Modified | Unchanged |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  const shown = model.datasets.slice(0, 30);
  for (const d of shown) {
    const name = d.head ? ctx.fileLink(d.path) : safeInline(d.path, 160);
    const r = d.records;
    const baseRecords = d.change === "unchanged" ? (d.head?.records ?? 0) : (d.base?.records ?? 0);
    const records = `${int(baseRecords)} → ${int(d.head?.records ?? 0)}`;
    const unreadable = r ? Math.max(0, (d.head?.records ?? 0) - r.compared.head) : 0;
    const cells = r
      ? [`+${int(r.added)}`, `−${int(r.removed)}`, `~${int(r.modified)}`, int(r.unchanged)]
      : ["—", "—", "—", int(d.head?.records ?? 0)];
    lines.push(
      `| ${name}${unreadable > 0 ? ` (${int(unreadable)} unreadable, not compared)` : ""} | ${d.role} | ${CHANGE_TEXT[d.change]} | ${records} | ${cells.join(" | ")} |`,
    );
  }
  if (model.datasets.length > shown.length) {
    lines.push(`| …and ${model.datasets.length - shown.length} more | | | | | | | |`);
  }
  return lines.join("\n");
}

export function onMergeSection(model: ReviewedModel): string {
  const title = `#### On merge`;
  const m = model.onMerge;
  if (m.kind === "none") return `${title}\n\nNo training job: ${safeInline(m.reason, 300)}`;
  if (m.kind === "blocked") {
    const reasons = m.reasons.slice(0, 10).map((r) => `- ${safeInline(r, 300)}`);
    if (m.reasons.length > reasons.length) reasons.push(`- …and ${m.reasons.length - reasons.length} more`);
    return `${title}\n\nNo training job would start for ${safeCode(model.name, 80, false)}:\n\n${reasons.join("\n")}`;
  }
  const changed = new Set(m.changedHyperparameters ?? []);
  const hp = Object.entries(m.hyperparameters)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, 20)
    .map(([k, v]) => `${safeCode(`${k}=${v}`, 80)}${changed.has(k) ? " (changed)" : ""}`)
    .join(", ");
  const rows = [
    ["Base model", `${safeInline(model.baseModel.name, 80)} (${safeCode(model.baseModel.id, 120)})`],
    ["Region", safeInline(model.region, 40)],
    ["Hyperparameters", hp || "the base model's defaults"],
    ...m.uploads
      .slice(0, 4)
      .map(
        (u) =>
          [`${u.role === "train" ? "Training" : "Validation"} data`, safeCode(u.uri, 300)] as [
            string,
            string,
          ],
      ),
    ...(m.jobName ? [["Job name", safeCode(m.jobName, 120)] as [string, string]] : []),
    ...(m.cost ? [["Estimated cost", costText(m.cost)] as [string, string]] : []),
  ];
  return `${title}\n\nMerging starts one Bedrock model customization job for ${safeCode(model.name, 80, false)}:\n\n| | |\n| --- | --- |\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join("\n")}`;
}

function costText(cost: TrainingCost): string {
  const tokens = `${cost.trainingTokens.exact ? "" : "~"}${int(cost.trainingTokens.value)} tokens × ${plural(cost.epochs, "epoch")}`;
  if (cost.usd === undefined)
    return `${int(cost.billedTokens)} billed tokens (${tokens}); no training price in the catalog`;
  return `${usd(cost.usd)} (${tokens} at $${cost.pricePerMillionTokens!.usd} per million)`;
}
