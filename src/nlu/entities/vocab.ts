// A tenant's compiled vocabulary: exact lookup by lowercase name, and a trigram index for misspellings and
// did-you-mean. Compiled once per tenant and rebuilt when the names change; nothing here is global, so one
// tenant's names never match for another.

import { NAME_TYPES, type NameType, type Vocabulary } from '../types.js';
import { buildTrigramIndex, editDistance, fuzzyLookup, type TrigramIndex } from './fuzzy.js';

export interface VocabEntry {
  /** the vocabulary's spelling */
  name: string;
  /** every type this name has, in NAME_TYPES order */
  types: NameType[];
}

export interface VocabIndex {
  readonly size: number;
  /** lowercase name -> entry */
  readonly exact: Map<string, VocabEntry>;
  /** per type, the lowercase names, for did-you-mean */
  readonly byType: Map<NameType, string[]>;
  /** name shape (digits as '#') -> type, so an unknown "worker-12" is taken as a node like "worker-1" */
  readonly shapes: Map<string, NameType>;
  /** trigram index over all names, for misspellings and did-you-mean */
  readonly fuzzy: TrigramIndex;
}

const NAME_RE = /^[\p{L}\p{N}][\p{L}\p{N}._\/-]*$/u;

/** "worker-12" and "worker-1" share the shape "worker-#". */
export function shapeOf(low: string): string {
  return low.replace(/\d+/g, '#');
}

export function compileVocabulary(v: Vocabulary): VocabIndex {
  const exact = new Map<string, VocabEntry>();
  const shapes = new Map<string, NameType>();
  const byType = new Map<NameType, string[]>();
  for (const type of NAME_TYPES) {
    const list = v[type];
    if (!Array.isArray(list)) continue;
    const lows: string[] = [];
    for (const raw of list) {
      if (typeof raw !== 'string') continue;
      const name = raw.trim();
      if (!name || name.length > 253 || !NAME_RE.test(name)) continue;
      const low = name.toLowerCase();
      const e = exact.get(low);
      if (!e) exact.set(low, { name, types: [type] });
      else if (!e.types.includes(type)) e.types.push(type);
      else continue;
      lows.push(low);
      if (/\d/.test(low)) {
        const shape = shapeOf(low);
        if (!shapes.has(shape)) shapes.set(shape, type);
      }
    }
    byType.set(type, lows);
  }
  // built here, not on first use, so no message pays for it
  return { size: exact.size, exact, byType, shapes, fuzzy: buildTrigramIndex([...exact.keys()]) };
}

function fuzzyIndex(vocab: VocabIndex): TrigramIndex {
  return vocab.fuzzy;
}

function digitsOf(s: string): string {
  return s.replace(/\D+/g, ' ').trim();
}

/**
 * Two edits must not fall in one short part: "media-cache" is another name, not a typo of "redis-cache",
 * while "mysql-dta" is a typo of "mysql-data". Only checked when both have the same number of '-' parts.
 */
function partsAgree(a: string, b: string, d: number): boolean {
  if (d < 2) return true;
  const pa = a.split('-'), pb = b.split('-');
  if (pa.length !== pb.length || pa.length === 1) return true;
  for (let i = 0; i < pa.length; i++) {
    if (pa[i] === pb[i]) continue;
    if (editDistance(pa[i]!, pb[i]!, 2) >= 2 && Math.min(pa[i]!.length, pb[i]!.length) < 8) return false;
  }
  return true;
}

/**
 * The unique vocabulary name a misspelled token stands for, or undefined when none is close enough or the
 * closest is not unique. Digits must agree: "kafka-logs-2" is another volume, not a typo of "kafka-logs-1".
 * `prefer` narrows the candidates to one type when the phrasing says which ("node wroker-1").
 */
export function fuzzyMatch(vocab: VocabIndex, low: string, prefer?: NameType): VocabEntry | undefined {
  if (vocab.size === 0) return undefined;
  const digits = digitsOf(low);
  let cands = fuzzyLookup(fuzzyIndex(vocab), low).filter((c) => digitsOf(c.name) === digits && partsAgree(low, c.name, c.d));
  if (prefer) {
    const typed = cands.filter((c) => vocab.exact.get(c.name)!.types.includes(prefer));
    if (typed.length) cands = typed;
  }
  if (!cands.length) return undefined;
  if (cands.length > 1 && cands[1]!.d === cands[0]!.d) return undefined;
  return vocab.exact.get(cands[0]!.name);
}

/** Did-you-mean: the closest names of one type, best first (edit distance, then shared prefix, then length). */
export function suggestNames(query: string, type: NameType, vocab: VocabIndex, k = 3): string[] {
  const q = query.trim().toLowerCase().slice(0, 253);
  const names = vocab.byType.get(type);
  if (!q || !names?.length || k <= 0) return [];
  const scored = new Map<string, number>();
  const score = (name: string, d: number) => {
    let p = 0;
    while (p < q.length && p < name.length && q[p] === name[p]) p++;
    const s = d * 10 - Math.min(p, 9) + Math.abs(name.length - q.length) * 0.01;
    const old = scored.get(name);
    if (old === undefined || s < old) scored.set(name, s);
  };
  const isType = (name: string) => vocab.exact.get(name)!.types.includes(type);
  // indexed candidates with a looser budget than matching uses: suggestions may be further off
  for (const c of fuzzyLookup(fuzzyIndex(vocab), q, 2, 200)) if (isType(c.name)) score(c.name, c.d);
  // a fragment of a name ("kafka" for "kafka-logs-1") is a good suggestion too: prefix/substring, bounded scan
  if (scored.size < k && q.length >= 3) {
    let scanned = 0;
    for (const name of names) {
      if (++scanned > 5000) break;
      if (name.includes(q) || q.includes(name)) score(name, name.startsWith(q) ? 0.5 : 1);
    }
  }
  if (scored.size === 0 && names.length <= 500) {
    // small lists: rank everything close enough by plain distance
    for (const name of names) {
      const budget = Math.max(2, Math.floor(Math.max(q.length, name.length) / 2));
      const d = editDistance(q, name, budget);
      if (d <= budget) score(name, d);
    }
  }
  return [...scored.entries()]
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, k)
    .map(([low]) => vocab.exact.get(low)!.name);
}
