// Mayastor (Replicated PV): volumes are not CRs, they come from the REST API (/v0/volumes) keyed by the CSI
// volumeHandle (a bare UUID; the PV is "pvc-<uuid>"). Replicas come from state.replica_topology.
import type { KubeObject } from '../kube/resources.js';
import type { Ctx } from './context.js';
import type { Health, Replica, Volume } from './types.js';

const VOLUME: Record<string, Health> = { Online: 'Healthy', Degraded: 'Degraded', Faulted: 'Faulted', Shutdown: 'Offline', Unknown: 'Unknown' };

export function mayastorUuid(pv: KubeObject): string {
  return pv.spec?.csi?.volumeHandle ?? pv.metadata.name.replace(/^pvc-/, '');
}

function replicaOf(id: string, t: any, volumeId: string, children: any[]): Replica {
  const child = children.find((c) => typeof c?.uri === 'string' && c.uri.includes(id));
  const progress: number | undefined = t['rebuild-progress'] ?? child?.rebuildProgress ?? undefined;
  const childStatus: string | undefined = t['child-status'] ?? child?.state;
  const reason: string | undefined = t['child-status-reason'] ?? child?.state_reason;
  let state: Health;
  if (t.state === 'Faulted' || childStatus === 'Faulted') state = 'Faulted';
  else if (progress !== undefined && progress !== null) state = 'Rebuilding';
  else if (childStatus === 'Degraded' || t.state === 'Degraded') state = 'Degraded';
  else if (t.state === 'Online') state = 'Healthy';
  else state = 'Unknown';
  const r: Replica = { id, volumeId, engine: 'mayastor', node: t.node, poolId: t.pool, state,
    engineState: [t.state, childStatus && `child ${childStatus}`].filter(Boolean).join(', ') || '(none)',
    capacityBytes: t.usage?.capacity, usedBytes: t.usage?.allocated };
  if (state === 'Rebuilding') r.rebuildProgressPct = Number(progress);
  const reasons: string[] = [];
  if (state === 'Rebuilding') reasons.push(`rebuilding on ${t.node ?? t.pool}: ${progress}% done`);
  else if (state !== 'Healthy') reasons.push(`replica ${state.toLowerCase()} on ${t.node ?? t.pool}`);
  if (reason === 'OutOfSpace') reasons.push(`pool ${t.pool} is full (OutOfSpace)`);
  else if (reason) reasons.push(`child ${reason}`);
  if (reasons.length) r.reasons = reasons;
  return r;
}

export function mayastorVolume(ctx: Ctx, pv: KubeObject, v: Volume): Replica[] {
  const uuid = mayastorUuid(pv);
  v.engineId = uuid;
  if (!ctx.raw.mayastor) {
    v.engineStatus = 'unknown';
    v.health = 'Unknown';
    v.reasons.push('Mayastor REST API not reachable: volume state unknown');
    return [];
  }
  const mv = ctx.mayastorByUuid.get(uuid);
  if (!mv) {
    v.engineStatus = 'missing';
    v.health = 'Unknown';
    v.reasons.push(`volume ${uuid} not found in the Mayastor REST API`);
    return [];
  }
  const st = mv.state ?? {};
  const status = String(st.status ?? 'Unknown');
  v.engineStatus = status;
  const children: any[] = st.target?.children ?? [];
  const replicas = Object.entries(st.replica_topology ?? {}).map(([id, t]) => replicaOf(id, t, pv.metadata.name, children));
  const desired = Number(mv.spec?.num_replicas ?? replicas.length) || replicas.length;
  const healthy = replicas.filter((r) => r.state === 'Healthy').length;
  v.replicas = { desired, healthy, total: replicas.length };
  v.poolIds = [...new Set(replicas.map((r) => r.poolId).filter((p): p is string => !!p))];
  v.targetNode = st.target?.node ?? mv.spec?.target?.node;
  const frontends = (mv.spec?.target?.frontend_nodes ?? []).map((f: any) => f.name).filter(Boolean);
  if (!v.attachedNodes.length && frontends.length) v.attachedNodes = frontends;
  if (typeof mv.spec?.num_snapshots === 'number') v.snapshotCount = mv.spec.num_snapshots;
  if (mv.spec?.operation?.operation === 'Resize') v.resizing = true;

  v.health = VOLUME[status] ?? 'Unknown';
  const rebuilding = replicas.filter((r) => r.state === 'Rebuilding');
  if (v.health === 'Degraded' && rebuilding.length) v.health = 'Rebuilding';
  if (v.health !== 'Healthy') {
    const parts = [`Mayastor reports ${status}: ${healthy} of ${desired} replicas healthy`];
    v.reasons.push(parts[0]);
    for (const r of rebuilding) v.reasons.push(`replica on ${r.node ?? r.poolId} rebuilding: ${r.rebuildProgressPct}% done`);
    for (const r of replicas) if (r.state !== 'Healthy' && r.state !== 'Rebuilding') v.reasons.push(...(r.reasons ?? [`replica on ${r.node} ${r.state}`]));
    if (replicas.length < desired) v.reasons.push(`only ${replicas.length} of ${desired} replicas exist`);
    if (status === 'Shutdown') v.reasons.push('the volume target is shut down (not published)');
  } else if (healthy < desired) {
    v.health = 'Degraded';
    v.reasons.push(`reduced redundancy: ${healthy} of ${desired} replicas healthy`);
  }
  for (const id of v.poolIds) {
    const pool = ctx.pools.get(id);
    if (pool && pool.status !== 'Online') v.reasons.push(`replica pool ${id} is ${pool.status}`);
  }
  return replicas;
}

export function mayastorAllocated(ctx: Ctx, v: Volume): number | undefined {
  const a = ctx.mayastorByUuid.get(v.engineId)?.state?.usage?.allocated;
  return typeof a === 'number' ? a : undefined;
}
