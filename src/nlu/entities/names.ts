// Names: from the tenant vocabulary (exact, then fuzzy), from phrasing ("volume foo-bar", "the x namespace",
// "on node x"), and bare k8s-looking tokens in a sentence about storage.

import type { Entity, NameType } from '../types.js';
import { COMMON, NUMBER_WORDS, OTHER_NOUNS, OTHER_VERBS, STORAGE_CUES, TYPE_NOUNS } from './words.js';
import type { Token } from './tokenize.js';
import { fuzzyMatch, shapeOf, type VocabEntry, type VocabIndex } from './vocab.js';

export interface Ctx {
  text: string;
  toks: Token[];
  /** index of the entity that claimed each token, or -1 */
  claim: number[];
  out: Entity[];
  vocab?: VocabIndex;
}

export function claimTokens(ctx: Ctx, i: number, len: number, e: Entity): void {
  const id = ctx.out.length;
  ctx.out.push(e);
  for (let k = i; k < i + len; k++) ctx.claim[k] = id;
}

const NUMERIC_RE = /^\d+(?:\.\d+)?[a-z]*$/i;
const NAME_RE = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/i;
const NS_NAME_RE = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?\/[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/i;
const HAS_LETTER = /[a-z]/i;
const SKIP_RE = /^(?:\d+(?:st|nd|rd|th|am|pm)|q[1-4]|h[12]|fy\d+|k8s|k3s|v\d+(?:\.\d+)*|x86(?:_64)?|ipv[46]|utf-?8|e-mail|follow-up|re-run|check-in|set-up|x-ray|read-only|read-write|real-time|on-prem|built-in|add-on|opt-in|self-hosted|long-term|short-term|day-to-day|up-to-date|out-of-date|in-place|non-prod)$/i;

const ENGLISH_ENDING_RE = /^[a-z]{3,}(?:ed|ly)$/;

/** One edit (insert, delete, substitute, swap) away from a common word of 4+ letters. */
function typoOfCommon(w: string): boolean {
  for (const c of COMMON_BY_LENGTH.get(w.length) ?? []) if (oneEdit(w, c)) return true;
  for (const c of COMMON_BY_LENGTH.get(w.length - 1) ?? []) if (oneEdit(w, c)) return true;
  for (const c of COMMON_BY_LENGTH.get(w.length + 1) ?? []) if (oneEdit(w, c)) return true;
  return false;
}
const COMMON_BY_LENGTH = new Map<number, string[]>();
for (const c of COMMON) if (c.length >= 4 && /^[a-z]+$/.test(c)) COMMON_BY_LENGTH.set(c.length, [...(COMMON_BY_LENGTH.get(c.length) ?? []), c]);

function oneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  if (a.length === b.length) {
    let i = 0;
    while (a[i] === b[i]) i++;
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  return s.slice(i) === l.slice(i + 1);
}

const EN_PREFIX = new Set(['re', 'pre', 'non', 'co', 'un', 'self', 'multi', 'auto', 'sub', 'anti', 'de', 'mis', 'over',
  'under', 'cross', 'semi', 'post', 'inter', 'mid', 'ex', 'sci', 'well', 'half', 'double', 'triple', 'out', 'e']);
const EN_SUFFIX = new Set(['wise', 'ish', 'like', 'based', 'related', 'level', 'side', 'free', 'friendly', 'ready',
  'aware', 'fi', 'ups', 'up', 'in', 'out', 'on', 'off', 'down', 'time', 'term', 'style']);

/** A word that could be a resource name: not a number, size or common word. */
export function nameLike(t: Token, allowSlash = false): boolean {
  if (t.low.length > 253 || !HAS_LETTER.test(t.low) || NUMERIC_RE.test(t.low)) return false;
  if (COMMON.has(t.low) || OTHER_NOUNS.has(t.low) || NUMBER_WORDS[t.low] !== undefined || TYPE_NOUNS[t.low] || SKIP_RE.test(t.low)) return false;
  // a plain word in -ed or -ly is English ("the orders-db volume flapped", "a scratch vol anyway" is in COMMON);
  // vocabulary names are matched before this and are not affected
  if (ENGLISH_ENDING_RE.test(t.low)) return false;
  // a typo of a common word ("pool staus", "cluster helth") is that word, not a name
  if (t.low.length >= 5 && /^[a-z]+$/.test(t.low) && typoOfCommon(t.low)) return false;
  return NAME_RE.test(t.low) || (allowSlash && NS_NAME_RE.test(t.low));
}

/** k8s-looking: has a '-' or a digit, or is namespace/name; and is not a hyphenated English phrase. */
function k8sLooking(t: Token): boolean {
  if (!nameLike(t, true)) return false;
  if (!/[-\d\/]/.test(t.low)) return false;
  // "p99", "d20", "ec2", "m5": too short to be a name without a '-' or '/'
  if (t.low.length <= 3 && !/[-\/]/.test(t.low)) return false;
  if (!/\d/.test(t.low)) {
    const parts = t.low.split(/[-\/]/);
    // hyphenated English: "follow-up", "re-enable", "storage-wise", "read-only"
    if (parts.every((p) => COMMON.has(p) || p.length <= 1)) return false;
    if (EN_PREFIX.has(parts[0]!) || EN_SUFFIX.has(parts[parts.length - 1]!)) return false;
  }
  return true;
}

function free(ctx: Ctx, i: number): boolean {
  return i >= 0 && i < ctx.toks.length && ctx.claim[i] === -1;
}

const JOIN_RE = /^\s*[:=]?\s*["'`]?\s*$/;

/** The noun right before token i ("volume x", "pvc named x", "namespace: x", "storage class x", "-n x"), if any. */
function nounBefore(ctx: Ctx, i: number): { type: NameType; at: number } | undefined {
  const { toks, text } = ctx;
  let j = i - 1;
  if (j < 0 || !JOIN_RE.test(text.slice(toks[j]!.end, toks[i]!.start))) return undefined;
  if (toks[j]!.low === 'named' || toks[j]!.low === 'called') {
    j--;
    if (j < 0 || toks[j + 1]!.breakBefore) return undefined;
  }
  const low = toks[j]!.low;
  if (low === 'n' && text[toks[j]!.start - 1] === '-') return { type: 'namespace', at: j };
  if (low === 'class' && toks[j - 1]?.low === 'storage') return { type: 'storageclass', at: j };
  const type = TYPE_NOUNS[low];
  return type ? { type, at: j } : undefined;
}

function nounAfter(ctx: Ctx, i: number): { type: NameType; plural: boolean } | undefined {
  const next = ctx.toks[i + 1];
  if (!next || next.breakBefore) return undefined;
  if (next.low === 'storage' && ctx.toks[i + 2]?.low === 'class') return { type: 'storageclass', plural: false };
  const type = TYPE_NOUNS[next.low];
  if (!type) return undefined;
  return { type, plural: next.low !== 'ns' && next.low.endsWith('s') };
}

function nameEntity(t: Token, type: NameType, value: string, source: Entity['source']): Entity {
  return { type, value, text: t.text, start: t.start, end: t.end, source };
}

const PREPOSITIONS = new Set(['for', 'to', 'at', 'about', 'with', 'from', 'on', 'in', 'into', 'of']);

const PLACE_WORDS = new Set(['in', 'from', 'within', 'inside', 'into', 'on']);

function pickType(ctx: Ctx, i: number, types: NameType[]): NameType | undefined {
  const before = nounBefore(ctx, i)?.type;
  const after = nounAfter(ctx, i)?.type;
  for (const c of [before, after]) if (c && types.includes(c)) return c;
  return undefined;
}

/** Exact vocabulary names, and namespace/name written with a slash. */
export function vocabExact(ctx: Ctx): void {
  const { vocab, toks } = ctx;
  if (!vocab || vocab.size === 0) return;
  for (let i = 0; i < toks.length; i++) {
    if (!free(ctx, i)) continue;
    const t = toks[i]!;
    if (NUMERIC_RE.test(t.low)) continue; // a name is never a number or a size
    const e = vocab.exact.get(t.low);
    if (e) {
      const typed = pickType(ctx, i, e.types);
      // a name that is also a common word ("data", "default", "web") needs a cue: "in data", "data namespace"
      if (COMMON.has(t.low) && !typed && !hasPlaceCue(ctx, i)) continue;
      // "set the default ns to logging": an adjective before the noun, the name comes after
      if (COMMON.has(t.low) && typed && nounAfter(ctx, i) && ['to', 'as'].includes(ctx.toks[i + 2]?.low ?? '')) continue;
      claimTokens(ctx, i, 1, nameEntity(t, typed ?? e.types[0]!, e.name, 'vocab'));
      continue;
    }
    const slash = t.low.indexOf('/');
    if (slash > 0 && slash === t.low.lastIndexOf('/')) {
      const ns = vocab.exact.get(t.low.slice(0, slash));
      const name = vocab.exact.get(t.low.slice(slash + 1));
      if ((ns && ns.types.includes('namespace')) || (name && name.types.includes('volume'))) {
        const value = `${ns?.name ?? t.text.slice(0, slash)}/${name?.name ?? t.text.slice(slash + 1)}`;
        claimTokens(ctx, i, 1, nameEntity(t, 'volume', value, 'vocab'));
      }
    }
  }
}

/** "in data", "on the staging", and (unless strict) "use dev", "switch to dev" */
function hasPlaceCue(ctx: Ctx, i: number, strict = false): boolean {
  const prev = ctx.toks[i - 1];
  if (!prev || ctx.toks[i]!.breakBefore) return false;
  if (PLACE_WORDS.has(prev.low) || (!strict && (prev.low === 'use' || prev.low === 'to'))) return true;
  return prev.low === 'the' && PLACE_WORDS.has(ctx.toks[i - 2]?.low ?? '');
}

const MAX_FUZZY = 24;

/** Misspelled vocabulary names, for tokens that look like names (and are not words). */
export function vocabFuzzy(ctx: Ctx): void {
  const { vocab, toks } = ctx;
  if (!vocab || vocab.size === 0) return;
  let tries = 0;
  for (let i = 0; i < toks.length && tries < MAX_FUZZY; i++) {
    if (!free(ctx, i)) continue;
    const t = toks[i]!;
    if (t.low.length < 4 || !nameLike(t)) continue;
    const noun = nounBefore(ctx, i)?.type ?? nounAfter(ctx, i)?.type;
    const place = hasPlaceCue(ctx, i, true);
    // short plain words ("date" vs "data") are too often English: fuzzy only with a cue or a name shape
    if (!/[-\d._]/.test(t.low) && t.low.length < 6 && !noun && !place) continue;
    // ... and a plain -ing word with no cue is English too ("lagging behind" is not the namespace logging)
    if (!/[-\d._]/.test(t.low) && t.low.endsWith('ing') && !noun && !place) continue;
    tries++;
    const e: VocabEntry | undefined = fuzzyMatch(vocab, t.low, noun ?? (place ? 'namespace' : undefined));
    if (!e) continue;
    const type = (noun && e.types.includes(noun)) ? noun : (place && e.types.includes('namespace') ? 'namespace' : e.types[0]!);
    claimTokens(ctx, i, 1, nameEntity(t, type, e.name, 'fuzzy'));
  }
}

/** Names from phrasing: "volume foo-bar", "pvc x", "ns payments", "on node x", "the x namespace", "sc x". */
export function phraseNames(ctx: Ctx): void {
  const { toks } = ctx;
  const aboutSnapshot = toks.some((t) => ['snapshot', 'snap', 'snapshots', 'snaps', 'volumesnapshot'].includes(t.low));
  for (let i = 0; i < toks.length; i++) {
    if (!free(ctx, i)) continue;
    const t = toks[i]!;
    const shaped = k8sLooking(t);
    const before = nounBefore(ctx, i);
    if (before && free(ctx, before.at) && nameLike(t, before.type === 'volume')) {
      const noun = toks[before.at]!;
      // after a plural noun a plain word is a verb or an adjective ("pools exist", "snapshots older than")
      if (!shaped && noun.low.endsWith('s') && noun.low !== 'ns') continue;
      // "a pvc asking for 2Ti", "the volume pointing at x": a verb
      if (!shaped && t.low.endsWith('ing') && PREPOSITIONS.has(toks[i + 1]?.low ?? '')) continue;
      let type = before.type;
      // "snapshot foo-bar" at the start of a request is the verb: snapshot the volume foo-bar
      if (type === 'snapshot' && (noun.low === 'snapshot' || noun.low === 'snap') && isClauseStart(ctx, before.at)) type = 'volume';
      claimTokens(ctx, i, 1, nameEntity(t, type, t.text, 'phrase'));
      continue;
    }
    // "snap data/minio-store called minio-before-gc": the new snapshot's name
    const prev = toks[i - 1]?.low;
    if ((prev === 'called' || prev === 'named' || prev === 'as') && aboutSnapshot && shaped && !t.breakBefore) {
      claimTokens(ctx, i, 1, nameEntity(t, 'snapshot', t.text, 'phrase'));
      continue;
    }
    // "change namespace to checkout-v2", "switch the cluster to prod-eu": the conversation's new context
    const noun2 = toks[i - 2]?.low ?? '';
    if ((prev === 'to' || prev === 'as') && !t.breakBefore && !toks[i - 1]!.breakBefore && nameLike(t)
      && (TYPE_NOUNS[noun2] === 'namespace' || TYPE_NOUNS[noun2] === 'cluster') && !noun2.endsWith('s')) {
      claimTokens(ctx, i, 1, nameEntity(t, TYPE_NOUNS[noun2]!, t.text, 'phrase'));
      continue;
    }
    // "pvc web-cache in shop", "vols in team-x": a place after a volume is its namespace
    if (prev === 'in' && !t.breakBefore && nameLike(t) && volumeBefore(ctx, i - 2)) {
      claimTokens(ctx, i, 1, nameEntity(t, 'namespace', t.text, 'phrase'));
      continue;
    }
    const after = nounAfter(ctx, i);
    if (after && nameLike(t, after.type === 'volume')) {
      // plain words before a noun are mostly adjectives or verbs ("connected clusters", "trash snapshot x"):
      // only names shaped like k8s names, or plain ones before a singular namespace/cluster/node/pool noun
      if (!shaped && (after.plural || after.type === 'volume' || after.type === 'snapshot' || isClauseStart(ctx, i))) continue;
      // "set the default ns to logging": the name comes after
      const follow = toks[i + 2]?.low;
      if (follow === 'to' || follow === 'as') continue;
      claimTokens(ctx, i, 1, nameEntity(t, after.type, t.text, 'phrase'));
    }
  }
}

function volumeBefore(ctx: Ctx, j: number): boolean {
  const t = ctx.toks[j];
  if (!t || ctx.toks[j + 1]!.breakBefore) return false;
  const id = ctx.claim[j]!;
  if (id >= 0) return ctx.out[id]!.type === 'volume';
  // a bare noun only when plural ("vols in shop"); "the ebs volume in aws console" is not a namespace
  return TYPE_NOUNS[t.low] === 'volume' && t.low.endsWith('s');
}

const LEADING_FILLERS = new Set(['please', 'pls', 'plz', 'hey', 'hi', 'yo', 'ok', 'okay', 'so', 'now', 'then', 'and',
  'mulebot', 'bot', 'can', 'could', 'you', 'go', 'quickly', 'just']);

function isClauseStart(ctx: Ctx, i: number): boolean {
  for (let j = i - 1; j >= 0; j--) {
    if (ctx.toks[j + 1]!.breakBefore) return true;
    if (!LEADING_FILLERS.has(ctx.toks[j]!.low)) return false;
  }
  return true;
}

/**
 * Bare k8s-looking names ("pg-wal-2", "payments/foo") that nothing else named. This is a storage bot, so they count
 * unless the sentence is about other work (pods, deployments, restarts) with no storage word, or the name sits
 * right after or before another kind of object ("logs of pod web-1", "the ec2 instance").
 */
export function bareNames(ctx: Ctx): void {
  const { toks, vocab } = ctx;
  let storage = false, other = false;
  for (const t of toks) {
    if (STORAGE_CUES.has(t.low)) storage = true;
    if (OTHER_NOUNS.has(t.low) || OTHER_VERBS.has(t.low)) other = true;
  }
  for (const e of ctx.out) if (e.type !== 'duration' && e.type !== 'percent' && e.type !== 'replicas') storage = true;
  if (other && !storage) return;
  for (let i = 0; i < toks.length; i++) {
    if (!free(ctx, i) || !k8sLooking(toks[i]!)) continue;
    // "logs of pod web-1", "restart deployment api-2"
    const p1 = toks[i - 1]?.low ?? '', p2 = toks[i - 2]?.low ?? '';
    if (OTHER_NOUNS.has(p1) || OTHER_VERBS.has(p1) || (['of', 'for', 'the', 'to', 'into'].includes(p1) && OTHER_NOUNS.has(p2))) continue;
    if (OTHER_NOUNS.has(toks[i + 1]?.low ?? '')) continue;
    const t = toks[i]!;
    const type: NameType = t.low.includes('/') ? 'volume' : (vocab?.shapes.get(shapeOf(t.low)) ?? 'volume');
    claimTokens(ctx, i, 1, nameEntity(t, type, t.text, 'pattern'));
  }
}
