// The alert watcher through real parts: the demo dump served by the simulator and read with client-node, the
// store on the real PostgreSQL, the tenancy rules. The simulator is mutated (a replica goes offline, a pool
// passes 80%, then 90%, then both clear) and the sink must get exactly one message per channel for each change.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createAlertWatcher, CollectingSink, type AlertWatcher, type CheckReport } from '../../src/alerts/index.js';
import type { PooledCluster } from '../../src/app/pool.js';
import type { KubeObject } from '../../src/kube/resources.js';
import { openTestReplica } from '../helpers/db.js';
import { demoBot, DEMO, type Bot } from '../e2e/helpers.js';

const POOL = 'cstor-disk-pool-7xkq';
const MONGO = 'pvc-54b94102-5bc4-4da1-a177-49493d6cba1c';
const POOL_KEY = `pool-filling/${POOL}`;
const REPLICA_KEY = 'replica-lost/data/mongo-rs0';
const NOW = new Date();

let bot: Bot;
let east: PooledCluster;
let staging: PooledCluster;
const sink = new CollectingSink();
const reports: CheckReport[] = [];
let w: AlertWatcher;

const sim = () => east.conn!.simulator!;
const key = (t: { team: string; channel: string }) => `${t.team}/${t.channel}`;
/** every message so far to a channel, as the alert keys it carried */
const posted = (team: string, channel: string, from = 0) => reports.slice(from).flatMap((r) => r.posted).filter((p) => p.target.team === team && p.target.channel === channel);

/** resolves when a predicate over the reports holds (checked after every check: no sleeping) */
function when(watcher: AlertWatcher, pred: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (pred()) return resolve();
    const h = () => { if (pred()) { watcher.off('checked', h); resolve(); } };
    watcher.on('checked', h);
  });
}

function setPoolUsed(used: number): void {
  const o = structuredClone(sim().get({ kind: 'CStorPoolInstance', namespace: 'openebs', name: POOL })!) as KubeObject & { status: any };
  o.status.capacity = { ...o.status.capacity, used: `${used}Gi`, free: `${500 - used}Gi` };
  sim().upsert(o);
}
function setReplica(phase: string): void {
  const o = structuredClone(sim().get({ kind: 'CStorVolumeReplica', namespace: 'openebs', name: `${MONGO}-${POOL}` })!) as KubeObject & { status: any };
  o.status.phase = phase;
  sim().upsert(o);
}

test.before(async () => {
  bot = await demoBot({ clusterName: 'prod-east' });
  const { store } = bot.app;
  east = bot.app.defaultCluster!;
  const id = east.id!;
  await store.bindings.bindById('local', 'C-ops', id);
  await store.bindings.bindById('local', 'C-muted', id);
  await store.alerts.mute({ teamId: 'local', channelId: 'C-muted', clusterId: id }, { kind: 'pool', name: POOL }, new Date(Date.now() + 86_400_000));
  // another workspace with its own cluster (the same demo data): its channels must never hear about prod-east
  await store.workspaces.ensure('T2');
  const rec = await store.clusters.add('T2', { name: 'staging', kind: 'dump', dumpPath: DEMO });
  await store.bindings.bindById('T2', 'C-t2-ops', rec.id);
  staging = bot.app.pool.forRecord(rec);
  await staging.ensure();
  w = createAlertWatcher({ store, pool: bot.app.pool, sink, everyMs: 0, debounceMs: 20, now: () => NOW,
    // C-general: unbound, so it sees the on-prem default; C-t2-general: T2 has a cluster of its own
    defaultChannels: [{ team: 'local', channel: 'C-general' }, { team: 'T2', channel: 'C-t2-general' }] });
  w.on('checked', (r: CheckReport) => reports.push(r));
});
test.after(async () => { await w?.stop(); await bot?.close(); });

test('first check: the current alerts, one message per channel that sees each cluster', async () => {
  await w.check();
  const byChannel = new Map<string, string[]>();
  for (const m of reports.flatMap((r) => r.posted.map((p) => ({ ...p, cluster: r.cluster })))) {
    assert.not.ok(byChannel.has(`${m.cluster}:${key(m.target)}`), 'one message per channel and cluster');
    byChannel.set(`${m.cluster}:${key(m.target)}`, m.fresh);
  }
  assert.equal([...byChannel.keys()].sort(), ['prod-east:local/C-general', 'prod-east:local/C-muted', 'prod-east:local/C-ops',
    'staging:T2/C-t2-general', 'staging:T2/C-t2-ops']);
  const ops = byChannel.get('prod-east:local/C-ops')!;
  assert.ok(ops.includes('replica-lost/data/mysql-data') && ops.includes('pool-read-only/cstor-disk-pool-m2bd'), ops.join(', '));
  assert.ok(!ops.includes(POOL_KEY) && !ops.includes(REPLICA_KEY));
  // worst first, and the message names the cluster
  const msg = sink.messages.find((m) => m.target.channel === 'C-ops')!.reply;
  assert.ok(msg.text.includes('prod-east') && msg.blocks.length <= 50);
  assert.ok(msg.text.indexOf('cstor-disk-pool-m2bd') < msg.text.indexOf('mysql-data'), 'critical before warning');
  // nothing new: nothing posted
  const n = sink.messages.length;
  await w.check();
  assert.is(sink.messages.length, n);
});

test('a replica goes offline and a pool passes 80%: one warning per channel, none for the muted pool', async () => {
  const from = reports.length;
  w.start();   // from here on the watcher follows the cluster's change events
  setReplica('Offline');
  setPoolUsed(420);   // 84%
  const sees = (ch: string, k: string) => posted('local', ch, from).some((p) => p.fresh.includes(k));
  await when(w, () => sees('C-ops', POOL_KEY) && sees('C-ops', REPLICA_KEY) && sees('C-general', POOL_KEY)
    && sees('C-general', REPLICA_KEY) && sees('C-muted', REPLICA_KEY));
  await w.check();   // anything still pending is flushed: still exactly one each
  for (const ch of ['C-ops', 'C-general']) {
    for (const k of [POOL_KEY, REPLICA_KEY]) assert.is(posted('local', ch, from).filter((p) => p.fresh.includes(k)).length, 1, `${ch} ${k}`);
    assert.ok(posted('local', ch, from).every((p) => p.fresh.every((k) => k === POOL_KEY || k === REPLICA_KEY)), 'only the new alerts');
  }
  assert.not.ok(posted('local', 'C-muted', from).some((p) => p.fresh.includes(POOL_KEY)), 'the muted pool stays quiet');
  assert.is(posted('local', 'C-muted', from).filter((p) => p.fresh.includes(REPLICA_KEY)).length, 1);
  // no other team's channel hears about prod-east
  assert.ok(reports.slice(from).filter((r) => r.cluster === 'prod-east').every((r) => r.posted.every((p) => p.target.team === 'local')));
  assert.is(reports.slice(from).filter((r) => r.cluster === 'staging').flatMap((r) => r.posted).length, 0);
  const text = sink.messages.filter((m) => m.target.channel === 'C-ops').at(-1)!.reply.text;
  assert.ok(/84% full/.test(sink.messages.filter((m) => m.target.channel === 'C-ops').map((m) => m.reply.text).join('\n')), text);
});

test('warning -> critical is a change of state: sent again, once', async () => {
  const from = reports.length;
  setPoolUsed(460);   // 92%
  await when(w, () => posted('local', 'C-ops', from).some((p) => p.fresh.includes(POOL_KEY)) && posted('local', 'C-general', from).some((p) => p.fresh.includes(POOL_KEY)));
  await w.check();
  assert.is(posted('local', 'C-ops', from).flatMap((p) => p.fresh).join(','), POOL_KEY);
  assert.is(posted('local', 'C-general', from).flatMap((p) => p.fresh).join(','), POOL_KEY);
  assert.is(posted('local', 'C-muted', from).length, 0);
});

test('a restart (a second watcher on another connection to the same store) repeats nothing', async () => {
  const replica = await openTestReplica(bot.db.schema!, bot.db.keyring);
  const sink2 = new CollectingSink();
  const w2 = createAlertWatcher({ store: replica, pool: bot.app.pool, sink: sink2, everyMs: 0, now: () => NOW,
    defaultChannels: [{ team: 'local', channel: 'C-general' }, { team: 'T2', channel: 'C-t2-general' }] });
  try {
    // both at once, as two replicas would
    const [a, b] = await Promise.all([w2.check(), w2.check()]);
    assert.is(sink2.messages.length, 0, sink2.messages.map((m) => m.reply.text).join('\n'));
    assert.ok(a.length === 2 && b.length === 2);
  } finally { await w2.stop(); await replica.close(); }
});

test('when it clears: one resolved note per channel that was warned', async () => {
  const from = reports.length;
  setPoolUsed(212);
  setReplica('Healthy');
  const resolved = (ch: string, k: string) => posted('local', ch, from).some((p) => p.resolved.includes(k));
  await when(w, () => resolved('C-ops', POOL_KEY) && resolved('C-ops', REPLICA_KEY) && resolved('C-general', POOL_KEY)
    && resolved('C-general', REPLICA_KEY) && resolved('C-muted', REPLICA_KEY));
  await w.check();
  for (const ch of ['C-ops', 'C-general']) {
    assert.equal(posted('local', ch, from).flatMap((p) => p.resolved).sort(), [POOL_KEY, REPLICA_KEY].sort());
    assert.is(posted('local', ch, from).flatMap((p) => p.fresh).length, 0);
  }
  // the muted channel was never warned about the pool: no note for it either
  assert.equal(posted('local', 'C-muted', from).flatMap((p) => p.resolved), [REPLICA_KEY]);
  const note = sink.messages.filter((m) => m.target.channel === 'C-ops').at(-1)!.reply;
  assert.ok(/Resolved on prod-east/.test(note.text) && note.text.includes('data/mongo-rs0'), note.text);
});

test.run();
