// Read handlers about volumes: list, status, describe, usage, replicas, events ("why"), forecast.
import { volumeEventRefs } from '../openebs/events.js';
import type { Inventory, ObjectRef, Pool, Replica, StorageEvent, Volume } from '../openebs/types.js';
import { forecastUsage } from './forecast.js';
import { answer as res, checkFilter, countBy, filterVolumes, findVolume, ownUsage, replicasOf, volumesWorstFirst } from './lookup.js';
import type { CommandContext, CommandOf, CommandResult, Forecast, VolumeQuery } from './types.js';


export function poolsOf(inv: Inventory, v: Volume, replicas: Replica[] = replicasOf(inv, v)): Pool[] {
  const ids = new Set([...v.poolIds, ...replicas.flatMap((r) => (r.poolId ? [r.poolId] : []))]);
  return inv.pools.filter((p) => ids.has(p.id));
}

export async function volumeList(cmd: CommandOf<'volume.list'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  const bad = checkFilter(inv, cmd.filter);
  if (bad) return res(ctx, bad);
  const all = filterVolumes(inv, cmd.filter).sort(volumesWorstFirst);
  // the renderer decides how many fit; a limit here is the user's ("top 5")
  const volumes = cmd.limit ? all.slice(0, cmd.limit) : all;
  return res(ctx, { kind: 'volume.list', filter: cmd.filter, total: all.length, volumes, countsByHealth: countBy(all, (v) => v.health) });
}

/** The facts every one-volume answer starts from: the volume, its replicas and their pools; or the answer
 *  when the name does not resolve (not found with suggestions, or ambiguous). */
type VolumeFacts = { ok: true; volume: Volume; replicas: Replica[]; pools: Pool[] } | { ok: false; answer: CommandResult };

function volumeFacts(query: VolumeQuery, ctx: CommandContext): VolumeFacts {
  const inv = ctx.cluster.inventory;
  const f = findVolume(inv, query);
  if (!f.ok) return { ok: false, answer: res(ctx, f.result) };
  const replicas = replicasOf(inv, f.value);
  return { ok: true, volume: f.value, replicas, pools: poolsOf(inv, f.value, replicas) };
}

/** status and replicas answer with the same facts; the renderer leads with health for one and with placement
 *  for the other */
async function volumeWithReplicas(kind: 'volume.status' | 'volume.replicas', cmd: CommandOf<'volume.status' | 'volume.replicas'>,
  ctx: CommandContext): Promise<CommandResult> {
  const f = volumeFacts(cmd.volume, ctx);
  if (!f.ok) return f.answer;
  return res(ctx, { kind, volume: f.volume, replicas: f.replicas, pools: f.pools });
}

export function volumeStatus(cmd: CommandOf<'volume.status'>, ctx: CommandContext): Promise<CommandResult> {
  return volumeWithReplicas('volume.status', cmd, ctx);
}

export async function volumeDescribe(cmd: CommandOf<'volume.describe'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  const f = volumeFacts(cmd.volume, ctx);
  if (!f.ok) return f.answer;
  const v = f.volume;
  return res(ctx, {
    kind: 'volume.describe', volume: v, replicas: f.replicas, pools: f.pools,
    storageClass: inv.storageClasses.find((s) => s.name === v.storageClass),
    snapshots: inv.snapshots.filter((s) => s.volumeId === v.id || (v.pvc && s.namespace === v.pvc.namespace && s.sourcePvc === v.pvc.name)),
  });
}

export async function forecastFor(v: Volume, ctx: CommandContext): Promise<Forecast> {
  // hostpath figures are the node filesystem's: no forecast for the volume
  if (v.usedSource === 'kubelet-hostpath-fs' || (v.usedBytes === undefined && v.engine === 'localpv-hostpath')) {
    return { status: 'no-usage', samples: 0, spanSeconds: 0, capacityBytes: v.capacityBytes };
  }
  let history;
  try {
    history = await ctx.usageHistory(v.id);
  } catch {
    return { status: 'history-unavailable', samples: 0, spanSeconds: 0, usedBytes: v.usedBytes, capacityBytes: v.capacityBytes };
  }
  return forecastUsage(history, { now: ctx.now, capacityBytes: v.capacityBytes, usedBytes: v.usedBytes });
}

export async function volumeUsage(cmd: CommandOf<'volume.usage'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  if (cmd.volume) {
    const f = findVolume(inv, cmd.volume);
    if (!f.ok) return res(ctx, f.result);
    const forecast = ownUsage(f.value) ? await forecastFor(f.value, ctx) : undefined;
    return res(ctx, { kind: 'volume.usage', single: true, total: 1, volumes: [{ volume: f.value, forecast }] });
  }
  const bad = checkFilter(inv, cmd.filter);
  if (bad) return res(ctx, bad);
  const scope = hasFilter(cmd.filter) ? filterVolumes(inv, cmd.filter) : inv.volumes;
  const total = scope.filter(ownUsage).length;
  return res(ctx, { kind: 'volume.usage', single: false, filter: cmd.filter, total,
    volumes: fullest(scope, cmd.limit ?? 10).map((volume) => ({ volume })) });
}

export function volumeReplicas(cmd: CommandOf<'volume.replicas'>, ctx: CommandContext): Promise<CommandResult> {
  return volumeWithReplicas('volume.replicas', cmd, ctx);
}

/** every object whose events explain a volume: the inventory's refs (PV, PVC, engine objects, pools, nodes),
 *  its replicas, and the first pod of a StatefulSet-style claim (the Inventory does not list pods) */
export function refsFor(inv: Inventory, v: Volume, replicas: Replica[]): ObjectRef[] {
  const extra: ObjectRef[] = [];
  for (const r of replicas) {
    if (r.engine === 'cstor') extra.push({ kind: 'CStorVolumeReplica', apiVersion: 'cstor.openebs.io/v1', namespace: 'openebs', name: r.id });
  }
  if (v.pvc) extra.push({ kind: 'Pod', apiVersion: 'v1', namespace: v.pvc.namespace, name: `${v.pvc.name}-0` });
  return volumeEventRefs(inv, v, { extra });
}

const eventTime = (e: StorageEvent) => (e.at ? Date.parse(e.at) : 0);

export async function volumeEvents(cmd: CommandOf<'volume.events'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  const f = volumeFacts(cmd.volume, ctx);
  if (!f.ok) return f.answer;
  const { volume: v, replicas, pools } = f;
  // the reasons come from the inventory; events are a second read that may fail on its own
  let all: StorageEvent[] = [];
  let eventsError: string | undefined;
  try {
    all = await ctx.cluster.events(refsFor(inv, v, replicas));
  } catch (err) {
    eventsError = err instanceof Error ? err.message : String(err);
  }
  // newest first (undated last)
  const events = all.slice().sort((a, b) => eventTime(b) - eventTime(a)).slice(0, cmd.limit ?? 10);
  const troubledReplicas = replicas.filter((r) => r.state !== 'Healthy');
  const troubledPools = pools.filter((p) => p.status !== 'Online' || p.readOnly || (p.usedPct ?? 0) >= 80);
  const reasons = [...v.reasons];
  // a pool's own reasons, unless the volume's reasons already name that pool
  for (const p of troubledPools) {
    if (reasons.some((r) => r.includes(p.id))) continue;
    for (const r of p.reasons) reasons.push(`pool ${p.id}: ${r}`);
  }
  return res(ctx, { kind: 'volume.events', volume: v, reasons, replicas: troubledReplicas, pools: troubledPools, events,
    ...(eventsError ? { eventsError } : {}) });
}

/** how many of the fullest volumes a "which volumes fill up soonest" question forecasts (one history read each) */
export const FORECAST_SCAN = 100;

export async function volumeForecast(cmd: CommandOf<'volume.forecast'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  if (cmd.volume) {
    const f = findVolume(inv, cmd.volume);
    if (!f.ok) return res(ctx, f.result);
    return res(ctx, { kind: 'volume.forecast', single: true, total: 1, volumes: [{ volume: f.value, forecast: await forecastFor(f.value, ctx) }] });
  }
  const bad = checkFilter(inv, cmd.filter);
  if (bad) return res(ctx, bad);
  const scanned = fullest(hasFilter(cmd.filter) ? filterVolumes(inv, cmd.filter) : inv.volumes, FORECAST_SCAN);
  const rows = await Promise.all(scanned.map(async (volume) => ({ volume, forecast: await forecastFor(volume, ctx) })));
  const filling = rows.filter((r) => r.forecast.status === 'ok' || r.forecast.status === 'already-full')
    .sort((a, b) => (a.forecast.fullInSeconds ?? Infinity) - (b.forecast.fullInSeconds ?? Infinity));
  return res(ctx, { kind: 'volume.forecast', single: false, total: filling.length, volumes: filling.slice(0, cmd.limit ?? 10) });
}

/** the fullest volumes with usage figures of their own, fullest first (ties by id, without locale rules: fast) */
export function fullest(volumes: Volume[], n: number, minPct = 0): Volume[] {
  return topN(volumes.filter((v) => ownUsage(v) && v.usedPct! >= minPct), n,
    (a, b) => (b.usedPct ?? 0) - (a.usedPct ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** the first n of items in cmp order, without sorting all of them when n is small (binary insertion) */
export function topN<T>(items: T[], n: number, cmp: (a: T, b: T) => number): T[] {
  if (n >= items.length / 8) return items.slice().sort(cmp).slice(0, n);
  const top: T[] = [];
  for (const it of items) {
    if (top.length === n && cmp(it, top[n - 1]) >= 0) continue;
    let lo = 0, hi = top.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cmp(it, top[mid]) < 0) hi = mid; else lo = mid + 1; }
    top.splice(lo, 0, it);
    if (top.length > n) top.pop();
  }
  return top;
}

export const hasFilter = (f: object | undefined): boolean => !!f && Object.values(f).some((x) => x !== undefined);
