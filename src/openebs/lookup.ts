// Finding things in an Inventory: volumes by PV name, PVC name or namespace/name (case-insensitive), pools and
// snapshots; near-miss suggestions; filtered lists sorted worst first. An index is built once per Inventory
// (cached in a WeakMap) so every lookup is a few map reads.
import { parseEngine } from './engine.js';
import { NameIndex, cmp } from './suggest.js';
import type { Engine, Health, Inventory, Pool, Replica, Snapshot, Volume } from './types.js';

export { cmp, editDistance } from './suggest.js';

export type LookupResult<T> =
  | { kind: 'found'; item: T }
  | { kind: 'ambiguous'; query: string; candidates: T[] }
  | { kind: 'not-found'; query: string; suggestions: string[] };

interface Index {
  volumeById: Map<string, Volume>;            // PV name, Mayastor uuid, "<ns>/<pvc>" (all lower case)
  volumesByPvc: Map<string, Volume[]>;
  volumeNames: NameIndex;                      // PVC names, for suggestions
  pvNames: NameIndex;                          // PV names, when the query looks like one
  /** every volume, worst first: filtered lists keep this order without sorting again */
  ordered: Volume[];
  rank: Map<Volume, number>;
  replicasByVolume: Map<string, Replica[]>;
  /** filter dimensions, keys in lower case: volumes per namespace, engine, node, pool (id and name), SC, health */
  by: Record<'namespace' | 'engine' | 'node' | 'pool' | 'storageClass' | 'health', Map<string, Set<Volume>>>;
  poolById: Map<string, Pool>;
  poolsByName: Map<string, Pool[]>;            // "lvmvg" -> every lvmvg@<node>
  poolNames: NameIndex;
  snapshotById: Map<string, Snapshot>;
  snapshotsByName: Map<string, Snapshot[]>;
  snapshotNames: NameIndex;
}

const cache = new WeakMap<Inventory, Index>();

function add<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v); else m.set(k, [v]);
}

function addTo(m: Map<string, Set<Volume>>, k: string, v: Volume): void {
  const key = k.toLowerCase();
  const s = m.get(key);
  if (s) s.add(v); else m.set(key, new Set([v]));
}

export function poolName(id: string): string { return id.split('@')[0]; }

function buildIndex(inv: Inventory): Index {
  const by: Index['by'] = { namespace: new Map(), engine: new Map(), node: new Map(), pool: new Map(), storageClass: new Map(), health: new Map() };
  const volumeById = new Map<string, Volume>();
  const volumesByPvc = new Map<string, Volume[]>();
  const replicasByVolume = new Map<string, Replica[]>();
  const names: string[] = [];
  const pvNames: string[] = [];
  for (const r of inv.replicas) add(replicasByVolume, r.volumeId, r);
  const poolNode = new Map(inv.pools.map((p) => [p.id, p.node]));
  for (const v of inv.volumes) {
    volumeById.set(v.id.toLowerCase(), v);
    if (v.engineId && v.engineId !== v.id) volumeById.set(v.engineId.toLowerCase(), v);
    if (v.pvc) {
      volumeById.set(`${v.pvc.namespace}/${v.pvc.name}`.toLowerCase(), v);
      add(volumesByPvc, v.pvc.name.toLowerCase(), v);
      names.push(v.pvc.name);
      addTo(by.namespace, v.pvc.namespace, v);
    }
    if (!v.id.includes('/')) pvNames.push(v.id);
    addTo(by.engine, v.engine, v);
    addTo(by.health, v.health, v);
    if (v.health !== 'Healthy') addTo(by.health, 'unhealthy', v);
    if (v.health !== 'Healthy' || v.reasons.length) addTo(by.health, 'attention', v);
    if (v.storageClass) addTo(by.storageClass, v.storageClass, v);
    for (const p of v.poolIds) { addTo(by.pool, p, v); addTo(by.pool, poolName(p), v); }
    const nodes = new Set<string>(v.attachedNodes);
    if (v.targetNode) nodes.add(v.targetNode);
    for (const r of replicasByVolume.get(v.id) ?? []) if (r.node) nodes.add(r.node);
    for (const p of v.poolIds) { const n = poolNode.get(p); if (n) nodes.add(n); }
    for (const n of nodes) addTo(by.node, n, v);
  }
  const ordered = [...inv.volumes].sort(compareVolumes);
  const rank = new Map(ordered.map((v, i) => [v, i] as [Volume, number]));
  const poolById = new Map<string, Pool>();
  const poolsByName = new Map<string, Pool[]>();
  const pnames: string[] = [];
  for (const p of inv.pools) {
    poolById.set(p.id.toLowerCase(), p);
    add(poolsByName, poolName(p.id).toLowerCase(), p);
    pnames.push(p.id, poolName(p.id));
  }
  const snapshotById = new Map<string, Snapshot>();
  const snapshotsByName = new Map<string, Snapshot[]>();
  for (const s of inv.snapshots) {
    snapshotById.set(s.id.toLowerCase(), s);
    add(snapshotsByName, s.name.toLowerCase(), s);
  }
  return { volumeById, volumesByPvc, volumeNames: new NameIndex(names), pvNames: new NameIndex(pvNames), ordered, rank, replicasByVolume, by,
    poolById, poolsByName, poolNames: new NameIndex(pnames), snapshotById, snapshotsByName, snapshotNames: new NameIndex(inv.snapshots.map((x) => x.name)) };
}

export function indexOf(inv: Inventory): Index {
  let ix = cache.get(inv);
  if (!ix) { ix = buildIndex(inv); cache.set(inv, ix); }
  return ix;
}

/** what people type around a name: quotes, backticks, a trailing "?" or "pvc " / "volume " */
export function cleanQuery(q: string): string {
  return q.trim().replace(/^[`'"<]+|[`'">?.,!]+$/g, '').replace(/^(pvc|pv|volume|vol|pool|snapshot)\s+/i, '').trim().toLowerCase();
}

/** Near misses of `query` among `names` (builds a throwaway index: for one-off lists). */
export function suggest(query: string, names: Iterable<string>, limit = 5): string[] {
  return new NameIndex(names).suggest(cleanQuery(query), limit);
}

// --- single lookups ----------------------------------------------------------------------------------------

export function findVolume(inv: Inventory, query: string, opts: { namespace?: string } = {}): LookupResult<Volume> {
  const ix = indexOf(inv);
  const q = cleanQuery(query);
  const ns = opts.namespace?.toLowerCase();
  const direct = ix.volumeById.get(q) ?? (ns ? ix.volumeById.get(`${ns}/${q}`) : undefined);
  if (direct) return { kind: 'found', item: direct };
  let byPvc = ix.volumesByPvc.get(q) ?? [];
  if (ns) byPvc = byPvc.filter((v) => v.pvc?.namespace.toLowerCase() === ns);
  if (byPvc.length === 1) return { kind: 'found', item: byPvc[0] };
  if (byPvc.length > 1) return { kind: 'ambiguous', query, candidates: byPvc };
  // a unique prefix of a PV name or uuid ("pvc-09fb6119")
  if (q.length >= 8 && /^(pvc-)?[0-9a-f-]+$/.test(q)) {
    const hits = inv.volumes.filter((v) => v.id.toLowerCase().startsWith(q) || v.engineId.toLowerCase().startsWith(q));
    if (hits.length === 1) return { kind: 'found', item: hits[0] };
    if (hits.length > 1) return { kind: 'ambiguous', query, candidates: hits };
  }
  const name = q.includes('/') ? q.split('/').pop()! : q;
  const suggestions = (name.startsWith('pvc-') ? ix.pvNames : ix.volumeNames).suggest(name);
  return { kind: 'not-found', query, suggestions };
}

export function findPool(inv: Inventory, query: string): LookupResult<Pool> {
  const ix = indexOf(inv);
  const q = cleanQuery(query);
  const p = ix.poolById.get(q);
  if (p) return { kind: 'found', item: p };
  const byName = ix.poolsByName.get(q) ?? [];
  if (byName.length === 1) return { kind: 'found', item: byName[0] };
  if (byName.length > 1) return { kind: 'ambiguous', query, candidates: byName };
  return { kind: 'not-found', query, suggestions: ix.poolNames.suggest(q) };
}

export function findSnapshot(inv: Inventory, query: string, opts: { namespace?: string } = {}): LookupResult<Snapshot> {
  const ix = indexOf(inv);
  const q = cleanQuery(query);
  const ns = opts.namespace?.toLowerCase();
  const s = ix.snapshotById.get(q) ?? (ns ? ix.snapshotById.get(`${ns}/${q}`) : undefined);
  if (s) return { kind: 'found', item: s };
  let byName = ix.snapshotsByName.get(q) ?? [];
  if (ns) byName = byName.filter((x) => x.namespace.toLowerCase() === ns);
  if (byName.length === 1) return { kind: 'found', item: byName[0] };
  if (byName.length > 1) return { kind: 'ambiguous', query, candidates: byName };
  return { kind: 'not-found', query, suggestions: ix.snapshotNames.suggest(q.split('/').pop()!) };
}

export function replicasOf(inv: Inventory, volume: Volume | string): Replica[] {
  return indexOf(inv).replicasByVolume.get(typeof volume === 'string' ? volume : volume.id) ?? [];
}

export function volumesOnPool(inv: Inventory, poolId: string): Volume[] {
  return listVolumes(inv, { pool: poolId });
}

// --- filtered lists ----------------------------------------------------------------------------------------

export const HEALTH_RANK: Record<Health, number> = { Faulted: 0, Offline: 1, Degraded: 2, Rebuilding: 3, Pending: 4, Unknown: 5, Healthy: 6 };
const POOL_RANK: Record<Pool['status'], number> = { Faulted: 0, Offline: 1, Degraded: 2, Pending: 3, Unknown: 4, Online: 5 };

/** worst first: health, then anything with reasons (nearly full, read-only pool), then fuller, then by name */
export function compareVolumes(a: Volume, b: Volume): number {
  return HEALTH_RANK[a.health] - HEALTH_RANK[b.health]
    || Number(b.reasons.length > 0) - Number(a.reasons.length > 0)
    || (b.usedPct ?? -1) - (a.usedPct ?? -1)
    || cmp(a.pvc?.name ?? a.id, b.pvc?.name ?? b.id) || cmp(a.id, b.id);
}

export function comparePools(a: Pool, b: Pool): number {
  return POOL_RANK[a.status] - POOL_RANK[b.status] || Number(!!b.readOnly) - Number(!!a.readOnly)
    || Number(b.reasons.length > 0) - Number(a.reasons.length > 0) || (b.usedPct ?? -1) - (a.usedPct ?? -1) || cmp(a.id, b.id);
}

export type HealthFilter = Health | 'unhealthy' | 'attention' | Lowercase<Health>;

export interface VolumeFilter {
  namespace?: string | string[];
  engine?: Engine | string;
  /** "unhealthy" = anything but Healthy; "attention" = unhealthy or with a reason (nearly full, read-only pool) */
  health?: HealthFilter | HealthFilter[];
  node?: string;
  pool?: string;
  storageClass?: string;
  cluster?: string;
}

const lc = (s: string) => s.toLowerCase();
const asList = <T>(x: T | T[] | undefined): T[] | undefined => (x === undefined ? undefined : Array.isArray(x) ? x : [x]);

function engineOf(word: string | undefined): Engine | undefined | null {
  if (!word) return undefined;
  return parseEngine(word) ?? null;   // null: a word that names no engine matches nothing
}

export function listVolumes(invs: Inventory | Inventory[], f: VolumeFilter = {}): Volume[] {
  const out: Volume[] = [];
  const list = Array.isArray(invs) ? invs : [invs];
  const engine = engineOf(f.engine);
  if (engine === null) return out;
  for (const inv of list) {
    if (f.cluster && lc(inv.cluster) !== lc(f.cluster)) continue;
    const ix = indexOf(inv);
    // each filter is a set (a union for lists of values); walk the smallest, test the others by membership
    const sets: Set<Volume>[] = [];
    const union = (m: Map<string, Set<Volume>>, keys: string[]) => {
      if (keys.length === 1) return m.get(lc(keys[0])) ?? new Set<Volume>();
      const u = new Set<Volume>();
      for (const k of keys) for (const v of m.get(lc(k)) ?? []) u.add(v);
      return u;
    };
    if (f.namespace !== undefined) sets.push(union(ix.by.namespace, asList(f.namespace)!));
    if (engine !== undefined) sets.push(union(ix.by.engine, [engine]));
    if (f.health !== undefined) sets.push(union(ix.by.health, asList(f.health)!));
    if (f.node) sets.push(union(ix.by.node, [f.node]));
    if (f.pool) sets.push(union(ix.by.pool, [f.pool]));
    if (f.storageClass) sets.push(union(ix.by.storageClass, [f.storageClass]));
    if (!sets.length) { out.push(...ix.ordered); continue; }
    sets.sort((a, b) => a.size - b.size);
    const [first, ...rest] = sets;
    const hits: Volume[] = [];
    for (const v of first) if (rest.every((s) => s.has(v))) hits.push(v);
    hits.sort((a, b) => ix.rank.get(a)! - ix.rank.get(b)!);
    out.push(...hits);
  }
  return list.length > 1 ? out.sort(compareVolumes) : out;
}

export interface PoolFilter { engine?: Engine | string; node?: string; status?: Pool['status'] | 'unhealthy' | 'attention'; cluster?: string; name?: string; lowSpace?: boolean }

/** "unhealthy" pools: not Online or read-only; "attention": also any reason (running low, overcommitted) */
export function listPools(invs: Inventory | Inventory[], f: PoolFilter = {}): Pool[] {
  const engine = engineOf(f.engine);
  const out: Pool[] = [];
  for (const inv of Array.isArray(invs) ? invs : [invs]) {
    if (f.cluster && lc(inv.cluster) !== lc(f.cluster)) continue;
    for (const p of inv.pools) {
      if (engine !== undefined && p.engine !== engine) continue;
      if (f.node && lc(p.node) !== lc(f.node)) continue;
      if (f.name && lc(p.id) !== lc(f.name) && lc(poolName(p.id)) !== lc(f.name)) continue;
      if (f.status === 'unhealthy' && p.status === 'Online' && !p.readOnly) continue;
      if (f.status === 'attention' && p.status === 'Online' && !p.readOnly && !p.reasons.length) continue;
      if (f.status && f.status !== 'unhealthy' && f.status !== 'attention' && lc(p.status) !== lc(f.status)) continue;
      if (f.lowSpace && !(p.readOnly || p.reasons.some((r) => /full|read-only|overcommitted/.test(r)))) continue;
      out.push(p);
    }
  }
  return out.sort(comparePools);
}

export interface SnapshotFilter { namespace?: string; volume?: string; engine?: Engine | string; ready?: boolean; cluster?: string }

export function listSnapshots(invs: Inventory | Inventory[], f: SnapshotFilter = {}): Snapshot[] {
  const engine = engineOf(f.engine);
  const out: Snapshot[] = [];
  for (const inv of Array.isArray(invs) ? invs : [invs]) {
    if (f.cluster && lc(inv.cluster) !== lc(f.cluster)) continue;
    let volumeId: string | undefined;
    if (f.volume) {
      const r = findVolume(inv, f.volume, { namespace: f.namespace });
      if (r.kind !== 'found') continue;
      volumeId = r.item.id;
    }
    for (const s of inv.snapshots) {
      if (f.namespace && lc(s.namespace) !== lc(f.namespace)) continue;
      if (volumeId && s.volumeId !== volumeId) continue;
      if (engine !== undefined && s.engine !== engine) continue;
      if (f.ready !== undefined && s.readyToUse !== f.ready) continue;
      out.push(s);
    }
  }
  // not ready first, then newest
  return out.sort((a, b) => Number(a.readyToUse) - Number(b.readyToUse) || cmp(b.createdAt ?? '', a.createdAt ?? '') || cmp(a.id, b.id));
}
