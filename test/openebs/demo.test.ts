// The bundled demo dump: consistent with its generator, every engine, the vocabulary's names, and the trouble.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadDump, parseDump } from '../../src/kube/dump.js';
import { buildDemo } from '../../src/openebs/demo/demo.js';
import { buildBig } from '../../src/openebs/demo/big.js';
import { rawClusterFromDump } from '../../src/openebs/from-dump.js';
import { normalize } from '../../src/openebs/normalize.js';
import { findVolume, listPools, listVolumes } from '../../src/openebs/lookup.js';
import type { Inventory, Volume } from '../../src/openebs/types.js';

const FILE = new URL('../../examples/demo-cluster.yaml', import.meta.url);
const vocab = JSON.parse(readFileSync(new URL('../../corpus/vocab-demo.json', import.meta.url), 'utf8'));
let inv: Inventory;

test.before(async () => {
  inv = normalize(rawClusterFromDump(await loadDump(FILE.pathname), 'prod-east'));
});

const v = (pvc: string): Volume => {
  const r = findVolume(inv, pvc);
  if (r.kind !== 'found') throw new Error(`${pvc}: ${r.kind}`);
  return r.item;
};

test('the committed YAML is what the generator makes', () => {
  const text = readFileSync(FILE, 'utf8');
  assert.ok(text.endsWith(buildDemo().toYaml('')), 'run: node --import tsx scripts/gen-dump.ts --demo');
});

test('at least 40 volumes over every engine, several namespaces and nodes, names from the vocabulary', () => {
  assert.ok(inv.volumes.length >= 40, String(inv.volumes.length));
  const engines = new Set(inv.volumes.map((x) => x.engine));
  for (const e of ['mayastor', 'cstor', 'jiva', 'localpv-lvm', 'localpv-zfs', 'localpv-hostpath', 'localpv-device']) assert.ok(engines.has(e as any), e);
  for (const x of inv.volumes) {
    assert.ok(vocab.volume.includes(x.pvc!.name), x.pvc!.name);
    assert.ok(vocab.namespace.includes(x.pvc!.namespace), x.pvc!.namespace);
    if (x.storageClass) assert.ok(vocab.storageclass.includes(x.storageClass), x.storageClass);
  }
  assert.ok(new Set(inv.volumes.map((x) => x.pvc!.namespace)).size >= 5);
  for (const n of inv.nodes) assert.ok(vocab.node.includes(n.name), n.name);
  for (const p of inv.pools) {
    const name = p.id.split('@')[0];
    if (p.kind !== 'hostpath-node-fs') assert.ok(vocab.pool.includes(name), p.id);
  }
  for (const s of inv.snapshots) assert.ok(vocab.snapshot.includes(s.name), s.name);
  assert.is(inv.warnings.length, 0, inv.warnings.join('; '));
});

test('trouble: Mayastor degraded and rebuilding', () => {
  const x = v('kafka-logs');
  assert.is(x.engine, 'mayastor');
  assert.is(x.health, 'Rebuilding');
  assert.is(x.engineStatus, 'Degraded');
  assert.ok(inv.replicas.some((r) => r.volumeId === x.id && r.rebuildProgressPct === 42));
});

test('trouble: cStor Healthy with one of three replicas offline', () => {
  const x = v('mysql-data');
  assert.is(x.engineStatus, 'Healthy');
  assert.is(x.health, 'Degraded');
  assert.ok(x.reasons.includes('1 of 3 replicas offline'));
});

test('trouble: cStor pool read-only at 87%', () => {
  const p = listPools(inv, { status: 'unhealthy', engine: 'cstor' });
  assert.is(p.length, 1);
  assert.is(p[0].id, 'cstor-disk-pool-m2bd');
  assert.ok(p[0].reasons[0].startsWith('pool read-only at 87%'));
});

test('trouble: LVM PVC pending for capacity, hostpath on a NotReady node, nearly full, Jiva read-only', () => {
  const t = v('thanos-store');
  assert.is(t.health, 'Pending');
  assert.is(t.id, 'monitoring/thanos-store');
  assert.match(t.reasons[0], /pending for capacity/);
  const s = v('spark-scratch');
  assert.is(s.health, 'Offline');
  assert.equal(s.attachedNodes, ['ip-10-0-3-17']);
  const l = v('loki-chunks');
  assert.ok(l.usedPct! >= 90 && l.usedSource === 'kubelet');
  assert.ok(l.reasons[0].startsWith('nearly full'));
  const g = v('gitlab-repos');
  assert.is(g.health, 'Degraded');
  assert.is(g.readOnly, true);
});

test('the unhealthy list is exactly the trouble, worst first', () => {
  const names = listVolumes(inv, { health: 'unhealthy' }).map((x) => x.pvc!.name);
  assert.equal(names, ['spark-scratch', 'gitlab-repos', 'mysql-data', 'kafka-logs', 'thanos-store']);
  assert.ok(listVolumes(inv, { health: 'attention' }).some((x) => x.pvc!.name === 'loki-chunks'));
});

test('events and kubelet stats are in the dump', () => {
  assert.ok(inv.volumes.filter((x) => x.usedSource === 'kubelet').length > 30);
  assert.ok(inv.volumes.filter((x) => x.usedSource === 'kubelet-hostpath-fs').length >= 5);
});

test('the benchmark generator is deterministic and covers every engine', () => {
  const a = buildBig(60, 7).toYaml();
  assert.is(a, buildBig(60, 7).toYaml());
  assert.is.not(a, buildBig(60, 8).toYaml());
  const big = normalize(rawClusterFromDump(parseDump(a, 'big'), 'big'));
  assert.is(big.volumes.length, 60);
  assert.ok(new Set(big.volumes.map((x) => x.engine)).size >= 6);
});

test.run();
