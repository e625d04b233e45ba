import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diskPool } from '../../src/openebs/demo/pools.js';
import { addVolume, type MayastorReplicaSpec } from '../../src/openebs/demo/volumes.js';
import { baseCluster, inventoryOf, vol } from './helpers.js';

const J = ['n1', 'n2', 'n3'];

test('Jiva RW/Ready is Healthy; replicas from replicaStatus', async () => {
  const b = baseCluster();
  const pv = addVolume(b, { engine: 'jiva', ns: 'ci', pvc: 'j', sc: 'jiva', sizeGi: 5, node: 'n2', jiva: { mode: 'RW', replicaNodes: J } })!;
  const inv = await inventoryOf(b);
  const v = vol(inv, 'j');
  assert.is(v.engine, 'jiva');
  assert.is(v.health, 'Healthy');
  assert.is(v.engineStatus, 'RW/Ready');
  assert.equal(v.replicas, { desired: 3, healthy: 3, total: 3 });
  assert.not.ok(v.readOnly);
  assert.equal(inv.replicas.filter((r) => r.volumeId === pv).map((r) => r.node), J);   // replica pods by IP
  assert.is(v.targetNode, 'n2');                                                          // the controller pod
});

test('Jiva RO is Degraded and read-only, with replica modes explained', async () => {
  const b = baseCluster();
  const pv = addVolume(b, { engine: 'jiva', ns: 'ci', pvc: 'j', sc: 'jiva', sizeGi: 5, node: 'n2', jiva: { mode: 'RO', replicaModes: ['RW', 'ERR', 'WO'], replicaNodes: J } })!;
  const inv = await inventoryOf(b);
  const v = vol(inv, 'j');
  assert.is(v.health, 'Degraded');
  assert.is(v.readOnly, true);
  assert.is(v.engineStatus, 'RO/Syncing');
  assert.ok(v.reasons[0].startsWith('read-only'), v.reasons[0]);
  assert.ok(v.reasons.includes('1 of 3 replicas in error (ERR)'));
  assert.ok(v.reasons.includes('1 of 3 replicas rebuilding (WO)'));
  assert.equal(inv.replicas.filter((r) => r.volumeId === pv).map((r) => r.state), ['Healthy', 'Faulted', 'Rebuilding']);
});

test('Jiva phases: Failed -> Faulted, Pending -> Pending, Unknown -> Unknown', async () => {
  for (const [phase, health] of [['Failed', 'Faulted'], ['Pending', 'Pending'], ['Unknown', 'Unknown']] as const) {
    const b = baseCluster();
    addVolume(b, { engine: 'jiva', ns: 'ci', pvc: 'j', sc: 'jiva', sizeGi: 5, node: 'n2', jiva: { mode: '', phase, replicaNodes: J } });
    const v = vol(await inventoryOf(b), 'j');
    assert.is(v.health, health, phase);
    assert.ok(v.reasons.length > 0);
  }
});

function maya(replicas: MayastorReplicaSpec[], status?: string, more: (b: ReturnType<typeof baseCluster>) => void = () => {}) {
  const b = baseCluster();
  for (const i of [1, 2, 3]) diskPool(b, { name: `p${i}`, node: `s${i}`, capacityGi: 100, usedGi: 40 });
  more(b);
  const pv = addVolume(b, { engine: 'mayastor', ns: 'kafka', pvc: 'm', sc: 'ms', sizeGi: 10, node: 'n1', used: 0.3, mayastor: { replicas, status, targetNode: 's1' } })!;
  return { b, pv };
}
const R = (i: number, extra: Partial<MayastorReplicaSpec> = {}): MayastorReplicaSpec => ({ pool: `p${i}`, node: `s${i}`, ...extra });

test('Mayastor Online: Healthy, engineId is the UUID, PV is pvc-<uuid>, target node', async () => {
  const { b, pv } = maya([R(1), R(2), R(3)]);
  const inv = await inventoryOf(b);
  const v = vol(inv, 'm');
  assert.is(v.engine, 'mayastor');
  assert.is(v.health, 'Healthy');
  assert.is(v.engineStatus, 'Online');
  assert.is(`pvc-${v.engineId}`, pv);
  assert.is(v.targetNode, 's1');
  assert.equal(v.attachedNodes, ['n1']);
  assert.equal(v.poolIds, ['p1', 'p2', 'p3']);
  assert.equal(v.replicas, { desired: 3, healthy: 3, total: 3 });
});

test('Mayastor Degraded with a child rebuilding -> Rebuilding with progress', async () => {
  const { b, pv } = maya([R(1), R(2), R(3, { rebuild: 42 })], 'Degraded');
  const inv = await inventoryOf(b);
  const v = vol(inv, 'm');
  assert.is(v.health, 'Rebuilding');
  assert.is(v.engineStatus, 'Degraded');
  assert.equal(v.replicas, { desired: 3, healthy: 2, total: 3 });
  assert.ok(v.reasons.some((r) => r.includes('42%') && r.includes('s3')), v.reasons.join(' | '));
  const rebuilding = inv.replicas.find((r) => r.volumeId === pv && r.state === 'Rebuilding')!;
  assert.is(rebuilding.rebuildProgressPct, 42);
  assert.is(rebuilding.poolId, 'p3');
});

test('Mayastor Degraded without a rebuild stays Degraded; Faulted child OutOfSpace explained', async () => {
  const { b } = maya([R(1), R(2), R(3, { state: 'Faulted', child: 'Faulted', reason: 'OutOfSpace' })], 'Degraded');
  const v = vol(await inventoryOf(b), 'm');
  assert.is(v.health, 'Degraded');
  assert.ok(v.reasons.some((r) => r.includes('full (OutOfSpace)')), v.reasons.join(' | '));
});

test('Mayastor Faulted and Shutdown', async () => {
  assert.is(vol(await inventoryOf(maya([R(1)], 'Faulted').b), 'm').health, 'Faulted');
  assert.is(vol(await inventoryOf(maya([R(1)], 'Shutdown').b), 'm').health, 'Offline');
});

test('Mayastor without REST data: Unknown with a reason; allocation is the fallback for usage', async () => {
  const { b } = maya([R(1), R(2), R(3)]);
  const v = vol(await inventoryOf(b, 't', (raw) => { raw.mayastor = undefined; }), 'm');
  assert.is(v.health, 'Unknown');
  assert.match(v.reasons[0], /REST API not reachable/);
  const v2 = vol(await inventoryOf(b, 't', (raw) => { raw.kubeletStats = {}; }), 'm');
  assert.is(v2.usedSource, 'mayastor-allocated');
  assert.is(v2.usedBytes, 10 * 2 ** 30);   // thick: fully allocated
});

test('DiskPools: REST state, Creating -> Pending, thin overcommit', async () => {
  const { b } = maya([R(1)], 'Online', (b) => {
    diskPool(b, { name: 'p4', node: 's1', capacityGi: 100, usedGi: 10, committedGi: 150 });
    diskPool(b, { name: 'p5', node: 's2', capacityGi: 100, usedGi: 0, status: 'Degraded' });
  });
  const dsp = b.find('DiskPool', 'p1')!;
  dsp.status = { cr_state: 'Creating' };
  b.mayastor.pools = b.mayastor.pools.filter((p) => p.id !== 'p1');
  const inv = await inventoryOf(b);
  const by = (id: string) => inv.pools.find((p) => p.id === id)!;
  assert.is(by('p1').status, 'Pending');
  assert.is(by('p2').status, 'Online');
  assert.is(by('p2').kind, 'diskpool');
  assert.is(Math.round(by('p2').usedPct!), 40);
  assert.ok(by('p4').reasons.some((r) => r.startsWith('overcommitted: 150%')));
  assert.is(by('p5').status, 'Degraded');
});

test('a DiskPool whose io-engine node is Offline in the REST API', async () => {
  const { b } = maya([R(1)]);
  b.mayastor.nodes.find((n) => n.id === 's2')!.state.status = 'Offline';
  const p = (await inventoryOf(b)).pools.find((x) => x.id === 'p2')!;
  assert.is(p.status, 'Offline');
  assert.ok(p.reasons.includes('io-engine on s2 is Offline'));
});

test.run();
