import { blobUrl, safeLink } from "./markdown-safe";
import type { RenderOptions, ReviewInput } from "./review-input";

/**
 * How the review fits its budget: blocks are slots, fixed or fitted by tier; a fitted block is the
 * largest rendition that fits the share it is given.
 */

/** A block whose size is chosen at fitting time: the largest rendition within `budget`, or "". */
export type Fit = (budget: number) => string;

export interface Slot {
  /** Fixed text, or a fit function filled in by tier. */
  text: string;
  fit?: Fit;
  /** Lower tiers are filled first; required blocks have none. */
  tier?: number;
}

export const SEPARATOR = "\n\n";

/** Shared rendering state: links, limits, and whether anything was trimmed. */
export class Context {
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
export function largestFitting(
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
