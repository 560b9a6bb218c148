import type { DatasetDiff } from "../diff/dataset-diff";
import type { ModifiedSample } from "../diff/record-diff";
import type { SampleRecord } from "../diff/sample";
import { capText, safeCode, safeCodeBlock, safeHtmlText, safeInline } from "./markdown-safe";
import { rankProblems } from "./rank";
import { type Context, type Fit, largestFitting, SEPARATOR } from "./review-fit";
import type { ReviewedModel } from "./review-input";
import { int, pct, plural, signed } from "./review-numbers";
import { collapseSystematic } from "./systematic";

/** The blocks of the review that shrink to fit: problems, label shifts and sample records. */

export function problemsFit(model: ReviewedModel, ctx: Context): Fit {
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

export function labelsFit(d: DatasetDiff, ctx: Context): Fit {
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

export function samplesFit(d: DatasetDiff, kind: "added" | "modified" | "removed", ctx: Context): Fit {
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
