// Every Kubernetes resource MuleBot reads or touches: one table shared by the cluster reader (src/kube),
// the simulator (src/kube/sim) and the engine adapters (src/openebs), so the three can never disagree.

export interface ResourceType {
  key: ResourceKey;
  group: string;            // '' for core
  version: string;          // preferred version; the reader discovers the served one where `versions` has more
  versions?: string[];
  plural: string;
  kind: string;
  namespaced: boolean;
  /** the OpenEBS engine whose API group this is (a 404 on the group means it is not installed) */
  engine?: 'cstor' | 'jiva' | 'localpv-lvm' | 'localpv-zfs' | 'mayastor' | 'ndm' | 'legacy-cstor';
}

export const RESOURCES = [
  { key: 'nodes', group: '', version: 'v1', plural: 'nodes', kind: 'Node', namespaced: false },
  { key: 'pvs', group: '', version: 'v1', plural: 'persistentvolumes', kind: 'PersistentVolume', namespaced: false },
  { key: 'pvcs', group: '', version: 'v1', plural: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', namespaced: true },
  { key: 'pods', group: '', version: 'v1', plural: 'pods', kind: 'Pod', namespaced: true },
  { key: 'events', group: '', version: 'v1', plural: 'events', kind: 'Event', namespaced: true },
  { key: 'storageClasses', group: 'storage.k8s.io', version: 'v1', plural: 'storageclasses', kind: 'StorageClass', namespaced: false },
  { key: 'volumeAttachments', group: 'storage.k8s.io', version: 'v1', plural: 'volumeattachments', kind: 'VolumeAttachment', namespaced: false },
  { key: 'volumeSnapshots', group: 'snapshot.storage.k8s.io', version: 'v1', plural: 'volumesnapshots', kind: 'VolumeSnapshot', namespaced: true },
  { key: 'volumeSnapshotClasses', group: 'snapshot.storage.k8s.io', version: 'v1', plural: 'volumesnapshotclasses', kind: 'VolumeSnapshotClass', namespaced: false },
  { key: 'volumeSnapshotContents', group: 'snapshot.storage.k8s.io', version: 'v1', plural: 'volumesnapshotcontents', kind: 'VolumeSnapshotContent', namespaced: false },
  // cStor (CSI)
  { key: 'cstorVolumes', group: 'cstor.openebs.io', version: 'v1', plural: 'cstorvolumes', kind: 'CStorVolume', namespaced: true, engine: 'cstor' },
  { key: 'cstorVolumeReplicas', group: 'cstor.openebs.io', version: 'v1', plural: 'cstorvolumereplicas', kind: 'CStorVolumeReplica', namespaced: true, engine: 'cstor' },
  { key: 'cstorVolumeConfigs', group: 'cstor.openebs.io', version: 'v1', plural: 'cstorvolumeconfigs', kind: 'CStorVolumeConfig', namespaced: true, engine: 'cstor' },
  { key: 'cstorVolumeAttachments', group: 'cstor.openebs.io', version: 'v1', plural: 'cstorvolumeattachments', kind: 'CStorVolumeAttachment', namespaced: true, engine: 'cstor' },
  { key: 'cstorPoolInstances', group: 'cstor.openebs.io', version: 'v1', plural: 'cstorpoolinstances', kind: 'CStorPoolInstance', namespaced: true, engine: 'cstor' },
  { key: 'cstorPoolClusters', group: 'cstor.openebs.io', version: 'v1', plural: 'cstorpoolclusters', kind: 'CStorPoolCluster', namespaced: true, engine: 'cstor' },
  // Jiva
  { key: 'jivaVolumes', group: 'openebs.io', version: 'v1', versions: ['v1', 'v1alpha1'], plural: 'jivavolumes', kind: 'JivaVolume', namespaced: true, engine: 'jiva' },
  // NDM
  { key: 'blockDevices', group: 'openebs.io', version: 'v1alpha1', plural: 'blockdevices', kind: 'BlockDevice', namespaced: true, engine: 'ndm' },
  { key: 'blockDeviceClaims', group: 'openebs.io', version: 'v1alpha1', plural: 'blockdeviceclaims', kind: 'BlockDeviceClaim', namespaced: true, engine: 'ndm' },
  // Mayastor: pools are CRs, volumes come from its REST API
  { key: 'diskPools', group: 'openebs.io', version: 'v1beta2', versions: ['v1beta3', 'v1beta2', 'v1beta1', 'v1alpha1'], plural: 'diskpools', kind: 'DiskPool', namespaced: true, engine: 'mayastor' },
  // LocalPV LVM
  { key: 'lvmVolumes', group: 'local.openebs.io', version: 'v1alpha1', plural: 'lvmvolumes', kind: 'LVMVolume', namespaced: true, engine: 'localpv-lvm' },
  { key: 'lvmNodes', group: 'local.openebs.io', version: 'v1alpha1', plural: 'lvmnodes', kind: 'LVMNode', namespaced: true, engine: 'localpv-lvm' },
  { key: 'lvmSnapshots', group: 'local.openebs.io', version: 'v1alpha1', plural: 'lvmsnapshots', kind: 'LVMSnapshot', namespaced: true, engine: 'localpv-lvm' },
  // LocalPV ZFS
  { key: 'zfsVolumes', group: 'zfs.openebs.io', version: 'v1', versions: ['v1', 'v1alpha1'], plural: 'zfsvolumes', kind: 'ZFSVolume', namespaced: true, engine: 'localpv-zfs' },
  { key: 'zfsNodes', group: 'zfs.openebs.io', version: 'v1', versions: ['v1', 'v1alpha1'], plural: 'zfsnodes', kind: 'ZFSNode', namespaced: true, engine: 'localpv-zfs' },
  { key: 'zfsSnapshots', group: 'zfs.openebs.io', version: 'v1', versions: ['v1', 'v1alpha1'], plural: 'zfssnapshots', kind: 'ZFSSnapshot', namespaced: true, engine: 'localpv-zfs' },
] as const satisfies readonly ResourceType[];

export type ResourceKey =
  | 'nodes' | 'pvs' | 'pvcs' | 'pods' | 'events' | 'storageClasses' | 'volumeAttachments'
  | 'volumeSnapshots' | 'volumeSnapshotClasses' | 'volumeSnapshotContents'
  | 'cstorVolumes' | 'cstorVolumeReplicas' | 'cstorVolumeConfigs' | 'cstorVolumeAttachments' | 'cstorPoolInstances' | 'cstorPoolClusters'
  | 'jivaVolumes' | 'blockDevices' | 'blockDeviceClaims' | 'diskPools'
  | 'lvmVolumes' | 'lvmNodes' | 'lvmSnapshots' | 'zfsVolumes' | 'zfsNodes' | 'zfsSnapshots';

/** A Kubernetes object as JSON; adapters read fields defensively. */
export type KubeObject = {
  apiVersion?: string; kind?: string;
  metadata: { name: string; namespace?: string; uid?: string; labels?: Record<string, string>;
    annotations?: Record<string, string>; creationTimestamp?: string; resourceVersion?: string };
  [field: string]: any;
};

/** Mayastor REST data (GET /v0/volumes entries, /v0/pools, /v0/nodes), see fixtures/openebs/mayastor/rest-openapi-v0.yaml */
export interface MayastorRest { volumes: any[]; pools: any[]; nodes: any[] }

/** kubelet GET /api/v1/nodes/{node}/proxy/stats/summary bodies, by node name */
export type KubeletStats = Record<string, { node?: any; pods: { podRef: { name: string; namespace: string }; volume?: { name: string; pvcRef?: { name: string; namespace: string }; usedBytes?: number; capacityBytes?: number; availableBytes?: number }[] }[] }>;

/**
 * One consistent view of the raw objects of a cluster: what the engine adapters (src/openebs) normalize.
 * The cluster reader fills it from its watch cache; tests may fill it from a dump.
 */
export interface RawCluster {
  name: string;
  objects: { [K in ResourceKey]: KubeObject[] };
  mayastor?: MayastorRest;             // absent when the Mayastor REST service is not there
  kubeletStats: KubeletStats;          // nodes whose stats could not be read are absent
  /** engine API groups that answered 404 */
  missingGroups: string[];
  warnings: string[];
}
