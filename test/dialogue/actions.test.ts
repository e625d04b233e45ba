// Confirmed actions end to end through the dialogue: the trained NLU, the real store (PostgreSQL test schema), the
// demo dump served by the simulator and written through @kubernetes/client-node. Ask -> plan -> yes -> the object
// exists (or changed) in the simulator / the mute is in the store; cancel changes nothing; a plan the cluster
// outgrew is refused; a 403 names the missing rule; another workspace cannot act on this one's cluster.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp, type App } from '../../src/app/index.js';
import type { PooledCluster } from '../../src/app/pool.js';
import type { ChangeEvent } from '../../src/kube/connection.js';
import type { Simulator } from '../../src/kube/index.js';
import { REQUESTED_BY } from '../../src/openebs/actions.js';
import type { Reply } from '../../src/dialogue/types.js';
import { DEMO, demoBot, sharedNlu, textOf, type Bot } from '../e2e/helpers.js';
import { createTestStore, type TestStore } from '../helpers/db.js';
import { validateMessage } from '../render/validate.js';

let bot: Bot;
let sim: Simulator;
let cluster: PooledCluster;
let n = 0;

test.before(async () => {
  bot = await demoBot();
  cluster = bot.app.defaultCluster!;
  sim = cluster.conn!.simulator!;
});
test.after(async () => { await bot?.close(); });

/**
 * A conversation of its own per test (the demo cluster is shared: each test uses its own objects). Writes are
 * closed by default (actions 'alerts'): the channel is first bound to prod-east with actions 'all', as an operator
 * would (`open: false` leaves the bindings alone).
 */
function chat(app: App, team = 'local', channel = `C${++n}`, o: { open?: boolean } = {}) {
  let opened: Promise<unknown> | undefined = o.open === false ? Promise.resolve() : undefined;
  return async (text: string, user = 'U1'): Promise<string> => {
    opened ??= app.tenancy.connect({ teamId: team, channelId: channel, isAdmin: true }, 'prod-east', { actions: 'all' })
      .then((r) => assert.ok(r.ok, JSON.stringify(r)));
    await opened;
    return textOf(await app.handle({ team, channel, user, text }));
  };
}

/** resolves with the watch event that brings a change into the bot's cache */
function changed(c: PooledCluster, key: string, name: string, type?: ChangeEvent['type']): Promise<ChangeEvent> {
  return new Promise((resolve) => {
    const cb = (ev: ChangeEvent): void => {
      if (ev.key === key && ev.object.metadata.name === name && (!type || ev.type === type)) { c.conn!.off('change', cb); resolve(ev); }
    };
    c.conn!.on('change', cb);
  });
}

const pvc = (s: Simulator, ns: string, name: string) => s.get({ kind: 'PersistentVolumeClaim', namespace: ns, name });
const snapshots = (s: Simulator, ns: string, prefix: string) =>
  s.store.list('volumeSnapshots', ns).filter((o) => o.metadata.name.startsWith(prefix));
const audit = async (team = 'local') => bot.db.store.audit.list(team);

test('snapshot: nothing before the yes; after it the VolumeSnapshot exists, is audited, and is listed', async () => {
  const say = chat(bot.app);
  const before = snapshots(sim, 'payments', 'pg-wal-2').length;
  const plan = await say('snapshot pg-wal');
  assert.match(plan, /Go ahead\?/);
  assert.is(snapshots(sim, 'payments', 'pg-wal-2').length, before, 'a plan writes nothing');
  const name = /as (pg-wal-\d{8}-\d{4})/.exec(plan)![1]!;
  const replies = await bot.app.handle({ team: 'local', channel: `C${n}`, user: 'U1', text: 'yes' });
  const done = textOf(replies);
  assert.equal(validateMessage(replies[0]!.blocks), []);
  assert.ok(JSON.stringify(replies[0]!.blocks).includes('Requested by <@U1>'), 'a mention in Slack');
  assert.match(done, new RegExp(`Done: created VolumeSnapshot payments/${name} of PVC pg-wal \\(class mayastor-snapshotclass\\) on prod-east`));
  assert.match(done, /Requested by U1/);
  assert.match(done, /snapshots of pg-wal/);
  const obj = sim.get({ kind: 'VolumeSnapshot', namespace: 'payments', name })!;
  assert.ok(obj, 'created in the cluster');
  assert.equal(obj.spec, { volumeSnapshotClassName: 'mayastor-snapshotclass', source: { persistentVolumeClaimName: 'pg-wal' } });
  assert.is(obj.metadata.annotations?.[REQUESTED_BY], 'U1');
  const row = (await audit()).find((r) => r.action === 'snapshot.create' && r.detail.includes(name))!;
  assert.ok(row, 'audited');
  assert.equal([row.outcome, row.userId, row.clusterName, row.target, row.teamId], ['done', 'U1', 'prod-east', 'payments/pg-wal', 'local']);
  // the yes returns once the bot's cache has the new object: the next question sees it
  assert.match(await say('snapshots of pg-wal'), new RegExp(name));
});

test('expand: the PVC request is patched from -> to; cancel changes nothing', async () => {
  const cancelled = chat(bot.app);
  const size0 = pvc(sim, 'payments', 'pg-data')?.spec?.resources?.requests?.storage;
  assert.match(await cancelled('expand pg-data by 10Gi'), /Go ahead\?/);
  assert.match(await cancelled('cancel'), /cancelled/);
  assert.is(pvc(sim, 'payments', 'pg-data')?.spec?.resources?.requests?.storage, size0, 'cancel writes nothing');

  const go = chat(bot.app);
  assert.match(await go('expand kafka-logs to 150Gi'), /Go ahead\?/);
  const done = await go('yes');
  assert.match(done, /Done: PVC kafka\/kafka-logs on prod-east now asks for 150Gi \(was 100Gi\)/, done);
  assert.match(done, 'I will say here when it is done, or why not, within 30 minutes.');
  assert.match(done, /resize is in progress/);
  assert.is(pvc(sim, 'kafka', 'kafka-logs')?.spec?.resources?.requests?.storage, '150Gi');
});

test('delete snapshot: gone from the cluster after the yes', async () => {
  const say = chat(bot.app);
  assert.ok(sim.get({ kind: 'VolumeSnapshot', namespace: 'payments', name: 'pg-wal-snap-1' }));
  assert.match(await say('delete snapshot pg-wal-snap-1'), /Go ahead\?/);
  const done = await say('yes');
  assert.match(done, /Done: deleted VolumeSnapshot payments\/pg-wal-snap-1 on prod-east/);
  assert.not.match(done, 'I will say here', 'a delete has nothing to follow up');
  assert.not.ok(sim.get({ kind: 'VolumeSnapshot', namespace: 'payments', name: 'pg-wal-snap-1' }));
});

test('mute and unmute: written to the store for this channel only', async () => {
  const channel = `C${++n}`;
  const say = chat(bot.app, 'local', channel);
  assert.match(await say('mute alerts for loki-chunks for 2 hours'), /Go ahead\?/);
  assert.equal(await bot.db.store.alerts.listMutes('local', { channelId: channel }), [], 'nothing before the yes');
  assert.match(await say('yes'), /muted alerts for volume logging\/loki-chunks on prod-east in this channel until/);
  const mutes = await bot.db.store.alerts.listMutes('local', { channelId: channel });
  assert.equal(mutes.map((m) => [m.target, m.createdBy]), [[{ kind: 'volume', name: 'logging/loki-chunks' }, 'U1']]);
  assert.equal(await bot.db.store.alerts.listMutes('local', { channelId: `${channel}-other` }), []);
  assert.match(await say('unmute alerts for loki-chunks'), /Go ahead\?/);
  assert.match(await say('yes'), /unmuted alerts for volume logging\/loki-chunks/);
  assert.equal(await bot.db.store.alerts.listMutes('local', { channelId: channel }), []);
});

test('stale plan: the PVC grew between the question and the yes (the cache had not seen it): refused, untouched', async () => {
  const say = chat(bot.app);
  assert.match(await say('expand mysql-data to 100Gi'), /Go ahead\?/);
  const cur = pvc(sim, 'data', 'mysql-data')!;
  // someone else's resize, without a watch event: only the live check can see it
  sim.upsert({ ...cur, spec: { ...cur.spec, resources: { requests: { storage: '80Gi' } } } }, { silent: true });
  const r = await say('yes');
  assert.match(r, /I did not expand data\/mysql-data on prod-east/);
  assert.match(r, /now asks for 80Gi, not 50Gi/);
  assert.match(r, /Nothing was changed/);
  assert.is(pvc(sim, 'data', 'mysql-data')?.spec?.resources?.requests?.storage, '80Gi');
  const row = (await audit()).find((x) => x.action === 'volume.expand' && x.target === 'data/mysql-data')!;
  assert.is(row.outcome, 'refused');
});

test('stale plan: the volume is gone, the snapshot already deleted', async () => {
  const say = chat(bot.app);
  assert.match(await say('snapshot orders-db'), /Go ahead\?/);
  const cur = sim.store.list('pvcs').find((o) => o.metadata.name === 'orders-db')!;
  const gone = changed(cluster, 'pvcs', 'orders-db', 'delete');
  sim.remove({ kind: 'PersistentVolumeClaim', namespace: cur.metadata.namespace, name: 'orders-db' });
  await gone;
  const r = await say('yes');
  assert.match(r, /I did not create the snapshot of/);
  assert.match(r, /orders-db/);
  assert.match(r, /Nothing was changed/);
  assert.equal(snapshots(sim, cur.metadata.namespace!, 'orders-db-2'), []);

  const say2 = chat(bot.app);
  const snap = sim.store.list('volumeSnapshots').find((o) => o.metadata.name === 'mysql-nightly-1120')!;
  assert.match(await say2(`delete snapshot ${snap.metadata.name}`), /Go ahead\?/);
  sim.remove({ kind: 'VolumeSnapshot', namespace: snap.metadata.namespace, name: snap.metadata.name }, { silent: true });
  const r2 = await say2('yes');
  assert.match(r2, /already gone/);
});

test('403 from the cluster: the missing verb and resource, and deploy/rbac.yaml; nothing created', async () => {
  sim.forbid('create', 'volumesnapshots.snapshot.storage.k8s.io');
  try {
    const say = chat(bot.app);
    const plan = await say('snapshot kafka-logs');
    assert.match(plan, /Go ahead\?/);
    const r = await say('yes');
    assert.match(r, /I could not create the snapshot of kafka\/kafka-logs on prod-east: missing permission create volumesnapshots\.snapshot\.storage\.k8s\.io/);
    assert.match(r, /verb create on volumesnapshots \(API group "snapshot\.storage\.k8s\.io"\)/);
    assert.match(r, /deploy\/rbac\.yaml/);
    assert.match(r, /Nothing was changed/);
    assert.equal(snapshots(sim, 'kafka', 'kafka-logs-2'), []);
    const row = (await audit()).find((x) => x.action === 'snapshot.create' && x.target === 'kafka/kafka-logs')!;
    assert.is(row.outcome, 'failed');
  } finally { sim.allow('create', 'volumesnapshots.snapshot.storage.k8s.io'); }
});

test('another user\'s yes does not run the plan; a button from an old plan does not either', async () => {
  const say = chat(bot.app, 'local', 'C-users');
  const size0 = pvc(sim, 'payments', 'pg-data')?.spec?.resources?.requests?.storage;
  assert.match(await say('expand pg-data by 1Gi'), /Go ahead\?/);
  await say('yes', 'U2');
  assert.is(pvc(sim, 'payments', 'pg-data')?.spec?.resources?.requests?.storage, size0);
  const press: Reply[] = await bot.app.handle({ team: 'local', channel: 'C-users', user: 'U1', text: '', action: { id: 'mulebot.confirm', value: 'not-the-plan' } });
  assert.match(textOf(press), /no longer the open one/);
  assert.is(pvc(sim, 'payments', 'pg-data')?.spec?.resources?.requests?.storage, size0);
});

test('a yes long after the plan is not taken', async () => {
  let clock = new Date('2026-11-20T09:00:00Z');
  const late = await demoBot({ now: () => clock });
  try {
    const say = chat(late.app);
    const s = late.app.defaultCluster!.conn!.simulator!;
    assert.match(await say('expand pg-data by 1Gi'), /Go ahead\?/);
    const size0 = pvc(s, 'payments', 'pg-data')?.spec?.resources?.requests?.storage;
    clock = new Date(clock.getTime() + 20 * 60_000);
    assert.match(await say('yes'), /That plan is 20 minutes old, so I did not act on it\. Nothing was changed/);
    assert.is(pvc(s, 'payments', 'pg-data')?.spec?.resources?.requests?.storage, size0);
    assert.match(await say('yes'), /Nothing is waiting/);
  } finally { await late.close(); }
});

// ------------------------------------------------------------------------------------------ two workspaces

let db2: TestStore;
let hosted: App;

test('two workspaces, one cluster name each: a yes acts only on the asking workspace\'s cluster', async () => {
  db2 = await createTestStore();
  hosted = await createApp({ store: db2.store, nlu: sharedNlu(), onPrem: false, statsIntervalMs: 0, usageEveryMs: 0, resolveCacheMs: 0 });
  try {
    const ids: Record<string, string> = {};
    for (const team of ['TA', 'TB']) {
      ids[team] = (await db2.store.clusters.add(team, { name: 'prod', kind: 'dump', dumpPath: DEMO })).id;
      assert.ok((await hosted.tenancy.connect({ teamId: team, channelId: 'C1', userId: 'UADMIN', isAdmin: true }, 'prod', { actions: 'all' })).ok);
    }
    const a = chat(hosted, 'TA', 'C1', { open: false });
    const b = chat(hosted, 'TB', 'C1', { open: false });
    const plan = await a('snapshot pg-wal');
    assert.match(plan, /Go ahead\?/);
    const name = /as (pg-wal-\d{8}-\d{4})/.exec(plan)![1]!;
    // TB's channel has the same id; its yes and a forged button press find no question of theirs
    assert.match(await b('yes', 'U1'), /Nothing is waiting/);
    const forged = await hosted.handle({ team: 'TB', channel: 'C1', user: 'U1', text: '', action: { id: 'mulebot.confirm', value: 'x' } });
    assert.match(textOf(forged), /no longer open/);
    assert.match(await a('yes'), /Done: created VolumeSnapshot/);
    const simA = hosted.pool.all().find((c) => c.id === ids.TA)!.conn!.simulator!;
    const simB = hosted.pool.all().find((c) => c.id === ids.TB)!.conn!.simulator!;
    assert.ok(simA.get({ kind: 'VolumeSnapshot', namespace: 'payments', name }), 'in TA\'s cluster');
    assert.not.ok(simB.get({ kind: 'VolumeSnapshot', namespace: 'payments', name }), 'not in TB\'s cluster');
    // each workspace reads only its own audit trail
    assert.equal((await db2.store.audit.list('TA')).map((r) => [r.outcome, r.clusterId]), [['done', ids.TA]]);
    assert.equal(await db2.store.audit.list('TB'), []);
  } finally {
    await hosted.close();
    await db2.close();
  }
});

test.run();
