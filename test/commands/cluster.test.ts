// Pool, cluster, snapshot, storage class, alert and help handlers against the demo cluster.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCommand } from '../../src/commands/index.js';
import type { CommandResult, ResultOf } from '../../src/commands/types.js';
import { demoCtx, GiB, linear, NOW } from './helpers.js';

function as<K extends CommandResult['kind']>(r: CommandResult, kind: K): ResultOf<K> {
  assert.is(r.kind, kind, `expected ${kind}, got ${r.kind}: ${JSON.stringify(r).slice(0, 300)}`);
  return r as ResultOf<K>;
}

test('pool.list: 18 pools, the offline and read-only ones first', async () => {
  const r = as(await runCommand({ intent: 'pool.list', filter: {} }, await demoCtx()), 'pool.list');
  assert.is(r.total, 18);
  assert.equal(r.countsByStatus, { Offline: 1, Online: 17 });
  assert.equal(r.pools.slice(0, 2).map((p) => p.id), ['hostpath@ip-10-0-3-17', 'cstor-disk-pool-m2bd']);
  const cstor = as(await runCommand({ intent: 'pool.list', filter: { engine: 'cstor' } }, await demoCtx()), 'pool.list');
  assert.is(cstor.total, 3);
  const bad = as(await runCommand({ intent: 'pool.list', filter: { status: 'unhealthy' } }, await demoCtx()), 'pool.list');
  assert.equal(bad.pools.map((p) => p.id), ['hostpath@ip-10-0-3-17', 'cstor-disk-pool-m2bd']);
});

test('pool.list running low, volumes needing attention', async () => {
  const low = as(await runCommand({ intent: 'pool.list', filter: { lowSpace: true } }, await demoCtx()), 'pool.list');
  assert.ok(low.pools.some((p) => p.id === 'cstor-disk-pool-m2bd'));
  assert.not.ok(low.pools.some((p) => p.id === 'lvmvg@worker-2'));
  const att = as(await runCommand({ intent: 'volume.list', filter: { health: 'attention' } }, await demoCtx()), 'volume.list');
  assert.ok(att.volumes.some((v) => v.pvc?.name === 'loki-chunks'));
  assert.ok(att.volumes.some((v) => v.pvc?.name === 'mysql-data'));
  assert.not.ok(att.volumes.some((v) => v.pvc?.name === 'pg-wal'));
});

test('pool.status: cstor-disk-pool-m2bd is read-only at 87% and holds 8 volumes', async () => {
  const r = as(await runCommand({ intent: 'pool.status', pool: 'cstor-disk-pool-m2bd' }, await demoCtx()), 'pool.status');
  assert.ok(r.pool.readOnly);
  assert.is(r.pool.usedPct, 87);
  assert.is(r.volumes.length, 8);
  assert.is(r.volumes[0].pvc?.name, 'mysql-data');
});

test('pool.status: "lvmvg" names three pools: ambiguous; a typo gets suggestions', async () => {
  const amb = as(await runCommand({ intent: 'pool.status', pool: 'lvmvg' }, await demoCtx()), 'ambiguous');
  assert.is(amb.candidates.length, 3);
  assert.ok(amb.candidates.every((c) => c.value.startsWith('lvmvg@')));
  const nf = as(await runCommand({ intent: 'pool.status', pool: 'cstor-disk-pool-m2bx' }, await demoCtx()), 'not-found');
  assert.is(nf.suggestions[0], 'cstor-disk-pool-m2bd');
});

test('cluster.health: counts, worst volumes and pools, the NotReady node', async () => {
  const r = as(await runCommand({ intent: 'cluster.health' }, await demoCtx()), 'cluster.health');
  assert.is(r.totalVolumes, 42);
  assert.is(r.volumeCounts.Healthy, 37);
  assert.equal(r.worstVolumes.map((v) => v.pvc?.name), ['spark-scratch', 'gitlab-repos', 'mysql-data', 'kafka-logs', 'thanos-store']);
  assert.equal(r.worstPools.map((p) => p.id), ['hostpath@ip-10-0-3-17', 'cstor-disk-pool-m2bd']);
  assert.equal(r.nodesNotReady.map((n) => n.name), ['ip-10-0-3-17']);
  assert.is(r.totalNodes, 10);
  assert.equal(r.missingEngines, []);
});

test('cluster.list: the current cluster alone, or the channel\'s clusters with reachability', async () => {
  const one = as(await runCommand({ intent: 'cluster.list' }, await demoCtx()), 'cluster.list');
  assert.equal(one.clusters.map((c) => [c.name, c.reachable, c.volumeCount]), [['prod-east', true, 42]]);
  const ctx = await demoCtx({ clusters: [{ name: 'staging', reachable: false, reason: 'connect ECONNREFUSED' }, { name: 'prod-east', reachable: true, current: true }] });
  const two = as(await runCommand({ intent: 'cluster.list' }, ctx), 'cluster.list');
  assert.equal(two.clusters.map((c) => c.name), ['prod-east', 'staging']);
  assert.is(two.clusters[1].reason, 'connect ECONNREFUSED');
});

test('snapshot.list: all five, the failed one first; by volume', async () => {
  const all = as(await runCommand({ intent: 'snapshot.list' }, await demoCtx()), 'snapshot.list');
  assert.is(all.total, 5);
  assert.is(all.snapshots[0].name, 'vault-raft-daily');
  assert.not.ok(all.snapshots[0].readyToUse);
  const pg = as(await runCommand({ intent: 'snapshot.list', volume: { query: 'pg-wal' } }, await demoCtx()), 'snapshot.list');
  assert.equal(pg.snapshots.map((s) => s.name), ['pg-wal-snap-1']);
  const ns = as(await runCommand({ intent: 'snapshot.list', namespace: 'payments' }, await demoCtx()), 'snapshot.list');
  assert.equal(ns.snapshots.map((s) => s.name).sort(), ['orders-db-snap', 'pg-wal-snap-1']);
});

test('storageclass.list: 8 classes, the default first, with volume counts', async () => {
  const r = as(await runCommand({ intent: 'storageclass.list' }, await demoCtx()), 'storageclass.list');
  assert.is(r.storageClasses.length, 8);
  assert.is(r.storageClasses[0].name, 'openebs-hostpath');
  assert.ok(r.storageClasses[0].isDefault);
  assert.is(r.storageClasses.find((s) => s.name === 'cstor-csi-disk')?.volumeCount, 8);
  const ms = as(await runCommand({ intent: 'storageclass.list', engine: 'mayastor' }, await demoCtx()), 'storageclass.list');
  assert.equal(ms.storageClasses.map((s) => s.name), ['mayastor-1', 'mayastor-3']);
});

test('an engine whose API is missing: engine-not-installed', async () => {
  const ctx = await demoCtx();
  const inv = { ...ctx.cluster.inventory, missingEngines: ['localpv-zfs' as const] };
  const r = await runCommand({ intent: 'volume.list', filter: { engine: 'localpv-zfs' } }, { ...ctx, cluster: { ...ctx.cluster, inventory: inv } });
  assert.equal(as(r, 'engine-not-installed').engine, 'localpv-zfs');
});

test('alert.list: the demo problems, critical first', async () => {
  const r = as(await runCommand({ intent: 'alert.list' }, await demoCtx()), 'alert.list');
  const keys = r.alerts.map((a) => a.key);
  for (const k of ['replica-lost/data/mysql-data', 'replica-lost/ci/gitlab-repos', 'replica-lost/kafka/kafka-logs', 'volume-full/logging/loki-chunks',
    'pool-read-only/cstor-disk-pool-m2bd', 'volume-unhealthy/analytics/spark-scratch', 'node-not-ready/ip-10-0-3-17']) {
    assert.ok(keys.includes(k), `missing ${k} in ${keys.join(', ')}`);
  }
  const sev = r.alerts.map((a) => a.severity);
  assert.equal(sev, sev.slice().sort((a, b) => Number(a === 'warning') - Number(b === 'warning')));
  assert.is(r.alerts.find((a) => a.key === 'volume-full/logging/loki-chunks')?.severity, 'critical');
  // hostpath figures are the node's: never "volume full"
  assert.not.ok(keys.some((k) => k.startsWith('volume-full/') && /redis|argocd|wordpress/.test(k)));
  assert.equal(r.muted, []);
});

test('alert.list: a volume filling within 3 days by forecast; mutes move alerts to muted', async () => {
  const ctx0 = await demoCtx();
  const mlflow = ctx0.cluster.inventory.volumes.find((v) => v.pvc?.name === 'mlflow-artifacts')!;
  const used = mlflow.usedBytes!;
  const history = { [mlflow.id]: linear(24, 3600, used - (8 * GiB * 23) / 24, 8 * GiB, mlflow.capacityBytes) };
  const until = new Date(NOW.getTime() + 3600_000);
  const ctx = await demoCtx({ history, alerts: { mutes: [{ target: { kind: 'volume', name: 'mysql-data' }, until },
    { target: { kind: 'pool', name: 'cstor-disk-pool-m2bd' }, until: new Date(NOW.getTime() - 1) }] } });
  const r = as(await runCommand({ intent: 'alert.list' }, ctx), 'alert.list');
  const filling = r.alerts.find((a) => a.kind === 'volume-filling');
  assert.is(filling?.target.name, 'analytics/mlflow-artifacts');
  assert.ok((filling?.value ?? Infinity) <= 3 * 86_400);
  assert.equal(r.muted.map((a) => a.key), ['replica-lost/data/mysql-data']);
  assert.is(r.muted[0].mutedUntil, until.toISOString());
  // the expired pool mute does not apply
  assert.ok(r.alerts.some((a) => a.key === 'pool-read-only/cstor-disk-pool-m2bd'));
  const all = await demoCtx({ alerts: { mutes: [{ target: { kind: 'all' }, until }] } });
  const r2 = as(await runCommand({ intent: 'alert.list' }, all), 'alert.list');
  assert.is(r2.alerts.length, 0);
  assert.ok(r2.muted.length > 5);
});

test('help: every topic, or the ones matching', async () => {
  const r = as(await runCommand({ intent: 'help' }, await demoCtx()), 'help');
  assert.ok(r.topics.length >= 15);
  assert.ok(r.topics.every((t) => t.examples.length > 0));
  const s = as(await runCommand({ intent: 'help', topic: 'snapshot' }, await demoCtx()), 'help');
  assert.ok(s.topics.length < r.topics.length);
});

test.run();
