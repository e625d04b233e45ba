// A large generated cluster for benchmarks: `volumes` volumes over all engines, deterministic for a seed.
import { seededRandom } from '../../util/random.js';
import { DumpBuilder } from './builder.js';
import { cstorPoolCluster, diskPool, lvmNode, zfsNode } from './pools.js';
import { addSnapshot, addVolume, type DemoEngine } from './volumes.js';

const NAMES = ['kafka-logs', 'pg-wal', 'pg-data', 'mysql-data', 'redis-cache', 'es-data', 'mongo-rs0', 'minio-store', 'prometheus-db',
  'jenkins-home', 'gitlab-repos', 'etcd-backup', 'clickhouse-shard', 'cassandra-data', 'rabbitmq-queue', 'loki-chunks', 'vault-raft',
  'zookeeper-data', 'nats-js', 'influx-tsdb', 'orders-db', 'ledger-db', 'checkout-cache', 'thanos-store', 'solr-index'];
const NAMESPACES = ['payments', 'kafka', 'monitoring', 'ci', 'data', 'logging', 'search', 'default', 'platform', 'analytics', 'web'];
const ENGINES: [DemoEngine, number][] = [['mayastor', 25], ['cstor', 15], ['jiva', 10], ['lvm', 15], ['zfs', 15], ['hostpath', 15], ['device', 5]];

export function buildBig(volumes: number, seed = 42): DumpBuilder {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const b = new DumpBuilder(`big-${seed}`);
  const workers = Math.max(6, Math.ceil(volumes / 80));
  const storage = Math.max(3, Math.ceil(volumes / 600)) ;
  for (let i = 1; i <= workers; i++) b.node(`worker-${i}`, { ready: rnd() > 0.01 });
  for (let i = 1; i <= storage; i++) b.node(`storage-${i}`, { labels: { 'openebs.io/engine': 'mayastor' } });
  const workerNames = Array.from({ length: workers }, (_, i) => `worker-${i + 1}`);

  b.storageClass('openebs-hostpath', 'openebs.io/local', {}, { isDefault: true, annotations: { 'openebs.io/cas-type': 'local', 'cas.openebs.io/config': '- name: StorageType\n  value: "hostpath"\n' } });
  b.storageClass('openebs-device', 'openebs.io/local', {}, { annotations: { 'openebs.io/cas-type': 'local', 'cas.openebs.io/config': '- name: StorageType\n  value: "device"\n' } });
  b.storageClass('openebs-lvmpv', 'local.csi.openebs.io', { storage: 'lvm', volgroup: 'lvmvg' }, { expansion: true });
  b.storageClass('openebs-zfspv', 'zfs.csi.openebs.io', { poolname: 'zfspv-pool' }, { expansion: true });
  b.storageClass('cstor-csi-disk', 'cstor.csi.openebs.io', { 'cas-type': 'cstor', cstorPoolCluster: 'cstor-disk-pool', replicaCount: '3' }, { expansion: true });
  b.storageClass('openebs-jiva-csi-default', 'jiva.csi.openebs.io', { 'cas-type': 'jiva' }, { expansion: true });
  b.storageClass('mayastor-3', 'io.openebs.csi-mayastor', { repl: '3', protocol: 'nvmf' }, { expansion: true });
  b.snapshotClass('mayastor-snapshotclass', 'io.openebs.csi-mayastor');
  b.snapshotClass('lvmpv-snapclass', 'local.csi.openebs.io');

  const cspis = Array.from({ length: storage }, (_, i) => ({ name: `cstor-disk-pool-${(i + 10).toString(36)}${i}x`, node: `storage-${i + 1}`, totalGi: 4000, usedGi: Math.round(1000 + rnd() * 2600) }));
  cstorPoolCluster(b, 'cstor-disk-pool', cspis);
  for (let i = 1; i <= storage; i++) diskPool(b, { name: `pool-storage-${i}`, node: `storage-${i}`, capacityGi: 8000, usedGi: Math.round(2000 + rnd() * 5000) });
  for (const w of workerNames) {
    lvmNode(b, w, [{ name: 'lvmvg', sizeGi: 2000, freeGi: Math.round(rnd() * 1500), lvCount: 10 }]);
    zfsNode(b, w, [{ name: 'zfspv-pool', freeGi: Math.round(rnd() * 1500), usedGi: Math.round(rnd() * 500) }]);
  }

  const total = ENGINES.reduce((s, [, w]) => s + w, 0);
  for (let i = 0; i < volumes; i++) {
    let r = rnd() * total;
    const engine = ENGINES.find(([, w]) => (r -= w) < 0)?.[0] ?? 'hostpath';
    const ns = pick(NAMESPACES);
    const pvc = `${pick(NAMES)}-${i}`;
    const node = pick(workerNames);
    const sizeGi = pick([5, 10, 20, 50, 100, 200]);
    const used = Math.min(0.99, rnd());
    const trouble = rnd() < 0.05;
    const three = [0, 1, 2].map((k) => (i + k) % storage);
    const name = addVolume(b, {
      engine, ns, pvc, node, sizeGi, used,
      sc: { mayastor: 'mayastor-3', cstor: 'cstor-disk-pool', jiva: 'openebs-jiva-csi-default', lvm: 'openebs-lvmpv', zfs: 'openebs-zfspv', hostpath: 'openebs-hostpath', device: 'openebs-device' }[engine]
        .replace('cstor-disk-pool', 'cstor-csi-disk'),
      cstor: { pools: three.map((k) => ({ cspi: cspis[k].name, node: cspis[k].node })), cvPhase: 'Healthy', cvrPhases: trouble ? ['Healthy', 'Healthy', 'Offline'] : undefined },
      jiva: { mode: trouble ? 'RO' : 'RW', replicaNodes: [node, pick(workerNames), pick(workerNames)] },
      mayastor: { replicas: three.map((k, j) => ({ pool: `pool-storage-${k + 1}`, node: `storage-${k + 1}`, rebuild: trouble && j === 2 ? Math.floor(rnd() * 100) : undefined })),
        status: trouble ? 'Degraded' : 'Online' },
      state: trouble && (engine === 'lvm' || engine === 'zfs') ? 'Failed' : undefined,
      error: trouble && engine === 'lvm' ? { code: 'Internal', message: 'lvcreate failed' } : undefined,
    });
    if (name && (engine === 'mayastor' || engine === 'lvm') && rnd() < 0.1) {
      addSnapshot(b, { ns, name: `${pvc}-snap`, pvc, pv: name, engine, sizeGi, node, cls: engine === 'lvm' ? 'lvmpv-snapclass' : 'mayastor-snapshotclass' });
    }
  }
  return b;
}
