// Action plans (checked against the cluster; a plan itself never writes: the dialogue carries it out after a yes,
// see test/dialogue/actions.test.ts) and manifest YAML, against the demo cluster.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { pinAction, runCommand } from '../../src/commands/index.js';
import type { CommandResult, ResultOf } from '../../src/commands/types.js';
import { demoCtx, GiB, NOW } from './helpers.js';

function as<K extends CommandResult['kind']>(r: CommandResult, kind: K): ResultOf<K> {
  assert.is(r.kind, kind, `expected ${kind}, got ${r.kind}: ${JSON.stringify(r).slice(0, 300)}`);
  return r as ResultOf<K>;
}

test('volume.expand: pg-wal by 10Gi is allowed, planned, not executed', async () => {
  const r = as(await runCommand({ intent: 'volume.expand', volume: { query: 'pg-wal' }, sizeBytes: 10 * GiB, relative: true }, await demoCtx()), 'plan');
  assert.is(r.executed, false);
  assert.equal(r.problems, []);
  assert.is(r.plan.action, 'volume.expand');
  if (r.plan.action !== 'volume.expand') return;
  assert.is(r.plan.fromBytes, 20 * GiB);
  assert.is(r.plan.toBytes, 30 * GiB);
  assert.ok(r.steps[0].includes('20Gi -> 30Gi'));
});

test('volume.expand with mixed units: "by 10 gigs" on 20Gi rounds up to whole MiB; decimal targets stay decimal', async () => {
  const by = as(await runCommand({ intent: 'volume.expand', volume: { query: 'pg-wal' }, sizeBytes: 10e9, relative: true }, await demoCtx()), 'plan');
  if (by.plan.action !== 'volume.expand') return assert.unreachable();
  assert.is(by.plan.toBytes % (1024 ** 2), 0);
  assert.ok(by.plan.toBytes >= 20 * GiB + 10e9 && by.plan.toBytes < 20 * GiB + 10e9 + 1024 ** 2);
  assert.match(by.steps[0], /20Gi -> \d+Mi/);
  const to = as(await runCommand({ intent: 'volume.expand', volume: { query: 'pg-wal' }, sizeBytes: 100e9, relative: false }, await demoCtx()), 'plan');
  assert.match(to.steps[0], '20Gi -> 100G');
});

test('pinAction: the command a yes carries out is the plan as shown (absolute size, the snapshot name)', async () => {
  const ctx = await demoCtx();
  const grow = as(await runCommand({ intent: 'volume.expand', volume: { query: 'pg-wal' }, sizeBytes: 10 * GiB, relative: true }, ctx), 'plan');
  const g = pinAction(grow.plan);
  assert.equal(g.command, { intent: 'volume.expand', volume: { query: 'payments/pg-wal' }, sizeBytes: 30 * GiB, relative: false });
  assert.equal(g.pin, { fromBytes: 20 * GiB });
  // planned again later (another "now"), the pinned command keeps its target and name
  const later = { ...ctx, now: new Date(NOW.getTime() + 3600_000) };
  const again = as(await runCommand(g.command, later), 'plan');
  assert.is(again.plan.action === 'volume.expand' && again.plan.toBytes, 30 * GiB);
  const snap = as(await runCommand({ intent: 'snapshot.create', volume: { query: 'pg-wal' } }, ctx), 'plan');
  const s = pinAction(snap.plan);
  const snapLater = as(await runCommand(s.command, later), 'plan');
  assert.is(snapLater.plan.action === 'snapshot.create' && snapLater.plan.snapshotName, snap.plan.action === 'snapshot.create' && snap.plan.snapshotName);
});

test('volume.expand refusals: hostpath, shrink, same size, resize in flight, LVM with snapshots', async () => {
  const ctx = await demoCtx();
  const hp = as(await runCommand({ intent: 'volume.expand', volume: { query: 'redis-cache' }, sizeBytes: 10 * GiB, relative: false }, ctx), 'plan');
  assert.ok(hp.problems.some((p) => /Hostpath volumes cannot be expanded/.test(p)));
  const shrink = as(await runCommand({ intent: 'volume.expand', volume: { query: 'mysql-data' }, sizeBytes: 40 * GiB, relative: false }, ctx), 'plan');
  assert.ok(shrink.problems.some((p) => /cannot shrink/.test(p)));
  const same = as(await runCommand({ intent: 'volume.expand', volume: { query: 'mysql-data' }, sizeBytes: 50 * GiB, relative: false }, ctx), 'plan');
  assert.ok(same.problems.some((p) => /already 50Gi/.test(p)));
  const resizing = as(await runCommand({ intent: 'volume.expand', volume: { query: 'mlflow-artifacts' }, sizeBytes: 200 * GiB, relative: false }, ctx), 'plan');
  assert.ok(resizing.problems.some((p) => /already in progress/.test(p)));
  const vault = as(await runCommand({ intent: 'volume.expand', volume: { query: 'vault-raft' }, sizeBytes: 5 * GiB, relative: true }, ctx), 'plan');
  assert.ok(vault.problems.some((p) => /snapshots/.test(p)));
  const big = as(await runCommand({ intent: 'volume.expand', volume: { query: 'loki-chunks' }, sizeBytes: 1000 * GiB, relative: true }, ctx), 'plan');
  assert.ok(big.problems.some((p) => /lvmvg@worker-3 .* free/.test(p)), big.problems.join('|'));
});

test('volume.expand: a class without allowVolumeExpansion is refused', async () => {
  const ctx = await demoCtx();
  const inv = ctx.cluster.inventory;
  const scs = inv.storageClasses.map((s) => (s.name === 'mayastor-3' ? { ...s, allowVolumeExpansion: false } : s));
  const r = as(await runCommand({ intent: 'volume.expand', volume: { query: 'pg-wal' }, sizeBytes: 30 * GiB, relative: false },
    { ...ctx, cluster: { ...ctx.cluster, inventory: { ...inv, storageClasses: scs } } }), 'plan');
  assert.ok(r.problems.some((p) => /allowVolumeExpansion/.test(p)));
});

test('snapshot.create: pg-wal with the Mayastor class; hostpath and jiva refused; unknown volume suggested', async () => {
  const ctx = await demoCtx();
  const r = as(await runCommand({ intent: 'snapshot.create', volume: { query: 'pg-wal' }, snapshotName: 'pg-wal-before' }, ctx), 'plan');
  assert.equal(r.problems, []);
  if (r.plan.action !== 'snapshot.create') throw new Error('wrong plan');
  assert.is(r.plan.snapshotClass, 'mayastor-snapshotclass');
  const doc = parse(r.plan.manifest);
  assert.equal(doc.spec, { volumeSnapshotClassName: 'mayastor-snapshotclass', source: { persistentVolumeClaimName: 'pg-wal' } });
  assert.is(doc.metadata.namespace, 'payments');
  const hp = as(await runCommand({ intent: 'snapshot.create', volume: { query: 'redis-cache' } }, ctx), 'plan');
  assert.ok(hp.problems.some((p) => /cannot be snapshotted/.test(p)));
  const jiva = as(await runCommand({ intent: 'snapshot.create', volume: { query: 'jenkins-home' } }, ctx), 'plan');
  assert.ok(jiva.problems.length > 0);
  const dup = as(await runCommand({ intent: 'snapshot.create', volume: { query: 'pg-wal' }, snapshotName: 'pg-wal-snap-1' }, ctx), 'plan');
  assert.ok(dup.problems.some((p) => /already exists/.test(p)));
  as(await runCommand({ intent: 'snapshot.create', volume: { query: 'pg-wall' } }, ctx), 'not-found');
});

test('snapshot.create: given snapshot classes, a driver without one is refused', async () => {
  const ctx = await demoCtx({ snapshotClasses: [{ name: 'csi-cstor-snapshotclass', driver: 'cstor.csi.openebs.io' }] });
  const r = as(await runCommand({ intent: 'snapshot.create', volume: { query: 'pg-wal' } }, ctx), 'plan');
  assert.ok(r.problems.some((p) => /no VolumeSnapshotClass/.test(p)));
  const ok = as(await runCommand({ intent: 'snapshot.create', volume: { query: 'mysql-data' } }, ctx), 'plan');
  assert.equal(ok.problems, []);
});

test('snapshot.delete: found, planned; unknown suggested', async () => {
  const r = as(await runCommand({ intent: 'snapshot.delete', snapshot: 'orders-db-snap' }, await demoCtx()), 'plan');
  assert.ok(r.steps[0].includes('payments/orders-db-snap'));
  const nf = as(await runCommand({ intent: 'snapshot.delete', snapshot: 'orders-db-snp' }, await demoCtx()), 'not-found');
  assert.ok(nf.suggestions.includes('orders-db-snap'));
});

test('alert.mute / unmute: target checked and normalized, until computed', async () => {
  const ctx = await demoCtx();
  const r = as(await runCommand({ intent: 'alert.mute', target: { kind: 'volume', name: 'loki-chunks' }, durationSeconds: 7200 }, ctx), 'plan');
  if (r.plan.action !== 'alert.mute') throw new Error('wrong plan');
  assert.equal(r.plan.target, { kind: 'volume', name: 'logging/loki-chunks' });
  assert.is(r.plan.until, new Date(NOW.getTime() + 7200_000).toISOString());
  as(await runCommand({ intent: 'alert.mute', target: { kind: 'pool', name: 'no-such-pool' } }, ctx), 'not-found');
  const un = as(await runCommand({ intent: 'alert.unmute', target: { kind: 'all' } }, await demoCtx({ alerts: { mutes: [] } })), 'plan');
  assert.ok(un.problems.some((p) => /not muted/.test(p)));
  // a mute stored under the PVC name is found from "logging/loki-chunks" and unmuted under its own name
  const mutes = [{ target: { kind: 'volume' as const, name: 'loki-chunks' }, until: new Date(NOW.getTime() + 60_000) }];
  const un2 = as(await runCommand({ intent: 'alert.unmute', target: { kind: 'volume', name: 'logging/loki-chunks' } }, await demoCtx({ alerts: { mutes } })), 'plan');
  assert.equal(un2.problems, []);
  assert.equal(un2.plan, { action: 'alert.unmute', target: { kind: 'volume', name: 'loki-chunks' } });
});

test('manifest.generate: a 20Gi Mayastor PVC with 3 replicas uses mayastor-3', async () => {
  const r = as(await runCommand({ intent: 'manifest.generate', spec: { kind: 'pvc', engine: 'mayastor', replicas: 3, sizeBytes: 20 * GiB, name: 'orders', namespace: 'payments' } }, await demoCtx()), 'manifest');
  const doc = parse(r.yaml);
  assert.is(doc.kind, 'PersistentVolumeClaim');
  assert.equal(doc.metadata, { name: 'orders', namespace: 'payments' });
  assert.is(doc.spec.storageClassName, 'mayastor-3');
  assert.is(doc.spec.resources.requests.storage, '20Gi');
  const one = as(await runCommand({ intent: 'manifest.generate', spec: { kind: 'pvc', engine: 'mayastor', replicas: 1 } }, await demoCtx()), 'manifest');
  assert.is(parse(one.yaml).spec.storageClassName, 'mayastor-1');
  assert.ok(one.notes.some((n) => /10Gi/.test(n)));
});

test('manifest.generate: StorageClass per engine, VolumeSnapshot of a volume', async () => {
  const ctx = await demoCtx();
  const cstor = parse(as(await runCommand({ intent: 'manifest.generate', spec: { kind: 'storageclass', engine: 'cstor', replicas: 2 } }, ctx), 'manifest').yaml);
  assert.is(cstor.provisioner, 'cstor.csi.openebs.io');
  assert.equal(cstor.parameters, { 'cas-type': 'cstor', cstorPoolCluster: 'cstor-disk-pool', replicaCount: '2' });
  const lvm = parse(as(await runCommand({ intent: 'manifest.generate', spec: { kind: 'storageclass', engine: 'localpv-lvm' } }, ctx), 'manifest').yaml);
  assert.is(lvm.provisioner, 'local.csi.openebs.io');
  assert.is(lvm.parameters.volgroup, 'lvmvg');
  assert.ok(lvm.allowVolumeExpansion);
  const hp = parse(as(await runCommand({ intent: 'manifest.generate', spec: { kind: 'storageclass', engine: 'localpv-hostpath', name: 'fast-local' } }, ctx), 'manifest').yaml);
  assert.is(hp.metadata.name, 'fast-local');
  assert.is(hp.provisioner, 'openebs.io/local');
  assert.is(hp.volumeBindingMode, 'WaitForFirstConsumer');
  const snap = parse(as(await runCommand({ intent: 'manifest.generate', spec: { kind: 'volumesnapshot', volume: 'mysql-data' } }, ctx), 'manifest').yaml);
  assert.equal(snap.spec, { volumeSnapshotClassName: 'csi-cstor-snapshotclass', source: { persistentVolumeClaimName: 'mysql-data' } });
  assert.is(snap.metadata.namespace, 'data');
  as(await runCommand({ intent: 'manifest.generate', spec: { kind: 'volumesnapshot', volume: 'redis-cache' } }, ctx), 'unsupported');
});

test.run();
