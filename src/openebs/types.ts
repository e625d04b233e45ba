// The normalized picture of OpenEBS storage: the same shape for every engine.
// Ground truth: ../shared/reference/openebs.md §5.

export type Engine = 'cstor' | 'jiva' | 'localpv-hostpath' | 'localpv-device' | 'localpv-lvm' | 'localpv-zfs'
  | 'mayastor' | 'legacy-cstor' | 'unknown';
export type Health = 'Healthy' | 'Degraded' | 'Rebuilding' | 'Offline' | 'Faulted' | 'Pending' | 'Unknown';
export type PoolStatus = 'Online' | 'Degraded' | 'Offline' | 'Faulted' | 'Pending' | 'Unknown';

export interface ObjectRef { kind: string; apiVersion: string; namespace?: string; name: string }

export interface Volume {
  id: string;                        // PV name (canonical key); for a Pending PVC with no PV: "<ns>/<pvc>"
  engineId: string;                  // CR name, or the Mayastor UUID
  engine: Engine;
  pvc?: { namespace: string; name: string };
  storageClass?: string;
  driver: string;
  pvPhase: 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed';
  health: Health;
  engineStatus: string;              // raw: "Healthy", "RW/Ready", "Ready", "Online"
  reasons: string[];                 // human: "1 of 3 replicas offline", "pool read-only at 87%"
  readOnly?: boolean;
  capacityBytes: number;
  requestedBytes?: number;           // PVC request (differs while resizing)
  usedBytes?: number;
  usedSource?: 'kubelet' | 'kubelet-hostpath-fs' | 'cstor-cvr' | 'mayastor-allocated' | 'jiva' | 'prometheus';
  usedPct?: number;
  replicas: { desired: number; healthy: number; total: number };
  attachedNodes: string[];
  targetNode?: string;
  poolIds: string[];
  resizing?: boolean;
  snapshotCount?: number;
  accessModes: string[];
  volumeMode?: string;
  createdAt?: string;
  refs: ObjectRef[];
}

export interface Replica {
  id: string;
  volumeId: string;
  engine: Engine;
  node?: string;
  poolId?: string;
  state: Health;
  engineState: string;
  rebuildProgressPct?: number;
  capacityBytes?: number;
  usedBytes?: number;
  reasons?: string[];
}

export interface Pool {
  id: string;
  engine: Engine;
  kind: 'cstor-pool-instance' | 'lvm-vg' | 'zfs-pool' | 'diskpool' | 'hostpath-node-fs' | 'jiva-hostpath';
  node: string;
  status: PoolStatus;
  rawStatus: string;
  reasons: string[];
  capacityBytes?: number;
  usedBytes?: number;
  freeBytes?: number;
  usedPct?: number;
  committedBytes?: number;
  readOnly?: boolean;
  roThresholdPct?: number;
  replicaCount?: number;
  healthyReplicaCount?: number;
  raidType?: string;
  devices?: string[];
  cluster?: string;                  // CSPC name
}

export interface Snapshot {
  id: string;                        // "<ns>/<VolumeSnapshot name>"
  name: string;
  namespace: string;
  volumeId?: string;                 // PV name of the source
  sourcePvc?: string;
  snapshotClass?: string;
  engine: Engine;
  readyToUse: boolean;
  restoreSizeBytes?: number;
  createdAt?: string;
  engineState?: string;              // LVMSnapshot/ZFSSnapshot status.state
  error?: string;
}

export interface StorageClassInfo {
  name: string;
  provisioner: string;
  engine: Engine;
  isDefault: boolean;
  allowVolumeExpansion: boolean;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  parameters: Record<string, string>;
  volumeCount?: number;
}

export interface NodeInfo { name: string; ready: boolean; reasons: string[]; labels: Record<string, string> }

export interface StorageEvent {
  at?: string;                       // lastTimestamp / eventTime
  type: 'Normal' | 'Warning' | string;
  reason: string;
  message: string;
  count?: number;
  object: ObjectRef;
}

/** Everything known about one cluster at one moment. */
export interface Inventory {
  cluster: string;
  fetchedAt: string;
  volumes: Volume[];
  replicas: Replica[];
  pools: Pool[];
  snapshots: Snapshot[];
  storageClasses: StorageClassInfo[];
  nodes: NodeInfo[];
  /** engines whose API group answered 404 (not installed) */
  missingEngines: Engine[];
  /** non-fatal problems while reading ("403 list cstorvolumes.cstor.openebs.io") */
  warnings: string[];
}
