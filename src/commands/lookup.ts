// Finding the objects a command names, and ordering them worst first. Name resolution is the inventory's
// (src/openebs lookup helpers); this file only adapts its answers to CommandResult shapes.
import type { Health, Inventory, Pool, PoolStatus, Snapshot, Volume } from '../openebs/types.js';
import type { CommandContext, CommandResult, PoolFilter, ResultBody, VolumeFilter, VolumeQuery } from './types.js';
import { nearest } from './similar.js';

/** a result body labelled with the cluster it is about */
export const answer = (ctx: CommandContext, body: ResultBody): CommandResult => ({ ...body, cluster: ctx.cluster.name });

export type Found<T> = { ok: true; value: T } | { ok: false; result: ResultBody };

const HEALTH_RANK: Record<Health, number> = { Faulted: 0, Offline: 1, Degraded: 2, Rebuilding: 3, Pending: 4, Unknown: 5, Healthy: 6 };
const POOL_RANK: Record<PoolStatus, number> = { Faulted: 0, Offline: 1, Degraded: 2, Pending: 3, Unknown: 4, Online: 5 };

export const healthRank = (h: Health): number => HEALTH_RANK[h] ?? 5;

/** worst health first; within a health, the fullest first; then by name */
export function volumesWorstFirst(a: Volume, b: Volume): number {
  return HEALTH_RANK[a.health] - HEALTH_RANK[b.health] || (b.usedPct ?? -1) - (a.usedPct ?? -1) || displayName(a).localeCompare(displayName(b));
}

/** a pool is worse when read-only or fuller at the same status */
export function poolsWorstFirst(a: Pool, b: Pool): number {
  return POOL_RANK[a.status] - POOL_RANK[b.status] || Number(!!b.readOnly) - Number(!!a.readOnly)
    || (b.usedPct ?? -1) - (a.usedPct ?? -1) || a.id.localeCompare(b.id);
}

/** the name people use: the PVC name where there is one */
export function displayName(v: Volume): string {
  return v.pvc?.name ?? v.id;
}

export function volumeKeys(v: Volume): string[] {
  const keys = [v.id];
  if (v.pvc) keys.push(v.pvc.name, `${v.pvc.namespace}/${v.pvc.name}`);
  if (v.engineId && v.engineId !== v.id) keys.push(v.engineId);
  return keys;
}

/** One volume by PV name, PVC name, "ns/pvc" or engine id; near misses become suggestions. */
export function findVolume(inv: Inventory, q: VolumeQuery): Found<Volume> {
  const query = q.query.trim();
  const lower = query.toLowerCase();
  let hits = inv.volumes.filter((v) => volumeKeys(v).some((k) => k.toLowerCase() === lower));
  if (q.namespace && hits.length > 1) {
    const inNs = hits.filter((v) => v.pvc?.namespace === q.namespace);
    if (inNs.length) hits = inNs;
  }
  if (hits.length === 1) return { ok: true, value: hits[0] };
  if (hits.length > 1) {
    return { ok: false, result: { kind: 'ambiguous', what: 'volume', query,
      candidates: hits.sort(volumesWorstFirst).map((v) => ({ value: v.pvc ? `${v.pvc.namespace}/${v.pvc.name}` : v.id,
        label: v.pvc ? `${v.pvc.name} (${v.pvc.namespace})` : v.id })) } };
  }
  const names = inv.volumes.map((v) => displayName(v));
  const pool = q.namespace ? inv.volumes.filter((v) => v.pvc?.namespace === q.namespace).map(displayName) : [];
  const suggestions = nearest(query, pool.length ? pool : names);
  return { ok: false, result: { kind: 'not-found', what: 'volume', query, suggestions: suggestions.length || !pool.length ? suggestions : nearest(query, names) } };
}

export function findPool(inv: Inventory, name: string): Found<Pool> {
  const lower = name.trim().toLowerCase();
  const exact = inv.pools.filter((p) => p.id.toLowerCase() === lower);
  if (exact.length === 1) return { ok: true, value: exact[0] };
  // "lvmvg" or "zfspv-pool" names one pool per node: the pool ids are "<node>/<name>" style or shared names
  const partial = exact.length ? exact : inv.pools.filter((p) => p.id.toLowerCase().split('/').includes(lower));
  if (partial.length === 1) return { ok: true, value: partial[0] };
  if (partial.length > 1) {
    return { ok: false, result: { kind: 'ambiguous', what: 'pool', query: name,
      candidates: partial.sort(poolsWorstFirst).map((p) => ({ value: p.id, label: `${p.id} on ${p.node}` })) } };
  }
  return { ok: false, result: { kind: 'not-found', what: 'pool', query: name, suggestions: nearest(name, [...new Set(inv.pools.map((p) => p.id))]) } };
}

export function findSnapshot(inv: Inventory, name: string, namespace?: string): Found<Snapshot> {
  const lower = name.trim().toLowerCase();
  let hits = inv.snapshots.filter((s) => s.name.toLowerCase() === lower || s.id.toLowerCase() === lower);
  if (namespace && hits.length > 1) hits = hits.filter((s) => s.namespace === namespace);
  if (hits.length === 1) return { ok: true, value: hits[0] };
  if (hits.length > 1) {
    return { ok: false, result: { kind: 'ambiguous', what: 'snapshot', query: name,
      candidates: hits.map((s) => ({ value: s.id, label: `${s.name} (${s.namespace})` })) } };
  }
  return { ok: false, result: { kind: 'not-found', what: 'snapshot', query: name, suggestions: nearest(name, inv.snapshots.map((s) => s.name)) } };
}

function matchesHealth(h: Health, want: VolumeFilter['health']): boolean {
  return !want || (want === 'unhealthy' ? h !== 'Healthy' : h === want);
}

export function volumeOnNode(inv: Inventory, v: Volume, node: string): boolean {
  if (v.attachedNodes.includes(node) || v.targetNode === node) return true;
  if (inv.replicas.some((r) => r.volumeId === v.id && r.node === node)) return true;
  return v.poolIds.some((id) => inv.pools.find((p) => p.id === id)?.node === node);
}

export function filterVolumes(inv: Inventory, f: VolumeFilter = {}): Volume[] {
  const pool = f.pool?.toLowerCase();
  return inv.volumes.filter((v) => (!f.namespace || v.pvc?.namespace === f.namespace)
    && (!f.engine || v.engine === f.engine)
    && matchesHealth(v.health, f.health)
    && (!f.storageClass || v.storageClass === f.storageClass)
    && (!pool || v.poolIds.some((id) => id.toLowerCase() === pool || id.toLowerCase().split('/').includes(pool)))
    && (!f.node || volumeOnNode(inv, v, f.node)));
}

export function filterPools(inv: Inventory, f: PoolFilter = {}): Pool[] {
  return inv.pools.filter((p) => (!f.engine || p.engine === f.engine) && (!f.node || p.node === f.node)
    && (!f.status || (f.status === 'unhealthy' ? p.status !== 'Online' || !!p.readOnly : p.status === f.status)));
}

/**
 * A filter naming something that does not exist (a namespace, a node, a storage class) is reported as not found
 * rather than answered with an empty list, so a typo is not read as "all is well".
 */
export function checkFilter(inv: Inventory, f: VolumeFilter = {}): ResultBody | undefined {
  if (f.namespace) {
    const all = [...new Set(inv.volumes.flatMap((v) => (v.pvc ? [v.pvc.namespace] : [])))];
    if (!all.includes(f.namespace)) return { kind: 'not-found', what: 'namespace', query: f.namespace, suggestions: nearest(f.namespace, all) };
  }
  if (f.node && !inv.nodes.some((n) => n.name === f.node)) {
    return { kind: 'not-found', what: 'node', query: f.node, suggestions: nearest(f.node, inv.nodes.map((n) => n.name)) };
  }
  if (f.storageClass && !inv.storageClasses.some((s) => s.name === f.storageClass)) {
    return { kind: 'not-found', what: 'storageclass', query: f.storageClass, suggestions: nearest(f.storageClass, inv.storageClasses.map((s) => s.name)) };
  }
  if (f.engine && inv.missingEngines.includes(f.engine)) return { kind: 'engine-not-installed', engine: f.engine };
  return undefined;
}

export function countBy<T, K extends string>(items: T[], key: (t: T) => K): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const it of items) { const k = key(it); out[k] = (out[k] ?? 0) + 1; }
  return out;
}
