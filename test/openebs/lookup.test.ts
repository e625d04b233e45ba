import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadDump } from '../../src/kube/dump.js';
import { addSnapshot, addVolume } from '../../src/openebs/demo/volumes.js';
import { rawClusterFromDump } from '../../src/openebs/from-dump.js';
import { normalize } from '../../src/openebs/normalize.js';
import { editDistance, findPool, findSnapshot, findVolume, listPools, listSnapshots, listVolumes, replicasOf, suggest, volumesOnPool } from '../../src/openebs/lookup.js';
import type { Inventory } from '../../src/openebs/types.js';
import { baseCluster, inventoryOf } from './helpers.js';

let demo: Inventory;
test.before(async () => {
  demo = normalize(rawClusterFromDump(await loadDump(new URL('../../examples/demo-cluster.yaml', import.meta.url).pathname), 'prod-east'));
});

function found(inv: Inventory, q: string, ns?: string) {
  const r = findVolume(inv, q, { namespace: ns });
  assert.is(r.kind, 'found', `${q}: ${JSON.stringify(r.kind === 'not-found' ? r.suggestions : r.kind)}`);
  return (r as { item: any }).item;
}

test('find a volume by PVC name, namespace/name, PV name, Mayastor uuid — case-insensitive', async () => {
  const byPvc = found(demo, 'Kafka-Logs');
  assert.is(byPvc.pvc.namespace, 'kafka');
  assert.is(found(demo, 'kafka/kafka-logs').id, byPvc.id);
  assert.is(found(demo, byPvc.id.toUpperCase()).id, byPvc.id);
  assert.is(found(demo, byPvc.engineId).id, byPvc.id);
  assert.is(found(demo, byPvc.id.slice(0, 12)).id, byPvc.id);
  assert.is(found(demo, '`kafka-logs`?').id, byPvc.id);
  assert.is(found(demo, 'monitoring/thanos-store').health, 'Pending');
});

test('the same PVC name in two namespaces: ask which, or take the namespace given', async () => {
  const b = baseCluster();
  addVolume(b, { engine: 'hostpath', ns: 'payments', pvc: 'pg-data', sc: 'hp', sizeGi: 1, node: 'n1' });
  addVolume(b, { engine: 'hostpath', ns: 'staging', pvc: 'pg-data', sc: 'hp', sizeGi: 1, node: 'n2' });
  const inv = await inventoryOf(b);
  const r = findVolume(inv, 'pg-data');
  assert.is(r.kind, 'ambiguous');
  if (r.kind === 'ambiguous') assert.equal(r.candidates.map((v) => v.pvc!.namespace).sort(), ['payments', 'staging']);
  assert.is(found(inv, 'pg-data', 'staging').pvc.namespace, 'staging');
  assert.is(found(inv, 'STAGING/pg-data').pvc.namespace, 'staging');
});

test('not found: near-miss suggestions by edit distance, prefix and substring', async () => {
  const miss = (q: string) => {
    const r = findVolume(demo, q);
    assert.is(r.kind, 'not-found', q);
    return r.kind === 'not-found' ? r.suggestions : [];
  };
  assert.is(miss('kafka-log')[0], 'kafka-logs');               // prefix
  assert.ok(miss('kafak-logs').includes('kafka-logs'));         // typo
  assert.ok(miss('mysql').includes('mysql-data'));              // prefix of a longer name
  assert.ok(miss('wordpress').includes('wordpress-uploads'));
  assert.ok(miss('payments/orders-dbb').includes('orders-db'));
  assert.equal(miss('zzzzzzzz'), []);
  assert.is(editDistance('kitten', 'sitting'), 3);
  assert.equal(suggest('es-data', ['es-data-0', 'es-data-1', 'pg-data']).slice(0, 2), ['es-data-0', 'es-data-1']);
});

test('filters: namespace, engine, health, node, pool, storage class, cluster', async () => {
  assert.is(listVolumes(demo, { namespace: 'payments' }).length, 6);
  assert.ok(listVolumes(demo, { engine: 'lvm' }).every((v) => v.engine === 'localpv-lvm'));
  assert.is(listVolumes(demo, { engine: 'lvm' }).length, 7);
  assert.is(listVolumes(demo, { engine: 'ceph' }).length, 0);
  assert.equal(listVolumes(demo, { health: 'rebuilding' }).map((v) => v.pvc!.name), ['kafka-logs']);
  assert.equal(listVolumes(demo, { health: 'Offline' }).map((v) => v.pvc!.name), ['spark-scratch']);
  assert.ok(listVolumes(demo, { node: 'WORKER-3' }).some((v) => v.pvc!.name === 'loki-chunks'));
  assert.ok(listVolumes(demo, { node: 'storage-3' }).some((v) => v.pvc!.name === 'kafka-logs'));   // replica node
  assert.is(listVolumes(demo, { pool: 'cstor-disk-pool-m2bd' }).length, 8);
  assert.is(listVolumes(demo, { pool: 'lvmvg' }).length, 6);
  assert.is(volumesOnPool(demo, 'lvmvg@worker-1').length, 2);
  assert.is(listVolumes(demo, { storageClass: 'mayastor-1' }).length, 2);
  assert.is(listVolumes(demo, { cluster: 'prod-west' }).length, 0);
  assert.is(listVolumes([demo, { ...demo, cluster: 'prod-west' }], { namespace: 'kafka' }).length, 6);
  assert.is(listVolumes(demo, { namespace: ['kafka', 'web'], engine: 'hostpath' }).length, 2);
});

test('lists sort worst first', async () => {
  const all = listVolumes(demo);
  assert.is(all[0].health, 'Offline');
  const firstHealthy = all.findIndex((v) => v.health === 'Healthy');
  assert.ok(all.slice(firstHealthy).every((v) => v.health === 'Healthy'));
  assert.is(all[firstHealthy].pvc!.name, 'loki-chunks');        // nearly full comes before quiet healthy ones
  const pools = listPools(demo);
  assert.is(pools[0].status, 'Offline');
  assert.is(pools[1].id, 'cstor-disk-pool-m2bd');
});

test('pools and snapshots: find, ambiguity, suggestions, filters', async () => {
  assert.is(findPool(demo, 'pool-storage-2').kind, 'found');
  const lvm = findPool(demo, 'lvmvg');
  assert.is(lvm.kind, 'ambiguous');
  assert.is(findPool(demo, 'lvmvg@worker-2').kind, 'found');
  const miss = findPool(demo, 'cstor-disk-pool-m2bx');
  assert.ok(miss.kind === 'not-found' && miss.suggestions[0] === 'cstor-disk-pool-m2bd');
  assert.equal(listPools(demo, { engine: 'zfs' }).length, 3);
  assert.equal(listPools(demo, { node: 'storage-2' }).map((p) => p.id).sort(), ['cstor-disk-pool-m2bd', 'pool-storage-2']);
  assert.ok(listPools(demo, { lowSpace: true }).some((p) => p.id === 'cstor-disk-pool-m2bd'));

  const s = findSnapshot(demo, 'Vault-Raft-Daily');
  assert.ok(s.kind === 'found' && !s.item.readyToUse && s.item.engineState === 'Pending' && /dm-snapshot/.test(s.item.error!));
  assert.is(findSnapshot(demo, 'payments/pg-wal-snap-1').kind, 'found');
  const sm = findSnapshot(demo, 'pg-wal-snap');
  assert.ok(sm.kind === 'not-found' && sm.suggestions[0] === 'pg-wal-snap-1');
  assert.equal(listSnapshots(demo, { ready: false }).map((x) => x.name), ['vault-raft-daily']);
  assert.equal(listSnapshots(demo, { volume: 'kafka-logs' }).map((x) => x.name), ['kafka-logs-pre-upgrade']);
  assert.is(listSnapshots(demo, { engine: 'mayastor' }).length, 3);
  assert.is(found(demo, 'pg-wal').snapshotCount, 1);
});

test('snapshots of ZFS volumes carry the ZFSSnapshot state', async () => {
  const b = baseCluster();
  b.snapshotClass('zfs-snap', 'zfs.csi.openebs.io');
  const pv = addVolume(b, { engine: 'zfs', ns: 'a', pvc: 'z', sc: 'zfs', sizeGi: 5, node: 'n1' })!;
  addSnapshot(b, { ns: 'a', name: 'z-1', pvc: 'z', pv, engine: 'zfs', sizeGi: 5, cls: 'zfs-snap', node: 'n1' });
  const inv = await inventoryOf(b);
  assert.equal(inv.snapshots.map((s) => [s.id, s.engine, s.volumeId, s.readyToUse, s.engineState, s.restoreSizeBytes]),
    [['a/z-1', 'localpv-zfs', pv, true, 'Ready', 5 * 2 ** 30]]);
});

test('replicas of a volume', async () => {
  const v = found(demo, 'mysql-data');
  assert.is(replicasOf(demo, v).length, 3);
  assert.equal(replicasOf(demo, v).filter((r) => r.state === 'Offline').map((r) => r.node), ['storage-3']);
});

test('storage classes: engine, default, expansion, counts; nodes', async () => {
  const hp = demo.storageClasses.find((s) => s.name === 'openebs-hostpath')!;
  assert.is(hp.engine, 'localpv-hostpath');
  assert.is(hp.isDefault, true);
  assert.is(hp.allowVolumeExpansion, false);
  assert.is(hp.volumeCount, 6);
  const dev = demo.storageClasses.find((s) => s.name === 'openebs-device')!;
  assert.is(dev.engine, 'localpv-device');
  const m3 = demo.storageClasses.find((s) => s.name === 'mayastor-3')!;
  assert.is(m3.engine, 'mayastor');
  assert.is(m3.allowVolumeExpansion, true);
  assert.is(m3.parameters.repl, '3');
  const bad = demo.nodes.find((n) => n.name === 'ip-10-0-3-17')!;
  assert.is(bad.ready, false);
  assert.match(bad.reasons[0], /NotReady/);
});

test('the bigram filter never drops a name within reach (against a brute-force scan)', async () => {
  const { NameIndex, editDistance: ed, maxDistance } = await import('../../src/openebs/suggest.js');
  const names = ['kafka-logs', 'kafka-logs-1', 'aaaa-bbbb', 'abab-abab', 'pg-wal', 'mysql-data', 'es-data-0', 'zookeeper-data', 'loki-chunks', 'a', 'ab'];
  const ix = new NameIndex(names);
  for (const q of ['kafak-logs', 'aaab-bbbb', 'baba-abab', 'pg-wall', 'zookeper-data', 'lokichunks', 'b', 'es-dta-0', 'kafka']) {
    const max = maxDistance(q);
    const brute = names.filter((n) => n.startsWith(q) || q.startsWith(n) || (q.length >= 3 && (n.includes(q) || q.includes(n))) || ed(q, n, max) <= max);
    assert.equal(ix.suggest(q, 100).sort(), brute.sort(), q);
  }
});

test.run();
