// Pools of every engine: cStor pool instances, LVM volume groups, ZFS zpools, Mayastor DiskPools, and the node
// filesystem that LocalPV hostpath volumes share.
import type { KubeObject } from '../kube/resources.js';
import { nodeReady, type Ctx } from './context.js';
import { parseQuantity, pct } from './quantity.js';
import type { Pool, PoolStatus, Volume } from './types.js';

/** usage at which a pool is called "running low", per engine (reference §5) */
export const POOL_WARN_PCT: Record<Pool['kind'], number> = {
  'cstor-pool-instance': 80, 'lvm-vg': 90, 'zfs-pool': 90, diskpool: 90, 'hostpath-node-fs': 90, 'jiva-hostpath': 90,
};

export function lvmPoolId(vg: string, node: string): string { return `${vg}@${node}`; }
export function zfsPoolId(pool: string, node: string): string { return `${pool}@${node}`; }
export function hostpathPoolId(node: string): string { return `hostpath@${node}`; }

const CSPI_STATUS: Record<string, PoolStatus> = {
  ONLINE: 'Online', DEGRADED: 'Degraded', OFFLINE: 'Offline', UNAVAIL: 'Offline', REMOVED: 'Offline',
  FAULTED: 'Faulted', Error: 'Faulted', PoolCreationFailed: 'Faulted', ErrorDuplicate: 'Faulted', Invalid: 'Faulted', DeletionFailed: 'Faulted',
  Init: 'Pending', Pending: 'Pending', '': 'Pending',
};

function rounded(n: number | undefined): string { return `${Math.round(n ?? 0)}%`; }

function fillUsage(p: Pool, capacity?: number, used?: number, free?: number): void {
  p.capacityBytes = capacity ?? (used !== undefined && free !== undefined ? used + free : undefined);
  p.usedBytes = used ?? (p.capacityBytes !== undefined && free !== undefined ? p.capacityBytes - free : undefined);
  p.freeBytes = free ?? (p.capacityBytes !== undefined && p.usedBytes !== undefined ? p.capacityBytes - p.usedBytes : undefined);
  p.usedPct = pct(p.usedBytes, p.capacityBytes);
}

function nodeCheck(ctx: Ctx, p: Pool): void {
  if (nodeReady(ctx, p.node) === false) {
    if (p.status === 'Online' || p.status === 'Unknown') p.status = 'Offline';
    p.reasons.push(`node ${p.node} is NotReady`);
  }
}

function lowSpace(p: Pool): void {
  if (p.readOnly || p.usedPct === undefined) return;
  const warn = POOL_WARN_PCT[p.kind];
  if (p.usedPct >= warn) p.reasons.push(`pool ${rounded(p.usedPct)} full`);
}

export function cstorPool(ctx: Ctx, cspi: KubeObject): Pool {
  const st = cspi.status ?? {};
  const raw = String(st.phase ?? '');
  const p: Pool = {
    id: cspi.metadata.name, engine: 'cstor', kind: 'cstor-pool-instance',
    node: cspi.spec?.hostName ?? cspi.metadata.labels?.['kubernetes.io/hostname'] ?? '',
    status: CSPI_STATUS[raw] ?? 'Unknown', rawStatus: raw || '(none)', reasons: [],
    readOnly: st.readOnly === true, roThresholdPct: cspi.spec?.poolConfig?.roThresholdLimit ?? 85,
    replicaCount: st.provisionedReplicas, healthyReplicaCount: st.healthyReplicas,
    raidType: cspi.spec?.poolConfig?.dataRaidGroupType ?? cspi.spec?.dataRaidGroups?.[0]?.type,
    devices: (cspi.spec?.dataRaidGroups ?? []).flatMap((g: any) => (g.blockDevices ?? []).map((d: any) => d.blockDeviceName)),
    cluster: cspi.metadata.labels?.['openebs.io/cstor-pool-cluster'],
  };
  fillUsage(p, parseQuantity(st.capacity?.total), parseQuantity(st.capacity?.used), parseQuantity(st.capacity?.free));
  if (p.status !== 'Online') p.reasons.push(`pool ${raw || 'has no status'}`);
  if (p.readOnly) p.reasons.push(`pool read-only at ${rounded(p.usedPct)} (read-only threshold ${p.roThresholdPct}%)`);
  for (const c of st.conditions ?? []) {
    if (c.status === 'True' && /DiskUnavailable|PoolLost/.test(c.type)) p.reasons.push(`${c.type}: ${c.message ?? c.reason ?? ''}`.trim());
  }
  lowSpace(p);
  nodeCheck(ctx, p);
  return p;
}

export function lvmPools(ctx: Ctx, lvmNode: KubeObject): Pool[] {
  const node = lvmNode.metadata.name;
  return (lvmNode.volumeGroups ?? []).map((vg: any) => {
    const readOnly = vg.permissions === 1;
    const missing = Number(vg.missingPvCount ?? 0);
    const p: Pool = { id: lvmPoolId(vg.name, node), engine: 'localpv-lvm', kind: 'lvm-vg', node,
      status: readOnly || missing > 0 ? 'Degraded' : 'Online', rawStatus: readOnly ? 'read-only' : missing > 0 ? `${missing} PV missing` : 'rw',
      reasons: [], readOnly, replicaCount: vg.lvCount };
    fillUsage(p, parseQuantity(vg.size), undefined, parseQuantity(vg.free));
    if (missing > 0) p.reasons.push(`${missing} physical volume${missing > 1 ? 's' : ''} missing from volume group ${vg.name}`);
    if (readOnly) p.reasons.push(`volume group ${vg.name} is read-only`);
    lowSpace(p);
    nodeCheck(ctx, p);
    return p;
  });
}

export function zfsPools(ctx: Ctx, zfsNode: KubeObject): Pool[] {
  const node = zfsNode.metadata.name;
  return (zfsNode.pools ?? []).map((zp: any) => {
    const p: Pool = { id: zfsPoolId(zp.name, node), engine: 'localpv-zfs', kind: 'zfs-pool', node, status: 'Online', rawStatus: 'ONLINE', reasons: [] };
    const used = parseQuantity(zp.used); const free = parseQuantity(zp.free);
    fillUsage(p, used !== undefined && free !== undefined ? used + free : undefined, used, free);  // ZFSNode has no total: total = free + used
    lowSpace(p);
    nodeCheck(ctx, p);
    return p;
  });
}

const MAYA_STATUS: Record<string, PoolStatus> = { Online: 'Online', Degraded: 'Degraded', Faulted: 'Faulted', Unknown: 'Unknown', Suspected: 'Degraded' };

export function mayastorPool(ctx: Ctx, dsp: KubeObject | undefined, rest: any | undefined): Pool {
  const st = dsp?.status ?? {};
  const crState: string | undefined = st.cr_state ?? st.state;
  const restStatus: string | undefined = rest?.state?.status;
  const raw = String(restStatus ?? st.pool_status ?? st.state ?? '');
  let status: PoolStatus = MAYA_STATUS[raw] ?? 'Unknown';
  if (crState === 'Creating' && !restStatus && !st.pool_status) status = 'Pending';
  const p: Pool = { id: dsp?.metadata.name ?? rest?.id, engine: 'mayastor', kind: 'diskpool', node: dsp?.spec?.node ?? rest?.spec?.node ?? rest?.state?.node ?? '',
    status, rawStatus: [crState, raw].filter(Boolean).join('/') || '(none)', reasons: [], devices: dsp?.spec?.disks ?? rest?.spec?.disks ?? rest?.state?.disks };
  const cap = rest?.state?.capacity ?? st.capacity; const used = rest?.state?.used ?? st.used;
  fillUsage(p, typeof cap === 'number' ? cap : parseQuantity(cap), typeof used === 'number' ? used : parseQuantity(used), typeof st.available === 'number' && rest?.state?.capacity === undefined ? st.available : undefined);
  if (typeof rest?.state?.committed === 'number') p.committedBytes = rest.state.committed;
  if (status === 'Pending') p.reasons.push('DiskPool is still being created');
  else if (status !== 'Online') p.reasons.push(`pool ${raw || 'state unknown'}`);
  if (p.committedBytes !== undefined && p.capacityBytes && p.committedBytes > p.capacityBytes) {
    p.reasons.push(`overcommitted: ${rounded(pct(p.committedBytes, p.capacityBytes))} of capacity committed to thin volumes`);
  }
  lowSpace(p);
  nodeCheck(ctx, p);
  return p;
}

/** The node filesystem under /var/openebs/local, known from the kubelet stats of any hostpath volume on the node. */
export function hostpathPool(ctx: Ctx, node: string, fs: { capacityBytes?: number; usedBytes?: number; availableBytes?: number } | undefined): Pool {
  const ready = nodeReady(ctx, node);
  const p: Pool = { id: hostpathPoolId(node), engine: 'localpv-hostpath', kind: 'hostpath-node-fs', node,
    status: ready === false ? 'Offline' : ready ? 'Online' : 'Unknown', rawStatus: ready === false ? 'NodeNotReady' : ready ? 'NodeReady' : 'unknown node', reasons: [] };
  fillUsage(p, fs?.capacityBytes, fs?.usedBytes, fs?.availableBytes);
  lowSpace(p);
  if (ready === false) p.reasons.push(`node ${node} is NotReady`);
  return p;
}

export function buildPools(ctx: Ctx): void {
  const o = ctx.raw.objects;
  for (const cspi of o.cstorPoolInstances) ctx.pools.set(cspi.metadata.name, cstorPool(ctx, cspi));
  for (const n of o.lvmNodes) for (const p of lvmPools(ctx, n)) ctx.pools.set(p.id, p);
  for (const n of o.zfsNodes) for (const p of zfsPools(ctx, n)) ctx.pools.set(p.id, p);
  const rest = new Map((ctx.raw.mayastor?.pools ?? []).map((p: any) => [p.id, p]));
  const engineNodes = new Map((ctx.raw.mayastor?.nodes ?? []).map((n: any) => [n.id ?? n.spec?.id, n.state?.status]));
  const add = (p: Pool) => {
    const st = engineNodes.get(p.node);
    if (st && st !== 'Online') {
      p.reasons.push(`io-engine on ${p.node} is ${st}`);
      if (p.status === 'Online') p.status = st === 'Offline' ? 'Offline' : 'Unknown';
    }
    ctx.pools.set(p.id, p);
  };
  for (const dsp of o.diskPools) add(mayastorPool(ctx, dsp, rest.get(dsp.metadata.name)));
  for (const [id, r] of rest) if (!ctx.pools.has(id)) add(mayastorPool(ctx, undefined, r));
}

/** Replica counts per pool, from the normalized volumes (LocalPV: one volume = one replica on its pool). */
export function countPoolReplicas(pools: Map<string, Pool>, volumes: Volume[], replicas: { poolId?: string; state: string }[]): void {
  const counts = new Map<string, { total: number; healthy: number }>();
  const bump = (id: string, healthy: boolean) => {
    const c = counts.get(id) ?? { total: 0, healthy: 0 };
    c.total++; if (healthy) c.healthy++;
    counts.set(id, c);
  };
  for (const r of replicas) if (r.poolId) bump(r.poolId, r.state === 'Healthy');
  for (const v of volumes) {
    if (v.engine.startsWith('localpv-') && v.poolIds[0]) bump(v.poolIds[0], v.health === 'Healthy');
  }
  for (const [id, c] of counts) {
    const p = pools.get(id);
    if (!p) continue;
    p.replicaCount = c.total;
    p.healthyReplicaCount = c.healthy;
  }
}
