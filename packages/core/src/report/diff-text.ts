import type { DatasetDiff } from "../diff/dataset-diff";
import type { SampleRecord } from "../diff/sample";
import { int, paint } from "./ansi";
import { capText, stripInvisible } from "./markdown-safe";

export interface DiffTextOptions {
  color?: boolean;
  /** How the two sides are named in the heading (e.g. `main:data/train.jsonl`). */
  baseName?: string;
  headName?: string;
  /** Characters of record text shown per turn (default 300). */
  sampleChars?: number;
}

/**
 * `tunegate diff`: the record-level diff of one dataset as terminal text, the same figures the PR
 * comment shows. Record text is untrusted: control characters (terminal escapes included) are made
 * visible, and it is cut to a few lines per turn.
 */
export function toDiffText(diff: DatasetDiff, options: DiffTextOptions = {}): string {
  const c = paint(options.color ?? false);
  const chars = options.sampleChars ?? 300;
  const out: string[] = [];
  const base = options.baseName ?? "base";
  const head = options.headName ?? diff.path;
  out.push(c.bold(`${clean(base, 200)} → ${clean(head, 200)}`), "");
  const r = diff.records;
  const baseRecords = diff.base?.records ?? 0;
  const headRecords = diff.head?.records ?? 0;
  const row = (label: string, value: string) => out.push(`  ${label.padEnd(22)}${value}`);
  row("Records", `${int(baseRecords)} → ${int(headRecords)} (${signed(headRecords - baseRecords)})`);
  if (r) {
    row(
      "Record changes",
      `${c.green(`+${int(r.added)} added`)}, ${c.red(`-${int(r.removed)} removed`)}, ${c.yellow(`~${int(r.modified)} modified`)}, ${int(r.unchanged)} unchanged`,
    );
    const unreadable = { base: baseRecords - r.compared.base, head: headRecords - r.compared.head };
    if (unreadable.base > 0 || unreadable.head > 0) {
      row(
        "Not compared",
        c.dim(`${int(unreadable.base)} base and ${int(unreadable.head)} head records cannot be read`),
      );
    }
  }
  const tokens = (side: DatasetDiff["base"]) => side?.tokens.value ?? 0;
  row(
    "Tokens (estimated)",
    `~${int(tokens(diff.base))} → ~${int(tokens(diff.head))} (${signed(tokens(diff.head) - tokens(diff.base))})`,
  );
  const problems = (side: DatasetDiff["base"]) =>
    side ? `${int(side.counts.errors)} errors, ${int(side.counts.warnings)} warnings` : "none";
  row("Problems", `${problems(diff.base)} → ${problems(diff.head)}`);

  if (diff.labels && diff.labels.rows.length > 0) {
    out.push("", `  ${c.bold("Labels")}`);
    const rows = diff.labels.rows.slice(0, 30);
    const width = Math.min(30, Math.max(...rows.map((l) => clean(l.label, 30).length)));
    for (const l of rows) {
      out.push(
        `    ${clean(l.label, 30).padEnd(width)}  ${int(l.base).padStart(7)} → ${int(l.head).padStart(7)}  ${signed(l.delta).padStart(8)}  ${pct(l.baseShare)} → ${pct(l.headShare)}`,
      );
    }
    if (diff.labels.rows.length > rows.length)
      out.push(c.dim(`    …${int(diff.labels.rows.length - rows.length)} more labels`));
    const u = diff.labels.unlabeled;
    if (u.base + u.head > 0)
      out.push(c.dim(`    replies matching no label: ${int(u.base)} → ${int(u.head)}`));
  }

  if (r) {
    const section = (title: string, count: number, shown: number) =>
      out.push(
        "",
        `  ${c.bold(`${title} (${shown < count ? `${int(shown)} of ${int(count)}` : int(count)})`)}`,
      );
    if (r.samples.modified.length > 0) {
      section("Modified records", r.modified, r.samples.modified.length);
      for (const m of r.samples.modified) {
        const what = m.changed.map((x) => (x === "reply" ? "reply" : "system prompt")).join(" and ");
        out.push(
          `    line ${m.head.line}${m.base ? ` (base line ${m.base.line})` : ""}${what ? `: ${what} changed` : ""}`,
        );
        for (const t of m.head.turns.slice(0, -1)) out.push(...turnLines(t.role, t.text, chars, c.dim));
        if (m.changed.includes("system")) {
          out.push(...turnLines("- system", m.base?.system ?? "", chars, c.red));
          out.push(...turnLines("+ system", m.head.system, chars, c.green));
        }
        if (m.changed.includes("reply") || !m.base) {
          const before = m.base?.turns.at(-1);
          const after = m.head.turns.at(-1);
          if (before) out.push(...turnLines(`- ${before.role}`, before.text, chars, c.red));
          if (after) out.push(...turnLines(`+ ${after.role}`, after.text, chars, c.green));
        }
      }
    }
    if (r.samples.added.length > 0) {
      section("Added records", r.added, r.samples.added.length);
      for (const s of r.samples.added) out.push(...sampleLines(`line ${s.line}`, s, chars, c.green));
    }
    if (r.samples.removed.length > 0) {
      section("Removed records", r.removed, r.samples.removed.length);
      for (const s of r.samples.removed) out.push(...sampleLines(`base line ${s.line}`, s, chars, c.red));
    }
  }
  return `${out.join("\n")}\n`;
}

function sampleLines(title: string, s: SampleRecord, chars: number, tint: (t: string) => string): string[] {
  const out = [`    ${title}`];
  if (s.system) out.push(...turnLines("system", s.system, chars, tint));
  for (const [i, t] of s.turns.entries()) {
    if (s.omittedTurns > 0 && i === s.turns.length - 1) out.push(`      … ${int(s.omittedTurns)} more turns`);
    out.push(...turnLines(t.role, t.text, chars, tint));
  }
  return out;
}

function turnLines(role: string, text: string, chars: number, tint: (t: string) => string): string[] {
  const body = clean(text, chars).split("\n").slice(0, 6);
  return body.map((line, i) => tint(`      ${i === 0 ? `${clean(role, 30)}: ` : "  "}${line}`));
}

/** Untrusted text for a terminal: no escape sequences or other controls, capped. */
function clean(text: string, max: number): string {
  const visible = stripInvisible(text.replace(/\t/g, " "));
  return capText(visible, max);
}

function signed(n: number): string {
  return n > 0 ? `+${int(n)}` : n < 0 ? `-${int(-n)}` : "0";
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
