// Finding things in an Inventory: volumes by PV name, PVC name or namespace/name (case-insensitive), pools and
// snapshots; near-miss suggestions; filtered lists sorted worst first. An index is built once per Inventory
// (cached in a WeakMap) so every lookup is a few map reads.
import { parseEngine } from './engine.js';
import type { Engine, Health, Inventory, Pool, Replica, Snapshot, Volume } from './types.js';

export type LookupResult<T> =
  | { kind: 'found'; item: T }
  | { kind: 'ambiguous'; query: string; candidates: T[] }
  | { kind: 'not-found'; query: string; suggestions: string[] };

interface Index {
  volumeById: Map<string, Volume>;            // PV name, Mayastor uuid, "<ns>/<pvc>" (all lower case)
  volumesByPvc: Map<string, Volume[]>;
  volumeNames: string[];                       // PVC names and PV names, for suggestions
  replicasByVolume: Map<string, Replica[]>;
  volumesByNode: Map<string, Set<Volume>>;
  poolById: Map<string, Pool>;
  poolsByName: Map<string, Pool[]>;            // "lvmvg" -> every lvmvg@<node>
  poolNames: string[];
  snapshotById: Map<string, Snapshot>;
  snapshotsByName: Map<string, Snapshot[]>;
  snapshotNames: string[];
}

const cache = new WeakMap<Inventory, Index>();

function add<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v); else m.set(k, [v]);
}

export function poolName(id: string): string { return id.split('@')[0]; }

function buildIndex(inv: Inventory): Index {
  const ix: Index = { volumeById: new Map(), volumesByPvc: new Map(), volumeNames: [], replicasByVolume: new Map(), volumesByNode: new Map(),
    poolById: new Map(), poolsByName: new Map(), poolNames: [], snapshotById: new Map(), snapshotsByName: new Map(), snapshotNames: [] };
  const names = new Set<string>();
  for (const r of inv.replicas) add(ix.replicasByVolume, r.volumeId, r);
  const poolNode = new Map(inv.pools.map((p) => [p.id, p.node]));
  for (const v of inv.volumes) {
    ix.volumeById.set(v.id.toLowerCase(), v);
    if (v.engineId && v.engineId !== v.id) ix.volumeById.set(v.engineId.toLowerCase(), v);
    if (v.pvc) {
      ix.volumeById.set(`${v.pvc.namespace}/${v.pvc.name}`.toLowerCase(), v);
      add(ix.volumesByPvc, v.pvc.name.toLowerCase(), v);
      names.add(v.pvc.name);
    }
    if (!v.id.includes('/')) names.add(v.id);
    const nodes = new Set<string>([...v.attachedNodes, ...(v.targetNode ? [v.targetNode] : [])]);
    for (const r of ix.replicasByVolume.get(v.id) ?? []) if (r.node) nodes.add(r.node);
    for (const p of v.poolIds) { const n = poolNode.get(p); if (n) nodes.add(n); }
    for (const n of nodes) {
      const key = n.toLowerCase();
      const s = ix.volumesByNode.get(key) ?? new Set<Volume>();
      s.add(v);
      ix.volumesByNode.set(key, s);
    }
  }
  ix.volumeNames = [...names];
  const pnames = new Set<string>();
  for (const p of inv.pools) {
    ix.poolById.set(p.id.toLowerCase(), p);
    add(ix.poolsByName, poolName(p.id).toLowerCase(), p);
    pnames.add(p.id); pnames.add(poolName(p.id));
  }
  ix.poolNames = [...pnames];
  const snames = new Set<string>();
  for (const s of inv.snapshots) {
    ix.snapshotById.set(s.id.toLowerCase(), s);
    add(ix.snapshotsByName, s.name.toLowerCase(), s);
    snames.add(s.name);
  }
  ix.snapshotNames = [...snames];
  return ix;
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

// --- suggestions -------------------------------------------------------------------------------------------

/** Levenshtein distance with an early exit above `max` */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const c = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(c);
      if (c < rowMin) rowMin = c;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** Near misses of `query` among `names`: prefix and substring matches first, then small edit distances. */
export function suggest(query: string, names: Iterable<string>, limit = 5): string[] {
  const q = cleanQuery(query);
  if (!q) return [];
  const maxDist = Math.max(2, Math.floor(q.length / 3));
  const scored: [string, number][] = [];
  for (const name of names) {
    const n = name.toLowerCase();
    let score: number;
    if (n.startsWith(q) || q.startsWith(n)) score = 0.1 + Math.abs(n.length - q.length) / 100;
    else if (q.length >= 3 && (n.includes(q) || q.includes(n))) score = 0.5 + Math.abs(n.length - q.length) / 100;
    else {
      const d = editDistance(q, n, maxDist);
      if (d > maxDist) continue;
      score = 1 + d;
    }
    scored.push([name, score]);
  }
  scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  return [...new Set(scored.map(([n]) => n))].slice(0, limit);
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
  return { kind: 'not-found', query, suggestions: suggest(name, ix.volumeNames) };
}

export function findPool(inv: Inventory, query: string): LookupResult<Pool> {
  const ix = indexOf(inv);
  const q = cleanQuery(query);
  const p = ix.poolById.get(q);
  if (p) return { kind: 'found', item: p };
  const byName = ix.poolsByName.get(q) ?? [];
  if (byName.length === 1) return { kind: 'found', item: byName[0] };
  if (byName.length > 1) return { kind: 'ambiguous', query, candidates: byName };
  return { kind: 'not-found', query, suggestions: suggest(q, ix.poolNames) };
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
  return { kind: 'not-found', query, suggestions: suggest(q.split('/').pop()!, ix.snapshotNames) };
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
    || (a.pvc?.name ?? a.id).localeCompare(b.pvc?.name ?? b.id);
}

export function comparePools(a: Pool, b: Pool): number {
  return POOL_RANK[a.status] - POOL_RANK[b.status] || Number(!!b.readOnly) - Number(!!a.readOnly)
    || Number(b.reasons.length > 0) - Number(a.reasons.length > 0) || (b.usedPct ?? -1) - (a.usedPct ?? -1) || a.id.localeCompare(b.id);
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

function healthMatches(v: { health: Health; reasons: string[] }, filters: string[]): boolean {
  return filters.some((f) => {
    const h = lc(f);
    if (h === 'unhealthy') return v.health !== 'Healthy';
    if (h === 'attention') return v.health !== 'Healthy' || v.reasons.length > 0;
    return lc(v.health) === h;
  });
}

function engineOf(word: string | undefined): Engine | undefined | null {
  if (!word) return undefined;
  return parseEngine(word) ?? null;   // null: a word that names no engine matches nothing
}

export function listVolumes(invs: Inventory | Inventory[], f: VolumeFilter = {}): Volume[] {
  const out: Volume[] = [];
  const namespaces = asList(f.namespace)?.map(lc);
  const health = asList(f.health);
  const engine = engineOf(f.engine);
  const pool = f.pool ? lc(f.pool) : undefined;
  for (const inv of Array.isArray(invs) ? invs : [invs]) {
    if (f.cluster && lc(inv.cluster) !== lc(f.cluster)) continue;
    const ix = indexOf(inv);
    let candidates: Iterable<Volume> = inv.volumes;
    if (f.node) candidates = ix.volumesByNode.get(lc(f.node)) ?? [];
    for (const v of candidates) {
      if (namespaces && !(v.pvc && namespaces.includes(lc(v.pvc.namespace)))) continue;
      if (engine !== undefined && v.engine !== engine) continue;
      if (health && !healthMatches(v, health)) continue;
      if (f.storageClass && lc(v.storageClass ?? '') !== lc(f.storageClass)) continue;
      if (pool && !v.poolIds.some((p) => lc(p) === pool || lc(poolName(p)) === pool)) continue;
      out.push(v);
    }
  }
  return out.sort(compareVolumes);
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
  return out.sort((a, b) => Number(a.readyToUse) - Number(b.readyToUse) || (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.id.localeCompare(b.id));
}
