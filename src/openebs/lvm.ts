// LocalPV LVM: LVMVolume per PV (state Pending/Ready/Failed, error.code InsufficientCapacity|Internal); the pool
// is the volume group on the owner node (LVMNode.volumeGroups[]).
import type { KubeObject } from '../kube/resources.js';
import type { Ctx } from './context.js';
import { lvmPoolId } from './pools.js';
import { formatBytes, parseQuantity } from './quantity.js';
import type { Health, Replica, Volume } from './types.js';
import { ref } from './util.js';

const STATE: Record<string, Health> = { Ready: 'Healthy', Pending: 'Pending', Failed: 'Faulted' };

/** a readable sentence for an LVMVolume error */
export function lvmErrorReason(lv: KubeObject): string | undefined {
  const e = lv.status?.error;
  if (!e) return undefined;
  if (e.code === 'InsufficientCapacity' || /no vg available|insufficient/i.test(e.message ?? '')) {
    const size = parseQuantity(lv.spec?.capacity);
    return `pending for capacity: no volume group matching ${lv.spec?.vgPattern ?? lv.spec?.volGroup ?? 'the pattern'} has ${formatBytes(size)} free${lv.spec?.ownerNodeID ? ` (tried ${lv.spec.ownerNodeID})` : ''}`;
  }
  return `LVM error ${e.code ?? ''}: ${e.message ?? ''}`.trim();
}

export function localStateVolume(ctx: Ctx, v: Volume, cr: KubeObject | undefined, kind: string, poolId: (cr: KubeObject) => string): Replica[] {
  if (!cr) {
    v.engineStatus = 'missing';
    v.health = 'Unknown';
    v.reasons.push(`no ${kind} for this PV`);
    return [];
  }
  v.refs.push(ref(cr));
  const state = String(cr.status?.state ?? '');
  const owner: string | undefined = cr.spec?.ownerNodeID ?? cr.metadata.labels?.['kubernetes.io/nodename'];
  v.engineStatus = state || '(none)';
  v.health = STATE[state] ?? 'Unknown';
  v.poolIds = owner ? [poolId(cr)] : [];
  if (!v.attachedNodes.length && owner) v.attachedNodes = [owner];
  if (v.health === 'Faulted') v.reasons.push(kind === 'LVMVolume' ? lvmErrorReason(cr) ?? `${kind} Failed` : `${kind} Failed${cr.status?.error?.message ? `: ${cr.status.error.message}` : ''}`);
  else if (v.health === 'Pending') v.reasons.push(`${kind} not ready yet (Pending)`);
  else if (v.health === 'Unknown') v.reasons.push(`${kind} has no state`);
  v.replicas = { desired: 1, healthy: v.health === 'Healthy' ? 1 : 0, total: 1 };
  if (owner) ctx.dataNode.set(v.id, owner);
  const pool = ctx.pools.get(v.poolIds[0]);
  if (pool && pool.status === 'Degraded') v.reasons.push(`pool ${pool.id}: ${pool.reasons.join('; ')}`);
  return [];
}

export function lvmVolume(ctx: Ctx, pv: KubeObject, v: Volume): Replica[] {
  const lv = ctx.byName.lvmVolumes.get(pv.metadata.name);
  return localStateVolume(ctx, v, lv, 'LVMVolume', (cr) => lvmPoolId(cr.spec?.volGroup ?? pv.spec?.csi?.volumeAttributes?.['openebs.io/volgroup'] ?? 'lvmvg', cr.spec?.ownerNodeID));
}
