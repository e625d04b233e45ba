// Engine and health words with their synonyms, matched as token sequences (longest first).

import type { EngineName, Entity, HealthName } from '../types.js';
import type { Token } from './tokenize.js';
import { editDistance } from './fuzzy.js';
import { TYPE_NOUNS } from './words.js';

type Table<V> = Map<string, { seq: string[]; value: V; weak?: boolean }[]>;

function table<V extends string>(rows: Record<V, string[]>, weak: string[] = []): Table<V> {
  const t: Table<V> = new Map();
  for (const value of Object.keys(rows) as V[]) {
    for (const phrase of rows[value]) {
      const seq = phrase.split(' ');
      const list = t.get(seq[0]!) ?? [];
      list.push({ seq, value, weak: weak.includes(phrase) });
      list.sort((a, b) => b.seq.length - a.seq.length);
      t.set(seq[0]!, list);
    }
  }
  return t;
}

const ENGINE_TABLE = table<EngineName>({
  cstor: ['cstor', 'c-stor', 'c stor', 'cstor-csi', 'cstore'],
  jiva: ['jiva', 'jiva-csi'],
  'localpv-hostpath': ['localpv-hostpath', 'localpv hostpath', 'local hostpath', 'local-hostpath', 'hostpath',
    'host path', 'host-path', 'local pv hostpath', 'hostpath localpv', 'hostpath-localpv', 'local-pv hostpath',
    'local-pv-hostpath', 'hostpath-pv'],
  'localpv-device': ['localpv-device', 'localpv device', 'local device', 'local-device', 'device', 'local pv device',
    'device localpv', 'device-localpv', 'local-pv device', 'local-pv-device'],
  'localpv-lvm': ['localpv-lvm', 'localpv lvm', 'local lvm', 'local-lvm', 'lvm', 'lvm-localpv', 'lvm localpv',
    'lvmpv', 'lvm-pv', 'lvm pv', 'local pv lvm', 'local-pv lvm', 'local-pv-lvm'],
  'localpv-zfs': ['localpv-zfs', 'localpv zfs', 'local zfs', 'local-zfs', 'zfs', 'zfs-localpv', 'zfs localpv', 'zfspv',
    'zfs-pv', 'zfs pv', 'local pv zfs', 'local-pv zfs', 'local-pv-zfs'],
  mayastor: ['mayastor', 'maya stor', 'replicated pv', 'replicated-pv', 'replicated', 'replicated pv mayastor',
    'replicated storage', 'replicated-storage'],
});

/**
 * Health words. Weak ones ("ok", "fine", "good", "online") mean healthy only as a filter after a listing cue
 * ("which volumes are ok", "list fine vols"); on their own they are chat ("ok thanks", "good morning").
 */
const HEALTH_TABLE = table<HealthName>({
  healthy: ['healthy', 'ok', 'okay', 'fine', 'good', 'green', 'in good shape', 'in good health'],
  degraded: ['degraded', 'degrading', 'in degraded state', 'in a degraded state'],
  offline: ['offline', 'down', 'unavailable', 'unreachable', 'off-line'],
  faulted: ['faulted', 'failed', 'faulty', 'in failed state'],
  rebuilding: ['rebuilding', 'resyncing', 'resilvering', 'syncing', 're-syncing', 'rebuild in progress', 'resync',
    'being rebuilt'],
  pending: ['pending', 'stuck', 'provisioning', 'stuck provisioning', 'stuck pending', 'stuck in pending',
    'still provisioning', 'stuck in provisioning'],
  unhealthy: ['unhealthy', 'not healthy', 'not ok', 'not okay', 'not fine', 'not good', 'isn t healthy',
    'aren t healthy', 'isn t ok', 'aren t ok', 'broken', 'in trouble', 'having trouble', 'bad', 'failing', 'sick',
    'problematic', 'with problems', 'with issues', 'having problems', 'having issues', 'in a bad state',
    'in bad shape', 'in bad state', 'not working', 'misbehaving', 'erroring', 'in error', 'troubled', 'not well',
    'unwell', 'acting up'],
}, ['ok', 'okay', 'fine', 'good', 'green', 'bad', 'provisioning']);

export interface EnumHit { entity: Entity; len: number; weak?: boolean }

function matchTable<V extends string>(tab: Table<V>, toks: Token[], i: number): { value: V; len: number; weak?: boolean } | undefined {
  const list = tab.get(toks[i]!.low);
  if (!list) return undefined;
  outer: for (const row of list) {
    for (let k = 1; k < row.seq.length; k++) {
      const t = toks[i + k];
      if (!t || t.breakBefore || t.low !== row.seq[k]) continue outer;
    }
    return { value: row.value, len: row.seq.length, weak: row.weak };
  }
  return undefined;
}

const ENGINE_NOUNS = new Set(['storage', 'engine', 'engines', 'based', 'backed', 'localpv', 'disk', 'disks']);
const ENGINE_PREPS = new Set(['using', 'use', 'uses', 'on', 'with', 'by', 'via', 'of']);

export function matchEngine(text: string, toks: Token[], i: number): EnumHit | undefined {
  const m = matchTable(ENGINE_TABLE, toks, i);
  if (!m) return undefined;
  const t = toks[i]!, last = toks[i + m.len - 1]!;
  // "device" and "replicated" alone are ordinary words ("what device is it on", "is pg-data replicated"): the
  // engine only before a storage noun ("device volumes") or after "using/on/with/by" ("backed by device")
  if (m.len === 1 && (t.low === 'device' || t.low === 'replicated')) {
    const prev = toks[i - 1]?.low ?? '', next = toks[i + 1];
    const nounNext = !!next && !next.breakBefore && (TYPE_NOUNS[next.low] !== undefined || ENGINE_NOUNS.has(next.low));
    if (!nounNext && !ENGINE_PREPS.has(prev)) return undefined;
  }
  return { entity: { type: 'engine', value: m.value, text: text.slice(t.start, last.end), start: t.start, end: last.end }, len: m.len };
}

// Misspelled single-word engine and health terms ("healty", "degarded", "mayastore"), 6 letters and more.
const TYPO_TARGETS: { word: string; type: 'engine' | 'health'; value: string }[] = [];
for (const [tab, type] of [[ENGINE_TABLE, 'engine'], [HEALTH_TABLE, 'health']] as const) {
  for (const rows of (tab as Table<string>).values()) {
    for (const r of rows) if (r.seq.length === 1 && r.seq[0]!.length >= 6 && !r.weak) TYPO_TARGETS.push({ word: r.seq[0]!, type, value: r.value });
  }
}

export function matchEnumTypo(text: string, toks: Token[], i: number): EnumHit | undefined {
  const t = toks[i]!;
  if (t.low.length < 6 || !/^[a-z-]+$/.test(t.low)) return undefined;
  let best: (typeof TYPO_TARGETS)[number] | undefined;
  let bestD = 2, ties = 0;
  for (const c of TYPO_TARGETS) {
    const d = editDistance(t.low, c.word, 1);
    if (d < bestD) { best = c; bestD = d; ties = 0; }
    else if (d === bestD && best && best.value !== c.value) ties++;
  }
  if (!best || bestD === 0 || ties > 0) return undefined;
  return { entity: { type: best.type, value: best.value, text: t.text, start: t.start, end: t.end }, len: 1 };
}

// words before "down"/"failed" that make them verbs or idioms, not health
const NOT_HEALTH_BEFORE = new Set(['scale', 'scaled', 'scaling', 'shut', 'slow', 'slowed', 'spin', 'wind', 'turn',
  'calm', 'cool', 'break', 'step', 'bring', 'take', 'took', 'narrow', 'tone', 'drill', 'write', 'put', 'sit', 'not',
  'never']);
const NOT_HEALTH_AFTER = new Set(['to', 'with', 'morning', 'evening', 'night', 'afternoon', 'job', 'bot', 'thanks',
  'thank', 'one', 'stuff', 'news', 'question', 'point', 'idea', 'luck']);

export function matchHealth(text: string, toks: Token[], i: number): EnumHit | undefined {
  // "isn't healthy" tokenizes as "isn" "t" "healthy"
  const m = matchTable(HEALTH_TABLE, toks, i);
  if (!m) return undefined;
  const t = toks[i]!, last = toks[i + m.len - 1]!;
  if (m.len === 1) {
    // "scale down", "shut down", "not degraded": a verb particle or a negation, not a health value
    if (NOT_HEALTH_BEFORE.has(toks[i - 1]?.low ?? '') && !t.breakBefore) return undefined;
    if (NOT_HEALTH_AFTER.has(toks[i + 1]?.low ?? '')) return undefined;
  }
  return { entity: { type: 'health', value: m.value, text: text.slice(t.start, last.end), start: t.start, end: last.end }, len: m.len, weak: m.weak };
}

// ---- the filter rule ----
// Health is a FILTER value ("which volumes are degraded", "list unhealthy vols", "anything broken in payments").
// In a yes/no or why question about ONE object ("is pg-wal ok", "is it degraded", "why is X degraded") the health
// word is the question, not a filter, so no health entity is emitted: the intent (volume.status/events) carries it.
// Weak words ("ok", "fine", "good") count only after a listing cue ("which", "list", "show", "any"...).

const LIST_CUES = new Set(['which', 'what', 'whats', 'list', 'show', 'find', 'get', 'count', 'display', 'filter',
  'only', 'any', 'anything', 'anyone', 'something', 'some', 'all', 'every', 'everything', 'none', 'nothing', 'many',
  'there', 'where', 'ls', 'give']);
const STRONG_CUES = new Set(['which', 'list', 'show', 'find', 'count', 'display', 'filter', 'only', 'any', 'ls']);
const SINGULAR = new Set(['is', 'isn', 'was', 'wasn', 'does', 'doesn', 'did', 'didn', 'has', 'hasn', 'it', 'its',
  'this', 'why']);
const PLURAL = new Set(['are', 'aren', 'were', 'weren', 'do', 'don', 'have', 'haven', 'they', 'them', 'these', 'those']);

export interface HealthRule {
  /** emit health in yes/no and why questions about one object too ("is pg-wal healthy") */
  inQuestions?: boolean;
}

/** Whether the health word at token i is kept. `named` tells whether token j is a named object. */
export function isHealthFilter(toks: Token[], i: number, weak: boolean, named: (j: number) => boolean, rule: HealthRule = {}): boolean {
  let single = false;
  let plural = false;
  let cue = false;
  let strong = false;
  for (let j = i - 1; j >= 0; j--) {
    const low = toks[j]!.low;
    if (LIST_CUES.has(low)) cue = true;
    if (STRONG_CUES.has(low)) strong = true;
    // the nearest verb decides between "which vols ARE degraded" and "IS pg-wal degraded"
    if (!single && !plural) {
      if (PLURAL.has(low)) plural = true;
      else if (SINGULAR.has(low) || named(j)) single = true;
    }
    if (toks[j]!.breakBefore) break;
  }
  if (weak) return strong && !single;
  if (rule.inQuestions) return true;
  return cue || !single;
}
