// connectCluster against the simulator: the real client-node, informers, stats and Mayastor proxies, writes, and
// the failure paths (missing engine, 403, unreachable, timeouts, dropped watches, 410 relist).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer } from 'node:net';
import { connectCluster, type ClusterConnection } from '../../src/kube/connection.js';
import { simKubeConfig, startSimulator } from '../../src/kube/sim/index.js';
import { RESOURCES } from '../../src/kube/resources.js';
import { KubeWriter } from '../../src/kube/write.js';
import { fixture, FIXTURE, nextChange, nextList, PV } from './helpers.js';

async function open(simulator?: Record<string, unknown>, extra: { timeoutMs?: number } = {}): Promise<ClusterConnection> {
  const conn = await connectCluster({ name: 'prod-east', clusterDump: fixture(simulator), statsIntervalMs: 0, ...extra });
  await conn.start();
  return conn;
}

test('every resource of the table is synced from a dump file, with stats and Mayastor', async () => {
  const conn = await connectCluster({ name: 'prod-east', clusterDump: FIXTURE, statsIntervalMs: 0 });
  try {
    await conn.start();
    const snap = conn.snapshot();
    for (const r of RESOURCES) assert.ok(snap.objects[r.key].length > 0, `${r.key} synced`);
    assert.is(snap.objects.cstorVolumeReplicas.length, 3);
    assert.is(conn.versions.get('diskPools'), 'v1beta2');
    assert.is(conn.versions.get('zfsVolumes'), 'v1');
    assert.equal(snap.missingGroups, []);
    assert.is(snap.kubeletStats['worker-1'].pods[0].volume![0].usedBytes, 9000000000);
    assert.is(snap.mayastor?.volumes.length, 3);
    assert.is(snap.mayastor?.pools[0].id, 'pool-storage-1');
    assert.equal(snap.kubeletStats['worker-2'].pods, []);
    assert.equal(snap.warnings, []);
    assert.is(conn.snapshot(), snap, 'unchanged cache: the same snapshot');
  } finally { await conn.stop(); }
});

test('a mutation reaches the cache through the watch', async () => {
  const conn = await open();
  try {
    const sim = conn.simulator!;
    const seen = nextChange(conn, (ev) => ev.key === 'cstorVolumes' && ev.object.status?.phase === 'Offline');
    const cv = sim.get({ kind: 'CStorVolume', namespace: 'openebs', name: PV })!;
    sim.upsert({ ...cv, status: { phase: 'Offline' } });
    const ev = await seen;
    assert.is(ev.type, 'update');
    assert.is(conn.snapshot().objects.cstorVolumes[0].status.phase, 'Offline');
    const gone = nextChange(conn, (e) => e.type === 'delete' && e.key === 'pods');
    sim.remove({ kind: 'Pod', namespace: 'payments', name: 'pg-0' });
    await gone;
    assert.is(conn.snapshot().objects.pods.length, 0);
  } finally { await conn.stop(); }
});

test('a dropped watch reconnects and catches up (ended streams and reset sockets)', async () => {
  const conn = await open();
  try {
    const sim = conn.simulator!;
    for (const abrupt of [false, true]) {
      const reconnected = new Promise<void>((resolve) => { const cb = (k: string) => { if (k === 'pvcs') { conn.off('connect', cb); resolve(); } }; conn.on('connect', cb); });
      assert.ok(sim.dropWatches({ abrupt }) > 0);
      // changed while the watch is down: the resumed watch replays it from the history
      const pvc = sim.get({ kind: 'PersistentVolumeClaim', namespace: 'kafka', name: 'kafka-logs' })!;
      const seen = nextChange(conn, (ev) => ev.key === 'pvcs' && ev.object.metadata.labels?.round === String(abrupt));
      sim.upsert({ ...pvc, metadata: { ...pvc.metadata, labels: { ...pvc.metadata.labels, round: String(abrupt) } } });
      await reconnected;
      await seen;
    }
    assert.is(conn.snapshot().objects.pvcs.find((p) => p.metadata.name === 'kafka-logs')?.metadata.labels?.round, 'true');
  } finally { await conn.stop(); }
});

test('the server ends each watch after timeoutSeconds; the informer reconnects and stays current', async () => {
  const conn = await connectCluster({ name: 'prod-east', clusterDump: fixture(), statsIntervalMs: 0, watchTimeoutSeconds: 1 });
  try {
    await conn.start();
    // the first reconnect of the nodes watch comes when the server closes it after 1 s
    await new Promise<void>((resolve) => { const cb = (k: string) => { if (k === 'nodes') { conn.off('connect', cb); resolve(); } }; conn.on('connect', cb); });
    const sim = conn.simulator!;
    const node = sim.get({ kind: 'Node', name: 'worker-2' })!;
    const seen = nextChange(conn, (ev) => ev.key === 'nodes' && ev.object.spec?.unschedulable === true);
    sim.upsert({ ...node, spec: { unschedulable: true } });
    await seen;
    assert.is(conn.get('nodes', 'worker-2')?.spec.unschedulable, true);
  } finally { await conn.stop(); }
});

test('410 Gone on resume: the informer relists and sees a change whose event was lost', async () => {
  const conn = await open();
  try {
    const sim = conn.simulator!;
    const relisted = nextList(conn, 'cstorPoolInstances');
    const cspi = sim.get({ kind: 'CStorPoolInstance', namespace: 'openebs', name: 'cstor-disk-pool-z9rt' })!;
    sim.upsert({ ...cspi, status: { ...cspi.status, readOnly: true } }, { silent: true });
    sim.compact();
    sim.dropWatches();
    await relisted;
    const pool = conn.snapshot().objects.cstorPoolInstances.find((p) => p.metadata.name === 'cstor-disk-pool-z9rt');
    assert.is(pool?.status.readOnly, true);
  } finally { await conn.stop(); }
});

test('a missing engine group is not an error: it is listed in missingGroups', async () => {
  const conn = await open({ missingGroups: ['cstor.openebs.io', 'zfs.openebs.io'] });
  try {
    const snap = conn.snapshot();
    assert.equal(snap.missingGroups, ['cstor.openebs.io', 'zfs.openebs.io']);
    assert.is(snap.objects.cstorVolumes.length, 0);
    assert.is(snap.objects.lvmVolumes.length, 1);
    assert.not.ok(snap.warnings.some((w) => w.includes('cstor')));
  } finally { await conn.stop(); }
});

test('a 403 becomes a warning naming the permission; the rest works', async () => {
  const conn = await open({ forbidden: [{ verb: 'list', resource: 'cstorvolumereplicas.cstor.openebs.io' }, { verb: 'get', resource: 'nodes/proxy' }] });
  try {
    const snap = conn.snapshot();
    assert.ok(snap.warnings.includes('cluster prod-east: missing permission list cstorvolumereplicas.cstor.openebs.io'), snap.warnings.join('\n'));
    assert.ok(snap.warnings.some((w) => w.startsWith('cluster prod-east: missing permission get nodes/proxy')));
    assert.is(snap.objects.cstorVolumeReplicas.length, 0);
    assert.is(snap.objects.cstorVolumes.length, 1);
    assert.equal(snap.kubeletStats, {});
  } finally { await conn.stop(); }
});

test('an unreachable cluster fails with the cluster name and the cause', async () => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as any).port; s.close(() => resolve(p)); });
  });
  const conn = await connectCluster({ name: 'prod-east', kubeConfig: simKubeConfig(`http://127.0.0.1:${port}`), statsIntervalMs: 0 });
  try {
    await conn.start();
    assert.unreachable('start() should fail');
  } catch (err: any) {
    assert.is(err.message, `cluster prod-east unreachable: ECONNREFUSED 127.0.0.1:${port}`);
    assert.is(err.kind, 'unreachable');
  } finally { await conn.stop(); }
});

test('timeouts: a hung apiserver fails start(), a hung kubelet only loses its stats', async () => {
  const sim = await startSimulator(fixture());
  try {
    sim.hang('/apis');
    const stuck = await connectCluster({ name: 'prod-east', kubeConfig: sim.kubeConfig, timeoutMs: 200, statsIntervalMs: 0 });
    const err = await stuck.start().then(() => undefined, (e) => e);
    await stuck.stop();
    assert.is(err?.message, 'cluster prod-east: GET /apis timed out after 200 ms');
    sim.unhang();
    sim.hang('/api/v1/nodes/worker-1/proxy');
    const conn = await connectCluster({ name: 'prod-east', kubeConfig: sim.kubeConfig, timeoutMs: 300, statsIntervalMs: 0 });
    await conn.start();
    const snap = conn.snapshot();
    assert.is(snap.kubeletStats['worker-1'], undefined);
    assert.ok(snap.warnings.includes('cluster prod-east: kubelet stats unavailable for worker-1'), snap.warnings.join('\n'));
    assert.is(snap.objects.pvs.length, 1);
    await conn.stop();
  } finally { await sim.close(); }
});

test('stats and Mayastor refresh on demand; Mayastor volumes are read across pages', async () => {
  const conn = await open();
  try {
    const sim = conn.simulator!;
    const volumes = Array.from({ length: 1203 }, (_, i) => ({ spec: { uuid: `vol-${i}` }, state: { uuid: `vol-${i}`, status: 'Online' } }));
    sim.setMayastor({ volumes, pools: [], nodes: [] });
    sim.setKubeletStats('worker-2', { pods: [{ podRef: { name: 'p', namespace: 'web' }, volume: [] }] });
    await conn.refreshStats();
    const snap = conn.snapshot();
    assert.is(snap.mayastor?.volumes.length, 1203);
    assert.is(snap.mayastor?.volumes[1202].spec.uuid, 'vol-1202');
    assert.is(snap.kubeletStats['worker-2'].pods[0].podRef.name, 'p');
    sim.setMayastor(undefined);
    await conn.refreshStats();
    assert.is(conn.snapshot().mayastor, undefined);
    assert.ok(conn.snapshot().warnings.some((w) => w.includes('Mayastor REST API at openebs/openebs-api-rest:8081 unavailable')));
  } finally { await conn.stop(); }
});

test('events of an object; a VolumeSnapshot created and a PVC resized through the writer reach the watch cache', async () => {
  const conn = await open();
  const kw = new KubeWriter(conn.simulator!.kubeConfig, 'prod-east', { cache: conn, snapshotVersion: conn.versions.get('volumeSnapshots') });
  try {
    const events = await conn.events({ kind: 'CStorVolume', name: PV, namespace: 'openebs' });
    assert.equal(events.map((e) => e.reason), ['Degraded']);
    assert.is(typeof events[0].metadata.creationTimestamp, 'string');
    const ready = nextChange(conn, (ev) => ev.key === 'volumeSnapshots' && ev.object.metadata.name === 'pg-wal-snap-2' && ev.object.status?.readyToUse === true);
    const snap = await kw.createVolumeSnapshot({ namespace: 'payments', name: 'pg-wal-snap-2', pvcName: 'pg-data', snapshotClassName: 'csi-cstor-snapshotclass' });
    assert.is(snap.metadata.name, 'pg-wal-snap-2');
    assert.is((await ready).object.status.restoreSize, '10Gi');
    const resized = nextChange(conn, (ev) => ev.key === 'pvs' && ev.object.spec.capacity.storage === '15Gi');
    const pvc = await kw.patchPvcStorage('payments', 'pg-data', '15Gi');
    assert.is(pvc.spec.resources.requests.storage, '15Gi');
    await resized;
    const err = await kw.patchPvcStorage('payments', 'nope', '1Gi').then(() => undefined, (e) => e);
    assert.match(err.message, /^cluster prod-east: not found: persistentvolumeclaims "nope" not found/);
    conn.simulator!.forbid('create', 'volumesnapshots.snapshot.storage.k8s.io');
    const denied = await kw.createVolumeSnapshot({ namespace: 'payments', name: 'x', pvcName: 'pg-data' }).then(() => undefined, (e) => e);
    assert.is(denied.message, 'cluster prod-east: missing permission create volumesnapshots.snapshot.storage.k8s.io');
  } finally { await conn.stop(); }
});

test.run();
