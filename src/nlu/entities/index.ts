// Entity extraction for the NLU: names from a per-tenant vocabulary or from phrasing, engine and health words,
// sizes, durations, percents and replica counts. Deterministic rules, no model: the classifier calls this on
// every message, so it must stay well under a millisecond (see scripts/bench-entities.ts).
//
// Passes run in a fixed order and each claims its tokens, so spans never overlap:
//   1. PV names (pvc-<uuid>)   2. exact vocabulary names   3. sizes, durations, percents, replicas, engine, health
//   4. misspelled vocabulary names   5. names from phrasing   6. bare k8s-looking names in storage sentences
// Health is then kept only where it is a filter (see isHealthFilter in enums.ts).

import type { Entity, NameType } from '../types.js';
import { isHealthFilter, matchEngine, matchEnumTypo, matchHealth, type HealthRule } from './enums.js';
import { bareNames, claimTokens, phraseNames, vocabExact, vocabFuzzy, type Ctx } from './names.js';
import { matchDuration, matchPercent, matchReplicas, matchSize } from './quantities.js';
import { tokenize } from './tokenize.js';
import { COMMON, OTHER_CONTEXT, STORAGE_STRONG } from './words.js';
import { compileVocabulary, suggestNames, type VocabIndex } from './vocab.js';

export { compileVocabulary, suggestNames };
export type { VocabIndex };

const PV_RE = /^pvc-[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const NAME_TYPE_SET = new Set<string>(['volume', 'namespace', 'cluster', 'node', 'pool', 'storageclass', 'snapshot']);

export type EntityOptions = HealthRule;

/** Health words are entities wherever they name a state ("is pg-wal healthy" too), as the corpus and the held-out
 *  set are written: the intent decides whether it is a filter (volume.list) or the question (volume.status). */
export function extractEntities(text: string, vocab?: VocabIndex): Entity[] {
  return extractEntitiesWith(text, vocab, { inQuestions: true });
}

export function extractEntitiesWith(text: string, vocab: VocabIndex | undefined, opts: EntityOptions): Entity[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const toks = tokenize(text);
  if (toks.length === 0) return [];
  const ctx: Ctx = { text, toks, claim: new Array<number>(toks.length).fill(-1), out: [], vocab };

  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (PV_RE.test(t.low)) claimTokens(ctx, i, 1, { type: 'volume', value: t.text, text: t.text, start: t.start, end: t.end, source: 'pattern' });
  }
  vocabExact(ctx);

  const health: { id: number; at: number; weak: boolean }[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (ctx.claim[i] !== -1) continue;
    const q = matchSize(text, toks, i) ?? matchDuration(text, toks, i) ?? matchPercent(text, toks, i)
      ?? matchReplicas(text, toks, i) ?? matchEngine(text, toks, i);
    const h = q ? undefined : matchHealth(text, toks, i);
    const hit = q ?? h;
    if (!hit || !spanFree(ctx, i, hit.len)) continue;
    if (h) health.push({ id: ctx.out.length, at: i, weak: !!h.weak });
    claimTokens(ctx, i, hit.len, hit.entity);
    i += hit.len - 1;
  }

  // misspelled engine/health words, for tokens no other pass wanted and that are not words or vocabulary names
  for (let i = 0; i < toks.length; i++) {
    if (ctx.claim[i] !== -1 || COMMON.has(toks[i]!.low) || vocab?.exact.has(toks[i]!.low)) continue;
    const hit = matchEnumTypo(text, toks, i);
    if (!hit) continue;
    if (hit.entity.type === 'health') health.push({ id: ctx.out.length, at: i, weak: false });
    claimTokens(ctx, i, 1, hit.entity);
  }

  vocabFuzzy(ctx);
  phraseNames(ctx);
  bareNames(ctx);

  // Health only as a filter; decided now that the names are known.
  const drop = new Set<number>();
  const named = (j: number) => {
    const id = ctx.claim[j]!;
    const e = id >= 0 ? ctx.out[id] : undefined;
    return !!e && NAME_TYPE_SET.has(e.type) && e.type !== 'namespace' && e.type !== 'cluster';
  };
  for (const h of health) if (!isHealthFilter(toks, h.at, h.weak, named, opts)) drop.add(h.id);

  if (notOurs(ctx)) return [];
  const out = ctx.out.filter((_, id) => !drop.has(id));
  out.sort((a, b) => a.start! - b.start!);
  return out;
}

/** Other infrastructure work with no storage word nor storage entity: no entities (see OTHER_CONTEXT). */
function notOurs(ctx: Ctx): boolean {
  let other = false;
  for (const t of ctx.toks) {
    if (STORAGE_STRONG.has(t.low)) return false;
    if (OTHER_CONTEXT.has(t.low)) other = true;
  }
  if (!other) return false;
  const storageTypes = new Set(['volume', 'pool', 'snapshot', 'storageclass', 'engine', 'size']);
  return !ctx.out.some((e) => storageTypes.has(e.type) && e.source !== 'pattern' && e.source !== 'phrase');
}

function spanFree(ctx: Ctx, i: number, len: number): boolean {
  for (let k = i; k < i + len; k++) if (k >= ctx.claim.length || ctx.claim[k] !== -1) return false;
  return true;
}

/** Each entity's span becomes %type%: "grow pg-data by 10Gi" -> "grow %volume% by %size%". */
export function maskEntities(text: string, entities: Entity[]): string {
  const spans: { start: number; end: number; type: string }[] = [];
  let from = 0;
  for (const e of [...entities].sort((a, b) => (a.start ?? 0) - (b.start ?? 0))) {
    let start = e.start, end = e.end;
    if (start === undefined || end === undefined || text.slice(start, end) !== e.text) {
      // no offsets (or stale ones): find the text after the previous span
      const at = e.text ? text.indexOf(e.text, from) : -1;
      if (at < 0) continue;
      start = at; end = at + e.text.length;
    }
    if (start < from) continue;
    spans.push({ start, end, type: e.type });
    from = end;
  }
  let out = '';
  let pos = 0;
  for (const s of spans) {
    out += text.slice(pos, s.start) + `%${s.type}%`;
    pos = s.end;
  }
  return out + text.slice(pos);
}

/** The name types, for callers that iterate them. */
export type { NameType };
