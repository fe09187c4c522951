/**
 * "Did you mean …?" for typos in keys and names (`enabeld`, `--rule default:mian`): the nearest
 * candidate by edit distance (adjacent swaps count as one edit), when it is near enough to be a
 * typo rather than another word.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  if (best === undefined) return undefined;
  // 1 edit for short words, 2 from 6 letters, 3 from 9: "mian" → main, never "crm" → "cms".
  const allowed = w.length < 4 ? 0 : w.length < 6 ? 1 : w.length < 9 ? 2 : 3;
  return bestD <= allowed || (bestD === 0 && best !== word) ? best : undefined;
}

/** Optimal string alignment distance (Levenshtein plus transpositions of neighbours). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}
