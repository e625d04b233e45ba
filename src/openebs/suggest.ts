// Near-miss suggestions over thousands of names in well under a millisecond: prefix and substring matches, then
// edit distance — but only for names that share enough bigrams with the query to be within reach (q-gram count
// filter: k edits destroy at most 2k of the padded bigrams), so most names never reach the DP.

/** Levenshtein distance with an early exit above `max`; two reused rows, no allocation per call */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rowA.length <= b.length) { rowA = new Int32Array(b.length * 2 + 1); rowB = new Int32Array(b.length * 2 + 1); }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const sub = prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1;
      const ins = cur[j - 1] + 1;
      const c = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
      cur[j] = c;
      if (c < rowMin) rowMin = c;
    }
    if (rowMin > max) return max + 1;
    const t = prev; prev = cur; cur = t;
  }
  return prev[b.length];
}

function bigrams(s: string): string[] {
  const p = `\u0001${s}\u0002`;
  const out: string[] = [];
  for (let i = 0; i < p.length - 1; i++) out.push(p.slice(i, i + 2));
  return out;
}

/** how many edits still count as a near miss: 2, or 3 for long names (more only buries the useful ones) */
export function maxDistance(q: string): number { return Math.min(3, Math.max(2, Math.floor(q.length / 4))); }

/** plain code-unit order: localeCompare is far too slow for lists of thousands */
export function cmp(a: string, b: string): number { return a < b ? -1 : a > b ? 1 : 0; }

export class NameIndex {
  readonly names: string[];
  private readonly lower: string[];
  private readonly grams = new Map<string, number[]>();
  private counts: Uint16Array;

  constructor(names: Iterable<string>) {
    this.names = [...new Set(names)];
    this.lower = this.names.map((n) => n.toLowerCase());
    this.counts = new Uint16Array(this.names.length);
    this.lower.forEach((n, i) => {
      for (const g of new Set(bigrams(n))) {
        const l = this.grams.get(g);
        if (l) l.push(i); else this.grams.set(g, [i]);
      }
    });
  }

  /** up to `limit` names near `q` (already lower case and trimmed), best first */
  suggest(q: string, limit = 5): string[] {
    if (!q) return [];
    const maxDist = maxDistance(q);
    const score = new Map<number, number>();
    // prefix and substring matches
    for (let i = 0; i < this.lower.length; i++) {
      const n = this.lower[i];
      if (n.startsWith(q) || q.startsWith(n)) score.set(i, 0.1 + Math.abs(n.length - q.length) / 100);
      else if (q.length >= 3 && (n.includes(q) || q.includes(n))) score.set(i, 0.5 + Math.abs(n.length - q.length) / 100);
    }
    // edit distance for the names that pass the bigram count filter
    const counts = this.counts;
    counts.fill(0);
    const touched: number[] = [];
    const qGrams = bigrams(q);
    const distinct = new Set(qGrams);
    // counting distinct grams can miss repeated ones: lower the bar by the query's repeats to stay exact
    const slack = qGrams.length - distinct.size;
    for (const g of distinct) {
      for (const i of this.grams.get(g) ?? []) {
        if (counts[i]++ === 0) touched.push(i);
      }
    }
    for (const i of touched) {
      if (score.has(i)) continue;
      const n = this.lower[i];
      if (counts[i] + slack < Math.max(n.length, q.length) + 1 - 2 * maxDist) continue;
      const d = editDistance(q, n, maxDist);
      if (d <= maxDist) score.set(i, 1 + d);
    }
    if (q.length + 1 <= 2 * maxDist) {
      // very short queries: the filter proves nothing, so every name is a candidate
      for (let i = 0; i < this.lower.length; i++) {
        if (score.has(i)) continue;
        const d = editDistance(q, this.lower[i], maxDist);
        if (d <= maxDist) score.set(i, 1 + d);
      }
    }
    return [...score].sort((a, b) => a[1] - b[1] || cmp(this.names[a[0]], this.names[b[0]])).slice(0, limit).map(([i]) => this.names[i]);
  }
}
