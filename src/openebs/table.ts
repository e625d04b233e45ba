// Plain-text tables of an Inventory for the terminal (`mulebot inventory` without --json).
import { formatBytes } from './quantity.js';
import type { Inventory, Pool, Snapshot, Volume } from './types.js';

const SHORT: Record<string, string> = {
  'localpv-hostpath': 'hostpath', 'localpv-device': 'device', 'localpv-lvm': 'lvm', 'localpv-zfs': 'zfs', 'legacy-cstor': 'cstor(legacy)',
};

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : (c ?? '').padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function usedCell(v: Volume): string {
  if (v.usedPct === undefined) return '-';
  const mark = v.usedSource === 'kubelet-hostpath-fs' ? '*' : v.usedSource === 'mayastor-allocated' || v.usedSource === 'cstor-cvr' ? '~' : '';
  return `${Math.round(v.usedPct)}%${mark}`;
}

export function volumeRows(volumes: Volume[]): string[][] {
  return volumes.map((v) => [
    v.pvc?.namespace ?? '-', v.pvc?.name ?? v.id, SHORT[v.engine] ?? v.engine, v.health, v.engineStatus,
    formatBytes(v.capacityBytes || v.requestedBytes), usedCell(v),
    v.engine.startsWith('localpv') ? '-' : `${v.replicas.healthy}/${v.replicas.desired}`,
    v.attachedNodes.join(',') || '-', v.reasons.join('; '),
  ]);
}

export function poolRows(pools: Pool[]): string[][] {
  return pools.map((p) => [p.id, SHORT[p.engine] ?? p.engine, p.node, p.status + (p.readOnly ? ' (RO)' : ''), formatBytes(p.capacityBytes),
    p.usedPct === undefined ? '-' : `${Math.round(p.usedPct)}%`, p.replicaCount === undefined ? '-' : `${p.healthyReplicaCount ?? '?'}/${p.replicaCount}`, p.reasons.join('; ')]);
}

export function snapshotRows(snaps: Snapshot[]): string[][] {
  return snaps.map((s) => [s.namespace, s.name, s.sourcePvc ?? '-', SHORT[s.engine] ?? s.engine, s.readyToUse ? 'yes' : 'no', formatBytes(s.restoreSizeBytes), s.error ?? '']);
}

export function renderInventory(inv: Inventory, volumes: Volume[] = inv.volumes, pools: Pool[] = inv.pools): string {
  const out: string[] = [];
  out.push(`Cluster ${inv.cluster}: ${inv.volumes.length} volumes, ${inv.pools.length} pools, ${inv.snapshots.length} snapshots, ${inv.nodes.filter((n) => !n.ready).length} node(s) NotReady`);
  out.push('', table(['NAMESPACE', 'PVC', 'ENGINE', 'HEALTH', 'ENGINE-STATUS', 'SIZE', 'USED', 'REPLICAS', 'NODE', 'REASONS'], volumeRows(volumes)));
  out.push('  USED: * node filesystem shared by hostpath volumes, ~ engine allocation (no kubelet figure)');
  out.push('', table(['POOL', 'ENGINE', 'NODE', 'STATUS', 'SIZE', 'USED', 'REPLICAS', 'REASONS'], poolRows(pools)));
  if (inv.snapshots.length) out.push('', table(['NAMESPACE', 'SNAPSHOT', 'SOURCE', 'ENGINE', 'READY', 'SIZE', 'ERROR'], snapshotRows(inv.snapshots)));
  if (inv.missingEngines.length) out.push('', `Not installed: ${inv.missingEngines.join(', ')}`);
  if (inv.warnings.length) out.push('', ...inv.warnings.map((w) => `warning: ${w}`));
  return out.join('\n');
}
