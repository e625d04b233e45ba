import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDump } from '../../src/kube/dump.js';
import { diskPool } from '../../src/openebs/demo/pools.js';
import { addVolume } from '../../src/openebs/demo/volumes.js';
import { rawClusterFromDump } from '../../src/openebs/from-dump.js';
import { normalize } from '../../src/openebs/normalize.js';
import { baseCluster, inventoryOf, vol } from './helpers.js';

test('missing API groups become missing engines; reader warnings pass through', async () => {
  const b = baseCluster();
  const inv = await inventoryOf(b, 'c1', (raw) => {
    raw.missingGroups = ['cstor.openebs.io', 'zfs.openebs.io', 'jivavolumes.openebs.io'];
    raw.warnings = ['403 list lvmvolumes.local.openebs.io'];
  });
  assert.equal(inv.missingEngines.sort(), ['cstor', 'jiva', 'localpv-zfs']);
  assert.equal(inv.warnings, ['403 list lvmvolumes.local.openebs.io']);
  assert.is(inv.cluster, 'c1');
  assert.is(inv.fetchedAt, '2026-11-20T09:00:00.000Z');
});

test('a dump with SimulatorConfig missingGroups, old API groups (JivaVolume v1alpha1, ZFS on openebs.io) and foreign kinds', async () => {
  const b = baseCluster();
  const pvJ = addVolume(b, { engine: 'jiva', ns: 'a', pvc: 'j', sc: 'jiva', sizeGi: 1, node: 'n1', jiva: { mode: 'RW', replicaNodes: ['n1'] } })!;
  const pvZ = addVolume(b, { engine: 'zfs', ns: 'a', pvc: 'z', sc: 'zfs', sizeGi: 1, node: 'n1' })!;
  b.find('JivaVolume', pvJ)!.apiVersion = 'openebs.io/v1alpha1';
  b.find('ZFSVolume', pvZ)!.apiVersion = 'openebs.io/v1alpha1';
  b.add({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', namespace: 'openebs' } });
  const text = b.toYaml() + '---\napiVersion: mulebot.openebs.io/v1\nkind: SimulatorConfig\nmetadata: {name: sim}\nmissingGroups: [cstor.openebs.io]\n';
  const raw = rawClusterFromDump(parseDump(text), 't');
  assert.is(raw.objects.jivaVolumes.length, 1);
  assert.is(raw.objects.zfsVolumes.length, 1);
  assert.equal(raw.missingGroups, ['cstor.openebs.io']);
  assert.ok(raw.warnings.some((w) => w.includes('apps/v1/Deployment')));
  const inv = normalize(raw);
  assert.is(vol(inv, 'j').health, 'Healthy');
  assert.is(vol(inv, 'z').health, 'Healthy');
  assert.equal(inv.missingEngines, ['cstor']);
});

test('a Lost PVC (its PV deleted) is a Faulted volume', async () => {
  const b = baseCluster();
  addVolume(b, { engine: 'lvm', ns: 'a', pvc: 'l', sc: 'lvm', sizeGi: 1, node: 'n1' });
  const pv = b.objects.find((o) => o.kind === 'PersistentVolume')!;
  b.objects = b.objects.filter((o) => o !== pv);
  b.objects.find((o) => o.kind === 'PersistentVolumeClaim')!.status = { phase: 'Lost' };
  const v = vol(await inventoryOf(b), 'l');
  assert.is(v.id, 'a/l');
  assert.is(v.health, 'Faulted');
  assert.is(v.reasons[0], `PVC Lost: its PersistentVolume ${pv.metadata.name} no longer exists`);
});

test('resizing: PVC request above the PV size', async () => {
  const b = baseCluster();
  addVolume(b, { engine: 'zfs', ns: 'a', pvc: 'z', sc: 'zfs', sizeGi: 10, requestGi: 20, node: 'n1' });
  const v = vol(await inventoryOf(b), 'z');
  assert.is(v.resizing, true);
  assert.is(v.capacityBytes, 10 * 2 ** 30);
  assert.is(v.requestedBytes, 20 * 2 ** 30);
});

test('a replicated volume whose consumer node is NotReady keeps its health but says why the app cannot reach it', async () => {
  const b = baseCluster();
  b.node('gone', { ready: false });
  for (const i of [1, 2, 3]) diskPool(b, { name: `p${i}`, node: `s${i}`, capacityGi: 100, usedGi: 10 });
  addVolume(b, { engine: 'mayastor', ns: 'a', pvc: 'm', sc: 'ms', sizeGi: 1, node: 'gone', mayastor: { replicas: [1, 2, 3].map((i) => ({ pool: `p${i}`, node: `s${i}` })) } });
  const v = vol(await inventoryOf(b), 'm');
  assert.is(v.health, 'Healthy');
  assert.ok(v.reasons.some((r) => r.startsWith('attached node gone is NotReady')));
});

test('only OpenEBS storage classes are listed, with their engines', async () => {
  const b = baseCluster();
  b.storageClass('gp3', 'ebs.csi.aws.com');
  const inv = await inventoryOf(b);
  assert.not.ok(inv.storageClasses.some((s) => s.name === 'gp3'));
  assert.equal(inv.storageClasses.map((s) => [s.name, s.engine]).sort(), [['cstor', 'cstor'], ['dev', 'localpv-device'], ['hp', 'localpv-hostpath'],
    ['jiva', 'jiva'], ['lvm', 'localpv-lvm'], ['ms', 'mayastor'], ['zfs', 'localpv-zfs']]);
});

test('the record shapes serialise to plain JSON (no undefined-only keys, no cycles)', async () => {
  const b = baseCluster();
  addVolume(b, { engine: 'hostpath', ns: 'a', pvc: 'h', sc: 'hp', sizeGi: 1, node: 'n1' });
  const inv = await inventoryOf(b);
  const back = JSON.parse(JSON.stringify(inv));
  assert.equal(Object.keys(back).sort(), ['cluster', 'fetchedAt', 'missingEngines', 'nodes', 'pools', 'replicas', 'snapshots', 'storageClasses', 'volumes', 'warnings']);
  assert.is(back.volumes[0].pvc.name, 'h');
});

test.run();
