// Answers about pools, the cluster, clusters, snapshots, storage classes and alerts.
import type { Alert, ResultOf } from '../commands/types.js';
import type { Pool, PoolStatus } from '../openebs/types.js';
import type { Out } from './blocks.js';
import { age, b, bar, code, duration, engineLabel, healthEmoji, percent, plural, poolEmoji, size } from './format.js';
import { healthCounts, rows, troubleSummary, vname, volumeRow, type RenderOptions } from './volumes.js';

const POOL_ORDER: PoolStatus[] = ['Faulted', 'Offline', 'Degraded', 'Pending', 'Unknown', 'Online'];

function poolCounts(counts: Partial<Record<PoolStatus, number>>): string {
  return POOL_ORDER.filter((s) => counts[s]).map((s) => `${poolEmoji(s)} ${counts[s]} ${s.toLowerCase()}`).join(' · ');
}

export function poolRow(p: Pool): string {
  const parts = [`${poolEmoji(p.status, p.readOnly)} ${b(p.id)}`, `on ${p.node}`, engineLabel(p.engine)];
  if (p.usedPct !== undefined) parts.push(`${bar(p.usedPct)} ${percent(p.usedPct)} of ${size(p.capacityBytes)}`);
  if (p.readOnly) parts.push(b('read-only'));
  const row = parts.join(' · ');
  return p.reasons.length ? `${row} — ${p.reasons[0]}` : row;
}

export function renderPoolList(r: ResultOf<'pool.list'>, out: Out, opts: RenderOptions): void {
  const status = r.filter.status;
  const what = [status && status !== 'attention' ? status.toLowerCase() : '', r.filter.engine ? engineLabel(r.filter.engine) : '', 'pools',
    status === 'attention' ? 'needing attention' : '', r.filter.lowSpace ? 'running low' : '', r.filter.node ? `on ${r.filter.node}` : ''].filter(Boolean).join(' ');
  if (!r.total) { out.section(`No ${what} found.`); return; }
  out.header(`${what[0].toUpperCase()}${what.slice(1)} (${r.total})`);
  out.section(poolCounts(r.countsByStatus));
  const troubled = r.pools.filter((p) => p.readOnly || p.status !== 'Online').length;
  rows(out, r.pools.slice(0, opts.maxRows).map(poolRow), r.total, troubled ? `${troubled} need attention` : '', opts);
}

export function renderPoolStatus(r: ResultOf<'pool.status'>, out: Out, opts: RenderOptions): void {
  const p = r.pool;
  out.header(`${poolEmoji(p.status, p.readOnly)} ${p.id} is ${p.status}${p.readOnly ? ' (read-only)' : ''}`);
  if (p.reasons.length) out.section(p.reasons.map((x) => `• ${x}`).join('\n'));
  out.fields([
    ['Node', p.node], ['Engine', engineLabel(p.engine)],
    ['Used', p.usedPct !== undefined ? `${bar(p.usedPct)} ${percent(p.usedPct)} — ${size(p.usedBytes)} of ${size(p.capacityBytes)}` : 'unknown'],
    ['Free', p.freeBytes !== undefined ? size(p.freeBytes) : ''],
    ['Committed', p.committedBytes !== undefined ? size(p.committedBytes) : ''],
    ['Replicas', p.replicaCount !== undefined ? `${p.healthyReplicaCount ?? '?'} of ${p.replicaCount} healthy` : String(r.replicas.length)],
    ['Raw status', p.rawStatus], ['Read-only at', p.roThresholdPct !== undefined ? `${p.roThresholdPct}%` : ''],
  ]);
  if (r.volumes.length) {
    out.section(`${b(`Volumes on this pool (${r.volumes.length})`)}\n${r.volumes.slice(0, opts.maxRows).map(volumeRow).join('\n')}`);
    if (r.volumes.length > opts.maxRows) out.context(`showing ${opts.maxRows} of ${r.volumes.length} (worst first)`);
  }
}

export function renderClusterHealth(r: ResultOf<'cluster.health'>, out: Out, opts: RenderOptions): void {
  const badVolumes = r.totalVolumes - (r.volumeCounts.Healthy ?? 0);
  const badPools = r.worstPools.length;
  const trouble = badVolumes + badPools + r.nodesNotReady.length + r.missingEngines.length;
  out.header(trouble ? `${healthEmoji(badVolumes ? 'Degraded' : 'Healthy')} ${r.cluster}: ${plural(trouble, 'thing')} to look at` : `${healthEmoji('Healthy')} ${r.cluster}: all healthy`);
  out.section(`${b('Volumes')} (${r.totalVolumes}): ${healthCounts(r.volumeCounts) || 'none'}\n${b('Pools')} (${r.totalPools}): ${poolCounts(r.poolCounts) || 'none'}\n`
    + `${b('Nodes')}: ${r.totalNodes - r.nodesNotReady.length} of ${r.totalNodes} Ready`);
  const n = Math.max(1, Math.floor(opts.maxRows / 2));
  if (r.worstVolumes.length) out.section(`${b('Volumes needing attention')}\n${r.worstVolumes.slice(0, n).map(volumeRow).join('\n')}`);
  if (badVolumes > r.worstVolumes.length) out.context(`and ${badVolumes - r.worstVolumes.length} more: ${troubleSummary(r.volumeCounts)}`);
  if (r.worstPools.length) out.section(`${b('Pools needing attention')}\n${r.worstPools.slice(0, n).map(poolRow).join('\n')}`);
  if (r.nodesNotReady.length) {
    out.section(`${b('Nodes not Ready')}\n${r.nodesNotReady.slice(0, n).map((x) => `:red_circle: ${b(x.name)}${x.reasons.length ? ` — ${x.reasons[0]}` : ''}`).join('\n')}`);
  }
  if (r.missingEngines.length) out.section(`${b('Engines not installed')} (used by classes or volumes): ${r.missingEngines.map(engineLabel).join(', ')}`);
  if (r.warnings.length) out.context(`:warning: ${r.warnings.slice(0, 3).join('; ')}${r.warnings.length > 3 ? ` (+${r.warnings.length - 3} more)` : ''}`);
}

export function renderClusterList(r: ResultOf<'cluster.list'>, out: Out, opts: RenderOptions): void {
  out.header(`Clusters (${r.clusters.length})`);
  rows(out, r.clusters.slice(0, opts.maxRows).map((c) => `${c.reachable ? ':large_green_circle:' : ':red_circle:'} ${b(c.name)}${c.current ? ' (current)' : ''}`
    + (c.reachable ? `${c.volumeCount !== undefined ? ` · ${plural(c.volumeCount, 'volume')}` : ''}` : ` · unreachable${c.reason ? `: ${c.reason}` : ''}`)),
  r.clusters.length, '', opts);
}

export function renderSnapshotList(r: ResultOf<'snapshot.list'>, out: Out, opts: RenderOptions): void {
  const of = r.volume ? ` of ${vname(r.volume)}` : r.namespace ? ` in ${r.namespace}` : '';
  if (!r.total) { out.section(`No snapshots${of}.`); return; }
  const failed = r.snapshots.filter((s) => !s.readyToUse).length;
  out.header(`Snapshots${of} (${r.total})`);
  // a snapshot being cut (no error yet) is pending, not failed
  const mark = (s: (typeof r.snapshots)[number]) => (s.readyToUse ? ':white_check_mark:' : s.error ? ':x:' : ':hourglass_flowing_sand:');
  rows(out, r.snapshots.slice(0, opts.maxRows).map((s) => `${mark(s)} ${b(s.name)} (${s.namespace})${s.sourcePvc ? ` of ${s.sourcePvc}` : ''}`
    + `${s.restoreSizeBytes === undefined ? '' : ` · ${size(s.restoreSizeBytes)}`} · ${age(s.createdAt, opts.now)} old${s.snapshotClass ? ` · ${s.snapshotClass}` : ''}`
    + (s.readyToUse ? '' : ` — not ready${s.error ? `: ${s.error}` : s.engineState ? ` (${s.engineState})` : ''}`)), r.total, failed ? `${failed} not ready` : '', opts);
}

export function renderStorageClassList(r: ResultOf<'storageclass.list'>, out: Out, opts: RenderOptions): void {
  if (!r.storageClasses.length) { out.section('No OpenEBS storage classes found.'); return; }
  out.header(`Storage classes (${r.storageClasses.length})`);
  rows(out, r.storageClasses.slice(0, opts.maxRows).map((s) => `${b(s.name)}${s.isDefault ? ' (default)' : ''} · ${engineLabel(s.engine)} · ${code(s.provisioner)}`
    + ` · expansion ${s.allowVolumeExpansion ? 'yes' : 'no'} · ${plural(s.volumeCount ?? 0, 'volume')}`), r.storageClasses.length, '', opts);
}

const ALERT_EMOJI = { critical: ':red_circle:', warning: ':large_yellow_circle:' };

function alertRow(a: Alert): string {
  const msg = a.kind === 'volume-filling' && a.value !== undefined ? `full in about ${duration(a.value)} at the current rate` : a.message;
  return `${ALERT_EMOJI[a.severity]} ${b(a.target.name)} (${a.target.kind}) — ${msg}`;
}

export function renderAlertList(r: ResultOf<'alert.list'>, out: Out, opts: RenderOptions): void {
  const mutedNote = r.muted.length ? `:no_bell: ${plural(r.muted.length, 'alert')} muted` : '';
  if (!r.alerts.length) {
    out.section(`${healthEmoji('Healthy')} No active alerts on ${r.cluster}.`);
    if (mutedNote) out.context(mutedNote);
    return;
  }
  const critical = r.alerts.filter((a) => a.severity === 'critical').length;
  out.header(`:bell: ${plural(r.alerts.length, 'alert')} on ${r.cluster}${critical ? ` (${critical} critical)` : ''}`);
  rows(out, r.alerts.slice(0, opts.maxRows).map(alertRow), r.alerts.length, critical ? `${critical} critical` : '', opts);
  if (mutedNote) {
    // one name per target, with a count when it has several muted alerts ("logging/loki-chunks (2)")
    const counts = new Map<string, number>();
    for (const a of r.muted) counts.set(a.target.name, (counts.get(a.target.name) ?? 0) + 1);
    const names = [...counts].map(([n, k]) => (k > 1 ? `${n} (${k})` : n));
    out.context(`${mutedNote}: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}`);
  }
}
