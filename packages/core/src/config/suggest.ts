/**
 * "Did you mean" for a misspelt key, rule id or hyperparameter name: the closest known word by edit
 * distance, compared without case so `BaseModel` finds `baseModel`.
 */

/** Levenshtein distance between two strings (insertions, deletions and substitutions cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The known word closest to `word`, when it is close enough to be a likely typo: at most a third of the
 * longer word's length apart (and at least 1 edit allowed for short words). A word that contains the
 * other (`learningRate` / `learningRateMultiplier`) also counts as close.
 */
export function closest(word: string, known: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    const distance = editDistance(w, c);
    const limit = Math.max(1, Math.floor(Math.max(w.length, c.length) / 3));
    const contains = w.length >= 4 && c.length >= 4 && (c.includes(w) || w.includes(c));
    if ((distance <= limit || contains) && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
