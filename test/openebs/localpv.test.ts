import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lvmNode, zfsNode } from '../../src/openebs/demo/pools.js';
import { addVolume } from '../../src/openebs/demo/volumes.js';
import { baseCluster, inventoryOf, vol } from './helpers.js';

test('LVM Ready: Healthy, pool is the VG on the owner node', async () => {
  const b = baseCluster();
  lvmNode(b, 'n1', [{ name: 'lvmvg', sizeGi: 100, freeGi: 30, lvCount: 1 }]);
  addVolume(b, { engine: 'lvm', ns: 'mon', pvc: 'prom', sc: 'lvm', sizeGi: 50, node: 'n1', used: 0.2 });
  const inv = await inventoryOf(b);
  const v = vol(inv, 'prom');
  assert.is(v.engine, 'localpv-lvm');
  assert.is(v.health, 'Healthy');
  assert.is(v.engineStatus, 'Ready');
  assert.equal(v.poolIds, ['lvmvg@n1']);
  assert.equal(v.replicas, { desired: 1, healthy: 1, total: 1 });
  const pool = inv.pools.find((p) => p.id === 'lvmvg@n1')!;
  assert.is(pool.kind, 'lvm-vg');
  assert.is(Math.round(pool.usedPct!), 70);
  assert.is(pool.replicaCount, 1);
});

test('LVM Failed: Faulted with the error message', async () => {
  const b = baseCluster();
  addVolume(b, { engine: 'lvm', ns: 'mon', pvc: 'prom', sc: 'lvm', sizeGi: 50, node: 'n1', state: 'Failed', error: { code: 'Internal', message: 'lvcreate: exit status 5' } });
  const v = vol(await inventoryOf(b), 'prom');
  assert.is(v.health, 'Faulted');
  assert.match(v.reasons.join(' '), /lvcreate: exit status 5/);
});

test('LVM PVC pending for capacity: a Volume keyed <ns>/<pvc>, Pending, reasons from LVMVolume and events', async () => {
  const b = baseCluster();
  addVolume(b, { engine: 'lvm', ns: 'mon', pvc: 'thanos', sc: 'lvm', sizeGi: 500, node: 'n3', pendingPvc: true,
    error: { code: 'InsufficientCapacity', message: 'no vg available to serve volume request having regex="^lvmvg$" & capacity="536870912000"' } });
  b.event({ kind: 'PersistentVolumeClaim', name: 'thanos', namespace: 'mon' }, 'Warning', 'ProvisioningFailed', 'rpc error: code = ResourceExhausted desc = no vg available', 2, 5);
  const inv = await inventoryOf(b);
  const v = vol(inv, 'thanos');
  assert.is(v.id, 'mon/thanos');
  assert.is(v.health, 'Pending');
  assert.is(v.pvPhase, 'Pending');
  assert.is(v.engine, 'localpv-lvm');
  assert.is(v.requestedBytes, 500 * 2 ** 30);
  assert.match(v.reasons[0], /^pending for capacity: no volume group .* has 500Gi free/);
  assert.ok(v.reasons.some((r) => r.startsWith('ProvisioningFailed (x5)')));
  assert.ok(v.refs.some((r) => r.kind === 'LVMVolume'));
});

test('a Pending PVC with nothing else: waiting for a consumer', async () => {
  const b = baseCluster();
  b.storageClass('lvm-wffc', 'local.csi.openebs.io', {}, { binding: 'WaitForFirstConsumer' });
  b.add({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: b.meta('PersistentVolumeClaim', 'idle', 'x'),
    spec: { storageClassName: 'lvm-wffc', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } });
  const v = vol(await inventoryOf(b), 'idle');
  assert.is(v.health, 'Pending');
  assert.match(v.reasons[0], /WaitForFirstConsumer/);
});

test('a local volume on a NotReady node is Offline', async () => {
  const b = baseCluster();
  b.node('bad', { ready: false });
  addVolume(b, { engine: 'lvm', ns: 'a', pvc: 'l', sc: 'lvm', sizeGi: 5, node: 'bad' });
  addVolume(b, { engine: 'zfs', ns: 'a', pvc: 'z', sc: 'zfs', sizeGi: 5, node: 'bad' });
  addVolume(b, { engine: 'hostpath', ns: 'a', pvc: 'h', sc: 'hp', sizeGi: 5, node: 'bad' });
  addVolume(b, { engine: 'device', ns: 'a', pvc: 'd', sc: 'dev', sizeGi: 5, node: 'bad' });
  const inv = await inventoryOf(b);
  for (const name of ['l', 'z', 'h', 'd']) {
    const v = vol(inv, name);
    assert.is(v.health, 'Offline', name);
    assert.match(v.reasons[0], /node bad is NotReady/);
    assert.is(v.replicas.healthy, 0);
  }
  assert.is(inv.nodes.find((n) => n.name === 'bad')!.ready, false);
  assert.is(inv.pools.find((p) => p.id === 'hostpath@bad')!.status, 'Offline');
});

test('LVM VG with a missing PV or read-only is a Degraded pool', async () => {
  const b = baseCluster();
  lvmNode(b, 'n1', [{ name: 'lvmvg', sizeGi: 100, freeGi: 50, missingPvCount: 1 }, { name: 'ro', sizeGi: 10, freeGi: 5, permissions: 1 }]);
  lvmNode(b, 'n2', [{ name: 'lvmvg', sizeGi: 100, freeGi: 5 }]);
  addVolume(b, { engine: 'lvm', ns: 'a', pvc: 'l', sc: 'lvm', sizeGi: 5, node: 'n1' });
  const inv = await inventoryOf(b);
  const by = (id: string) => inv.pools.find((p) => p.id === id)!;
  assert.is(by('lvmvg@n1').status, 'Degraded');
  assert.match(by('lvmvg@n1').reasons[0], /1 physical volume missing/);
  assert.is(by('ro@n1').status, 'Degraded');
  assert.is(by('ro@n1').readOnly, true);
  assert.ok(by('lvmvg@n2').reasons.includes('pool 95% full'));
  assert.ok(vol(inv, 'l').reasons.some((r) => r.includes('physical volume missing')));
});

test('ZFS: Ready, pool total = free + used, Failed', async () => {
  const b = baseCluster();
  zfsNode(b, 'n2', [{ name: 'zfspv-pool', freeGi: 75, usedGi: 25 }]);
  addVolume(b, { engine: 'zfs', ns: 'a', pvc: 'z', sc: 'zfs', sizeGi: 5, node: 'n2' });
  addVolume(b, { engine: 'zfs', ns: 'a', pvc: 'zf', sc: 'zfs', sizeGi: 5, node: 'n2', state: 'Failed' });
  const inv = await inventoryOf(b);
  const v = vol(inv, 'z');
  assert.is(v.engine, 'localpv-zfs');
  assert.is(v.health, 'Healthy');
  assert.equal(v.poolIds, ['zfspv-pool@n2']);
  const pool = inv.pools.find((p) => p.id === 'zfspv-pool@n2')!;
  assert.is(pool.capacityBytes, 100 * 2 ** 30);
  assert.is(pool.usedPct, 25);
  assert.is(vol(inv, 'zf').health, 'Faulted');
});

test('hostpath: usage is the node filesystem, shared and flagged; pool is the node fs', async () => {
  const b = baseCluster();
  b.node('w', { fsCapacityGi: 100, fsUsedGi: 93 });
  addVolume(b, { engine: 'hostpath', ns: 'a', pvc: 'h1', sc: 'hp', sizeGi: 5, node: 'w' });
  addVolume(b, { engine: 'hostpath', ns: 'a', pvc: 'h2', sc: 'hp', sizeGi: 20, node: 'w' });
  const inv = await inventoryOf(b);
  const [h1, h2] = [vol(inv, 'h1'), vol(inv, 'h2')];
  assert.is(h1.engine, 'localpv-hostpath');
  assert.is(h1.health, 'Healthy');
  assert.is(h1.usedSource, 'kubelet-hostpath-fs');
  assert.is(h1.usedBytes, h2.usedBytes);
  assert.is(h1.usedPct, 93);
  assert.ok(h1.reasons.some((r) => r.includes('node filesystem 93% full') && r.includes('shared')), h1.reasons.join(' | '));
  assert.not.ok(h1.reasons.some((r) => r.startsWith('nearly full')));
  const pool = inv.pools.find((p) => p.id === 'hostpath@w')!;
  assert.is(pool.kind, 'hostpath-node-fs');
  assert.is(pool.replicaCount, 2);
});

test('device: engine from the BDC annotation and SC; Released PV is not Healthy', async () => {
  const b = baseCluster();
  const pv = addVolume(b, { engine: 'device', ns: 'a', pvc: 'd', sc: 'dev', sizeGi: 50, node: 'n1', used: 0.95 })!;
  addVolume(b, { engine: 'hostpath', ns: 'a', pvc: 'r', sc: 'hp', sizeGi: 1, node: 'n1' });
  const rel = b.objects.find((o) => o.kind === 'PersistentVolume' && o.spec.claimRef.name === 'r')!;
  rel.status.phase = 'Released';
  const inv = await inventoryOf(b);
  const v = vol(inv, 'd');
  assert.is(v.id, pv);
  assert.is(v.engine, 'localpv-device');
  assert.ok(v.refs.some((r) => r.kind === 'BlockDeviceClaim'));
  assert.ok(v.reasons.some((r) => r.startsWith('nearly full: 95%')));
  assert.is(vol(inv, 'r').health, 'Unknown');
  assert.is(vol(inv, 'r').pvPhase, 'Released');
});

test('legacy pre-CSI cStor is recognised and reported as unsupported; foreign PVs are skipped', async () => {
  const b = baseCluster();
  b.add({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: b.meta('PersistentVolume', 'pvc-legacy', undefined, {
    labels: { 'openebs.io/cas-type': 'cstor' }, annotations: { 'pv.kubernetes.io/provisioned-by': 'openebs.io/provisioner-iscsi' } }),
    spec: { capacity: { storage: '5G' }, iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.2016-09.com.openebs.cstor:pvc-legacy', lun: 0 },
      claimRef: { namespace: 'old', name: 'legacy-data' }, storageClassName: 'openebs-cstor-sparse', accessModes: ['ReadWriteOnce'] }, status: { phase: 'Bound' } });
  b.add({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: b.meta('PersistentVolume', 'pvc-ebs'),
    spec: { capacity: { storage: '5Gi' }, csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1' }, storageClassName: 'gp3' }, status: { phase: 'Bound' } });
  const inv = await inventoryOf(b);
  const v = inv.volumes.find((x) => x.id === 'pvc-legacy')!;
  assert.is(v.engine, 'legacy-cstor');
  assert.is(v.health, 'Unknown');
  assert.match(v.reasons[0], /legacy .*unsupported/);
  assert.is(v.capacityBytes, 5e9);
  assert.not.ok(inv.volumes.some((x) => x.id === 'pvc-ebs'));
  assert.ok(inv.warnings.some((w) => w.includes('1 non-OpenEBS')));
});

test.run();
