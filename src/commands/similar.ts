// Near-miss suggestions ("Did you mean mysql-data?") by edit distance, with prefix/containment as a tie-break.

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const m = a.length, n = b.length;
  if (!m) return n;
  if (!n) return m;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/** Up to `max` names close to the query: within a third of its length in edits, or containing it. */
export function nearest(query: string, names: Iterable<string>, max = 3): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const limit = Math.max(1, Math.floor(q.length / 3));
  const scored: { name: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const l = name.toLowerCase();
    const d = editDistance(q, l);
    let score = d <= limit ? d : Infinity;
    // "pg" -> "pg-wal", "pg-data": a word of the name
    if (score === Infinity && q.length >= 2 && (l.startsWith(q) || l.split(/[-_./]/).includes(q))) score = limit + 0.5;
    if (score !== Infinity) scored.push({ name, score });
  }
  return scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name)).slice(0, max).map((s) => s.name);
}
