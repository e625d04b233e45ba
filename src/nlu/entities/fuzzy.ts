// Bounded edit distance and a trigram index, so a misspelled name is compared only with the few vocabulary
// names that share enough trigrams and have a close length, never with every name.

/** Optimal-string-alignment distance (a transposition counts 1), or max+1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  const la = a.length, lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (a === b) return 0;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = new Array<number>(lb + 1);
  let cur = new Array<number>(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2; prev2 = prev; prev = cur; cur = t;
  }
  return prev[lb]!;
}

/** Edit budget for a name of this length: 0 below 4 characters, 1 for 4-7, 2 for 8 and more. */
export function maxEdits(len: number): number {
  return len < 4 ? 0 : len < 8 ? 1 : 2;
}

/** Trigrams of "^s$" as numbers (three UTF-16 units packed below 2^48): cheaper map keys than strings. */
function trigrams(s: string): number[] {
  const p = `^${s}$`;
  const out: number[] = [];
  for (let i = 0; i + 3 <= p.length; i++) {
    out.push(p.charCodeAt(i) * 4294967296 + p.charCodeAt(i + 1) * 65536 + p.charCodeAt(i + 2));
  }
  return out;
}

export interface TrigramIndex {
  names: string[];
  postings: Map<number, number[]>;
  /** scratch counters, one per name (reset after each query) */
  counts: Uint16Array;
}

export function buildTrigramIndex(names: string[]): TrigramIndex {
  const postings = new Map<number, number[]>();
  for (let id = 0; id < names.length; id++) {
    for (const g of trigrams(names[id]!)) {
      const list = postings.get(g);
      if (!list) postings.set(g, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    }
  }
  return { names, postings, counts: new Uint16Array(names.length) };
}

/**
 * Names within the edit budget of `q` (budget from the shorter of the two lengths), with their distance,
 * closest first. Candidates come from the q-gram lemma: an edit destroys at most 3 trigrams (4 for a
 * transposition, which counts as one edit here).
 */
export function fuzzyLookup(idx: TrigramIndex, q: string, extraBudget = 0, limit = 64): { name: string; d: number }[] {
  const grams = trigrams(q);
  const touched: number[] = [];
  const seen = new Set<number>();
  for (const g of grams) {
    if (seen.has(g)) continue;
    seen.add(g);
    const list = idx.postings.get(g);
    if (!list) continue;
    for (const id of list) {
      if (idx.counts[id] === 0) touched.push(id);
      idx.counts[id]!++;
    }
  }
  const out: { name: string; d: number }[] = [];
  for (const id of touched) {
    const c = idx.counts[id]!;
    idx.counts[id] = 0;
    const name = idx.names[id]!;
    const k = maxEdits(Math.min(name.length, q.length)) + extraBudget;
    if (k <= 0 || Math.abs(name.length - q.length) > k) continue;
    if (c < Math.max(name.length, q.length) - 4 * k) continue;
    const d = editDistance(q, name, k);
    if (d <= k) out.push({ name, d });
  }
  out.sort((a, b) => a.d - b.d || a.name.length - b.name.length || (a.name < b.name ? -1 : 1));
  return out.slice(0, limit);
}
