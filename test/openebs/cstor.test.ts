import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cstorPoolCluster } from '../../src/openebs/demo/pools.js';
import { addVolume } from '../../src/openebs/demo/volumes.js';
import { CSTOR3, baseCluster, inventoryOf, vol } from './helpers.js';

function cluster(usedGi = [100, 100, 100]) {
  const b = baseCluster();
  cstorPoolCluster(b, 'cp', CSTOR3.map((p, i) => ({ name: p.cspi, node: p.node, totalGi: 100 * 2, usedGi: usedGi[i] })));
  return b;
}

test('a healthy 3-replica cStor volume', async () => {
  const b = cluster();
  const pv = addVolume(b, { engine: 'cstor', ns: 'db', pvc: 'a', sc: 'cstor', sizeGi: 10, node: 'n1', used: 0.5, cstor: { pools: CSTOR3 } })!;
  const inv = await inventoryOf(b);
  const v = vol(inv, 'a');
  assert.is(v.id, pv);
  assert.is(v.engine, 'cstor');
  assert.is(v.health, 'Healthy');
  assert.is(v.engineStatus, 'Healthy');
  assert.equal(v.replicas, { desired: 3, healthy: 3, total: 3 });
  assert.equal(v.poolIds.sort(), ['cp-aaaa', 'cp-bbbb', 'cp-cccc']);
  assert.equal(v.attachedNodes, ['n1']);
  assert.is(v.targetNode, 's1');                       // the cstor-target pod
  assert.is(v.reasons.length, 0);
  assert.is(v.usedSource, 'kubelet');
  assert.ok(Math.abs(v.usedPct! - 50) < 0.5);
  assert.ok(v.refs.some((r) => r.kind === 'CStorVolumeReplica'));
  const reps = inv.replicas.filter((r) => r.volumeId === pv);
  assert.is(reps.length, 3);
  assert.ok(reps.every((r) => r.state === 'Healthy' && r.node && r.poolId));
});

test('CV Healthy while one CVR is Offline -> Degraded, "1 of 3 replicas offline"', async () => {
  const b = cluster();
  addVolume(b, { engine: 'cstor', ns: 'db', pvc: 'a', sc: 'cstor', sizeGi: 10, node: 'n1', cstor: { pools: CSTOR3, cvPhase: 'Healthy', cvrPhases: ['Healthy', 'Healthy', 'Offline'] } });
  const v = vol(await inventoryOf(b), 'a');
  assert.is(v.engineStatus, 'Healthy');
  assert.is(v.health, 'Degraded');
  assert.equal(v.replicas, { desired: 3, healthy: 2, total: 3 });
  assert.ok(v.reasons.includes('1 of 3 replicas offline'), v.reasons.join(' | '));
  assert.ok(v.reasons.some((r) => r.includes('reduced redundancy')));
});

test('CV phases map: Offline, Degraded, Init, Error', async () => {
  for (const [phase, health] of [['Offline', 'Offline'], ['Degraded', 'Degraded'], ['Init', 'Pending'], ['Error', 'Faulted'], ['Invalid', 'Faulted']] as const) {
    const b = cluster();
    addVolume(b, { engine: 'cstor', ns: 'db', pvc: 'a', sc: 'cstor', sizeGi: 10, node: 'n1', cstor: { pools: CSTOR3, cvPhase: phase, cvrPhases: ['Healthy', 'Offline', 'Offline'] } });
    const v = vol(await inventoryOf(b), 'a');
    assert.is(v.health, health, phase);
    assert.is(v.engineStatus, phase);
    assert.ok(v.reasons.length > 0, phase);
  }
});

test('CVR phases map to replica states', async () => {
  const b = cluster();
  const pv = addVolume(b, { engine: 'cstor', ns: 'db', pvc: 'a', sc: 'cstor', sizeGi: 10, node: 'n1', cstor: { pools: CSTOR3, cvPhase: 'Degraded', cvrPhases: ['Rebuilding', 'NewReplicaDegraded', 'Error'] } })!;
  const inv = await inventoryOf(b);
  const states = inv.replicas.filter((r) => r.volumeId === pv).map((r) => r.state);
  assert.equal(states, ['Rebuilding', 'Degraded', 'Faulted']);
  const v = vol(inv, 'a');
  assert.ok(v.reasons.some((r) => r === '1 of 3 replicas rebuilding'), v.reasons.join(' | '));
});

test('no CV yet: CVC Pending -> Pending', async () => {
  const b = cluster();
  const pv = addVolume(b, { engine: 'cstor', ns: 'db', pvc: 'a', sc: 'cstor', sizeGi: 10, node: 'n1', cstor: { pools: CSTOR3 } })!;
  b.objects = b.objects.filter((o) => !(o.kind === 'CStorVolume' && o.metadata.name === pv));
  b.find('CStorVolumeConfig', pv)!.status.phase = 'Pending';
  const v = vol(await inventoryOf(b), 'a');
  assert.is(v.health, 'Pending');
  assert.match(v.reasons[0], /CStorVolumeConfig Pending/);
});

test('a read-only pool: pool record and the volumes on it say so', async () => {
  const b = cluster([100, 174, 60]);   // 87 % of 200Gi
  addVolume(b, { engine: 'cstor', ns: 'db', pvc: 'a', sc: 'cstor', sizeGi: 10, node: 'n1', cstor: { pools: CSTOR3 } });
  const inv = await inventoryOf(b);
  const pool = inv.pools.find((p) => p.id === 'cp-bbbb')!;
  assert.is(pool.readOnly, true);
  assert.is(pool.kind, 'cstor-pool-instance');
  assert.is(pool.cluster, 'cp');
  assert.is(Math.round(pool.usedPct!), 87);
  assert.ok(pool.reasons.some((r) => r.startsWith('pool read-only at 87%')), pool.reasons.join(' | '));
  assert.ok(vol(inv, 'a').reasons.some((r) => r.includes('read-only at 87%')));
  const ok = inv.pools.find((p) => p.id === 'cp-cccc')!;
  assert.is(ok.readOnly, false);
  assert.is(ok.reasons.length, 0);
});

test('CSPI phases map to pool statuses; running low at 80 %', async () => {
  const b = cluster([162, 100, 100]);   // 81 %
  b.find('CStorPoolInstance', 'cp-bbbb')!.status.phase = 'OFFLINE';
  b.find('CStorPoolInstance', 'cp-cccc')!.status.phase = 'FAULTED';
  const inv = await inventoryOf(b);
  const by = (id: string) => inv.pools.find((p) => p.id === id)!;
  assert.is(by('cp-aaaa').status, 'Online');
  assert.ok(by('cp-aaaa').reasons.some((r) => r.includes('81% full')));
  assert.is(by('cp-bbbb').status, 'Offline');
  assert.is(by('cp-bbbb').rawStatus, 'OFFLINE');
  assert.is(by('cp-cccc').status, 'Faulted');
});

test('without kubelet stats, usage falls back to the first Healthy CVR', async () => {
  const b = cluster();
  addVolume(b, { engine: 'cstor', ns: 'db', pvc: 'a', sc: 'cstor', sizeGi: 10, node: 'n1', used: 0.5, cstor: { pools: CSTOR3 } });
  const inv = await inventoryOf(b, 'test', (raw) => { raw.kubeletStats = {}; });
  const v = vol(inv, 'a');
  assert.is(v.usedSource, 'cstor-cvr');
  assert.ok(v.usedBytes! > 4 * 2 ** 30 && v.usedBytes! < 6 * 2 ** 30, String(v.usedBytes));
});

test.run();
