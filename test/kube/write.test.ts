// The writes of confirmed actions (src/kube/write.ts through src/openebs/actions.ts) against the simulator with the
// real client: create / delete a VolumeSnapshot, patch a PVC, and each failure as a typed WriteFailure: 403 with
// the permission, 404, 409 from a stale resourceVersion or uid precondition, an unreachable cluster.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer } from 'node:net';
import { KubeWriter } from '../../src/kube/write.js';
import { simKubeConfig, startSimulator, type Simulator } from '../../src/kube/sim/index.js';
import { REQUESTED_BY, storageWrites, type StorageWrites, type WriteOutcome } from '../../src/openebs/actions.js';
import { fixture } from './helpers.js';

let sim: Simulator;
let kube: KubeWriter;
let w: StorageWrites;

test.before(async () => {
  sim = await startSimulator(fixture({ controllers: false }));
  kube = new KubeWriter(sim.kubeConfig, 'prod-east');
  w = storageWrites(kube);
});
test.after(async () => { kube?.close(); await sim?.close(); });

function ok<T>(r: WriteOutcome<T>): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.error)}`);
  return r.value;
}
function failed<T>(r: WriteOutcome<T>) {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value)}`);
  return r.error;
}

test('create, read and delete a VolumeSnapshot; the creator is annotated', async () => {
  assert.is(ok(await w.snapshot('payments', 'w-snap')), undefined);
  const made = ok(await w.createSnapshot({ namespace: 'payments', name: 'w-snap', pvc: 'pg-data', snapshotClass: 'csi-cstor-snapshotclass', requestedBy: 'U1' }));
  assert.equal([made.namespace, made.name, made.pvc, made.snapshotClass], ['payments', 'w-snap', 'pg-data', 'csi-cstor-snapshotclass']);
  assert.is(sim.get({ kind: 'VolumeSnapshot', namespace: 'payments', name: 'w-snap' })!.metadata.annotations![REQUESTED_BY], 'U1');
  const again = failed(await w.createSnapshot({ namespace: 'payments', name: 'w-snap', pvc: 'pg-data' }));
  assert.is(again.kind, 'conflict');
  assert.match(again.message, /already exists/);
  const live = ok(await w.snapshot('payments', 'w-snap'))!;
  // a delete bound to another object's uid (the name re-used since) is refused
  const stale = failed(await w.deleteSnapshot('payments', 'w-snap', 'another-uid'));
  assert.equal([stale.kind, stale.status], ['conflict', 409]);
  assert.ok(sim.get({ kind: 'VolumeSnapshot', namespace: 'payments', name: 'w-snap' }));
  ok(await w.deleteSnapshot('payments', 'w-snap', live.uid));
  assert.not.ok(sim.get({ kind: 'VolumeSnapshot', namespace: 'payments', name: 'w-snap' }));
  const gone = failed(await w.deleteSnapshot('payments', 'w-snap'));
  assert.is(gone.kind, 'not-found');
});

test('patch a PVC size, bound to the version read: a changed PVC is a 409 and stays as it is', async () => {
  const before = ok(await w.pvc('payments', 'pg-data'))!;
  assert.is(before.requested, '10Gi');
  assert.is(before.requestedBytes, 10 * 2 ** 30);
  const after = ok(await w.resizePvc('payments', 'pg-data', '12Gi', before.resourceVersion));
  assert.is(after.requested, '12Gi');
  const conflict = failed(await w.resizePvc('payments', 'pg-data', '20Gi', before.resourceVersion));
  assert.equal([conflict.kind, conflict.status], ['conflict', 409]);
  assert.match(conflict.message, /the object has been modified/);
  assert.is(ok(await w.pvc('payments', 'pg-data'))!.requested, '12Gi');
  assert.is(ok(await w.pvc('payments', 'nope')), undefined);
  assert.is(failed(await w.resizePvc('payments', 'nope', '1Gi')).kind, 'not-found');
});

test('403: the permission that is missing, for each write', async () => {
  sim.forbid('delete', 'volumesnapshots.snapshot.storage.k8s.io');
  sim.forbid('patch', 'persistentvolumeclaims');
  try {
    const del = failed(await w.deleteSnapshot('payments', 'pg-wal-snap-1'));
    assert.equal([del.kind, del.permission], ['forbidden', 'delete volumesnapshots.snapshot.storage.k8s.io']);
    assert.is(del.message, 'cluster prod-east: missing permission delete volumesnapshots.snapshot.storage.k8s.io');
    const patch = failed(await w.resizePvc('payments', 'pg-data', '30Gi'));
    assert.equal([patch.kind, patch.permission], ['forbidden', 'patch persistentvolumeclaims']);
  } finally {
    sim.allow('delete', 'volumesnapshots.snapshot.storage.k8s.io');
    sim.allow('patch', 'persistentvolumeclaims');
  }
});

test('the simulator\'s snapshot controller: a deleted VolumeSnapshot takes its content along', async () => {
  const live = await startSimulator(fixture());
  const kw = new KubeWriter(live.kubeConfig, 'prod-east');
  try {
    const added = new Promise<string>((resolve) => {
      const off = live.store.subscribe({ key: 'volumeSnapshotContents', match: () => true,
        send: (ev) => { if (ev.type === 'ADDED') { off(); resolve(ev.object.metadata.name); } } });
    });
    ok(await storageWrites(kw).createSnapshot({ namespace: 'payments', name: 'cascade', pvc: 'pg-data', snapshotClass: 'csi-cstor-snapshotclass' }));
    const content = await added;
    const removed = new Promise<void>((resolve) => {
      const off = live.store.subscribe({ key: 'volumeSnapshotContents', match: (o) => o.metadata.name === content,
        send: (ev) => { if (ev.type === 'DELETED') { off(); resolve(); } } });
    });
    ok(await storageWrites(kw).deleteSnapshot('payments', 'cascade'));
    await removed;
    assert.not.ok(live.get({ kind: 'VolumeSnapshotContent', name: content }));
  } finally { kw.close(); await live.close(); }
});

test('an unreachable cluster is a failure with its cause, not a throw', async () => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as any).port; s.close(() => resolve(p)); });
  });
  const down = new KubeWriter(simKubeConfig(`http://127.0.0.1:${port}`), 'gone', { timeoutMs: 2000 });
  try {
    const f = failed(await storageWrites(down).createSnapshot({ namespace: 'a', name: 'b', pvc: 'c' }));
    assert.is(f.kind, 'unreachable');
    assert.match(f.message, /cluster gone unreachable: ECONNREFUSED/);
  } finally { down.close(); }
});

test.run();
