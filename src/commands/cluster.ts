// Read handlers about pools, the cluster as a whole, snapshots and storage classes.
import { answer, checkFilter, countBy, filterPools, findPool, findVolume, poolsWorstFirst, volumesWorstFirst } from './lookup.js';
import type { CommandContext, CommandOf, CommandResult } from './types.js';

/** how many of the worst volumes and pools a health summary names */
export const WORST_N = 5;

export async function poolList(cmd: CommandOf<'pool.list'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  if (cmd.filter.engine && inv.missingEngines.includes(cmd.filter.engine)) return answer(ctx, { kind: 'engine-not-installed', engine: cmd.filter.engine });
  const bad = cmd.filter.node ? checkFilter(inv, { node: cmd.filter.node }) : undefined;
  if (bad) return answer(ctx, bad);
  const all = filterPools(inv, cmd.filter);
  return answer(ctx, { kind: 'pool.list', filter: cmd.filter, total: all.length, pools: cmd.limit ? all.slice(0, cmd.limit) : all,
    countsByStatus: countBy(all, (p) => p.status) });
}

export async function poolStatus(cmd: CommandOf<'pool.status'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  const f = findPool(inv, cmd.pool);
  if (!f.ok) return answer(ctx, f.result);
  const pool = f.value;
  const replicas = inv.replicas.filter((r) => r.poolId === pool.id);
  const ids = new Set(replicas.map((r) => r.volumeId));
  const volumes = inv.volumes.filter((v) => ids.has(v.id) || v.poolIds.includes(pool.id)).sort(volumesWorstFirst);
  return answer(ctx, { kind: 'pool.status', pool, replicas, volumes });
}

export async function clusterHealth(_cmd: CommandOf<'cluster.health'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  const worstVolumes = inv.volumes.filter((v) => v.health !== 'Healthy').sort(volumesWorstFirst).slice(0, WORST_N);
  const worstPools = inv.pools.filter((p) => p.status !== 'Online' || p.readOnly || (p.usedPct ?? 0) >= 80)
    .sort(poolsWorstFirst).slice(0, WORST_N);
  // an engine only matters when something uses it
  const used = new Set([...inv.volumes.map((v) => v.engine), ...inv.storageClasses.map((s) => s.engine)]);
  return answer(ctx, {
    kind: 'cluster.health', volumeCounts: countBy(inv.volumes, (v) => v.health), poolCounts: countBy(inv.pools, (p) => p.status),
    totalVolumes: inv.volumes.length, totalPools: inv.pools.length, worstVolumes, worstPools,
    nodesNotReady: inv.nodes.filter((n) => !n.ready), totalNodes: inv.nodes.length,
    missingEngines: inv.missingEngines.filter((e) => used.has(e)), warnings: inv.warnings,
  });
}

export async function clusterList(_cmd: CommandOf<'cluster.list'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  const clusters = ctx.clusters?.length ? ctx.clusters
    : [{ name: ctx.cluster.name, reachable: true, current: true, fetchedAt: inv.fetchedAt, volumeCount: inv.volumes.length }];
  return answer(ctx, { kind: 'cluster.list', clusters: clusters.slice().sort((a, b) => Number(!!b.current) - Number(!!a.current) || a.name.localeCompare(b.name)) });
}

export async function snapshotList(cmd: CommandOf<'snapshot.list'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  let snapshots = inv.snapshots;
  let volume;
  if (cmd.volume) {
    const f = findVolume(inv, cmd.volume);
    if (!f.ok) return answer(ctx, f.result);
    volume = f.value;
    const v = volume;
    snapshots = snapshots.filter((s) => s.volumeId === v.id || (v.pvc && s.namespace === v.pvc.namespace && s.sourcePvc === v.pvc.name));
  }
  if (cmd.namespace) snapshots = snapshots.filter((s) => s.namespace === cmd.namespace);
  // failed (not ready) first, then newest first
  const sorted = snapshots.slice().sort((a, b) => Number(a.readyToUse) - Number(b.readyToUse)
    || (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.id.localeCompare(b.id));
  return answer(ctx, { kind: 'snapshot.list', volume, namespace: cmd.namespace, total: sorted.length,
    snapshots: cmd.limit ? sorted.slice(0, cmd.limit) : sorted });
}

export async function storageClassList(cmd: CommandOf<'storageclass.list'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  if (cmd.engine && inv.missingEngines.includes(cmd.engine)) return answer(ctx, { kind: 'engine-not-installed', engine: cmd.engine });
  const counts = countBy(inv.volumes.filter((v) => v.storageClass), (v) => v.storageClass!);
  const storageClasses = inv.storageClasses.filter((s) => !cmd.engine || s.engine === cmd.engine)
    .map((s) => ({ ...s, volumeCount: s.volumeCount ?? counts[s.name] ?? 0 }))
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
  return answer(ctx, { kind: 'storageclass.list', storageClasses });
}
