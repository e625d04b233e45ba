// LocalPV hostpath and device: plain PVs pinned to one node by nodeAffinity, no CRs. Health is the PV phase plus
// the node's Ready condition; a hostpath volume lives in the node filesystem under BasePath.
import type { KubeObject } from '../kube/resources.js';
import type { Ctx } from './context.js';
import { hostpathPoolId } from './pools.js';
import type { Replica, Volume } from './types.js';
import { affinityNodes, ref } from './util.js';

export function localPvVolume(ctx: Ctx, pv: KubeObject, v: Volume): Replica[] {
  const node = affinityNodes(pv)[0];
  const phase = String(pv.status?.phase ?? '');
  if (node) ctx.dataNode.set(v.id, node);
  if (!v.attachedNodes.length && node) v.attachedNodes = [node];
  if (v.engine === 'localpv-hostpath') {
    v.poolIds = node ? [hostpathPoolId(node)] : [];
  } else {
    const bdcName = pv.metadata.annotations?.['local.openebs.io/blockdeviceclaim'];
    const bdc = bdcName ? ctx.byName.blockDeviceClaims.get(bdcName) : undefined;
    const bd = bdc?.spec?.blockDeviceName ? ctx.byName.blockDevices.get(bdc.spec.blockDeviceName) : undefined;
    if (bdc) v.refs.push(ref(bdc));
    if (bd) {
      v.refs.push(ref(bd));
      if (bd.status?.state && bd.status.state !== 'Active') v.reasons.push(`block device ${bd.metadata.name} is ${bd.status.state}`);
    }
  }
  const ready = node ? ctx.nodes.get(node)?.ready : undefined;
  v.engineStatus = `PV ${phase || 'unknown'}${node ? `, node ${ready === undefined ? 'missing' : ready ? 'Ready' : 'NotReady'}` : ''}`;
  if (phase === 'Failed') { v.health = 'Faulted'; v.reasons.push('PV Failed'); }
  else if (phase === 'Released') { v.health = 'Unknown'; v.reasons.push('PV Released: its claim was deleted'); }
  else if (phase === 'Pending') { v.health = 'Pending'; v.reasons.push('PV Pending'); }
  else v.health = v.reasons.length ? 'Degraded' : 'Healthy';
  if (node && ready === undefined && ctx.nodes.size) { v.health = 'Offline'; v.reasons.push(`node ${node} no longer exists: the data was on its disk`); }
  v.replicas = { desired: 1, healthy: v.health === 'Healthy' ? 1 : 0, total: 1 };
  return [];
}
