// One call per volume: the PVC, the PV, the consuming pod, the VolumeAttachment, kubelet stats, and the engine's
// own objects (CRs, or Mayastor REST entries), shaped like the CRD schemas in ../shared/fixtures/openebs.
import { GiB, OPENEBS_NS, type DumpBuilder } from './builder.js';
import type { KubeObject } from '../../kube/resources.js';

export type DemoEngine = 'cstor' | 'jiva' | 'lvm' | 'zfs' | 'hostpath' | 'device' | 'mayastor';

export interface MayastorReplicaSpec { pool: string; node: string; state?: string; child?: string; rebuild?: number; reason?: string }

export interface VolSpec {
  engine: DemoEngine;
  ns: string; pvc: string; sc: string; sizeGi: number;
  /** node of the consuming pod; for local engines the volume's node */
  node: string;
  /** filesystem usage as kubelet reports it (0..1); hostpath reports the node filesystem instead */
  used?: number;
  age?: number;
  requestGi?: number;                     // PVC request above the PV size: a resize in flight
  /** LVM/ZFS: state of the CR (Ready, Pending, Failed); LVM Pending PVC: no PV is created */
  state?: string;
  error?: { code: string; message: string };
  pendingPvc?: boolean;
  vg?: string; zpool?: string;
  cstor?: { pools: { cspi: string; node: string }[]; cvPhase?: string; cvrPhases?: string[]; targetNode?: string };
  jiva?: { mode: 'RW' | 'RO' | ''; phase?: string; replicaModes?: string[]; replicaNodes: string[] };
  mayastor?: { replicas: MayastorReplicaSpec[]; status?: string; targetNode?: string; thin?: boolean; snapshots?: number };
  blockDevice?: string;
}

const DRIVERS: Record<DemoEngine, string> = {
  cstor: 'cstor.csi.openebs.io', jiva: 'jiva.csi.openebs.io', lvm: 'local.csi.openebs.io', zfs: 'zfs.csi.openebs.io',
  mayastor: 'io.openebs.csi-mayastor', hostpath: 'openebs.io/local', device: 'openebs.io/local',
};

/** ZFS-style size string, as cStor prints CVR capacities */
export function zfsSize(bytes: number): string {
  const units = ['', 'K', 'M', 'G', 'T'];
  let v = bytes; let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${i === 0 ? v : v.toFixed(2).replace(/\.?0+$/, '')}${units[i]}`;
}

/** Adds everything for one volume; returns the PV name (or undefined for a PVC that has no PV yet). */
export function addVolume(b: DumpBuilder, s: VolSpec): string | undefined {
  const age = s.age ?? 60 * 24 * 20;
  const pvcUid = b.uid('PersistentVolumeClaim', s.ns, s.pvc);
  const pv = `pvc-${pvcUid}`;
  const size = s.sizeGi * GiB;
  const pending = !!s.pendingPvc;
  const pvcMeta = b.meta('PersistentVolumeClaim', s.pvc, s.ns, { age, annotations: {
    'volume.beta.kubernetes.io/storage-provisioner': DRIVERS[s.engine], 'volume.kubernetes.io/storage-provisioner': DRIVERS[s.engine],
    ...(pending ? {} : { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' }) }, labels: { app: s.pvc.replace(/-\d+$/, '') } });
  b.add({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: pvcMeta,
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: `${s.requestGi ?? s.sizeGi}Gi` } }, storageClassName: s.sc,
      volumeMode: 'Filesystem', ...(pending ? {} : { volumeName: pv }) },
    status: pending ? { phase: 'Pending' } : { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: `${s.sizeGi}Gi` },
      ...(s.requestGi ? { conditions: [{ type: 'Resizing', status: 'True', lastTransitionTime: b.ago(12) }] } : {}) } });

  const podName = `${s.pvc}-0`;
  const nodeReady = b.readyNodes.get(s.node) !== false;
  b.add({ apiVersion: 'v1', kind: 'Pod', metadata: b.meta('Pod', podName, s.ns, { age, labels: { app: s.pvc } }),
    spec: { ...(pending ? {} : { nodeName: s.node }), containers: [{ name: 'app', image: 'busybox:1.36', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: s.pvc } }] },
    status: { phase: pending ? 'Pending' : nodeReady ? 'Running' : 'Unknown',
      ...(pending ? { conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: `0/10 nodes are available: pod has unbound immediate PersistentVolumeClaims.` }] } : {}) } });
  if (pending) {
    if (s.engine === 'lvm') lvmVolume(b, s, pv, size);
    return undefined;
  }

  const csi = s.engine !== 'hostpath' && s.engine !== 'device';
  const pvObj: KubeObject = { apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: b.meta('PersistentVolume', pv, undefined, { age, annotations: { 'pv.kubernetes.io/provisioned-by': DRIVERS[s.engine] } }),
    spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: `${s.sizeGi}Gi` }, persistentVolumeReclaimPolicy: 'Delete', storageClassName: s.sc,
      volumeMode: 'Filesystem', claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: s.ns, name: s.pvc, uid: pvcUid } },
    status: { phase: 'Bound' } };
  b.add(pvObj);
  if (csi) {
    const handle = s.engine === 'mayastor' ? pvcUid : pv;
    pvObj.spec.csi = { driver: DRIVERS[s.engine], fsType: 'ext4', volumeHandle: handle, volumeAttributes: csiAttributes(s) };
    const vaName = `csi-${b.uid('va', pv, s.node).replace(/-/g, '')}`;
    b.add({ apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: b.meta('VolumeAttachment', vaName, undefined, { age }),
      spec: { attacher: DRIVERS[s.engine], nodeName: s.node, source: { persistentVolumeName: pv } }, status: { attached: true } });
  } else {
    pvObj.metadata.labels = { 'openebs.io/cas-type': s.engine === 'hostpath' ? 'local-hostpath' : 'local-device' };
    if (s.engine === 'device') pvObj.metadata.annotations!['local.openebs.io/blockdeviceclaim'] = `bdc-${pv}`;
    pvObj.spec.local = { path: s.engine === 'hostpath' ? `/var/openebs/local/${pv}` : `/dev/disk/by-id/${s.blockDevice ?? 'scsi-0QEMU_disk'}`, fsType: 'ext4' };
    pvObj.spec.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [s.node] }] }] } };
  }

  // kubelet stats: hostpath volumes see the whole node filesystem
  const used = (s.used ?? 0.3) * size * 0.98;
  if (s.engine === 'hostpath') {
    const fs = b.nodeFs.get(s.node) ?? { capacity: 200 * GiB, used: 60 * GiB };
    b.kubeletVolume(s.node, podName, s.ns, s.pvc, fs.used, fs.capacity);
  } else {
    b.kubeletVolume(s.node, podName, s.ns, s.pvc, used, size * 0.98);
  }

  switch (s.engine) {
    case 'cstor': cstorVolume(b, s, pv, size, used); break;
    case 'jiva': jivaVolume(b, s, pv); break;
    case 'lvm': lvmVolume(b, s, pv, size); break;
    case 'zfs': zfsVolume(b, s, pv, size); break;
    case 'mayastor': mayastorVolume(b, s, pvcUid, size, used); break;
    case 'device': blockDeviceClaim(b, s, pv, size); break;
    case 'hostpath': break;
  }
  return pv;
}

function csiAttributes(s: VolSpec): Record<string, string> {
  switch (s.engine) {
    case 'cstor': return { 'openebs.io/cas-type': 'cstor', 'storage.kubernetes.io/csiProvisionerIdentity': '1700000000000-8081-cstor.csi.openebs.io' };
    case 'jiva': return { 'openebs.io/cas-type': 'jiva' };
    case 'lvm': return { 'openebs.io/cas-type': 'localpv-lvm', 'openebs.io/volgroup': s.vg ?? 'lvmvg' };
    case 'zfs': return { 'openebs.io/cas-type': 'localpv-zfs', 'openebs.io/poolname': s.zpool ?? 'zfspv-pool' };
    case 'mayastor': return { protocol: 'nvmf', repl: String(s.mayastor?.replicas.length ?? 1), thin: String(!!s.mayastor?.thin) };
    default: return {};
  }
}

function cstorVolume(b: DumpBuilder, s: VolSpec, pv: string, size: number, used: number): void {
  const c = s.cstor!;
  const rf = c.pools.length;
  const labels = { 'openebs.io/persistent-volume': pv, 'openebs.io/persistent-volume-claim': s.pvc, 'openebs.io/version': '3.6.0' };
  const cspc = c.pools[0].cspi.replace(/-[a-z0-9]{4}$/, '');
  b.add({ apiVersion: 'cstor.openebs.io/v1', kind: 'CStorVolumeConfig',
    metadata: b.meta('CStorVolumeConfig', pv, OPENEBS_NS, { labels: { 'openebs.io/cstor-pool-cluster': cspc }, annotations: { 'openebs.io/persistent-volume-claim': s.pvc, 'openebs.io/volume-policy': '' } }),
    spec: { capacity: { storage: `${s.sizeGi}Gi` }, provision: { capacity: { storage: `${s.sizeGi}Gi` }, replicaCount: rf }, cstorVolumeRef: { kind: 'CStorVolume', namespace: OPENEBS_NS, name: pv } },
    publish: { nodeId: s.node },
    status: { phase: 'Bound', poolInfo: c.pools.map((p) => p.cspi), capacity: { storage: `${s.sizeGi}Gi` } },
    versionDetails: { autoUpgrade: false, desired: '3.6.0', status: { current: '3.6.0', dependentsUpgraded: true } } });
  const phases = c.pools.map((_, i) => c.cvrPhases?.[i] ?? 'Healthy');
  const ip = `10.96.${(pv.charCodeAt(4) % 200) + 10}.${(pv.charCodeAt(5) % 200) + 10}`;
  b.add({ apiVersion: 'cstor.openebs.io/v1', kind: 'CStorVolume', metadata: b.meta('CStorVolume', pv, OPENEBS_NS, { labels }),
    spec: { capacity: `${s.sizeGi}Gi`, iqn: `iqn.2016-09.com.openebs.cstor:${pv}`, targetIP: ip, targetPort: '3260', targetPortal: `${ip}:3260`,
      replicationFactor: rf, consistencyFactor: Math.floor(rf / 2) + 1, desiredReplicationFactor: rf },
    status: { phase: c.cvPhase ?? 'Healthy', capacity: `${s.sizeGi}Gi`, lastTransitionTime: b.ago(60 * 24), lastUpdateTime: b.ago(1),
      replicaStatuses: c.pools.map((p, i) => ({ replicaId: String(BigInt('0x' + b.uid('rid', pv, p.cspi).replace(/-/g, '').slice(0, 15))),
        mode: phases[i] === 'Healthy' ? 'Healthy' : 'Degraded', quorum: phases[i] === 'Healthy' ? '1' : '0', upTime: phases[i] === 'Healthy' ? 1728000 : 0,
        checkpointedIOSeq: '0', inflightRead: '0', inflightWrite: '0', inflightSync: '0' })).filter((_, i) => phases[i] !== 'Offline') },
    versionDetails: { autoUpgrade: false, desired: '3.6.0', status: { current: '3.6.0', dependentsUpgraded: true } } });
  c.pools.forEach((p, i) => {
    const cspi = b.find('CStorPoolInstance', p.cspi);
    b.add({ apiVersion: 'cstor.openebs.io/v1', kind: 'CStorVolumeReplica',
      metadata: b.meta('CStorVolumeReplica', `${pv}-${p.cspi}`, OPENEBS_NS, {
        labels: { 'openebs.io/persistent-volume': pv, 'cstorvolume.openebs.io/name': pv, 'cstorpoolinstance.openebs.io/name': p.cspi,
          'cstorpoolinstance.openebs.io/uid': cspi?.metadata.uid ?? b.uid('CStorPoolInstance', OPENEBS_NS, p.cspi), 'openebs.io/version': '3.6.0' },
        annotations: { 'cstorpoolinstance.openebs.io/hostname': p.node } }),
      spec: { capacity: `${s.sizeGi}Gi`, targetIP: ip, replicaid: b.uid('rid', pv, p.cspi).replace(/-/g, '').toUpperCase() },
      status: { phase: phases[i], capacity: { total: zfsSize(used * 1.12), used: zfsSize(used * 1.05) }, lastTransitionTime: b.ago(phases[i] === 'Healthy' ? 60 * 24 : 25), lastUpdateTime: b.ago(1) },
      versionDetails: { autoUpgrade: false, desired: '3.6.0', status: { current: '3.6.0', dependentsUpgraded: true } } });
    if (cspi) {
      cspi.status.provisionedReplicas += 1;
      if (phases[i] === 'Healthy') cspi.status.healthyReplicas += 1;
    }
  });
  const targetNode = c.targetNode ?? c.pools[0].node;
  b.add({ apiVersion: 'v1', kind: 'Pod', metadata: b.meta('Pod', `${pv}-target-${b.uid('tgt', pv).slice(0, 5)}`, OPENEBS_NS, {
    labels: { 'openebs.io/target': 'cstor-target', 'openebs.io/persistent-volume': pv, 'openebs.io/persistent-volume-claim': s.pvc, app: 'cstor-volume-manager' } }),
    spec: { nodeName: targetNode, containers: [{ name: 'cstor-istgt', image: 'openebs/cstor-istgt:3.6.0' }, { name: 'maya-volume-exporter', image: 'openebs/m-exporter:3.6.0' }] },
    status: { phase: b.readyNodes.get(targetNode) === false ? 'Unknown' : 'Running', podIP: `10.244.9.${(pv.charCodeAt(8) % 200) + 10}` } });
  b.add({ apiVersion: 'cstor.openebs.io/v1', kind: 'CStorVolumeAttachment',
    metadata: b.meta('CStorVolumeAttachment', `${pv}-${s.node}`, OPENEBS_NS, { labels: { Volname: pv, nodeID: s.node } }),
    spec: { volume: { name: pv, ownerNodeID: s.node, capacity: `${s.sizeGi}Gi`, fsType: 'ext4', accessModes: ['ReadWriteOnce'],
      accessType: 'mount', stagingTargetPath: `/var/lib/kubelet/plugins/kubernetes.io/csi/pv/${pv}/globalmount` },
      iscsi: { iqn: `iqn.2016-09.com.openebs.cstor:${pv}`, targetPortal: `${ip}:3260`, lun: '0', iscsiInterface: 'default' } },
    status: 'Mounted' });
}

function jivaVolume(b: DumpBuilder, s: VolSpec, pv: string): void {
  const j = s.jiva!;
  const rf = j.replicaNodes.length;
  const modes = j.replicaNodes.map((_, i) => j.replicaModes?.[i] ?? (j.mode === 'RW' ? 'RW' : 'ERR'));
  b.add({ apiVersion: 'openebs.io/v1', kind: 'JivaVolume',
    metadata: b.meta('JivaVolume', pv, OPENEBS_NS, { labels: { 'openebs.io/persistent-volume': pv, 'openebs.io/persistent-volume-claim': s.pvc,
      'openebs.io/component': 'jiva-volume', nodeID: s.node }, annotations: { 'openebs.io/volume-policy': 'openebs-jiva-default-policy' } }),
    spec: { pv, capacity: `${s.sizeGi}Gi`, accessType: 'mount', iscsiSpec: { targetIP: `10.96.40.${(pv.charCodeAt(6) % 200) + 10}`, targetPort: 3260, iqn: `iqn.2016-09.com.openebs.jiva:${pv}` },
      policy: { target: { replicationFactor: rf }, replica: {} }, desiredReplicationFactor: rf },
    status: { phase: j.phase ?? (j.mode === 'RW' ? 'Ready' : j.mode === 'RO' ? 'Syncing' : 'Unknown'), status: j.mode, replicaCount: modes.filter((m) => m === 'RW').length,
      replicaStatus: j.replicaNodes.map((n, i) => ({ address: `tcp://10.244.${i + 1}.${(pv.charCodeAt(7) % 200) + 10}:9502`, mode: modes[i] })) },
    versionDetails: { autoUpgrade: false, desired: '3.6.0', status: { current: '3.6.0' } } });
  // the controller (target) next to the consumer, one replica pod per replica node, addressed as in replicaStatus
  b.add({ apiVersion: 'v1', kind: 'Pod', metadata: b.meta('Pod', `${pv}-jiva-ctrl-${b.uid('ctrl', pv).slice(0, 5)}`, OPENEBS_NS, {
    labels: { 'openebs.io/component': 'jiva-controller', 'openebs.io/persistent-volume': pv } }),
    spec: { nodeName: s.node, containers: [{ name: 'jiva-controller', image: 'openebs/jiva:3.6.0' }] }, status: { phase: 'Running' } });
  j.replicaNodes.forEach((n, i) => {
    b.add({ apiVersion: 'v1', kind: 'Pod', metadata: b.meta('Pod', `${pv}-jiva-rep-${i}`, OPENEBS_NS, {
      labels: { 'openebs.io/component': 'jiva-replica', 'openebs.io/persistent-volume': pv } }),
      spec: { nodeName: n, containers: [{ name: 'jiva-replica', image: 'openebs/jiva:3.6.0' }] },
      status: { phase: 'Running', podIP: `10.244.${i + 1}.${(pv.charCodeAt(7) % 200) + 10}` } });
  });
}

function lvmVolume(b: DumpBuilder, s: VolSpec, pv: string, size: number): void {
  const state = s.state ?? (s.pendingPvc ? 'Failed' : 'Ready');
  b.add({ apiVersion: 'local.openebs.io/v1alpha1', kind: 'LVMVolume',
    metadata: b.meta('LVMVolume', pv, OPENEBS_NS, { labels: { 'kubernetes.io/nodename': s.node }, age: s.pendingPvc ? 30 : s.age }),
    spec: { ownerNodeID: s.node, volGroup: s.vg ?? 'lvmvg', vgPattern: `^${s.vg ?? 'lvmvg'}$`, capacity: String(size), shared: 'no', thinProvision: 'no' },
    status: { state, ...(s.error ? { error: s.error } : {}) } });
}

function zfsVolume(b: DumpBuilder, s: VolSpec, pv: string, size: number): void {
  b.add({ apiVersion: 'zfs.openebs.io/v1', kind: 'ZFSVolume',
    metadata: b.meta('ZFSVolume', pv, OPENEBS_NS, { labels: { 'kubernetes.io/nodename': s.node } }),
    spec: { ownerNodeID: s.node, poolName: s.zpool ?? 'zfspv-pool', capacity: String(size), volumeType: 'DATASET', fsType: 'zfs', compression: 'off',
      dedup: 'off', encryption: '', keyformat: '', keylocation: '', recordsize: '128k', thinProvision: 'off', shared: 'no' },
    status: { state: s.state ?? 'Ready' } });
}

function blockDeviceClaim(b: DumpBuilder, s: VolSpec, pv: string, size: number): void {
  const bd = `blockdevice-${b.uid('bd', s.node, s.blockDevice ?? s.pvc).replace(/-/g, '').slice(0, 32)}`;
  b.add({ apiVersion: 'openebs.io/v1alpha1', kind: 'BlockDevice', metadata: b.meta('BlockDevice', bd, OPENEBS_NS, { labels: { 'kubernetes.io/hostname': s.node, 'ndm.io/blockdevice-type': 'blockdevice', 'ndm.io/managed': 'true' } }),
    spec: { nodeAttributes: { nodeName: s.node }, path: `/dev/${s.blockDevice ?? 'sdb'}`, capacity: { storage: size, logicalSectorSize: 512, physicalSectorSize: 512 },
      details: { deviceType: 'disk', driveType: 'SSD', model: 'QEMU_HARDDISK', serial: bd.slice(12, 24), vendor: 'QEMU' }, devlinks: [], filesystem: {}, partitioned: 'No',
      claimRef: { apiVersion: 'openebs.io/v1alpha1', kind: 'BlockDeviceClaim', name: `bdc-${pv}`, namespace: OPENEBS_NS } },
    status: { claimState: 'Claimed', state: 'Active' } });
  b.add({ apiVersion: 'openebs.io/v1alpha1', kind: 'BlockDeviceClaim', metadata: b.meta('BlockDeviceClaim', `bdc-${pv}`, OPENEBS_NS, { labels: { 'openebs.io/block-device-claim': 'local-device' } }),
    spec: { blockDeviceName: bd, hostName: s.node, resources: { requests: { storage: `${s.sizeGi}Gi` } } }, status: { phase: 'Bound' } });
}

function mayastorVolume(b: DumpBuilder, s: VolSpec, uuid: string, size: number, used: number): void {
  const m = s.mayastor!;
  const targetNode = m.targetNode ?? m.replicas[0].node;
  const allocated = m.thin ? Math.round(used * 1.1) : size;
  const topology: Record<string, any> = {};
  const children: any[] = [];
  for (const r of m.replicas) {
    const rid = b.uid('mayastor-replica', uuid, r.pool);
    const child = r.child ?? (r.rebuild !== undefined ? 'Degraded' : 'Online');
    topology[rid] = { node: r.node, pool: r.pool, state: r.state ?? 'Online', 'child-status': child,
      ...(r.reason ? { 'child-status-reason': r.reason } : {}), ...(r.rebuild !== undefined ? { 'rebuild-progress': r.rebuild } : {}),
      usage: { capacity: size, allocated: r.rebuild !== undefined ? Math.round(allocated * r.rebuild / 100) : allocated, allocated_snapshots: 0, allocated_all_snapshots: 0 } };
    children.push({ uri: `nvmf://10.0.1.${10 + m.replicas.indexOf(r)}:8420/nqn.2019-05.io.openebs:${rid}?uuid=${rid}`, state: child,
      ...(r.rebuild !== undefined ? { rebuildProgress: r.rebuild } : {}), ...(r.reason ? { state_reason: r.reason } : {}) });
  }
  const status = m.status ?? 'Online';
  b.mayastor.volumes.push({
    spec: { uuid, size, num_replicas: m.replicas.length, num_paths: 1, protocol: 'nvmf', status: 'Created', thin: !!m.thin, num_snapshots: m.snapshots ?? 0,
      labels: { 'openebs.io/created-by': 'csi-controller' }, policy: { self_heal: true },
      target: { node: targetNode, protocol: 'nvmf', frontend_nodes: [{ name: s.node, nqn: `nqn.2014-08.org.nvmexpress:uuid:${b.uid('host', s.node)}` }] } },
    state: { uuid, size, status,
      target: { uuid: b.uid('nexus', uuid), node: targetNode, state: status === 'Online' ? 'Online' : status, protocol: 'nvmf', size, rebuilds: children.filter((c) => c.rebuildProgress !== undefined).length,
        deviceUri: `nvmf://10.0.1.20:8420/nqn.2019-05.io.openebs:${uuid}`, children },
      replica_topology: topology, usage: { capacity: size, allocated, allocated_replica: allocated, allocated_snapshots: 0, total_allocated: allocated * m.replicas.length } },
  });
}

export interface SnapSpec { ns: string; name: string; pvc: string; pv: string; engine: DemoEngine; sizeGi: number; cls: string; ready?: boolean; error?: string; engineState?: string; minutesAgo?: number; node?: string; pool?: string }

/** VolumeSnapshot + VolumeSnapshotContent (+ LVMSnapshot / ZFSSnapshot for the local engines) */
export function addSnapshot(b: DumpBuilder, s: SnapSpec): void {
  const age = s.minutesAgo ?? 60 * 24;
  const vsUid = b.uid('VolumeSnapshot', s.ns, s.name);
  const content = `snapcontent-${vsUid}`;
  const snapName = `snapshot-${vsUid}`;
  const ready = s.ready ?? true;
  const handle = s.engine === 'lvm' || s.engine === 'zfs' ? `${s.pv}@${snapName}` : s.engine === 'mayastor' ? vsUid : `${s.pv}@${snapName}`;
  const err = s.error ? { error: { message: s.error, time: b.ago(age - 1) } } : {};
  b.add({ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { ...b.meta('VolumeSnapshot', s.name, s.ns, { age }), uid: vsUid },
    spec: { source: { persistentVolumeClaimName: s.pvc }, volumeSnapshotClassName: s.cls },
    status: { boundVolumeSnapshotContentName: content, readyToUse: ready, ...(ready ? { restoreSize: `${s.sizeGi}Gi`, creationTime: b.ago(age) } : {}), ...err } });
  b.add({ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotContent', metadata: b.meta('VolumeSnapshotContent', content, undefined, { age }),
    spec: { deletionPolicy: 'Delete', driver: DRIVERS[s.engine], source: { volumeHandle: s.engine === 'mayastor' ? s.pv.replace(/^pvc-/, '') : s.pv },
      volumeSnapshotClassName: s.cls, volumeSnapshotRef: { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', name: s.name, namespace: s.ns, uid: vsUid } },
    status: { readyToUse: ready, ...(ready ? { restoreSize: s.sizeGi * GiB, creationTime: (b.now.getTime() - age * 60_000) * 1e6, snapshotHandle: handle } : {}), ...err } });
  const state = s.engineState ?? (ready ? 'Ready' : 'Pending');
  if (s.engine === 'lvm') {
    b.add({ apiVersion: 'local.openebs.io/v1alpha1', kind: 'LVMSnapshot',
      metadata: b.meta('LVMSnapshot', snapName, OPENEBS_NS, { age, labels: { 'kubernetes.io/nodename': s.node ?? '', 'openebs.io/persistent-volume': s.pv } }),
      spec: { ownerNodeID: s.node, volGroup: s.pool ?? 'lvmvg', snapSize: String(s.sizeGi * GiB) },
      status: { state } });
  } else if (s.engine === 'zfs') {
    b.add({ apiVersion: 'zfs.openebs.io/v1', kind: 'ZFSSnapshot',
      metadata: b.meta('ZFSSnapshot', snapName, OPENEBS_NS, { age, labels: { 'kubernetes.io/nodename': s.node ?? '', 'openebs.io/persistent-volume': s.pv } }),
      spec: { ownerNodeID: s.node, poolName: s.pool ?? 'zfspv-pool', capacity: String(s.sizeGi * GiB), volumeType: 'DATASET', fsType: 'zfs' },
      status: { state } });
  }
}
