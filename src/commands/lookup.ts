// Finding the objects a command names, and ordering them worst first. Name resolution, filters and ordering are
// the inventory's (src/openebs/lookup.ts); this file only adapts their answers to CommandResult shapes.
import {
  comparePools, compareVolumes, findPool as lookupPool, findSnapshot as lookupSnapshot, findVolume as lookupVolume,
  HEALTH_RANK, listPools, listVolumes, replicasOf as lookupReplicas, suggest,
} from '../openebs/lookup.js';
import type { Health, Inventory, Pool, Replica, Snapshot, Volume } from '../openebs/types.js';
import type { CommandContext, CommandResult, PoolFilter, ResultBody, VolumeFilter, VolumeQuery } from './types.js';

/** a result body labelled with the cluster it is about */
export const answer = (ctx: CommandContext, body: ResultBody): CommandResult => ({ ...body, cluster: ctx.cluster.name });

export type Found<T> = { ok: true; value: T } | { ok: false; result: ResultBody };

export const healthRank = (h: Health): number => HEALTH_RANK[h] ?? 5;
export const volumesWorstFirst = compareVolumes;
export const poolsWorstFirst = comparePools;

/** the name people use: the PVC name where there is one */
export function displayName(v: Volume): string {
  return v.pvc?.name ?? v.id;
}

/** "ns/pvc", or the PV name when there is no claim */
export function volumeLabel(v: Volume): string {
  return v.pvc ? `${v.pvc.namespace}/${v.pvc.name}` : v.id;
}

/** usage figures that are the volume's own (hostpath reports its node's filesystem instead) */
export function ownUsage(v: Volume): boolean {
  return v.usedPct !== undefined && v.usedSource !== 'kubelet-hostpath-fs';
}

export function volumeKeys(v: Volume | undefined): string[] {
  if (!v) return [];
  const keys = [v.id];
  if (v.pvc) keys.push(v.pvc.name, `${v.pvc.namespace}/${v.pvc.name}`);
  if (v.engineId && v.engineId !== v.id) keys.push(v.engineId);
  return keys;
}

/** One volume by PV name, PVC name, "ns/pvc" or engine id; near misses become suggestions. */
export function findVolume(inv: Inventory, q: VolumeQuery): Found<Volume> {
  const r = lookupVolume(inv, q.query, { namespace: q.namespace });
  if (r.kind === 'found') return { ok: true, value: r.item };
  if (r.kind === 'ambiguous') {
    return { ok: false, result: { kind: 'ambiguous', what: 'volume', query: q.query,
      candidates: r.candidates.slice().sort(compareVolumes).map((v) => ({ value: volumeLabel(v), label: v.pvc ? `${v.pvc.name} (${v.pvc.namespace})` : v.id })) } };
  }
  return { ok: false, result: { kind: 'not-found', what: 'volume', query: q.query, suggestions: r.suggestions.slice(0, 3) } };
}

export function findPool(inv: Inventory, name: string): Found<Pool> {
  const r = lookupPool(inv, name);
  if (r.kind === 'found') return { ok: true, value: r.item };
  if (r.kind === 'ambiguous') {
    return { ok: false, result: { kind: 'ambiguous', what: 'pool', query: name,
      candidates: r.candidates.slice().sort(comparePools).map((p) => ({ value: p.id, label: `${p.id} on ${p.node}` })) } };
  }
  return { ok: false, result: { kind: 'not-found', what: 'pool', query: name, suggestions: r.suggestions.slice(0, 3) } };
}

export function findSnapshot(inv: Inventory, name: string, namespace?: string): Found<Snapshot> {
  const r = lookupSnapshot(inv, name, { namespace });
  if (r.kind === 'found') return { ok: true, value: r.item };
  if (r.kind === 'ambiguous') {
    return { ok: false, result: { kind: 'ambiguous', what: 'snapshot', query: name,
      candidates: r.candidates.map((s) => ({ value: s.id, label: `${s.name} (${s.namespace})` })) } };
  }
  return { ok: false, result: { kind: 'not-found', what: 'snapshot', query: name, suggestions: r.suggestions.slice(0, 3) } };
}

/** replicas of a volume, worst first */
export function replicasOf(inv: Inventory, v: Volume): Replica[] {
  return lookupReplicas(inv, v).slice()
    .sort((a, b) => healthRank(a.state) - healthRank(b.state) || (a.node ?? '').localeCompare(b.node ?? ''));
}

/** sorted worst first */
export function filterVolumes(inv: Inventory, f: VolumeFilter = {}): Volume[] {
  return listVolumes(inv, f);
}

/** sorted worst first */
export function filterPools(inv: Inventory, f: PoolFilter = {}): Pool[] {
  return listPools(inv, f);
}

/**
 * A filter naming something that does not exist (a namespace, a node, a storage class) is reported as not found
 * rather than answered with an empty list, so a typo is not read as "all is well".
 */
const namespaceCache = new WeakMap<Inventory, string[]>();

/** the namespaces that have volumes (computed once per inventory) */
export function namespacesOf(inv: Inventory): string[] {
  let ns = namespaceCache.get(inv);
  if (!ns) {
    ns = [...new Set(inv.volumes.flatMap((v) => (v.pvc ? [v.pvc.namespace] : [])))];
    namespaceCache.set(inv, ns);
  }
  return ns;
}

export function checkFilter(inv: Inventory, f: VolumeFilter = {}): ResultBody | undefined {
  if (f.namespace) {
    const all = namespacesOf(inv);
    if (!all.some((n) => n.toLowerCase() === f.namespace!.toLowerCase())) {
      return { kind: 'not-found', what: 'namespace', query: f.namespace, suggestions: suggest(f.namespace, all, 3) };
    }
  }
  if (f.node && !inv.nodes.some((n) => n.name.toLowerCase() === f.node!.toLowerCase())) {
    return { kind: 'not-found', what: 'node', query: f.node, suggestions: suggest(f.node, inv.nodes.map((n) => n.name), 3) };
  }
  if (f.storageClass && !inv.storageClasses.some((s) => s.name.toLowerCase() === f.storageClass!.toLowerCase())) {
    return { kind: 'not-found', what: 'storageclass', query: f.storageClass, suggestions: suggest(f.storageClass, inv.storageClasses.map((s) => s.name), 3) };
  }
  if (f.pool && !inv.pools.some((p) => p.id.toLowerCase() === f.pool!.toLowerCase() || p.id.split('@')[0].toLowerCase() === f.pool!.toLowerCase())) {
    return { kind: 'not-found', what: 'pool', query: f.pool, suggestions: suggest(f.pool, inv.pools.map((p) => p.id), 3) };
  }
  if (f.engine && inv.missingEngines.includes(f.engine)) return { kind: 'engine-not-installed', engine: f.engine };
  return undefined;
}

export function countBy<T, K extends string>(items: T[], key: (t: T) => K): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const it of items) { const k = key(it); out[k] = (out[k] ?? 0) + 1; }
  return out;
}

export { suggest };
