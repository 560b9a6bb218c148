import type { ProblemCounts } from "../problem";

/** Numbers as the review writes them: en-US grouping, signed changes, percentages and dollars. */

export function int(n: number): string {
  return n.toLocaleString("en-US");
}

export function signed(n: number): string {
  return n > 0 ? `+${int(n)}` : n < 0 ? `−${int(-n)}` : "0";
}

export function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

export function usd(n: number): string {
  return n > 0 && n < 0.01
    ? "under $0.01"
    : `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function signedUsd(n: number): string {
  if (Math.abs(n) < 0.005) return "$0.00";
  return `${n > 0 ? "+" : "−"}${usd(Math.abs(n))}`;
}

export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${int(n)} ${n === 1 ? noun : many}`;
}

export function countsText(c: ProblemCounts): string {
  const parts = [plural(c.errors, "error"), plural(c.warnings, "warning")];
  if (c.notices > 0) parts.push(plural(c.notices, "notice"));
  return parts.join(", ");
}
