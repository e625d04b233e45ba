// cStor (CSI): CStorVolume (target view), CStorVolumeReplicas (one per pool), CVC (desired state), CVA (attachment).
// The CV phase comes from istgt, which says Healthy as long as a quorum (consistencyFactor) of replicas is up, so
// redundancy is worked out from the CVRs.
import type { KubeObject } from '../kube/resources.js';
import type { Ctx } from './context.js';
import { parseZfsSize } from './quantity.js';
import type { Health, Replica, Volume } from './types.js';
import { countWords, ref } from './util.js';

const CV_HEALTH: Record<string, Health> = { Init: 'Pending', Healthy: 'Healthy', Degraded: 'Degraded', Offline: 'Offline', Error: 'Faulted', Invalid: 'Faulted' };
export const CVR_STATE: Record<string, Health> = {
  Healthy: 'Healthy', Degraded: 'Degraded', NewReplicaDegraded: 'Degraded', Rebuilding: 'Rebuilding', ReconstructingNewReplica: 'Rebuilding',
  Offline: 'Offline', Error: 'Faulted', DeletionFailed: 'Faulted', Invalid: 'Faulted', '': 'Pending', Init: 'Pending', Recreate: 'Pending',
};
const REPLICA_WORD: Record<Health, string> = {
  Healthy: 'healthy', Degraded: 'degraded (not yet rebuilt)', Rebuilding: 'rebuilding', Offline: 'offline', Faulted: 'faulted', Pending: 'not initialised', Unknown: 'in an unknown state',
};

function cstorReplica(ctx: Ctx, cvr: KubeObject, volumeId: string): Replica {
  const phase = String(cvr.status?.phase ?? '');
  const poolId = cvr.metadata.labels?.['cstorpoolinstance.openebs.io/name'];
  const pool = poolId ? ctx.pools.get(poolId) : undefined;
  const state = CVR_STATE[phase] ?? 'Unknown';
  const r: Replica = {
    id: cvr.metadata.name, volumeId, engine: 'cstor',
    node: cvr.metadata.annotations?.['cstorpoolinstance.openebs.io/hostname'] ?? pool?.node,
    poolId, state, engineState: phase || '(none)',
    capacityBytes: parseZfsSize(cvr.status?.capacity?.total), usedBytes: parseZfsSize(cvr.status?.capacity?.used),
  };
  const reasons: string[] = [];
  if (state !== 'Healthy') reasons.push(phase === 'Offline' ? 'replica offline (not connected to the target)' : `replica ${REPLICA_WORD[state]} (${phase || 'no status'})`);
  if (pool?.readOnly) reasons.push(`pool ${pool.id} read-only at ${Math.round(pool.usedPct ?? 0)}%`);
  if (pool && pool.status !== 'Online') reasons.push(`pool ${pool.id} is ${pool.status}`);
  if (reasons.length) r.reasons = reasons;
  return r;
}

export function cstorVolume(ctx: Ctx, pv: KubeObject, v: Volume): Replica[] {
  const name = pv.metadata.name;
  const cv = ctx.byName.cstorVolumes.get(name);
  const cvc = ctx.byName.cstorVolumeConfigs.get(name);
  const cvrs = ctx.cvrsByPv.get(name) ?? [];
  const cvas = ctx.cvasByPv.get(name) ?? [];
  if (cv) v.refs.push(ref(cv));
  if (cvc) v.refs.push(ref(cvc));
  for (const o of [...cvrs, ...cvas]) v.refs.push(ref(o));

  const replicas = cvrs.map((cvr) => cstorReplica(ctx, cvr, name));
  const desired = Number(cv?.spec?.replicationFactor ?? cvc?.spec?.provision?.replicaCount ?? cvrs.length) || cvrs.length;
  const healthy = replicas.filter((r) => r.state === 'Healthy').length;
  v.replicas = { desired, healthy, total: replicas.length };
  v.poolIds = [...new Set(replicas.map((r) => r.poolId).filter((p): p is string => !!p))];
  if (!v.poolIds.length && Array.isArray(cvc?.status?.poolInfo)) v.poolIds = cvc!.status.poolInfo;
  if (!v.attachedNodes.length) v.attachedNodes = [...new Set(cvas.map((c) => c.metadata.labels?.nodeID ?? c.spec?.volume?.ownerNodeID).filter(Boolean))];
  if (cvc?.publish?.nodeId && !v.attachedNodes.length) v.attachedNodes = [cvc.publish.nodeId];

  const target = (ctx.enginePodsByPv.get(name) ?? []).find((p) => p.metadata.labels?.['openebs.io/target'] === 'cstor-target');
  if (target?.spec?.nodeName) v.targetNode = target.spec.nodeName;
  if (target) {
    v.refs.push(ref(target));
    if (target.status?.phase && target.status.phase !== 'Running') v.reasons.push(`target pod ${target.metadata.name} is ${target.status.phase}`);
    if (v.targetNode && ctx.nodes.get(v.targetNode)?.ready === false) v.reasons.push(`target node ${v.targetNode} is NotReady`);
  }
  if (!cv) {
    const phase = String(cvc?.status?.phase ?? '');
    v.engineStatus = cvc ? `CVC ${phase || 'no status'}` : 'missing';
    v.health = phase === 'Pending' ? 'Pending' : phase === 'Failed' ? 'Faulted' : 'Unknown';
    v.reasons.push(cvc ? `CStorVolume not created yet (CStorVolumeConfig ${phase || 'has no status'})` : 'no CStorVolume or CStorVolumeConfig for this PV');
    return replicas;
  }
  const phase = String(cv.status?.phase ?? '');
  v.engineStatus = phase || '(none)';
  v.health = CV_HEALTH[phase] ?? 'Unknown';
  const notHealthy = replicas.filter((r) => r.state !== 'Healthy');
  const byState = countWords(notHealthy.map((r) => REPLICA_WORD[r.state]));
  if (v.health === 'Healthy' && healthy < desired) {
    // istgt still says Healthy (quorum met): show the lost redundancy
    v.health = 'Degraded';
    for (const [word, n] of byState) v.reasons.push(`${n} of ${desired} replicas ${word}`);
    if (replicas.length < desired) v.reasons.push(`only ${replicas.length} of ${desired} replicas exist`);
    v.reasons.push(`reduced redundancy: ${healthy} of ${desired} replicas healthy (target still reports Healthy)`);
  } else if (v.health !== 'Healthy') {
    v.reasons.push(`cStor target reports ${phase || 'no status'}: ${healthy} of ${desired} replicas healthy`);
    for (const [word, n] of byState) v.reasons.push(`${n} of ${desired} replicas ${word}`);
    if (v.health === 'Offline') v.reasons.push('the volume cannot serve I/O (fewer healthy replicas than the consistency factor)');
  }
  for (const id of v.poolIds) {
    const pool = ctx.pools.get(id);
    if (pool?.readOnly) v.reasons.push(`replica pool ${id} read-only at ${Math.round(pool.usedPct ?? 0)}%`);
  }
  const conds = [...(cv.status?.conditions ?? []), ...(cvc?.status?.condition ?? []), ...(cvc?.status?.conditions ?? [])];
  if (conds.some((c: any) => c.type === 'Resizing' && c.status !== 'Success')) v.resizing = true;
  const failed = conds.find((c: any) => c.type === 'VolumeResizeFailed');
  if (failed) v.reasons.push(`resize failed: ${failed.message ?? failed.reason ?? ''}`.trim());
  return replicas;
}

/** logical bytes written, from the first Healthy CVR (what `kubectl openebs describe pvc` shows as USED) */
export function cstorUsed(replicas: Replica[]): number | undefined {
  return (replicas.find((r) => r.state === 'Healthy') ?? replicas[0])?.usedBytes;
}
