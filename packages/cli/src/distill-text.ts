import { relative } from "node:path";
import type { DistillEstimate } from "@tunegate/core";
import type { DistillProgress, DistillReport } from "@tunegate/usecases";
import type { OutputStream } from "./io";

/** The output, failures and journal paths as the user named them: relative to the working directory. */
export function shownPaths<T extends Record<string, string>>(paths: T, cwd: string): T {
  return Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, relative(cwd, p)])) as T;
}

/**
 * Dollars, precise enough to compare with a cap: cents from $100, else up to four decimals (at least
 * two), and two significant digits below a cent.
 */
export function usd(n: number): string {
  if (n === 0) return "$0.00";
  if (n < 0.01) return `$${Number(n.toFixed(Math.min(10, 1 - Math.floor(Math.log10(n)))))}`;
  return `$${n.toFixed(n >= 100 ? 2 : 4).replace(/0{1,2}$/, "")}`;
}
const int = (n: number) => n.toLocaleString("en-US");

export function estimateText(e: DistillEstimate, reused: number): string {
  const asked = `${int(e.prompts)} prompt${e.prompts === 1 ? "" : "s"} to ask${reused > 0 ? ` (${int(reused)} already answered in the journal)` : ""}`;
  const tokens = `~${int(e.inputTokens)} input tokens (estimated with the cl100k_base tokenizer), at most ${int(e.maxOutputTokens)} output tokens`;
  const bill = e.usd
    ? `up to ${usd(e.usd.atMost)} (input ${usd(e.usd.input)}, output at most ${usd(e.usd.outputAtMost)})`
    : "no dollar figure: the catalog has no token prices for the teacher";
  return `Estimate: ${asked}; ${tokens}; ${bill}.\n`;
}

export function summaryText(
  r: DistillReport,
  shown: { output: string; failures: string; journal: string },
): string {
  const lines: string[] = [];
  const errors = r.validation?.summary.errors ?? 0;
  const warnings = r.validation?.summary.warnings ?? 0;
  const verdict =
    errors === 0
      ? `clean under ${r.validation?.model.name}'s rules${warnings > 0 ? `, ${int(warnings)} warning${warnings === 1 ? "" : "s"}` : ""}`
      : `${int(errors)} error${errors === 1 ? "" : "s"} under ${r.validation?.model.name}'s rules: run tunegate validate on it`;
  lines.push(`Wrote ${int(r.written)} of ${int(r.prompts)} records to ${shown.output} (${verdict}).`);
  lines.push(
    `Asked the teacher ${int(r.answered)} prompt${r.answered === 1 ? "" : "s"}${r.spentUsd === undefined ? "" : ` for ${usd(r.spentUsd)}`}; ${int(r.reused)} answer${r.reused === 1 ? "" : "s"} reused from ${shown.journal}.`,
  );
  if (r.failures.length > 0) {
    const by = new Map<string, number>();
    for (const f of r.failures) by.set(f.reason, (by.get(f.reason) ?? 0) + 1);
    const counts = [...by].map(([reason, n]) => `${reason} ${int(n)}`).join(", ");
    lines.push(
      `${int(r.failures.length)} prompt${r.failures.length === 1 ? "" : "s"} left no record (${counts}), each listed with its reason in ${shown.failures}.`,
    );
    for (const f of r.failures.slice(0, 5)) lines.push(`  line ${f.line}: ${f.reason}: ${f.detail}`);
    if (r.failures.length > 5) lines.push(`  ... and ${int(r.failures.length - 5)} more`);
  }
  const s = r.stoppedAt;
  if (s)
    lines.push(
      `Stopped at line ${s.line} by --max-cost ${usd(s.capUsd)}: ${usd(s.spentUsd)} spent, and that prompt could cost up to ${usd(s.worstUsd)} more. Run again with a higher --max-cost to go on; the answers so far are kept.`,
    );
  const c = r.concurrency;
  if (c.throttles > 0)
    lines.push(
      `Throttled ${int(c.throttles)} time${c.throttles === 1 ? "" : "s"}: concurrency went from ${c.changes[0]} down to ${c.lowest} and ended at ${c.changes.at(-1)}.`,
    );
  return `${lines.join("\n")}\n`;
}

/** A bar redrawn in place on a terminal; elsewhere a plain line at every tenth of the run. */
export function progressPrinter(stream: OutputStream, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  let tenth = 0;
  return (p: DistillProgress) => {
    const cost = p.spentUsd === undefined ? "" : `, ${usd(p.spentUsd)}`;
    const status = `${int(p.done)}/${int(p.total)} prompts, ${int(p.failed)} failed${cost}, ${p.limit} in flight at most`;
    if (stream.isTTY === true) {
      const t = now();
      if (p.done < p.total && t - last < 100) return;
      last = t;
      const filled = Math.round((p.done / Math.max(1, p.total)) * 24);
      stream.write(
        `\r\u001b[2K[${"#".repeat(filled)}${"-".repeat(24 - filled)}] ${status}${p.done === p.total ? "\n" : ""}`,
      );
      return;
    }
    const reached = Math.floor((10 * p.done) / Math.max(1, p.total));
    if (reached > tenth || p.done === p.total) {
      tenth = reached;
      stream.write(`distill: ${status}\n`);
    }
  };
}
