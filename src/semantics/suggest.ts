// "Did you mean" hints for unknown names (properties, kinds, types, ports, parameters).
// Input: a misspelt word and the valid names. Output: the closest name or null, or a hint
// sentence. Invariants: distance is Damerau-Levenshtein (with transpositions, the optimal
// string alignment variant) on lower-cased text, so a case slip costs nothing; ties go to the
// candidate closest in exact case, then alphabetical order; nothing is suggested beyond
// max(1, floor(length / 3)) edits, or when the edit would rewrite most of the candidate.

/** Optimal-string-alignment Damerau-Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  const n = a.length, m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  // three rows: i-2, i-1, i
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** The closest candidate to `word`, or null when none is close enough. */
export function suggest(word: string, candidates: Iterable<string>): string | null {
  const lw = word.toLowerCase();
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | null = null;
  let bestKey: [number, number] = [Infinity, Infinity];
  for (const c of new Set(candidates)) {
    if (c === word) continue;
    const d = editDistance(lw, c.toLowerCase());
    if (d > limit || d >= Math.max(c.length, 1)) continue;
    const key: [number, number] = [d, editDistance(word, c)];
    if (key[0] < bestKey[0] || (key[0] === bestKey[0] && (key[1] < bestKey[1] || (key[1] === bestKey[1] && best !== null && c < best)))) {
      best = c;
      bestKey = key;
    }
  }
  return best;
}

function byName(x: string, y: string): number {
  const a = x.toLowerCase(), b = y.toLowerCase();
  return a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0;
}

/**
 * A hint: "did you mean 'tau_s'?" when a candidate is close, else a short list of valid names
 * ("valid names are 'a', 'b', 'c' and 4 more"), or '' when there are no candidates.
 */
export function didYouMean(word: string, candidates: Iterable<string>, shown = 6): string {
  const all = [...new Set(candidates)];
  const s = suggest(word, all);
  if (s !== null) return `did you mean '${s}'?`;
  if (all.length === 0) return '';
  const sorted = all.sort(byName);
  const head = sorted.slice(0, shown).map((c) => `'${c}'`);
  if (sorted.length === 1) return `the only valid name is ${head[0]}`;
  const rest = sorted.length - head.length;
  return rest > 0
    ? `valid names are ${head.join(', ')} and ${rest} more`
    : `valid names are ${head.slice(0, -1).join(', ')} and ${head[head.length - 1]}`;
}
