import type { BaseModel } from "../catalog/schema";
import type { TrainingCost } from "../cost";
import type { DatasetDiff } from "../diff/dataset-diff";
import type { ModifiedSample } from "../diff/record-diff";
import type { SampleRecord } from "../diff/sample";
import type { Problem, ProblemCounts } from "../problem";
import { COMMENT_BUDGET_CHARS, COMMENT_MAX_CHARS, STEP_SUMMARY_MAX_BYTES } from "./github-limits";
import {
  blobUrl,
  capText,
  safeCode,
  safeCodeBlock,
  safeHtmlText,
  safeInline,
  safeLink,
} from "./markdown-safe";
import { rankProblems } from "./rank";
import { collapseSystematic } from "./systematic";

/**
 * The review of a dataset pull request as Markdown: the sticky PR comment (under GitHub's 65,536
 * characters) and, with a larger budget and every problem, the job summary. The body is a list of
 * self-contained blocks (a heading, a table, a `<details>` element, a paragraph); what does not fit is
 * trimmed row by row or dropped whole, least important first, so no table, code block or HTML element
 * is ever cut. Everything taken from the repository (dataset text, paths, labels, model names) is
 * escaped. The output is a pure function of the input: the same review renders the same bytes, so an
 * unchanged PR does not get its comment edited.
 */

/** When the check fails: on errors (default), on warnings too, or never. */
export type FailOn = "error" | "warning" | "never";

/** What merging would start for a model (see the train action). */
export type OnMerge =
  | {
      kind: "train";
      /** The hyperparameters in effect (catalog defaults with the configured values over them). */
      hyperparameters: Readonly<Record<string, string>>;
      /** Names of hyperparameters whose value differs from the base branch's. */
      changedHyperparameters?: readonly string[];
      /** Where the training data would go, e.g. `s3://bucket/prefix/model/<sha256>/train.jsonl`. */
      uploads: readonly { role: string; uri: string }[];
      /** The job's name with its commit part left open, e.g. `tunegate-router-<merge commit>-1a2b3c4d5e6f`. */
      jobName?: string;
      cost?: TrainingCost;
    }
  /** Merging would not start a job: errors in the data or a request Bedrock would refuse. */
  | { kind: "blocked"; reasons: readonly string[] }
  /** Nothing this model trains on changed. */
  | { kind: "none"; reason: string };

export interface ReviewedModel {
  /** The model's name in tunegate.yml. */
  name: string;
  baseModel: BaseModel;
  region: string;
  /** Every problem found in the head datasets (listed or not). */
  counts: ProblemCounts;
  /** The problems the engine listed. */
  problems: readonly Problem[];
  /** Problems counted beyond the listing limit. */
  unlisted: number;
  datasets: readonly DatasetDiff[];
  /** Estimated training cost on the base branch (absent for a new model) and at the head. */
  cost: { base?: TrainingCost; head?: TrainingCost };
  /** What the pull request changed in the model's settings, one line each (plain text). */
  settingChanges: readonly string[];
  /** Problems outside the datasets (a dataset file that is missing...), counted in `counts.errors`. */
  notes?: readonly string[];
  /** The base model is legacy or end-of-life in the model's Region: what AWS says, with its source, and what to do. */
  lifecycle?: { warning: string; advice: string };
  onMerge: OnMerge;
}

export interface ReviewInput {
  /** The hidden marker that identifies the comment; placed first. */
  marker: string;
  /** `owner/name`: file links point at the PR head in it. */
  repository: string;
  /** Defaults to https://github.com. */
  serverUrl?: string;
  headSha: string;
  baseSha?: string;
  pullRequest?: number;
  failOn: FailOn;
  models: readonly ReviewedModel[];
  /** Models of the configuration the pull request does not touch (not checked). */
  untouchedModels?: readonly string[];
  /** The workflow run, whose job summary has the full report. */
  runUrl?: string;
  /** Notes for the whole review (configuration warnings...), plain text. */
  notes?: readonly string[];
}

export interface RenderOptions {
  /** Largest body (default COMMENT_BUDGET, under GitHub's 65,536 characters for a comment). */
  maxSize?: number;
  /** How size is counted: UTF-16 units for comments (default), UTF-8 bytes for the job summary. */
  measure?: (text: string) => number;
  /** Problem rows per model before trimming (default 50). */
  problemRows?: number;
  /** Show each problem's hint (the job summary does). */
  hints?: boolean;
  /** Samples per kind and file (default 3). */
  samples?: number;
  /** Characters of record text per turn in samples (default 600). */
  sampleChars?: number;
  /** Where the full report is, for "trimmed" pointers (default: the job summary). */
  fullReport?: "summary" | "none";
}

/** The limits under their renderer names; their values live in github-limits.ts. */
export const MAX_COMMENT_SIZE = COMMENT_MAX_CHARS;
export const COMMENT_BUDGET = COMMENT_BUDGET_CHARS;
export const MAX_SUMMARY_BYTES = STEP_SUMMARY_MAX_BYTES;

/** The verdict of the whole review: does the check fail under `failOn`? */
export function reviewFails(counts: ProblemCounts, failOn: FailOn): boolean {
  if (failOn === "never") return false;
  return counts.errors > 0 || (failOn === "warning" && counts.warnings > 0);
}

export function reviewCounts(models: readonly ReviewedModel[]): ProblemCounts {
  const total: ProblemCounts = { errors: 0, warnings: 0, notices: 0 };
  for (const m of models) {
    total.errors += m.counts.errors;
    total.warnings += m.counts.warnings;
    total.notices += m.counts.notices;
  }
  return total;
}

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

/** A block whose size is chosen at fitting time: the largest rendition within `budget`, or "". */
type Fit = (budget: number) => string;

interface Slot {
  /** Fixed text, or a fit function filled in by tier. */
  text: string;
  fit?: Fit;
  /** Lower tiers are filled first; required blocks have none. */
  tier?: number;
}

const SEPARATOR = "\n\n";

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

/** Shared rendering state: links, limits, and whether anything was trimmed. */
class Context {
  trimmed = false;
  readonly server: string;
  constructor(
    readonly input: ReviewInput,
    readonly options: RenderOptions,
  ) {
    this.server = input.serverUrl ?? "https://github.com";
  }

  fileLink(path: string, line?: number, label = line ? `${path}:${line}` : path): string {
    return safeLink(label, blobUrl(this.server, this.input.repository, this.input.headSha, path, line), 160);
  }

  /** "... in the job summary of [this run](url)." */
  pointer(what: string): string {
    if (this.options.fullReport === "none") return `_${what}._`;
    const where = this.input.runUrl
      ? `the job summary of ${safeLink("this run", this.input.runUrl)}`
      : "the job summary of this check";
    return `_${what}; ${where} has the full report._`;
  }
}

/** Largest k in [0, n] for which render(k) fits `budget` (render grows with k), by bisection. */
function largestFitting(
  n: number,
  budget: number,
  render: (k: number) => string,
  measure: (t: string) => number,
) {
  let lo = 0;
  let hi = n;
  let best = measure(render(0)) <= budget ? render(0) : "";
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const text = render(mid);
    if (measure(text) <= budget) {
      best = text;
      lo = mid;
    } else hi = mid - 1;
  }
  return { text: best, k: lo };
}

// ---------------------------------------------------------------------------------------------------
// Sections

const ICON = { fail: "❌", warn: "⚠️", pass: "✅" } as const;

function verdictOf(counts: ProblemCounts, failOn: FailOn): keyof typeof ICON {
  if (reviewFails(counts, failOn)) return "fail";
  return counts.errors > 0 || counts.warnings > 0 ? "warn" : "pass";
}

function header(input: ReviewInput): string {
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

function globalNotes(input: ReviewInput): Slot[] {
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

function modelHeading(model: ReviewedModel, ctx: Context): string {
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
function figuresTable(model: ReviewedModel): string {
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

function datasetTable(model: ReviewedModel, ctx: Context): string {
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

function problemsFit(model: ReviewedModel, ctx: Context): Fit {
  const measure = ctx.options.measure ?? ((t: string) => t.length);
  // A systematic problem is one row with its count; the rows it stands for are not "more problems".
  const records = new Map(model.datasets.map((d) => [d.path, d.head?.records]));
  const collapsed = collapseSystematic(model.problems, (file) => records.get(file));
  const ranked = rankProblems(collapsed.problems);
  const cap = Math.min(ranked.length, ctx.options.problemRows ?? 50);
  const hints = ctx.options.hints ?? false;
  const total = model.counts.errors + model.counts.warnings + model.counts.notices - collapsed.folded;
  const rows = ranked.slice(0, cap).map((p) => {
    const where = ctx.fileLink(p.file, p.line, `${p.file}:${p.line}`);
    const message = safeInline(p.path ? `${p.message} (at ${p.path})` : p.message, 300);
    const hint = hints ? ` | ${safeInline(p.hint, 300)}` : "";
    return `| ${SEVERITY_ICON[p.severity]} ${p.severity} | ${safeCode(p.rule, 60)} | ${where} | ${message}${hint} |`;
  });
  const render = (k: number) => {
    const heading = `#### Problems in ${safeCode(model.name, 80, false)}`;
    const more = total - k;
    const footer =
      more > 0
        ? ctx.pointer(
            `${k === 0 ? "" : `Showing the ${int(k)} most important of ${int(total)} problems. `}${int(more)} more ${more === 1 ? "is" : "are"} not listed here`,
          )
        : "";
    if (k === 0) return [heading, footer].join(SEPARATOR);
    const table = [
      `| Severity | Rule | Where | Problem${hints ? " | How to fix" : ""} |`,
      `| --- | --- | --- | ---${hints ? " | ---" : ""} |`,
      ...rows.slice(0, k),
    ].join("\n");
    return [heading, table, footer].filter(Boolean).join(SEPARATOR);
  };
  return (budget) => {
    const { text, k } = largestFitting(rows.length, budget, render, measure);
    if (k < cap) ctx.trimmed = true;
    return text;
  };
}

const SEVERITY_ICON = { error: "❌", warning: "⚠️", notice: "ℹ️" } as const;

function labelsFit(d: DatasetDiff, ctx: Context): Fit {
  const measure = ctx.options.measure ?? ((t: string) => t.length);
  const shifts = d.labels!;
  const rows = shifts.rows.map(
    (r) =>
      `| ${safeCode(r.label, 60)} | ${int(r.base)} | ${int(r.head)} | ${r.delta === 0 ? "0" : signed(r.delta)} | ${pct(r.baseShare)} → ${pct(r.headShare)} |`,
  );
  const unlabeled =
    shifts.unlabeled.base + shifts.unlabeled.head > 0
      ? `\n\nRecords whose reply matches no label: ${int(shifts.unlabeled.base)} → ${int(shifts.unlabeled.head)}.`
      : "";
  const render = (k: number) => {
    if (k === 0) return "";
    const more = rows.length - k;
    return [
      `#### Labels in ${safeCode(d.path, 120, false)}`,
      [
        "| Label | Base | Head | Change | Share |",
        "| --- | ---: | ---: | ---: | --- |",
        ...rows.slice(0, k),
        ...(more > 0 ? [`| …${int(more)} more labels | | | | |`] : []),
      ].join("\n") + unlabeled,
    ].join(SEPARATOR);
  };
  return (budget) => {
    const { text, k } = largestFitting(Math.min(rows.length, 25), budget, render, measure);
    if (k < rows.length) ctx.trimmed = true;
    return text;
  };
}

const KIND_TEXT = {
  added: ["added record", "added records"],
  modified: ["modified record", "modified records"],
  removed: ["removed record", "removed records"],
} as const;

function samplesFit(d: DatasetDiff, kind: "added" | "modified" | "removed", ctx: Context): Fit {
  const measure = ctx.options.measure ?? ((t: string) => t.length);
  const all = d.records!.samples[kind] as readonly (SampleRecord | ModifiedSample)[];
  const count = d.records![kind];
  const limit = Math.min(all.length, ctx.options.samples ?? 3);
  const fullChars = ctx.options.sampleChars ?? 600;
  // Shorter text before fewer samples: two short examples say more than one long one.
  const sizes = [fullChars, Math.floor(fullChars / 2), 120];
  const render = (k: number, chars: number) => {
    if (k === 0) return "";
    const bodies = all
      .slice(0, k)
      .map((s) =>
        kind === "modified"
          ? modifiedSample(s as ModifiedSample, d, chars, ctx)
          : plainSample(s as SampleRecord, d, kind, chars, ctx),
      );
    const noun = KIND_TEXT[kind][count === 1 ? 0 : 1];
    // <summary> opens an HTML block: its text is HTML, not Markdown.
    const summary = `${k < count ? `${int(k)} of ${int(count)}` : int(count)} ${noun} in ${safeHtmlText(d.path, 120)}`;
    // A blank line after <summary> and before </details> lets GitHub render the Markdown inside.
    return `<details>\n<summary>${summary}</summary>\n\n${bodies.join("\n\n")}\n\n</details>`;
  };
  return (budget) => {
    for (const chars of sizes) {
      for (let k = limit; k >= 1; k--) {
        const text = render(k, chars);
        if (measure(text) <= budget) {
          if (k < limit || chars < fullChars) ctx.trimmed = true;
          return text;
        }
      }
    }
    ctx.trimmed = true;
    return "";
  };
}

function plainSample(
  s: SampleRecord,
  d: DatasetDiff,
  kind: "added" | "removed",
  chars: number,
  ctx: Context,
): string {
  const where = kind === "added" ? ctx.fileLink(d.path, s.line, `line ${s.line}`) : `base line ${s.line}`;
  return `**${where}**\n\n${conversation(s, chars)}`;
}

function modifiedSample(m: ModifiedSample, d: DatasetDiff, chars: number, ctx: Context): string {
  const where = ctx.fileLink(d.path, m.head.line, `line ${m.head.line}`);
  const changed =
    m.changed.length === 0
      ? ""
      : ` (${m.changed.map((c) => (c === "reply" ? "reply" : "system prompt")).join(" and ")} changed)`;
  const prompt = m.head.turns.slice(0, -1);
  const parts = [`**${where}**${changed}`];
  if (prompt.length > 0)
    parts.push(conversation({ ...m.head, system: "", turns: prompt, omittedTurns: 0 }, chars));
  const before = m.base;
  if (m.changed.includes("system")) {
    parts.push(
      `_System prompt before (base line ${before?.line ?? "?"})_\n${safeCodeBlock(capText(before?.system ?? "", chars), chars + 2)}`,
    );
    parts.push(`_System prompt after_\n${safeCodeBlock(capText(m.head.system, chars), chars + 2)}`);
  }
  const reply = m.head.turns[m.head.turns.length - 1];
  const oldReply = before?.turns[before.turns.length - 1];
  if (!before || m.changed.includes("reply")) {
    if (oldReply)
      parts.push(
        `_Reply before (base line ${before!.line})_\n${safeCodeBlock(capText(oldReply.text, chars), chars + 2)}`,
      );
    if (reply) parts.push(`_Reply after_\n${safeCodeBlock(capText(reply.text, chars), chars + 2)}`);
  }
  return parts.join("\n\n");
}

/** A record as a readable exchange: each turn's role, then its text in a code block nothing escapes. */
function conversation(s: SampleRecord, chars: number): string {
  const out: string[] = [];
  if (s.system) out.push(`_system_\n${safeCodeBlock(capText(s.system, chars), chars + 2)}`);
  s.turns.forEach((t, i) => {
    if (s.omittedTurns > 0 && i === s.turns.length - 1)
      out.push(`_…${plural(s.omittedTurns, "more turn")}…_`);
    const media = t.media > 0 ? ` (+${plural(t.media, "image or video", "images or videos")})` : "";
    const cut = t.truncated || t.text.length > chars ? " (cut)" : "";
    out.push(
      `_${safeInline(t.role || "(no role)", 30)}_${media}${cut}\n${safeCodeBlock(capText(t.text, chars), chars + 2)}`,
    );
  });
  return out.join("\n");
}

function onMergeSection(model: ReviewedModel): string {
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

// ---------------------------------------------------------------------------------------------------
// Numbers

function int(n: number): string {
  return n.toLocaleString("en-US");
}

function signed(n: number): string {
  return n > 0 ? `+${int(n)}` : n < 0 ? `−${int(-n)}` : "0";
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function usd(n: number): string {
  return n > 0 && n < 0.01
    ? "under $0.01"
    : `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function signedUsd(n: number): string {
  if (Math.abs(n) < 0.005) return "$0.00";
  return `${n > 0 ? "+" : "−"}${usd(Math.abs(n))}`;
}

function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${int(n)} ${n === 1 ? noun : many}`;
}

function countsText(c: ProblemCounts): string {
  const parts = [plural(c.errors, "error"), plural(c.warnings, "warning")];
  if (c.notices > 0) parts.push(plural(c.notices, "notice"));
  return parts.join(", ");
}
