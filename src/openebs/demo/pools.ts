// Pool-side objects: cStor CSPC/CSPI, LVMNode volume groups, ZFSNode pools, Mayastor DiskPools (+ REST pools/nodes).
import { GiB, OPENEBS_NS, type DumpBuilder } from './builder.js';

export interface CspiSpec { name: string; node: string; totalGi: number; usedGi: number; phase?: string; roThresholdLimit?: number; raid?: string }

export function cstorPoolCluster(b: DumpBuilder, cspc: string, pools: CspiSpec[]): void {
  const bd = (p: CspiSpec) => `blockdevice-${b.uid('bd', p.node, p.name).replace(/-/g, '').slice(0, 32)}`;
  b.add({ apiVersion: 'cstor.openebs.io/v1', kind: 'CStorPoolCluster', metadata: b.meta('CStorPoolCluster', cspc, OPENEBS_NS),
    spec: { pools: pools.map((p) => ({ nodeSelector: { 'kubernetes.io/hostname': p.node }, dataRaidGroups: [{ blockDevices: [{ blockDeviceName: bd(p) }] }],
      poolConfig: { dataRaidGroupType: p.raid ?? 'stripe', roThresholdLimit: p.roThresholdLimit ?? 85 } })) },
    status: { desiredInstances: pools.length, provisionedInstances: pools.length, healthyInstances: pools.filter((p) => (p.phase ?? 'ONLINE') === 'ONLINE').length },
    versionDetails: { autoUpgrade: false, desired: '3.6.0', status: { current: '3.6.0' } } });
  for (const p of pools) {
    const ro = p.roThresholdLimit ?? 85;
    const readOnly = (p.usedGi / p.totalGi) * 100 >= ro;
    b.add({ apiVersion: 'cstor.openebs.io/v1', kind: 'CStorPoolInstance',
      metadata: b.meta('CStorPoolInstance', p.name, OPENEBS_NS, { labels: { 'kubernetes.io/hostname': p.node, 'openebs.io/cstor-pool-cluster': cspc, 'openebs.io/version': '3.6.0' } }),
      spec: { hostName: p.node, nodeSelector: { 'kubernetes.io/hostname': p.node },
        dataRaidGroups: [{ blockDevices: [{ blockDeviceName: bd(p), devLink: `/dev/disk/by-id/scsi-0QEMU_${p.node}` }] }],
        poolConfig: { dataRaidGroupType: p.raid ?? 'stripe', roThresholdLimit: ro } },
      status: { phase: p.phase ?? 'ONLINE', readOnly, provisionedReplicas: 0, healthyReplicas: 0,
        capacity: { total: `${p.totalGi}Gi`, used: `${p.usedGi}Gi`, free: `${p.totalGi - p.usedGi}Gi`,
          zfs: { logicalUsed: `${Math.round(p.usedGi * 0.9)}Gi` } },
        conditions: readOnly ? [] : [] },
      versionDetails: { autoUpgrade: false, desired: '3.6.0', status: { current: '3.6.0' } } });
    b.add({ apiVersion: 'openebs.io/v1alpha1', kind: 'BlockDevice', metadata: b.meta('BlockDevice', bd(p), OPENEBS_NS, { labels: { 'kubernetes.io/hostname': p.node, 'ndm.io/managed': 'true' } }),
      spec: { nodeAttributes: { nodeName: p.node }, path: '/dev/sdc', capacity: { storage: p.totalGi * GiB, logicalSectorSize: 512 }, details: { deviceType: 'disk', driveType: 'SSD', model: 'QEMU_HARDDISK', vendor: 'QEMU' },
        devlinks: [], filesystem: {}, partitioned: 'No', claimRef: { kind: 'BlockDeviceClaim', name: `bdc-${bd(p).slice(12, 24)}`, namespace: OPENEBS_NS } },
      status: { claimState: 'Claimed', state: 'Active' } });
  }
}

export interface VgSpec { name: string; sizeGi: number; freeGi: number; lvCount?: number; snapCount?: number; missingPvCount?: number; permissions?: number }

export function lvmNode(b: DumpBuilder, node: string, vgs: VgSpec[]): void {
  b.add({ apiVersion: 'local.openebs.io/v1alpha1', kind: 'LVMNode',
    metadata: { ...b.meta('LVMNode', node, OPENEBS_NS), ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid: b.uid('Node', '', node), controller: true }] },
    volumeGroups: vgs.map((v) => ({ name: v.name, uuid: b.uid('vg', node, v.name), size: `${v.sizeGi}Gi`, free: `${v.freeGi}Gi`, allocationPolicy: 0,
      lvCount: v.lvCount ?? 0, pvCount: 1, missingPvCount: v.missingPvCount ?? 0, snapCount: v.snapCount ?? 0, permissions: v.permissions ?? 0,
      maxLv: 0, maxPv: 0, metadataCount: 1, metadataUsedCount: 1, metadataFree: '507Ki', metadataSize: '1020Ki' })) });
}

export function zfsNode(b: DumpBuilder, node: string, pools: { name: string; freeGi: number; usedGi: number }[]): void {
  b.add({ apiVersion: 'zfs.openebs.io/v1', kind: 'ZFSNode',
    metadata: { ...b.meta('ZFSNode', node, OPENEBS_NS), ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid: b.uid('Node', '', node), controller: true }] },
    pools: pools.map((p) => ({ name: p.name, uuid: String(BigInt('0x' + b.uid('zpool', node, p.name).replace(/-/g, '').slice(0, 15))), free: `${p.freeGi}Gi`, used: `${p.usedGi}Gi` })) });
}

export interface DiskPoolSpec { name: string; node: string; capacityGi: number; usedGi: number; committedGi?: number; status?: string; crState?: string; nodeOnline?: boolean }

export function diskPool(b: DumpBuilder, p: DiskPoolSpec): void {
  const disk = `aio:///dev/disk/by-id/nvme-QEMU_NVMe_Ctrl_${p.node}`;
  const cap = p.capacityGi * GiB; const used = p.usedGi * GiB;
  const status = p.status ?? 'Online';
  b.add({ apiVersion: 'openebs.io/v1beta2', kind: 'DiskPool', metadata: b.meta('DiskPool', p.name, OPENEBS_NS),
    spec: { node: p.node, disks: [disk] },
    status: { cr_state: p.crState ?? 'Created', pool_status: status, capacity: cap, used, available: cap - used } });
  b.mayastor.pools.push({ id: p.name, spec: { node: p.node, disks: [disk], status: 'Created', labels: { 'openebs.io/created-by': 'operator-diskpool' } },
    state: { id: p.name, node: p.node, disks: [disk], status, capacity: cap, used, committed: (p.committedGi ?? p.usedGi) * GiB } });
  if (!b.mayastor.nodes.some((n) => n.id === p.node)) {
    b.mayastor.nodes.push({ id: p.node, spec: { id: p.node, grpcEndpoint: `10.0.1.${10 + b.mayastor.nodes.length}:10124`, labels: {}, node_nqn: `nqn.2019-05.io.openebs:node-name:${p.node}` },
      state: { id: p.node, grpcEndpoint: `10.0.1.${10 + b.mayastor.nodes.length}:10124`, status: p.nodeOnline === false ? 'Offline' : 'Online' } });
  }
}
