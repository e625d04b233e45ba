// "Cluster unreachable" through real parts: the demo dump served by a simulator that is stopped and started again
// on the same port, read by the real client-node through the pool, the store on the real PostgreSQL. Each bound
// channel hears once that the cluster is unreachable (the cause, since when), never while an "all" mute lasts,
// not again from a second replica, and once that it is back; the cluster's other alerts are neither repeated nor
// resolved meanwhile. No sleeps: every step waits for the watcher's own 'checked' reports.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createAlertWatcher, CollectingSink, type AlertWatcher, type CheckReport } from '../../src/alerts/index.js';
import { UNREACHABLE_KEY } from '../../src/alerts/types.js';
import { ClusterPool } from '../../src/app/pool.js';
import { loadDump, type Dump } from '../../src/kube/dump.js';
import { startSimulator, type Simulator } from '../../src/kube/sim/index.js';
import { createTestStore, openTestReplica, type TestStore } from '../helpers/db.js';
import { DEMO } from '../e2e/helpers.js';

let db: TestStore;
let dump: Dump;
let sim: Simulator;
let port: number;
let pool: ClusterPool;
let w: AlertWatcher;
const sink = new CollectingSink();
const reports: CheckReport[] = [];
const NOW = new Date();
let keepAlive: NodeJS.Timeout;

const posted = (channel: string, from = 0) => reports.slice(from).flatMap((r) => r.posted).filter((p) => p.target.channel === channel);
function when(pred: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (pred()) return resolve();
    const h = () => { if (pred()) { w.off('checked', h); resolve(); } };
    w.on('checked', h);
  });
}

test.before(async () => {
  // the connection's retry timers never hold the process open; while the simulator is down, this does
  keepAlive = setInterval(() => {}, 60_000);
  db = await createTestStore();
  dump = await loadDump(DEMO);
  sim = await startSimulator(dump);
  port = sim.port;
  const rec = await db.store.clusters.add('local', { name: 'prod-eu', kind: 'dump', dumpPath: DEMO });
  await db.store.bindings.bindById('local', 'C-ops', rec.id);
  await db.store.bindings.bindById('local', 'C-quiet', rec.id);
  await db.store.alerts.mute({ teamId: 'local', channelId: 'C-quiet', clusterId: rec.id }, { kind: 'all' }, new Date(Date.now() + 86_400_000));
  pool = new ClusterPool(db.store);
  const c = pool.local('prod-eu', { name: 'prod-eu', kubeConfig: sim.kubeConfig, statsIntervalMs: 0, retry: { baseMs: 20, maxMs: 200 } }, { id: rec.id, team: 'local' });
  await c.ensure();
  assert.is(c.state().error, undefined);
  w = createAlertWatcher({ store: db.store, pool, sink, everyMs: 0, scanMs: 0, debounceMs: 10, now: () => NOW, defaultChannels: [] });
  w.on('checked', (r: CheckReport) => reports.push(r));
});
test.after(async () => { await w?.stop(); await pool?.stop(); await sim?.close(); await db?.close(); clearInterval(keepAlive); });

test('a reachable cluster: its alerts, and nothing about reachability', async () => {
  await w.check();
  const ops = posted('C-ops');
  assert.is(ops.length, 1);
  assert.ok(ops[0]!.fresh.includes('replica-lost/data/mysql-data'));
  assert.not.ok(ops[0]!.fresh.includes(UNREACHABLE_KEY));
  assert.is(posted('C-quiet').length, 0, 'muted: all');
});

test('the apiserver goes away: one warning per channel with the cause and since when; nothing resolved', async () => {
  const from = reports.length;
  w.start();
  await sim.close();
  await when(() => posted('C-ops', from).some((p) => p.fresh.includes(UNREACHABLE_KEY)));
  await w.check();
  await w.check();
  assert.equal(posted('C-ops', from).map((p) => p.fresh), [[UNREACHABLE_KEY]], 'once');
  assert.ok(posted('C-ops', from).every((p) => p.resolved.length === 0), 'unreachable is not "resolved"');
  assert.is(posted('C-quiet', from).length, 0, 'an "all" mute covers it');
  const msg = sink.messages.at(-1)!;
  assert.is(msg.target.channel, 'C-ops');
  assert.match(msg.reply.text, new RegExp(`cluster prod-eu unreachable since \\d\\d:\\d\\d UTC: ECONNREFUSED 127\\.0\\.0\\.1:${port}`));
  assert.ok(msg.reply.blocks.length === 1);
  assert.match(reports.at(-1)!.skipped!, /^unreachable: ECONNREFUSED/);

  // a second replica (another connection to the same store) agrees it was said
  const replica = await openTestReplica(db.schema!, db.keyring);
  const sink2 = new CollectingSink();
  const w2 = createAlertWatcher({ store: replica, pool, sink: sink2, everyMs: 0, scanMs: 0, defaultChannels: [] });
  try {
    await w2.check();
    assert.is(sink2.messages.length, 0);
  } finally { await w2.stop(); await replica.close(); }
});

test('it answers again: "reachable again" once, and its unchanged alerts are not repeated', async () => {
  const from = reports.length;
  sim = await startSimulator(dump, { port });
  await when(() => posted('C-ops', from).some((p) => p.resolved.includes(UNREACHABLE_KEY)));
  await w.check();
  assert.equal(posted('C-ops', from).map((p) => [p.fresh, p.resolved]), [[[], [UNREACHABLE_KEY]]]);
  assert.is(posted('C-quiet', from).length, 0);
  const note = sink.messages.at(-1)!.reply.text;
  assert.match(note, /Resolved on prod-eu/);
  assert.match(note, /prod-eu — reachable again/);
});

test('a cluster that never connected: warned with the error, and the check tries to connect again', async () => {
  const rec = await db.store.clusters.add('local', { name: 'prod-gone', kind: 'dump', dumpPath: DEMO });
  await db.store.bindings.bindById('local', 'C-gone', rec.id);
  // a kubeconfig that points nowhere (the port of a closed server)
  const dead = await startSimulator(dump);
  const deadConfig = dead.kubeConfig;
  await dead.close();
  const c = pool.local('prod-gone', { name: 'prod-gone', kubeConfig: deadConfig, statsIntervalMs: 0 }, { id: rec.id, team: 'local' });
  await c.ensure();
  assert.match(c.state().error!, /^cluster prod-gone unreachable: ECONNREFUSED/);
  const [r] = await w.check(rec.id);
  assert.equal(r!.posted.map((p) => [p.target.channel, p.fresh]), [['C-gone', [UNREACHABLE_KEY]]]);
  assert.match(sink.messages.at(-1)!.reply.text, /cluster prod-gone unreachable since \d\d:\d\d UTC: ECONNREFUSED/);
  const [again] = await w.check(rec.id);
  assert.equal(again!.posted, []);
});

test.run();
