// Sizes, durations, percents and replica counts. Each matcher looks at token i and returns the entity and how
// many tokens it spans, or undefined.

import type { Entity } from '../types.js';
import { NUMBER_WORDS } from './words.js';
import { gapAfter, gapBefore, type Token } from './tokenize.js';

export interface Hit { entity: Entity; len: number }

const KI = 1024;
/** lowercase unit -> bytes. Binary for Ki/Mi/...; decimal for K/M/G/T, KB/MB/... and casual words. */
const SIZE_UNITS: Record<string, number> = {
  b: 1, byte: 1, bytes: 1,
  ki: KI, kib: KI, mi: KI ** 2, mib: KI ** 2, gi: KI ** 3, gib: KI ** 3, ti: KI ** 4, tib: KI ** 4, pi: KI ** 5, pib: KI ** 5,
  k: 1e3, kb: 1e3, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12, p: 1e15, pb: 1e15, mb: 1e6,
  kilobyte: 1e3, kilobytes: 1e3, megabyte: 1e6, megabytes: 1e6, meg: 1e6, megs: 1e6, mega: 1e6, megas: 1e6,
  gigabyte: 1e9, gigabytes: 1e9, gig: 1e9, gigs: 1e9, giga: 1e9, terabyte: 1e12, terabytes: 1e12, tera: 1e12,
  teras: 1e12, petabyte: 1e15, petabytes: 1e15,
  kibibyte: KI, kibibytes: KI, mebibyte: KI ** 2, mebibytes: KI ** 2, gibibyte: KI ** 3, gibibytes: KI ** 3,
  tebibyte: KI ** 4, tebibytes: KI ** 4,
};

/** lowercase unit -> seconds. Lowercase "m" is minutes ("30m"); uppercase "M" is a size (handled first). */
const DURATION_UNITS: Record<string, number> = {
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
  w: 604800, wk: 604800, wks: 604800, week: 604800, weeks: 604800,
  mo: 2592000, month: 2592000, months: 2592000,
  y: 31536000, yr: 31536000, yrs: 31536000, year: 31536000, years: 31536000,
};
/** units that may follow "a"/"an" ("a week", "an hour"); abbreviations may not ("a m") */
const WORD_DURATIONS = new Set(['second', 'minute', 'hour', 'day', 'week', 'month', 'year', 'sec', 'min', 'hr']);

const NUM_UNIT_RE = /^(\d+(?:\.\d+)?)([a-z]+)$/i;
const NUM_RE = /^\d+(?:\.\d+)?$/;

function numberOf(t: Token | undefined): number | undefined {
  if (!t) return undefined;
  if (NUM_RE.test(t.low)) return Number(t.low);
  return NUMBER_WORDS[t.low];
}

const RELATIVE_BEFORE = new Set(['by', 'add', 'adding', 'plus', 'another', 'extra', 'additional', 'additionally']);
const RELATIVE_AFTER = new Set(['more', 'extra', 'additional']);

export function matchSize(text: string, toks: Token[], i: number): Hit | undefined {
  const t = toks[i]!;
  let num: number | undefined;
  let unit: string | undefined;
  let rawUnit: string | undefined;
  let len = 1;
  const m = NUM_UNIT_RE.exec(t.text);
  if (m) { num = Number(m[1]); rawUnit = m[2]!; }
  else if (NUM_RE.test(t.low)) {
    const next = toks[i + 1];
    if (next && /^[a-z]+$/i.test(next.text)) { num = Number(t.low); rawUnit = next.text; len = 2; }
  }
  if (num === undefined || rawUnit === undefined) return undefined;
  // "30M" is a size, "30m" is thirty minutes
  if (rawUnit === 'M') unit = 'mb';
  else if (rawUnit === 'm') return undefined;
  else unit = rawUnit.toLowerCase();
  const mult = SIZE_UNITS[unit];
  if (mult === undefined) return undefined;
  const bytes = Math.round(num * mult);
  if (!Number.isSafeInteger(bytes)) return undefined;
  const last = toks[i + len - 1]!;
  const entity: Entity = { type: 'size', value: bytes, text: text.slice(t.start, last.end), start: t.start, end: last.end };
  const before = toks[i - 1];
  const plus = gapBefore(text, toks, i).trimEnd().endsWith('+');
  if (plus || (before && RELATIVE_BEFORE.has(before.low)) || (toks[i + len] && RELATIVE_AFTER.has(toks[i + len]!.low))) {
    entity.relative = true;
    if (plus) { entity.start = t.start - 1; entity.text = text.slice(t.start - 1, last.end); }
  }
  return { entity, len };
}

const MOMENT_VERBS = new Set(['get', 'got', 'have', 'has', 'wait', 'me', 'take', 'just']);

export function matchDuration(text: string, toks: Token[], i: number): Hit | undefined {
  const t = toks[i]!;
  let secs: number | undefined;
  let len = 1;
  const m = NUM_UNIT_RE.exec(t.low);
  if (m && DURATION_UNITS[m[2]!] !== undefined) {
    secs = Number(m[1]) * DURATION_UNITS[m[2]!]!;
  } else if (t.low === 'half' && (toks[i + 1]?.low === 'an' || toks[i + 1]?.low === 'a') && toks[i + 2]) {
    const u = DURATION_UNITS[toks[i + 2]!.low];
    if (u !== undefined && WORD_DURATIONS.has(toks[i + 2]!.low)) { secs = u / 2; len = 3; }
  } else {
    const next = toks[i + 1];
    if (!next || next.breakBefore) return undefined;
    const u = DURATION_UNITS[next.low];
    if (u === undefined) return undefined;
    let n: number | undefined;
    if (t.low === 'a' || t.low === 'an') {
      n = WORD_DURATIONS.has(next.low) ? 1 : undefined;
      // "when you get a sec", "give me a minute", "wait a second": a moment, not an amount of time
      if (n !== undefined && u < 3600 && MOMENT_VERBS.has(toks[i - 1]?.low ?? '')) return undefined;
    }
    else n = numberOf(t);
    // "3 m" alone is too ambiguous; spelled-out units only after spelled-out numbers
    if (n === undefined || (next.low.length <= 2 && !NUM_RE.test(t.low))) return undefined;
    secs = n * u;
    len = 2;
  }
  if (secs === undefined || !Number.isFinite(secs)) return undefined;
  const last = toks[i + len - 1]!;
  return { entity: { type: 'duration', value: Math.round(secs), text: text.slice(t.start, last.end), start: t.start, end: last.end }, len };
}

export function matchPercent(text: string, toks: Token[], i: number): Hit | undefined {
  const t = toks[i]!;
  let n: number | undefined;
  let end: number | undefined;
  let len = 1;
  const m = /^(\d+(?:\.\d+)?)(pct|percent)$/.exec(t.low);
  if (m) { n = Number(m[1]); end = t.end; }
  else if (NUM_RE.test(t.low)) {
    n = Number(t.low);
    const gap = gapAfter(text, toks, i);
    const pm = /^\s?%/.exec(gap);
    const next = toks[i + 1];
    if (pm) end = t.end + pm[0].length;
    else if (next && (next.low === 'percent' || next.low === 'pct')) { end = next.end; len = 2; }
    else if (next && next.low === 'per' && toks[i + 2]?.low === 'cent') { end = toks[i + 2]!.end; len = 3; }
  }
  if (n === undefined || end === undefined || n < 0 || n > 100) return undefined;
  return { entity: { type: 'percent', value: n, text: text.slice(t.start, end), start: t.start, end }, len };
}

const REPLICA_NOUNS = new Set(['replica', 'replicas', 'copies', 'copy', 'replicated', 'way', 'ways']);

export function matchReplicas(text: string, toks: Token[], i: number): Hit | undefined {
  const t = toks[i]!;
  const make = (n: number, len: number, from = t.start): Hit | undefined => {
    if (!Number.isInteger(n) || n < 0 || n > 99) return undefined;
    const last = toks[i + len - 1]!;
    return { entity: { type: 'replicas', value: n, text: text.slice(from, last.end), start: from, end: last.end }, len };
  };
  // "3-way", "3x"
  const way = /^(\d+)(?:-way|x)$/.exec(t.low);
  if (way && (toks[i + 1]?.low.startsWith('replica') || toks[i + 1]?.low === 'replication' || t.low.endsWith('way'))) {
    return make(Number(way[1]), 1);
  }
  const n = numberOf(t) ?? (t.low === 'single' ? 1 : undefined);
  const next = toks[i + 1];
  if (n !== undefined && next && !next.breakBefore) {
    if (next.low === 'replica' || next.low === 'replicas' || next.low === 'copies' || next.low === 'copy') {
      if (next.low.startsWith('cop') && n > 9) return undefined;
      return make(n, 2);
    }
    if ((next.low === 'way' || next.low === 'ways') && /^replicat/.test(toks[i + 2]?.low ?? '')) return make(n, 3);
  }
  // "replica count 2", "replicas to 3", "replication factor of 3", "rf 3", "replicas: 3"
  if (t.low === 'replica' || t.low === 'replicas' || t.low === 'replication' || t.low === 'rf') {
    let j = i + 1;
    while (j < toks.length && j <= i + 3 && ['count', 'factor', 'to', 'of', 'is', 'at', 'set'].includes(toks[j]!.low)) j++;
    if (t.low === 'replication' && toks[i + 1]?.low !== 'factor') return undefined;
    const v = numberOf(toks[j]);
    // "replica 1 of pg-data" names a replica, it does not count them: need "count"/"to"/"=" or ":" before the number
    const linked = j > i + 1 || /[:=]/.test(gapAfter(text, toks, i));
    if (v !== undefined && linked && toks[j] && !REPLICA_NOUNS.has(toks[j + 1]?.low ?? '')) {
      const last = toks[j]!;
      if (!Number.isInteger(v) || v < 0 || v > 99) return undefined;
      return { entity: { type: 'replicas', value: v, text: text.slice(t.start, last.end), start: t.start, end: last.end }, len: j - i + 1 };
    }
  }
  return undefined;
}
