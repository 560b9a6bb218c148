import { createRequire as __tunegateCreateRequire } from "node:module"; const require = __tunegateCreateRequire(import.meta.url);
import {
  COMMENT_BUDGET_CHARS,
  COMMENT_MAX_CHARS,
  STEP_SUMMARY_MAX_BYTES,
  blobUrl,
  capText,
  external_exports,
  rankProblems,
  safeCode,
  safeCodeBlock,
  safeHtmlText,
  safeInline,
  safeLink
} from "./chunk-SF3AE7MZ.js";
import {
  formatCount
} from "./chunk-4RDVGVTU.js";

// packages/core/src/report/systematic.ts
var SYSTEMATIC_SHARE = 0.5;
var SYSTEMATIC_MIN_RECORDS = 10;
var FIRST_LINES = 5;
function collapseSystematic(problems, records) {
  const groups = /* @__PURE__ */ new Map();
  for (const p of problems) {
    const key = `${p.file}\0${p.rule}\0${p.severity}`;
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
    }
    group.push(p);
  }
  const replaced = /* @__PURE__ */ new Map();
  let folded = 0;
  for (const group of groups.values()) {
    const lines = [...new Set(group.map((p) => p.line))].sort((a, b) => a - b);
    const total = records(group[0].file);
    if (total === void 0 || lines.length > total || lines.length < SYSTEMATIC_MIN_RECORDS || lines.length < total * SYSTEMATIC_SHARE) {
      continue;
    }
    const first = group.reduce(
      (a, b) => b.line < a.line || b.line === a.line && b.column < a.column ? b : a
    );
    const shown = lines.slice(0, FIRST_LINES).join(", ");
    const more = lines.length - FIRST_LINES;
    replaced.set(first, {
      ...first,
      message: `${first.message} The same problem is on ${formatCount(lines.length)} of ${formatCount(total)} records (lines ${shown}${more > 0 ? ` and ${formatCount(more)} more` : ""}): one cause to fix once.`
    });
    for (const p of group) if (p !== first) replaced.set(p, null);
    folded += group.length - 1;
  }
  if (folded === 0) return { problems: [...problems], folded: 0 };
  const out = [];
  for (const p of problems) {
    const r = replaced.get(p);
    if (r === void 0) out.push(p);
    else if (r !== null) out.push(r);
  }
  return { problems: out, folded };
}

// packages/core/src/report/review-verdict.ts
function reviewFails(counts, failOn) {
  if (failOn === "never") return false;
  return counts.errors > 0 || failOn === "warning" && counts.warnings > 0;
}
function reviewCounts(models) {
  const total = { errors: 0, warnings: 0, notices: 0 };
  for (const m of models) {
    total.errors += m.counts.errors;
    total.warnings += m.counts.warnings;
    total.notices += m.counts.notices;
  }
  return total;
}
var ICON = { fail: "\u274C", warn: "\u26A0\uFE0F", pass: "\u2705" };
function verdictOf(counts, failOn) {
  if (reviewFails(counts, failOn)) return "fail";
  return counts.errors > 0 || counts.warnings > 0 ? "warn" : "pass";
}

// packages/core/src/report/review-fit.ts
var SEPARATOR = "\n\n";
var Context = class {
  constructor(input, options) {
    this.input = input;
    this.options = options;
    this.server = input.serverUrl ?? "https://github.com";
  }
  input;
  options;
  trimmed = false;
  server;
  fileLink(path, line, label = line ? `${path}:${line}` : path) {
    return safeLink(label, blobUrl(this.server, this.input.repository, this.input.headSha, path, line), 160);
  }
  /** "... in the job summary of [this run](url)." */
  pointer(what) {
    if (this.options.fullReport === "none") return `_${what}._`;
    const where = this.input.runUrl ? `the job summary of ${safeLink("this run", this.input.runUrl)}` : "the job summary of this check";
    return `_${what}; ${where} has the full report._`;
  }
};
function largestFitting(n, budget, render, measure) {
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

// packages/core/src/report/review-numbers.ts
function int(n) {
  return n.toLocaleString("en-US");
}
function signed(n) {
  return n > 0 ? `+${int(n)}` : n < 0 ? `\u2212${int(-n)}` : "0";
}
function pct(share) {
  return `${(share * 100).toFixed(1)}%`;
}
function usd(n) {
  return n > 0 && n < 0.01 ? "under $0.01" : `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
function signedUsd(n) {
  if (Math.abs(n) < 5e-3) return "$0.00";
  return `${n > 0 ? "+" : "\u2212"}${usd(Math.abs(n))}`;
}
function plural(n, noun, many = `${noun}s`) {
  return `${int(n)} ${n === 1 ? noun : many}`;
}
function countsText(c) {
  const parts = [plural(c.errors, "error"), plural(c.warnings, "warning")];
  if (c.notices > 0) parts.push(plural(c.notices, "notice"));
  return parts.join(", ");
}

// packages/core/src/report/review-details.ts
function problemsFit(model, ctx) {
  const measure = ctx.options.measure ?? ((t) => t.length);
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
  const render = (k) => {
    const heading = `#### Problems in ${safeCode(model.name, 80, false)}`;
    const more = total - k;
    const footer = more > 0 ? ctx.pointer(
      `${k === 0 ? "" : `Showing the ${int(k)} most important of ${int(total)} problems. `}${int(more)} more ${more === 1 ? "is" : "are"} not listed here`
    ) : "";
    if (k === 0) return [heading, footer].join(SEPARATOR);
    const table = [
      `| Severity | Rule | Where | Problem${hints ? " | How to fix" : ""} |`,
      `| --- | --- | --- | ---${hints ? " | ---" : ""} |`,
      ...rows.slice(0, k)
    ].join("\n");
    return [heading, table, footer].filter(Boolean).join(SEPARATOR);
  };
  return (budget) => {
    const { text, k } = largestFitting(rows.length, budget, render, measure);
    if (k < cap) ctx.trimmed = true;
    return text;
  };
}
var SEVERITY_ICON = { error: "\u274C", warning: "\u26A0\uFE0F", notice: "\u2139\uFE0F" };
function labelsFit(d, ctx) {
  const measure = ctx.options.measure ?? ((t) => t.length);
  const shifts = d.labels;
  const rows = shifts.rows.map(
    (r) => `| ${safeCode(r.label, 60)} | ${int(r.base)} | ${int(r.head)} | ${r.delta === 0 ? "0" : signed(r.delta)} | ${pct(r.baseShare)} \u2192 ${pct(r.headShare)} |`
  );
  const unlabeled = shifts.unlabeled.base + shifts.unlabeled.head > 0 ? `

Records whose reply matches no label: ${int(shifts.unlabeled.base)} \u2192 ${int(shifts.unlabeled.head)}.` : "";
  const render = (k) => {
    if (k === 0) return "";
    const more = rows.length - k;
    return [
      `#### Labels in ${safeCode(d.path, 120, false)}`,
      [
        "| Label | Base | Head | Change | Share |",
        "| --- | ---: | ---: | ---: | --- |",
        ...rows.slice(0, k),
        ...more > 0 ? [`| \u2026${int(more)} more labels | | | | |`] : []
      ].join("\n") + unlabeled
    ].join(SEPARATOR);
  };
  return (budget) => {
    const { text, k } = largestFitting(Math.min(rows.length, 25), budget, render, measure);
    if (k < rows.length) ctx.trimmed = true;
    return text;
  };
}
var KIND_TEXT = {
  added: ["added record", "added records"],
  modified: ["modified record", "modified records"],
  removed: ["removed record", "removed records"]
};
function samplesFit(d, kind, ctx) {
  const measure = ctx.options.measure ?? ((t) => t.length);
  const all = d.records.samples[kind];
  const count2 = d.records[kind];
  const limit = Math.min(all.length, ctx.options.samples ?? 3);
  const fullChars = ctx.options.sampleChars ?? 600;
  const sizes = [fullChars, Math.floor(fullChars / 2), 120];
  const render = (k, chars) => {
    if (k === 0) return "";
    const bodies = all.slice(0, k).map(
      (s) => kind === "modified" ? modifiedSample(s, d, chars, ctx) : plainSample(s, d, kind, chars, ctx)
    );
    const noun = KIND_TEXT[kind][count2 === 1 ? 0 : 1];
    const summary = `${k < count2 ? `${int(k)} of ${int(count2)}` : int(count2)} ${noun} in ${safeHtmlText(d.path, 120)}`;
    return `<details>
<summary>${summary}</summary>

${bodies.join("\n\n")}

</details>`;
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
function plainSample(s, d, kind, chars, ctx) {
  const where = kind === "added" ? ctx.fileLink(d.path, s.line, `line ${s.line}`) : `base line ${s.line}`;
  return `**${where}**

${conversation(s, chars)}`;
}
function modifiedSample(m, d, chars, ctx) {
  const where = ctx.fileLink(d.path, m.head.line, `line ${m.head.line}`);
  const changed = m.changed.length === 0 ? "" : ` (${m.changed.map((c) => c === "reply" ? "reply" : "system prompt").join(" and ")} changed)`;
  const prompt = m.head.turns.slice(0, -1);
  const parts = [`**${where}**${changed}`];
  if (prompt.length > 0)
    parts.push(conversation({ ...m.head, system: "", turns: prompt, omittedTurns: 0 }, chars));
  const before = m.base;
  if (m.changed.includes("system")) {
    parts.push(
      `_System prompt before (base line ${before?.line ?? "?"})_
${safeCodeBlock(capText(before?.system ?? "", chars), chars + 2)}`
    );
    parts.push(`_System prompt after_
${safeCodeBlock(capText(m.head.system, chars), chars + 2)}`);
  }
  const reply = m.head.turns[m.head.turns.length - 1];
  const oldReply = before?.turns[before.turns.length - 1];
  if (!before || m.changed.includes("reply")) {
    if (oldReply)
      parts.push(
        `_Reply before (base line ${before.line})_
${safeCodeBlock(capText(oldReply.text, chars), chars + 2)}`
      );
    if (reply) parts.push(`_Reply after_
${safeCodeBlock(capText(reply.text, chars), chars + 2)}`);
  }
  return parts.join("\n\n");
}
function conversation(s, chars) {
  const out = [];
  if (s.system) out.push(`_system_
${safeCodeBlock(capText(s.system, chars), chars + 2)}`);
  s.turns.forEach((t, i) => {
    if (s.omittedTurns > 0 && i === s.turns.length - 1)
      out.push(`_\u2026${plural(s.omittedTurns, "more turn")}\u2026_`);
    const media = t.media > 0 ? ` (+${plural(t.media, "image or video", "images or videos")})` : "";
    const cut = t.truncated || t.text.length > chars ? " (cut)" : "";
    out.push(
      `_${safeInline(t.role || "(no role)", 30)}_${media}${cut}
${safeCodeBlock(capText(t.text, chars), chars + 2)}`
    );
  });
  return out.join("\n");
}

// packages/core/src/report/serving-cost.ts
var SHORT = {
  cached: "prompt caching",
  base: "the base model on demand",
  custom: "the custom model on demand",
  provisioned: "Provisioned Throughput"
};
var usd2 = (n) => n >= 0.01 ? `$${n.toFixed(2)}` : `$${n.toPrecision(3)}`;
var rate = (r) => r < 0.01 ? r.toPrecision(2) : r.toLocaleString("en-US", { maximumFractionDigits: r < 10 ? 2 : 0 });
function servingCostLine(s) {
  const priced = s.options.filter((o) => o.available);
  if (priced.length === 0) return void 0;
  const w = s.workload;
  const request = `${w.inputTokens.toLocaleString("en-US")} input tokens, ${w.cachedTokens.toLocaleString("en-US")} of them a cacheable system prompt, and ${w.outputTokens.toLocaleString("en-US")} output tokens`;
  const cheapest = s.cheapestByLoad.slice(0, 4).map(
    (c, i) => i === 0 ? SHORT[c.id] : `${SHORT[c.id]} from ${rate(c.fromRequestsPerSecond)} requests per second`
  ).join(", then ");
  const figures = priced.map(
    (o) => o.modelUnits !== void 0 ? `${SHORT[o.id]} $${Math.round(o.monthlyUsd / o.modelUnits).toLocaleString("en-US")} per 30 days per model unit of about ${rate(s.unitRequestsPerSecond.value)} requests per second (${safeInline(s.unitRequestsPerSecond.source, 80)})` : `${SHORT[o.id]}${o.id === "cached" && o.model ? ` (${safeInline(o.model.name, 60)})` : ""} ${usd2(o.perRequestUsd ?? 0)} per request`
  );
  const left = s.options.filter((o) => !o.available).map((o) => SHORT[o.id]);
  return [
    `Serving it, for requests like this data's (${request}): cheapest is ${cheapest}.`,
    `${capitalised(figures.join("; "))}.`,
    ...left.length ? [`Not compared (no price, or not offered for this base model): ${left.join(", ")}.`] : [],
    "`tunegate cost` shows each price's source and the break-even loads."
  ].join(" ");
}
var capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);
function servingRows(serving) {
  const line = serving && servingCostLine(serving);
  return line ? [["Serving", line]] : [];
}
function servingSections(input) {
  const line = input.job.status === "Completed" && input.serving && servingCostLine(input.serving);
  return line ? [{ text: `#### Serving cost

${line}` }] : [];
}

// packages/core/src/report/review-sections.ts
function header(input) {
  const total = reviewCounts(input.models);
  const verdict = verdictOf(total, input.failOn);
  const models = input.models.length;
  const title = models === 0 ? "no dataset changes to review" : verdict === "fail" ? `${countsText(total)}: not ready to merge` : total.errors > 0 || total.warnings > 0 ? `${countsText(total)}, nothing that fails the check` : "the datasets are ready to merge";
  const at = [
    `${plural(models, "model")} checked at ${safeCode(input.headSha.slice(0, 7), 12, false)}`,
    input.baseSha ? `against the base ${safeCode(input.baseSha.slice(0, 7), 12, false)}` : ""
  ].filter(Boolean).join(" ");
  const run = input.runUrl ? ` \xB7 ${safeLink("workflow run", input.runUrl)}` : "";
  return `## ${ICON[models === 0 ? "pass" : verdict]} tunegate: ${title}

<sub>${at}${run}. The check fails on ${FAIL_ON_TEXT[input.failOn]}.</sub>`;
}
var FAIL_ON_TEXT = {
  error: "errors",
  warning: "errors and warnings",
  never: "nothing (fail-on: never)"
};
function globalNotes(input) {
  const notes = (input.notes ?? []).slice(0, 20);
  const lifecycle = lifecycleNotes(input.models);
  if (notes.length === 0 && lifecycle.length === 0) return [];
  return [{ text: [...lifecycle, ...notes.map((n) => `> [!NOTE]
> ${safeInline(n, 400)}`)].join("\n\n") }];
}
function lifecycleNotes(models) {
  const byWarning = /* @__PURE__ */ new Map();
  for (const m of models) {
    if (!m.lifecycle) continue;
    const { warning, advice } = m.lifecycle;
    const key = `${warning}\0${advice}`;
    const entry = byWarning.get(key) ?? { warning, advice, models: [] };
    entry.models.push(m.name);
    byWarning.set(key, entry);
  }
  return [...byWarning.values()].map(
    ({ warning, advice, models: names }) => `> [!WARNING]
> **Base model:** ${safeInline(warning, 600)} Used by ${names.map((n) => safeCode(n, 80, false)).join(", ")}.
>
> **Before merging:** ${safeInline(advice, 1e3)}`
  );
}
function modelHeading(model, ctx) {
  const verdict = verdictOf(model.counts, ctx.input.failOn);
  const text = verdict === "fail" ? `**${countsText(model.counts)}**: fix ${model.counts.errors > 0 ? "the errors" : "the warnings"} before merging.` : model.counts.errors + model.counts.warnings + model.counts.notices > 0 ? `${countsText(model.counts)}.` : "No problems found.";
  return `### ${ICON[verdict]} ${safeCode(model.name, 80, false)} \xB7 ${safeInline(model.baseModel.name, 80)} \xB7 ${safeInline(model.region, 40)}

${text}`;
}
function figuresTable(model) {
  const sum = (role, side, pick) => model.datasets.filter((d) => d.role === role).reduce((n, d) => {
    const s = side === "base" && d.change === "unchanged" ? d.head : d[side];
    return n + (s ? pick(s) : 0);
  }, 0);
  const has = (role) => model.datasets.some((d) => d.role === role);
  const rows = [];
  for (const role of ["train", "validation"]) {
    if (!has(role)) continue;
    const label = role === "train" ? "Training" : "Validation";
    rows.push(
      row(
        `${label} records`,
        sum(role, "base", (s) => s.records),
        sum(role, "head", (s) => s.records)
      )
    );
  }
  if (has("train")) {
    const estimated = model.datasets.some((d) => d.head && !d.head.tokens.exact);
    rows.push(
      row(
        `Training tokens${estimated ? " (est.)" : ""}`,
        sum("train", "base", (s) => s.tokens.value),
        sum("train", "head", (s) => s.tokens.value),
        estimated ? "~" : ""
      )
    );
  }
  const { base, head } = model.cost;
  if (head || base) {
    const epochs = head?.epochs ?? base?.epochs;
    const epochText = base && head && base.epochs !== head.epochs ? `${base.epochs} \u2192 ${head.epochs} epochs` : `${epochs} epoch${epochs === 1 ? "" : "s"}`;
    if (head?.usd !== void 0 || base?.usd !== void 0) {
      rows.push(
        `| Estimated training cost (${epochText}) | ${base?.usd === void 0 ? "\u2014" : usd(base.usd)} | ${head?.usd === void 0 ? "\u2014" : usd(head.usd)} | ${base?.usd !== void 0 && head?.usd !== void 0 ? signedUsd(head.usd - base.usd) : "\u2014"} |`
      );
    } else {
      rows.push(
        base && head ? row(
          `Billed tokens (${epochText}; no price in the catalog)`,
          base.billedTokens,
          head.billedTokens,
          "~"
        ) : `| Billed tokens (${epochText}; no price in the catalog) | ${base ? `~${int(base.billedTokens)}` : "\u2014"} | ${head ? `~${int(head.billedTokens)}` : "\u2014"} | \u2014 |`
      );
    }
  }
  return ["| | Base | Head | Change |", "| --- | ---: | ---: | ---: |", ...rows].join("\n");
}
function row(label, base, head, approx = "") {
  const delta = head - base;
  const pct2 = base === 0 ? "" : ` (${delta >= 0 ? "+" : "\u2212"}${Math.abs(delta / base * 100).toFixed(1)}%)`;
  return `| ${label} | ${approx}${int(base)} | ${approx}${int(head)} | ${delta === 0 ? "0" : `${signed(delta)}${pct2}`} |`;
}
var CHANGE_TEXT = {
  added: "new file",
  removed: "deleted",
  modified: "changed",
  unchanged: "not changed"
};
function datasetTable(model, ctx) {
  const lines = [
    "| Dataset | Role | Change | Records (base \u2192 head) | Added | Removed | Modified | Unchanged |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"
  ];
  const shown = model.datasets.slice(0, 30);
  for (const d of shown) {
    const name = d.head ? ctx.fileLink(d.path) : safeInline(d.path, 160);
    const r = d.records;
    const baseRecords = d.change === "unchanged" ? d.head?.records ?? 0 : d.base?.records ?? 0;
    const records = `${int(baseRecords)} \u2192 ${int(d.head?.records ?? 0)}`;
    const unreadable = r ? Math.max(0, (d.head?.records ?? 0) - r.compared.head) : 0;
    const cells = r ? [`+${int(r.added)}`, `\u2212${int(r.removed)}`, `~${int(r.modified)}`, int(r.unchanged)] : ["\u2014", "\u2014", "\u2014", int(d.head?.records ?? 0)];
    lines.push(
      `| ${name}${unreadable > 0 ? ` (${int(unreadable)} unreadable, not compared)` : ""} | ${d.role} | ${CHANGE_TEXT[d.change]} | ${records} | ${cells.join(" | ")} |`
    );
  }
  if (model.datasets.length > shown.length) {
    lines.push(`| \u2026and ${model.datasets.length - shown.length} more | | | | | | | |`);
  }
  return lines.join("\n");
}
function onMergeSection(model) {
  const title = `#### On merge`;
  const m = model.onMerge;
  if (m.kind === "none") return `${title}

No training job: ${safeInline(m.reason, 300)}`;
  if (m.kind === "blocked") {
    const reasons = m.reasons.slice(0, 10).map((r) => `- ${safeInline(r, 300)}`);
    if (m.reasons.length > reasons.length) reasons.push(`- \u2026and ${m.reasons.length - reasons.length} more`);
    return `${title}

No training job would start for ${safeCode(model.name, 80, false)}:

${reasons.join("\n")}`;
  }
  const changed = new Set(m.changedHyperparameters ?? []);
  const hp = Object.entries(m.hyperparameters).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).slice(0, 20).map(([k, v]) => `${safeCode(`${k}=${v}`, 80)}${changed.has(k) ? " (changed)" : ""}`).join(", ");
  const rows = [
    ["Base model", `${safeInline(model.baseModel.name, 80)} (${safeCode(model.baseModel.id, 120)})`],
    ["Region", safeInline(model.region, 40)],
    ["Hyperparameters", hp || "the base model's defaults"],
    ...m.uploads.slice(0, 4).map(
      (u) => [`${u.role === "train" ? "Training" : "Validation"} data`, safeCode(u.uri, 300)]
    ),
    ...m.jobName ? [["Job name", safeCode(m.jobName, 120)]] : [],
    ...m.cost ? [["Estimated cost", costText(m.cost)]] : [],
    ...servingRows(m.serving)
  ];
  return `${title}

Merging starts one Bedrock model customization job for ${safeCode(model.name, 80, false)}:

| | |
| --- | --- |
${rows.map(([k, v]) => `| ${k} | ${v} |`).join("\n")}`;
}
function costText(cost) {
  const tokens = `${cost.trainingTokens.exact ? "" : "~"}${int(cost.trainingTokens.value)} tokens \xD7 ${plural(cost.epochs, "epoch")}`;
  if (cost.usd === void 0)
    return `${int(cost.billedTokens)} billed tokens (${tokens}); no training price in the catalog`;
  return `${usd(cost.usd)} (${tokens} at $${cost.pricePerMillionTokens.usd} per million)`;
}

// packages/core/src/report/pr-comment.ts
var MAX_COMMENT_SIZE = COMMENT_MAX_CHARS;
var COMMENT_BUDGET = COMMENT_BUDGET_CHARS;
var MAX_SUMMARY_BYTES = STEP_SUMMARY_MAX_BYTES;
function renderPrComment(input, options = {}) {
  return renderReview(input, { maxSize: COMMENT_BUDGET, ...options });
}
function renderReviewSummary(input, options = {}) {
  return renderReview(input, {
    // Kept a little under the limit: the runner appends other steps' text to the same file.
    maxSize: MAX_SUMMARY_BYTES - 16384,
    measure: (t) => Buffer.byteLength(t, "utf8"),
    problemRows: Number.POSITIVE_INFINITY,
    hints: true,
    samples: 5,
    sampleChars: 2e3,
    fullReport: "none",
    ...options
  });
}
function renderReview(input, options) {
  const measure = options.measure ?? ((t) => t.length);
  const max = options.maxSize ?? COMMENT_BUDGET;
  const ctx = new Context(input, options);
  const slots = [{ text: input.marker }, { text: header(input) }, ...globalNotes(input)];
  for (const model of input.models) slots.push(...modelSlots(model, ctx));
  if ((input.untouchedModels ?? []).length > 0) {
    const names = input.untouchedModels.slice(0, 30).map((n) => safeCode(n, 60, false));
    const more = input.untouchedModels.length - names.length;
    slots.push({
      text: `<sub>Not affected by this pull request: ${names.join(", ")}${more > 0 ? ` and ${more} more` : ""}.</sub>`
    });
  }
  const trimmedNote = ctx.pointer("Some details were trimmed to fit");
  const reserve = measure(trimmedNote) + 2 * SEPARATOR.length;
  let used = 0;
  for (const s of slots) if (s.tier === void 0) used += measure(s.text) + SEPARATOR.length;
  let left = max - used - reserve;
  const tiers = [...new Set(slots.flatMap((s) => s.tier === void 0 ? [] : [s.tier]))].sort(
    (a, b) => a - b
  );
  for (const tier of tiers) {
    const inTier = slots.filter((s) => s.tier === tier);
    inTier.forEach((slot, i) => {
      const share = Math.floor(Math.max(0, left) / (inTier.length - i));
      slot.text = share > 0 ? slot.fit(share - SEPARATOR.length) : "";
      if (slot.text !== "") left -= measure(slot.text) + SEPARATOR.length;
    });
  }
  const kept = slots.filter((s) => s.text !== "").map((s) => s.text);
  let body = kept.join(SEPARATOR);
  if (ctx.trimmed) body += SEPARATOR + trimmedNote;
  while (measure(`${body}
`) > max && kept.length > 2) {
    kept.pop();
    body = kept.join(SEPARATOR) + SEPARATOR + trimmedNote;
  }
  return `${body}
`;
}
function modelSlots(model, ctx) {
  const slots = [{ text: modelHeading(model, ctx) }, { text: figuresTable(model) }];
  const notes = [...model.notes ?? [], ...model.settingChanges.map((c) => `Setting changed: ${c}`)];
  if (notes.length > 0) {
    const shown = notes.slice(0, 15).map((n) => `- ${safeInline(n, 300)}`);
    if (notes.length > shown.length) shown.push(`- \u2026and ${notes.length - shown.length} more`);
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
    ["removed", 5]
  ];
  for (const [kind, tier] of kinds) {
    for (const d of model.datasets) {
      const samples = d.records?.samples[kind] ?? [];
      if (samples.length > 0) slots.push({ text: "", tier, fit: samplesFit(d, kind, ctx) });
    }
  }
  slots.push({ text: onMergeSection(model) });
  return slots;
}

// packages/core/src/report/report-file.ts
var REPORT_MARKDOWN_FILE = "tunegate-report.md";
var REPORT_JSON_FILE = "tunegate-report.json";
var MAX_REPORT_MARKDOWN_BYTES = 4 * 1024 * 1024;
var MAX_REPORT_JSON_BYTES = 32 * 1024 * 1024;
var count = external_exports.number().int().nonnegative();
var countsSchema = external_exports.object({ errors: count, warnings: count, notices: count });
var sizeSchema = external_exports.object({ records: count, tokens: count, bytes: count });
var costSchema = external_exports.object({
  epochs: external_exports.number(),
  trainingTokens: external_exports.number(),
  billedTokens: external_exports.number(),
  estimated: external_exports.boolean(),
  usd: external_exports.number().nullable()
});
var datasetSchema = external_exports.object({
  path: external_exports.string(),
  role: external_exports.string(),
  change: external_exports.string(),
  base: sizeSchema.nullable(),
  head: sizeSchema.nullable(),
  records: external_exports.object({ added: count, removed: count, modified: count, unchanged: count }).nullable(),
  labels: external_exports.array(external_exports.object({ label: external_exports.string(), base: count, head: count })).nullable()
});
var modelSchema = external_exports.object({
  name: external_exports.string(),
  baseModel: external_exports.string(),
  region: external_exports.string(),
  counts: countsSchema,
  datasets: external_exports.array(datasetSchema),
  cost: external_exports.object({ base: costSchema.nullable(), head: costSchema.nullable() }),
  settingChanges: external_exports.array(external_exports.string()),
  /** Written for other tools and never read back, so it is typed but not checked. */
  onMerge: external_exports.custom()
});
var reportFileSchema = external_exports.object({
  version: external_exports.literal(1).optional(),
  tool: external_exports.string().optional(),
  toolVersion: external_exports.string().optional(),
  repository: external_exports.string().optional(),
  headSha: external_exports.string().regex(/^[0-9a-f]{40}$/, "a 40-character lowercase hex commit SHA"),
  baseSha: external_exports.string().optional(),
  pullRequest: external_exports.number().int().positive().optional(),
  /** The comment body; when absent it is read from the Markdown file named by `markdownFile`. */
  markdown: external_exports.string().max(MAX_REPORT_MARKDOWN_BYTES).optional(),
  markdownFile: external_exports.string().regex(/^[A-Za-z0-9._-]+$/, "a file name beside the JSON file (no directories)").optional(),
  valid: external_exports.boolean().optional(),
  failOn: external_exports.enum(["error", "warning", "never"]).optional(),
  counts: countsSchema.optional(),
  comment: external_exports.union([
    external_exports.object({ action: external_exports.literal("forbidden") }),
    external_exports.object({ action: external_exports.string(), url: external_exports.string() })
  ]).optional(),
  models: external_exports.array(modelSchema).optional(),
  untouchedModels: external_exports.array(external_exports.string()).optional(),
  /** Written for other tools and never read back, so it is typed but not checked. */
  problems: external_exports.array(external_exports.custom()).optional()
}).loose();

export {
  pct,
  collapseSystematic,
  reviewFails,
  reviewCounts,
  servingSections,
  MAX_COMMENT_SIZE,
  renderPrComment,
  renderReviewSummary,
  REPORT_MARKDOWN_FILE,
  REPORT_JSON_FILE,
  MAX_REPORT_MARKDOWN_BYTES,
  MAX_REPORT_JSON_BYTES,
  reportFileSchema
};
