// The bundled demo cluster (examples/demo-cluster.yaml): 42 volumes over every engine, using the names of
// corpus/vocab-demo.json, with the trouble the bot is meant to explain. Regenerate with `scripts/gen-dump.ts --demo`.
import { DumpBuilder, GiB, OPENEBS_NS } from './builder.js';
import { cstorPoolCluster, diskPool, lvmNode, zfsNode } from './pools.js';
import { addSnapshot, addVolume, type VolSpec } from './volumes.js';

export const DEMO_CLUSTER = 'prod-east';

const CSTOR_POOLS = [
  { cspi: 'cstor-disk-pool-7xkq', node: 'storage-1' },
  { cspi: 'cstor-disk-pool-m2bd', node: 'storage-2' },
  { cspi: 'cstor-disk-pool-z9rt', node: 'storage-3' },
];
const M3 = (...rebuild: (number | undefined)[]) => [1, 2, 3].map((i) => ({ pool: `pool-storage-${i}`, node: `storage-${i}`, rebuild: rebuild[i - 1] }));
const JIVA_NODES = ['worker-1', 'worker-2', 'worker-3'];

/** the demo cluster as a builder (tests read it through the dump text, like everything else) */
export function buildDemo(): DumpBuilder {
  const b = new DumpBuilder('demo');
  for (let i = 1; i <= 6; i++) b.node(`worker-${i}`, { fsUsedGi: 40 + i * 17 });
  for (let i = 1; i <= 3; i++) b.node(`storage-${i}`, { labels: { 'openebs.io/engine': 'mayastor' } });
  b.node('ip-10-0-3-17', { ready: false, fsUsedGi: 120 });

  const hostpathCfg = '- name: StorageType\n  value: "hostpath"\n- name: BasePath\n  value: "/var/openebs/local/"\n';
  b.storageClass('openebs-hostpath', 'openebs.io/local', {}, { isDefault: true, binding: 'WaitForFirstConsumer', annotations: { 'openebs.io/cas-type': 'local', 'cas.openebs.io/config': hostpathCfg } });
  b.storageClass('openebs-device', 'openebs.io/local', {}, { binding: 'WaitForFirstConsumer', annotations: { 'openebs.io/cas-type': 'local', 'cas.openebs.io/config': '- name: StorageType\n  value: "device"\n' } });
  b.storageClass('openebs-lvmpv', 'local.csi.openebs.io', { storage: 'lvm', volgroup: 'lvmvg' }, { expansion: true, binding: 'WaitForFirstConsumer' });
  b.storageClass('openebs-zfspv', 'zfs.csi.openebs.io', { poolname: 'zfspv-pool', fstype: 'zfs' }, { expansion: true });
  b.storageClass('cstor-csi-disk', 'cstor.csi.openebs.io', { 'cas-type': 'cstor', cstorPoolCluster: 'cstor-disk-pool', replicaCount: '3' }, { expansion: true });
  b.storageClass('openebs-jiva-csi-default', 'jiva.csi.openebs.io', { 'cas-type': 'jiva', policy: 'openebs-jiva-default-policy' }, { expansion: true });
  b.storageClass('mayastor-3', 'io.openebs.csi-mayastor', { repl: '3', protocol: 'nvmf', ioTimeout: '60' }, { expansion: true });
  b.storageClass('mayastor-1', 'io.openebs.csi-mayastor', { repl: '1', protocol: 'nvmf', thin: 'true' }, { expansion: true });
  b.snapshotClass('csi-cstor-snapshotclass', 'cstor.csi.openebs.io');
  b.snapshotClass('lvmpv-snapclass', 'local.csi.openebs.io');
  b.snapshotClass('zfspv-snapclass', 'zfs.csi.openebs.io');
  b.snapshotClass('mayastor-snapshotclass', 'io.openebs.csi-mayastor');

  cstorPoolCluster(b, 'cstor-disk-pool', [
    { name: 'cstor-disk-pool-7xkq', node: 'storage-1', totalGi: 500, usedGi: 212 },
    { name: 'cstor-disk-pool-m2bd', node: 'storage-2', totalGi: 500, usedGi: 435 },   // 87 %: read-only
    { name: 'cstor-disk-pool-z9rt', node: 'storage-3', totalGi: 500, usedGi: 198 },
  ]);
  for (let i = 1; i <= 3; i++) diskPool(b, { name: `pool-storage-${i}`, node: `storage-${i}`, capacityGi: 1000, usedGi: [640, 520, 560][i - 1], committedGi: [900, 610, 560][i - 1] });
  lvmNode(b, 'worker-1', [{ name: 'lvmvg', sizeGi: 300, freeGi: 180, lvCount: 2, snapCount: 0 }]);
  lvmNode(b, 'worker-2', [{ name: 'lvmvg', sizeGi: 300, freeGi: 240, lvCount: 2 }]);
  lvmNode(b, 'worker-3', [{ name: 'lvmvg', sizeGi: 300, freeGi: 230, lvCount: 2 }]);
  zfsNode(b, 'worker-4', [{ name: 'zfspv-pool', freeGi: 380, usedGi: 52 }]);
  zfsNode(b, 'worker-5', [{ name: 'zfspv-pool', freeGi: 290, usedGi: 118 }]);
  zfsNode(b, 'worker-6', [{ name: 'zfspv-pool', freeGi: 400, usedGi: 24 }]);

  const pv: Record<string, string> = {};
  const vol = (s: VolSpec) => { const name = addVolume(b, s); if (name) pv[s.pvc] = name; return name; };
  const cstor = (cvrPhases?: string[]) => ({ pools: CSTOR_POOLS, cvPhase: 'Healthy', cvrPhases });
  const jiva = (mode: 'RW' | 'RO' = 'RW', replicaModes?: string[]) => ({ mode, replicaModes, replicaNodes: JIVA_NODES });

  // Mayastor
  vol({ engine: 'mayastor', ns: 'kafka', pvc: 'kafka-logs', sc: 'mayastor-3', sizeGi: 100, node: 'worker-4', used: 0.61,
    mayastor: { replicas: M3(undefined, undefined, 42), status: 'Degraded', targetNode: 'storage-1', snapshots: 1 } });
  vol({ engine: 'mayastor', ns: 'kafka', pvc: 'kafka-logs-1', sc: 'mayastor-3', sizeGi: 100, node: 'worker-5', used: 0.58, mayastor: { replicas: M3(), targetNode: 'storage-2' } });
  vol({ engine: 'mayastor', ns: 'payments', pvc: 'pg-wal', sc: 'mayastor-3', sizeGi: 20, node: 'worker-1', used: 0.34, mayastor: { replicas: M3(), targetNode: 'storage-3', snapshots: 1 } });
  vol({ engine: 'mayastor', ns: 'payments', pvc: 'pg-data', sc: 'mayastor-3', sizeGi: 200, node: 'worker-1', used: 0.47, mayastor: { replicas: M3(), targetNode: 'storage-1' } });
  vol({ engine: 'mayastor', ns: 'payments', pvc: 'orders-db', sc: 'mayastor-3', sizeGi: 50, node: 'worker-2', used: 0.52, mayastor: { replicas: M3(), targetNode: 'storage-2', snapshots: 1 } });
  vol({ engine: 'mayastor', ns: 'payments', pvc: 'ledger-db', sc: 'mayastor-3', sizeGi: 50, node: 'worker-3', used: 0.29, mayastor: { replicas: M3(), targetNode: 'storage-3' } });
  vol({ engine: 'mayastor', ns: 'platform', pvc: 'nats-js', sc: 'mayastor-1', sizeGi: 10, node: 'worker-6', used: 0.18, mayastor: { replicas: [{ pool: 'pool-storage-2', node: 'storage-2' }], thin: true } });
  vol({ engine: 'mayastor', ns: 'analytics', pvc: 'clickhouse-shard1', sc: 'mayastor-1', sizeGi: 300, node: 'worker-5', used: 0.71, mayastor: { replicas: [{ pool: 'pool-storage-1', node: 'storage-1' }], thin: true } });
  // cStor
  vol({ engine: 'cstor', ns: 'data', pvc: 'mysql-data', sc: 'cstor-csi-disk', sizeGi: 50, node: 'worker-2', used: 0.44, cstor: cstor(['Healthy', 'Healthy', 'Offline']) });
  vol({ engine: 'cstor', ns: 'data', pvc: 'mongo-rs0', sc: 'cstor-csi-disk', sizeGi: 40, node: 'worker-3', used: 0.38, cstor: cstor() });
  for (let i = 0; i < 3; i++) vol({ engine: 'cstor', ns: 'search', pvc: `es-data-${i}`, sc: 'cstor-csi-disk', sizeGi: 100, node: `worker-${4 + i}`, used: 0.55 + i * 0.04, cstor: cstor() });
  vol({ engine: 'cstor', ns: 'search', pvc: 'solr-index', sc: 'cstor-csi-disk', sizeGi: 30, node: 'worker-6', used: 0.41, cstor: cstor() });
  vol({ engine: 'cstor', ns: 'data', pvc: 'cassandra-data-0', sc: 'cstor-csi-disk', sizeGi: 80, node: 'worker-1', used: 0.63, cstor: cstor() });
  vol({ engine: 'cstor', ns: 'payments', pvc: 'postgres-main', sc: 'cstor-csi-disk', sizeGi: 100, node: 'worker-2', used: 0.49, cstor: cstor() });
  // Jiva
  vol({ engine: 'jiva', ns: 'ci', pvc: 'jenkins-home', sc: 'openebs-jiva-csi-default', sizeGi: 50, node: 'worker-4', used: 0.66, jiva: jiva() });
  vol({ engine: 'jiva', ns: 'ci', pvc: 'gitlab-repos', sc: 'openebs-jiva-csi-default', sizeGi: 100, node: 'worker-5', used: 0.57, jiva: jiva('RO', ['RW', 'ERR', 'WO']) });
  vol({ engine: 'jiva', ns: 'ci', pvc: 'sonarqube-data', sc: 'openebs-jiva-csi-default', sizeGi: 20, node: 'worker-6', used: 0.22, jiva: jiva() });
  vol({ engine: 'jiva', ns: 'ci', pvc: 'nexus-blobs', sc: 'openebs-jiva-csi-default', sizeGi: 200, node: 'worker-4', used: 0.69, jiva: jiva() });
  vol({ engine: 'jiva', ns: 'platform', pvc: 'harbor-registry', sc: 'openebs-jiva-csi-default', sizeGi: 100, node: 'worker-5', used: 0.48, jiva: jiva() });
  // LocalPV LVM
  vol({ engine: 'lvm', ns: 'monitoring', pvc: 'prometheus-db', sc: 'openebs-lvmpv', sizeGi: 100, node: 'worker-1', used: 0.74 });
  vol({ engine: 'lvm', ns: 'monitoring', pvc: 'grafana-storage', sc: 'openebs-lvmpv', sizeGi: 10, node: 'worker-2', used: 0.12 });
  vol({ engine: 'lvm', ns: 'monitoring', pvc: 'thanos-store', sc: 'openebs-lvmpv', sizeGi: 500, node: 'worker-3', pendingPvc: true, age: 40,
    error: { code: 'InsufficientCapacity', message: 'no vg available to serve volume request having regex="^lvmvg$" & capacity="536870912000"' } });
  vol({ engine: 'lvm', ns: 'logging', pvc: 'loki-chunks', sc: 'openebs-lvmpv', sizeGi: 50, node: 'worker-3', used: 0.96 });
  vol({ engine: 'lvm', ns: 'logging', pvc: 'tempo-traces', sc: 'openebs-lvmpv', sizeGi: 50, node: 'worker-2', used: 0.37 });
  vol({ engine: 'lvm', ns: 'platform', pvc: 'vault-raft', sc: 'openebs-lvmpv', sizeGi: 10, node: 'worker-1', used: 0.08 });
  vol({ engine: 'lvm', ns: 'platform', pvc: 'etcd-backup', sc: 'openebs-lvmpv', sizeGi: 20, node: 'worker-3', used: 0.45 });
  // LocalPV ZFS
  vol({ engine: 'zfs', ns: 'monitoring', pvc: 'influx-tsdb', sc: 'openebs-zfspv', sizeGi: 50, node: 'worker-4', used: 0.58 });
  vol({ engine: 'zfs', ns: 'analytics', pvc: 'mlflow-artifacts', sc: 'openebs-zfspv', sizeGi: 100, node: 'worker-5', used: 0.81, requestGi: 150 });
  vol({ engine: 'zfs', ns: 'analytics', pvc: 'airflow-logs', sc: 'openebs-zfspv', sizeGi: 20, node: 'worker-6', used: 0.33 });
  vol({ engine: 'zfs', ns: 'platform', pvc: 'keycloak-db', sc: 'openebs-zfspv', sizeGi: 10, node: 'worker-4', used: 0.15 });
  vol({ engine: 'zfs', ns: 'platform', pvc: 'sentry-data', sc: 'openebs-zfspv', sizeGi: 50, node: 'worker-5', used: 0.42 });
  vol({ engine: 'zfs', ns: 'kafka', pvc: 'zookeeper-data', sc: 'openebs-zfspv', sizeGi: 10, node: 'worker-6', used: 0.09 });
  // LocalPV hostpath and device
  vol({ engine: 'hostpath', ns: 'default', pvc: 'redis-cache', sc: 'openebs-hostpath', sizeGi: 5, node: 'worker-1' });
  vol({ engine: 'hostpath', ns: 'default', pvc: 'rabbitmq-queue', sc: 'openebs-hostpath', sizeGi: 10, node: 'worker-2' });
  vol({ engine: 'hostpath', ns: 'web', pvc: 'checkout-cache', sc: 'openebs-hostpath', sizeGi: 5, node: 'worker-3' });
  vol({ engine: 'hostpath', ns: 'web', pvc: 'wordpress-uploads', sc: 'openebs-hostpath', sizeGi: 20, node: 'worker-4' });
  vol({ engine: 'hostpath', ns: 'analytics', pvc: 'spark-scratch', sc: 'openebs-hostpath', sizeGi: 50, node: 'ip-10-0-3-17' });
  vol({ engine: 'hostpath', ns: 'platform', pvc: 'argocd-repo', sc: 'openebs-hostpath', sizeGi: 10, node: 'worker-5' });
  vol({ engine: 'device', ns: 'data', pvc: 'minio-store', sc: 'openebs-device', sizeGi: 500, node: 'worker-4', used: 0.67, blockDevice: 'sdb' });
  vol({ engine: 'device', ns: 'payments', pvc: 'billing-archive', sc: 'openebs-device', sizeGi: 200, node: 'worker-5', used: 0.31, blockDevice: 'sdc' });

  // Snapshots
  addSnapshot(b, { ns: 'payments', name: 'pg-wal-snap-1', pvc: 'pg-wal', pv: pv['pg-wal'], engine: 'mayastor', sizeGi: 20, cls: 'mayastor-snapshotclass', minutesAgo: 60 * 6 });
  addSnapshot(b, { ns: 'data', name: 'mysql-nightly-1120', pvc: 'mysql-data', pv: pv['mysql-data'], engine: 'cstor', sizeGi: 50, cls: 'csi-cstor-snapshotclass', minutesAgo: 60 * 7 });
  addSnapshot(b, { ns: 'kafka', name: 'kafka-logs-pre-upgrade', pvc: 'kafka-logs', pv: pv['kafka-logs'], engine: 'mayastor', sizeGi: 100, cls: 'mayastor-snapshotclass', minutesAgo: 60 * 24 * 3 });
  addSnapshot(b, { ns: 'payments', name: 'orders-db-snap', pvc: 'orders-db', pv: pv['orders-db'], engine: 'mayastor', sizeGi: 50, cls: 'mayastor-snapshotclass', minutesAgo: 60 * 30 });
  addSnapshot(b, { ns: 'platform', name: 'vault-raft-daily', pvc: 'vault-raft', pv: pv['vault-raft'], engine: 'lvm', sizeGi: 10, cls: 'lvmpv-snapclass', minutesAgo: 35,
    node: 'worker-1', ready: false, engineState: 'Pending',
    error: 'Failed to create snapshot: rpc error: code = Internal desc = failed to create lvm snapshot lvmvg/snapshot: modprobe: FATAL: Module dm-snapshot not found' });

  addEvents(b, pv);
  addUsageHistory(b);
  return b;
}

/**
 * A week of usage, a sample every 6 hours, ending at the figures above, so that forecasts have something to fit:
 * loki-chunks fills in about 2 days, prometheus-db in about 3, others grow slowly, kafka-logs has a retention saw.
 */
function addUsageHistory(b: DumpBuilder): void {
  const series = (ns: string, pvc: string, sizeGi: number, usedNow: number, gibPerDay: number, wave = 0) => {
    const cap = sizeGi * GiB;
    const points: [number, number, number][] = [];
    for (let h = 7 * 24; h >= 0; h -= 6) {
      // a deterministic wobble (daily rhythm), zero at the last point so the series ends at today's figure
      const wobble = Math.sin((h / 24) * 2 * Math.PI) * 0.15 * gibPerDay * GiB + (wave ? ((h / 6) % 8) * wave * GiB : 0);
      const used = usedNow * cap - (h / 24) * gibPerDay * GiB + (h ? wobble : 0);
      points.push([-h * 3600, Math.max(0, Math.round(used)), cap]);
    }
    b.usageSeries(ns, pvc, points);
  };
  series('logging', 'loki-chunks', 50, 0.96, 1.2);
  series('monitoring', 'prometheus-db', 100, 0.74, 9.5);
  series('data', 'mysql-data', 50, 0.44, 0.4);
  series('analytics', 'clickhouse-shard1', 300, 0.71, 2.1);
  series('analytics', 'mlflow-artifacts', 100, 0.81, 0.9);
  series('ci', 'nexus-blobs', 200, 0.69, 1.6);
  series('payments', 'pg-data', 200, 0.47, 0.7);
  series('kafka', 'kafka-logs', 100, 0.61, 0, 0.8);
  series('search', 'es-data-2', 100, 0.63, 0.3);
}

function addEvents(b: DumpBuilder, pv: Record<string, string>): void {
  const ev = b.event.bind(b);
  // Mayastor: storage-3 rebooted, its replica of kafka-logs is being rebuilt
  ev({ kind: 'Node', name: 'storage-3', apiVersion: 'v1' }, 'Warning', 'Rebooted', 'Node storage-3 has been rebooted, boot id: 3c1f6a2e-8b5d-4c7e-9f3a-2d1e0b9c8a7f', 55);
  ev({ kind: 'Node', name: 'storage-3', apiVersion: 'v1' }, 'Normal', 'NodeReady', 'Node storage-3 status is now: NodeReady', 52);
  ev({ kind: 'PersistentVolumeClaim', name: 'kafka-logs', namespace: 'kafka', apiVersion: 'v1' }, 'Normal', 'ProvisioningSucceeded',
    `Successfully provisioned volume ${pv['kafka-logs']}`, 60 * 24 * 20);
  // cStor: one replica of mysql-data is not connected
  const cvr = `${pv['mysql-data']}-cstor-disk-pool-z9rt`;
  ev({ kind: 'CStorVolumeReplica', name: cvr, namespace: OPENEBS_NS, apiVersion: 'cstor.openebs.io/v1' }, 'Warning', 'ReplicaOffline',
    `replica ${cvr} is not connected to target ${pv['mysql-data']}: connection timed out`, 25, 6, 'cspi-cstor-disk-pool-z9rt');
  ev({ kind: 'CStorVolume', name: pv['mysql-data'], namespace: OPENEBS_NS, apiVersion: 'cstor.openebs.io/v1' }, 'Warning', 'ReplicaDisconnected',
    'Replica disconnected: 2 of 3 replicas connected, consistency factor 2 met, volume stays Healthy', 25, 1, 'cstor-istgt');
  // cStor pool full
  ev({ kind: 'CStorPoolInstance', name: 'cstor-disk-pool-m2bd', namespace: OPENEBS_NS, apiVersion: 'cstor.openebs.io/v1' }, 'Warning', 'PoolReadOnly',
    'Pool cstor-disk-pool-m2bd is read-only: used capacity 87% reached roThresholdLimit 85%', 90, 3, 'cspi-cstor-disk-pool-m2bd');
  // LVM: no room in any volume group
  const claim = { kind: 'PersistentVolumeClaim', name: 'thanos-store', namespace: 'monitoring', apiVersion: 'v1' };
  ev(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', 40);
  ev(claim, 'Normal', 'Provisioning', 'External provisioner is provisioning volume for claim "monitoring/thanos-store"', 2, 14, 'local.csi.openebs.io');
  ev(claim, 'Warning', 'ProvisioningFailed', 'failed to provision volume with StorageClass "openebs-lvmpv": rpc error: code = ResourceExhausted desc = no vg available to serve volume request having regex="^lvmvg$" & capacity="536870912000"', 2, 14, 'local.csi.openebs.io');
  ev({ kind: 'Pod', name: 'thanos-store-0', namespace: 'monitoring', apiVersion: 'v1' }, 'Warning', 'FailedScheduling', '0/10 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/10 nodes are available: 10 Preemption is not helpful for scheduling.', 3, 9, 'default-scheduler');
  // hostpath on a NotReady node
  ev({ kind: 'Node', name: 'ip-10-0-3-17', apiVersion: 'v1' }, 'Normal', 'NodeNotReady', 'Node ip-10-0-3-17 status is now: NodeNotReady', 43, 1, 'node-controller');
  ev({ kind: 'Pod', name: 'spark-scratch-0', namespace: 'analytics', apiVersion: 'v1' }, 'Warning', 'NodeNotReady', 'Node is not ready', 43, 1, 'node-controller');
  // Jiva read-only
  ev({ kind: 'JivaVolume', name: pv['gitlab-repos'], namespace: OPENEBS_NS, apiVersion: 'openebs.io/v1' }, 'Warning', 'ReplicaError',
    'replica tcp://10.244.2.61:9502 is in ERR mode; target is read-only (RO) until a quorum of replicas is RW', 18, 4, 'jiva-operator');
  // LVM snapshot without dm-snapshot
  ev({ kind: 'VolumeSnapshot', name: 'vault-raft-daily', namespace: 'platform', apiVersion: 'snapshot.storage.k8s.io/v1' }, 'Warning', 'SnapshotCreationFailed',
    'Failed to create snapshot: failed to take snapshot of the volume: rpc error: code = Internal desc = modprobe: FATAL: Module dm-snapshot not found', 34, 3, 'snapshot-controller');
  // ZFS resize in flight
  ev({ kind: 'PersistentVolumeClaim', name: 'mlflow-artifacts', namespace: 'analytics', apiVersion: 'v1' }, 'Normal', 'Resizing', `External resizer is resizing volume ${pv['mlflow-artifacts']}`, 12, 1, 'external-resizer zfs.csi.openebs.io');
}
