// LocalPV ZFS: ZFSVolume per PV (state Pending/Ready/Failed); the pool is the zpool on the owner node (ZFSNode.pools[]).
import type { KubeObject } from '../kube/resources.js';
import type { Ctx } from './context.js';
import { localStateVolume } from './lvm.js';
import { zfsPoolId } from './pools.js';
import type { Replica, Volume } from './types.js';

export function zfsVolume(ctx: Ctx, pv: KubeObject, v: Volume): Replica[] {
  const zv = ctx.byName.zfsVolumes.get(pv.metadata.name);
  return localStateVolume(ctx, v, zv, 'ZFSVolume', (cr) => zfsPoolId(cr.spec?.poolName ?? pv.spec?.csi?.volumeAttributes?.['openebs.io/poolname'] ?? 'zfspv-pool', cr.spec?.ownerNodeID ?? cr.metadata.labels?.['kubernetes.io/nodename']));
}
