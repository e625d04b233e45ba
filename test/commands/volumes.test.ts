// Volume read handlers against the demo cluster: the facts of each answer.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCommand } from '../../src/commands/index.js';
import type { CommandResult, ResultOf } from '../../src/commands/types.js';
import { demoCtx, GiB, linear } from './helpers.js';

function as<K extends CommandResult['kind']>(r: CommandResult, kind: K): ResultOf<K> {
  assert.is(r.kind, kind, `expected ${kind}, got ${r.kind}: ${JSON.stringify(r).slice(0, 300)}`);
  return r as ResultOf<K>;
}

test('volume.list: all 42 volumes, worst first, counts by health', async () => {
  const r = as(await runCommand({ intent: 'volume.list', filter: {} }, await demoCtx()), 'volume.list');
  assert.is(r.cluster, 'prod-east');
  assert.is(r.total, 42);
  assert.is(r.volumes.length, 42);
  assert.equal(r.countsByHealth, { Offline: 1, Degraded: 2, Rebuilding: 1, Pending: 1, Healthy: 37 });
  assert.equal(r.volumes.slice(0, 5).map((v) => v.pvc?.name), ['spark-scratch', 'gitlab-repos', 'mysql-data', 'kafka-logs', 'thanos-store']);
});

test('volume.list: filters by namespace, engine, health and node', async () => {
  const ctx = await demoCtx();
  const pay = as(await runCommand({ intent: 'volume.list', filter: { namespace: 'payments' } }, ctx), 'volume.list');
  assert.equal(pay.volumes.map((v) => v.pvc?.name).sort(), ['billing-archive', 'ledger-db', 'orders-db', 'pg-data', 'pg-wal', 'postgres-main']);
  const cstor = as(await runCommand({ intent: 'volume.list', filter: { engine: 'cstor' } }, ctx), 'volume.list');
  assert.is(cstor.total, 8);
  const bad = as(await runCommand({ intent: 'volume.list', filter: { health: 'unhealthy' } }, ctx), 'volume.list');
  assert.equal(bad.volumes.map((v) => v.pvc?.name), ['spark-scratch', 'gitlab-repos', 'mysql-data', 'kafka-logs', 'thanos-store']);
  const degraded = as(await runCommand({ intent: 'volume.list', filter: { health: 'Degraded' } }, ctx), 'volume.list');
  assert.equal(degraded.volumes.map((v) => v.pvc?.name), ['gitlab-repos', 'mysql-data']);
  const top = as(await runCommand({ intent: 'volume.list', filter: {}, limit: 3 }, ctx), 'volume.list');
  assert.is(top.volumes.length, 3);
  assert.is(top.total, 42);
});

test('volume.list: an unknown namespace is not-found with suggestions, not an empty list', async () => {
  const r = as(await runCommand({ intent: 'volume.list', filter: { namespace: 'paymnts' } }, await demoCtx()), 'not-found');
  assert.is(r.what, 'namespace');
  assert.ok(r.suggestions.includes('payments'));
});

test('volume.status: mysql-data is Degraded with one offline replica on storage-3', async () => {
  const r = as(await runCommand({ intent: 'volume.status', volume: { query: 'mysql-data' } }, await demoCtx()), 'volume.status');
  assert.is(r.volume.health, 'Degraded');
  assert.is(r.volume.engine, 'cstor');
  assert.is(r.volume.capacityBytes, 50 * GiB);
  assert.ok(r.volume.reasons.includes('1 of 3 replicas offline'));
  assert.is(r.replicas.length, 3);
  assert.is(r.replicas[0].state, 'Offline');
  assert.is(r.replicas[0].node, 'storage-3');
  assert.equal(r.pools.map((p) => p.id).sort(), ['cstor-disk-pool-7xkq', 'cstor-disk-pool-m2bd', 'cstor-disk-pool-z9rt']);
});

test('volume.status: by "namespace/name" and by PV name', async () => {
  const ctx = await demoCtx();
  const a = as(await runCommand({ intent: 'volume.status', volume: { query: 'payments/pg-wal' } }, ctx), 'volume.status');
  assert.is(a.volume.pvc?.name, 'pg-wal');
  const b = as(await runCommand({ intent: 'volume.status', volume: { query: a.volume.id } }, ctx), 'volume.status');
  assert.is(b.volume.id, a.volume.id);
});

test('volume.status: a misspelt name is not-found with "did you mean"', async () => {
  const r = as(await runCommand({ intent: 'volume.status', volume: { query: 'mysql-dta' } }, await demoCtx()), 'not-found');
  assert.is(r.what, 'volume');
  assert.is(r.query, 'mysql-dta');
  assert.is(r.suggestions[0], 'mysql-data');
});

test('volume.describe: kafka-logs with its class, pools and snapshot', async () => {
  const r = as(await runCommand({ intent: 'volume.describe', volume: { query: 'kafka-logs' } }, await demoCtx()), 'volume.describe');
  assert.is(r.volume.health, 'Rebuilding');
  assert.is(r.storageClass?.name, 'mayastor-3');
  assert.equal(r.snapshots.map((s) => s.name), ['kafka-logs-pre-upgrade']);
  assert.is(r.pools.length, 3);
});

test('a failing event read or usage store still answers, saying what could not be read', async () => {
  const ctx = await demoCtx();
  const broken = { ...ctx, cluster: { ...ctx.cluster, events: async () => { throw new Error('events: 503 Service Unavailable'); } },
    usageHistory: async () => { throw new Error('connection terminated'); } };
  const ev = as(await runCommand({ intent: 'volume.events', volume: { query: 'mysql-data' } }, broken), 'volume.events');
  assert.ok(ev.reasons.includes('1 of 3 replicas offline'));
  assert.equal(ev.events, []);
  assert.is(ev.eventsError, 'events: 503 Service Unavailable');
  const fc = as(await runCommand({ intent: 'volume.forecast', volume: { query: 'loki-chunks' } }, broken), 'volume.forecast');
  assert.is(fc.volumes[0].forecast.status, 'history-unavailable');
});

test('volume.forecast: hostpath has no usage of its own', async () => {
  const r = as(await runCommand({ intent: 'volume.forecast', volume: { query: 'argocd-repo' } }, await demoCtx()), 'volume.forecast');
  assert.is(r.volumes[0].forecast.status, 'no-usage');
});

test('volume.replicas: kafka-logs has one replica rebuilding at 42% on storage-3', async () => {
  const r = as(await runCommand({ intent: 'volume.replicas', volume: { query: 'kafka-logs' } }, await demoCtx()), 'volume.replicas');
  assert.is(r.replicas.length, 3);
  const rebuilding = r.replicas.filter((x) => x.state === 'Rebuilding');
  assert.is(rebuilding.length, 1);
  assert.is(rebuilding[0].node, 'storage-3');
  assert.is(rebuilding[0].rebuildProgressPct, 42);
});

test('volume.usage: one volume, and the fullest N (hostpath node figures left out)', async () => {
  const ctx = await demoCtx();
  const one = as(await runCommand({ intent: 'volume.usage', volume: { query: 'loki-chunks' } }, ctx), 'volume.usage');
  assert.ok(one.single);
  assert.is(Math.round(one.volumes[0].volume.usedPct!), 96);
  assert.is(one.volumes[0].forecast?.status, 'too-few-samples');
  const top = as(await runCommand({ intent: 'volume.usage', limit: 3 }, ctx), 'volume.usage');
  assert.equal(top.volumes.map((x) => x.volume.pvc?.name), ['loki-chunks', 'mlflow-artifacts', 'prometheus-db']);
  assert.ok(top.volumes.every((x) => x.volume.engine !== 'localpv-hostpath'));
});

test('volume.events: why mysql-data is degraded, reasons plus events newest first', async () => {
  const r = as(await runCommand({ intent: 'volume.events', volume: { query: 'mysql-data' } }, await demoCtx()), 'volume.events');
  assert.ok(r.reasons.includes('1 of 3 replicas offline'));
  assert.equal(r.replicas.map((x) => x.state), ['Offline']);
  assert.ok(r.events.some((e) => e.reason === 'ReplicaOffline'));
  assert.ok(r.events.some((e) => e.reason === 'PoolReadOnly'));
  const times = r.events.map((e) => Date.parse(e.at!));
  assert.equal(times, times.slice().sort((a, b) => b - a));
});

test('volume.events: thanos-store is Pending for lack of LVM capacity', async () => {
  const r = as(await runCommand({ intent: 'volume.events', volume: { query: 'thanos-store' } }, await demoCtx()), 'volume.events');
  assert.is(r.volume.health, 'Pending');
  assert.ok(r.reasons.some((x) => /lvmvg/.test(x)));
  assert.ok(r.events.some((e) => e.reason === 'ProvisioningFailed' && e.type === 'Warning'));
  assert.ok(r.events.some((e) => e.reason === 'FailedScheduling'));
});

test('volume.forecast: from the usage history; several volumes sorted soonest first', async () => {
  const ctx = await demoCtx();
  const loki = ctx.cluster.inventory.volumes.find((v) => v.pvc?.name === 'loki-chunks')!;
  const prom = ctx.cluster.inventory.volumes.find((v) => v.pvc?.name === 'prometheus-db')!;
  const history = {
    [loki.id]: linear(24, 3600, 45 * GiB, 1 * GiB, 50 * GiB),      // ~47 GiB now, +1 GiB/day: ~3 days
    [prom.id]: linear(48, 3600, 60 * GiB, 5 * GiB, 100 * GiB),     // ~70 GiB now, +5 GiB/day: ~6 days
  };
  const ctx2 = await demoCtx({ history });
  const one = as(await runCommand({ intent: 'volume.forecast', volume: { query: 'loki-chunks' } }, ctx2), 'volume.forecast');
  const f = one.volumes[0].forecast;
  assert.is(f.status, 'ok');
  assert.ok(Math.abs(f.bytesPerDay! - GiB) / GiB < 0.01);
  const all = as(await runCommand({ intent: 'volume.forecast' }, ctx2), 'volume.forecast');
  assert.equal(all.volumes.map((x) => x.volume.pvc?.name), ['loki-chunks', 'prometheus-db']);
});

test.run();
