import type { LabelStats } from "../stats/collect";

/** One class label's records before and after the change. */
export interface LabelShift {
  label: string;
  base: number;
  head: number;
  /** head - base. */
  delta: number;
  /** Share of the labelled records on each side, 0..1. */
  baseShare: number;
  headShare: number;
}

export interface LabelShifts {
  rows: LabelShift[];
  /** Records whose reply matches no label, on each side. */
  unlabeled: { base: number; head: number };
}

/**
 * The label distribution of a classifier dataset before and after a change, largest movement of share
 * first (a label that went from 10% to 40% matters more than one that grew with the file). Undefined
 * when neither side has labels (no label pattern configured).
 */
export function labelShifts(
  base: LabelStats | undefined,
  head: LabelStats | undefined,
): LabelShifts | undefined {
  if (!base && !head) return undefined;
  const baseCounts = base?.counts ?? {};
  const headCounts = head?.counts ?? {};
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  const baseTotal = total(baseCounts);
  const headTotal = total(headCounts);
  const labels = new Set([...Object.keys(baseCounts), ...Object.keys(headCounts)]);
  const rows = [...labels].map((label): LabelShift => {
    const b = baseCounts[label] ?? 0;
    const h = headCounts[label] ?? 0;
    return {
      label,
      base: b,
      head: h,
      delta: h - b,
      baseShare: baseTotal === 0 ? 0 : b / baseTotal,
      headShare: headTotal === 0 ? 0 : h / headTotal,
    };
  });
  rows.sort(
    (a, b) =>
      Math.abs(b.headShare - b.baseShare) - Math.abs(a.headShare - a.baseShare) ||
      b.head - a.head ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  );
  return { rows, unlabeled: { base: base?.unlabeled ?? 0, head: head?.unlabeled ?? 0 } };
}
