// Who may change things, end to end through the dialogue: the trained NLU, the real store (PostgreSQL test schema),
// the demo dump served by the simulator. A binding's actions policy ('alerts' by default) is checked before the plan
// is offered and again at the yes; a refusal names the rule and the operator's command, writes nothing, and is audited.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp, type App } from '../../src/app/index.js';
import type { Simulator } from '../../src/kube/index.js';
import type { ActionPolicy } from '../../src/store/index.js';
import { DEMO, demoBot, sharedNlu, textOf, type Bot } from '../e2e/helpers.js';
import { createTestStore } from '../helpers/db.js';
import { validateMessage } from '../render/validate.js';

let bot: Bot;
let sim: Simulator;
let n = 0;

test.before(async () => {
  // no resolver cache: a policy or binding change is seen at the next turn
  bot = await demoBot({ resolveCacheMs: 0 });
  sim = bot.app.defaultCluster!.conn!.simulator!;
});
test.after(async () => { await bot?.close(); });

const admin = (team: string, channel: string) => ({ teamId: team, channelId: channel, userId: 'UOPS', isAdmin: true });

/** a channel of its own bound to prod-east (a new binding: the default policy unless one is given) */
async function channel(app: App, policy?: Partial<ActionPolicy>, team = 'local', cluster = 'prod-east') {
  const id = `CP${++n}`;
  const r = await app.tenancy.connect(admin(team, id), cluster, policy);
  assert.ok(r.ok, JSON.stringify(r));
  const say = async (text: string, user = 'U1'): Promise<string> => textOf(await app.handle({ team, channel: id, user, text }));
  return { id, say };
}

const pvcSize = (ns: string, name: string) => sim.get({ kind: 'PersistentVolumeClaim', namespace: ns, name })?.spec?.resources?.requests?.storage;
const snaps = (ns: string, prefix: string) => sim.store.list('volumeSnapshots', ns).filter((o) => o.metadata.name.startsWith(prefix)).length;

test('a new binding is read-only on the cluster: expand and snapshot refused with the operator\'s command, audited; mute allowed', async () => {
  const c = await channel(bot.app);
  assert.equal(await bot.app.tenancy.actionPolicy({ teamId: 'local', channelId: c.id }, bot.app.defaultRecord!.id),
    { actions: 'alerts', allowedUsers: [], source: 'binding' });
  const size0 = pvcSize('data', 'mysql-data');
  const expand = await c.say('expand mysql-data to 100Gi');
  assert.match(expand, `Actions on cluster prod-east from this channel (${c.id}) are read-only`);
  assert.match(expand, `mulebot bind --team local --channel ${c.id} --cluster prod-east --actions all`);
  assert.match(expand, 'Nothing was changed');
  assert.not.match(expand, 'Go ahead?');
  assert.match(await c.say('yes'), 'Nothing is waiting', 'no plan was left to confirm');
  assert.is(pvcSize('data', 'mysql-data'), size0);
  const before = snaps('payments', 'pg-wal-2');
  const replies = await bot.app.handle({ team: 'local', channel: c.id, user: 'U1', text: 'snapshot pg-wal' });
  assert.equal(validateMessage(replies[0]!.blocks), []);
  assert.match(textOf(replies), /read-only .*I cannot create the snapshot of pg-wal for U1/);
  assert.is(snaps('payments', 'pg-wal-2'), before);
  const rows = (await bot.db.store.audit.list('local', { channelId: c.id })).map((r) => [r.action, r.outcome, r.userId, r.clusterName]);
  assert.equal(rows.sort(), [['snapshot.create', 'refused', 'U1', 'prod-east'], ['volume.expand', 'refused', 'U1', 'prod-east']]);
  // reads are never affected
  assert.match(await c.say('is mysql-data healthy?'), 'mysql-data is Degraded');
  // mutes change only the channel's own settings: allowed
  assert.match(await c.say('mute alerts for loki-chunks for 1 hour'), 'Go ahead?');
  assert.match(await c.say('yes'), 'Done: muted alerts for volume logging/loki-chunks');
});

test('actions none: even a mute is refused, with the command that opens mutes', async () => {
  const c = await channel(bot.app, { actions: 'none' });
  const r = await c.say('mute alerts for loki-chunks for 1 hour');
  assert.match(r, 'are turned off');
  assert.match(r, `--channel ${c.id} --cluster prod-east --actions alerts`);
  assert.equal(await bot.db.store.alerts.listMutes('local', { channelId: c.id }), []);
});

test('actions all: the snapshot is planned, confirmed and created', async () => {
  const c = await channel(bot.app, { actions: 'all' });
  const plan = await c.say('snapshot pg-wal');
  assert.match(plan, 'Go ahead?');
  const name = /as (pg-wal-\d{8}-\d{4})/.exec(plan)![1]!;
  assert.match(await c.say('yes'), `Done: created VolumeSnapshot payments/${name}`);
  assert.ok(sim.get({ kind: 'VolumeSnapshot', namespace: 'payments', name }));
});

test('allowed users: another user is refused at the plan; a user taken off the list between plan and yes is refused at the yes', async () => {
  const c = await channel(bot.app, { actions: 'all', allowedUsers: ['U1', 'U7'] });
  const r = await c.say('expand pg-data by 1Gi', 'U2');
  assert.match(r, /limited to U1, U7: I cannot expand pg-data for U2/);
  assert.match(r, `mulebot bind --team local --channel ${c.id} --cluster prod-east --allow-user U1,U7,U2`);
  assert.not.match(r, 'Go ahead?');
  // mutes are not cluster writes: anyone in the channel
  assert.match(await c.say('mute alerts for loki-chunks for 1 hour', 'U2'), 'Go ahead?');
  assert.match(await c.say('cancel', 'U2'), 'cancelled');

  const size0 = pvcSize('payments', 'pg-data');
  assert.match(await c.say('expand pg-data by 1Gi', 'U1'), 'Go ahead?');
  const set = await bot.app.tenancy.setActionPolicy(admin('local', c.id), 'prod-east', { allowedUsers: ['U7'] });
  assert.ok(set.ok);
  const yes = await c.say('yes', 'U1');
  assert.match(yes, /limited to U7: I cannot expand .*pg-data for U1\. The channel's permissions changed since the plan/);
  assert.match(yes, 'Nothing was changed');
  assert.is(pvcSize('payments', 'pg-data'), size0, 'nothing written');
  const row = (await bot.db.store.audit.list('local', { channelId: c.id })).find((x) => x.action === 'volume.expand' && x.userId === 'U1')!;
  assert.equal([row.outcome, row.target], ['refused', 'payments/pg-data']);
});

test('policy narrowed from all to alerts between the plan and the yes: refused at the yes, nothing created', async () => {
  const c = await channel(bot.app, { actions: 'all' });
  const before = snaps('data', 'mysql-data-2');
  assert.match(await c.say('snapshot mysql-data'), 'Go ahead?');
  assert.ok((await bot.app.tenancy.setActionPolicy(admin('local', c.id), 'prod-east', { actions: 'alerts' })).ok);
  const yes = await c.say('yes');
  assert.match(yes, 'read-only');
  assert.match(yes, 'permissions changed since the plan');
  assert.is(snaps('data', 'mysql-data-2'), before);
  assert.match(await c.say('yes'), 'Nothing is waiting', 'the refused plan is gone');
});

test('a channel without a binding sees the default cluster with the default policy (alerts), and the hint says so', async () => {
  const r = textOf(await bot.app.handle({ team: 'local', channel: 'C-unbound', user: 'U1', text: 'snapshot pg-wal' }));
  assert.match(r, 'read-only');
  assert.match(r, 'MULEBOT_DEFAULT_ACTIONS');
  assert.match(r, 'mulebot bind --team local --channel C-unbound --cluster prod-east --actions all');
});

test('two workspaces with the same channel and cluster names do not see each other\'s policy', async () => {
  const db2 = await createTestStore();
  const hosted = await createApp({ store: db2.store, nlu: sharedNlu(), onPrem: false, statsIntervalMs: 0, usageEveryMs: 0, resolveCacheMs: 0 });
  try {
    const ids: Record<string, string> = {};
    for (const team of ['TA', 'TB']) ids[team] = (await db2.store.clusters.add(team, { name: 'prod', kind: 'dump', dumpPath: DEMO })).id;
    assert.ok((await hosted.tenancy.connect(admin('TA', 'C1'), 'prod', { actions: 'all' })).ok);
    assert.ok((await hosted.tenancy.connect(admin('TB', 'C1'), 'prod')).ok);
    // TB's operator narrows nothing of TA's; TB's setPolicy by TA's name touches only TB's row
    assert.ok((await hosted.tenancy.setActionPolicy(admin('TB', 'C1'), 'prod', { actions: 'none' })).ok);
    assert.equal(await db2.store.bindings.policy('TA', 'C1', ids.TA!), { actions: 'all', allowedUsers: [] });
    assert.equal(await db2.store.bindings.policy('TB', 'C1', ids.TB!), { actions: 'none', allowedUsers: [] });
    // another team's cluster id finds no binding
    assert.is(await db2.store.bindings.policy('TB', 'C1', ids.TA!), null);
    const ask = (team: string, text: string) => hosted.handle({ team, channel: 'C1', user: 'U1', text }).then(textOf);
    assert.match(await ask('TA', 'snapshot pg-wal'), 'Go ahead?');
    assert.match(await ask('TB', 'snapshot pg-wal'), /turned off.*--team TB --channel C1 --cluster prod --actions all/s);
    assert.equal((await db2.store.audit.list('TB')).map((r) => [r.outcome, r.clusterId]), [['refused', ids.TB]]);
    assert.equal(await db2.store.audit.list('TA'), []);
  } finally {
    await hosted.close();
    await db2.close();
  }
});

test('read-only: an action with its target still unnamed is refused at once, not after "Which volume?"', async () => {
  const c = await channel(bot.app);
  const t = await c.say('snapshot it');
  assert.match(t, 'read-only');
  assert.match(t, 'I cannot create snapshots for');
  assert.not.match(t, 'Which volume?');
  assert.match(await c.say('pg-wal'), 'pg-wal', 'no question was left open: the name is a new question');
  const open = await channel(bot.app, { actions: 'all' });
  assert.match(await open.say('snapshot it'), 'Which volume?');
});

test('bad policies are refused with a reason, not stored', async () => {
  const c = await channel(bot.app);
  const bad = await bot.app.tenancy.setActionPolicy(admin('local', c.id), 'prod-east', { actions: 'everything' as never });
  assert.equal(bad.ok ? '' : bad.hint, 'actions must be one of none, alerts, all');
  const who = await bot.app.tenancy.setActionPolicy(admin('local', c.id), 'prod-east', { allowedUsers: ['U1', '<@U2>'] });
  assert.equal(who.ok ? '' : who.hint, '"<@U2>" is not a Slack user id');
  const notAdmin = await bot.app.tenancy.setActionPolicy({ teamId: 'local', channelId: c.id, userId: 'U1' }, 'prod-east', { actions: 'all' });
  assert.equal(notAdmin.ok ? '' : notAdmin.error, 'forbidden');
  const unbound = await bot.app.tenancy.setActionPolicy(admin('local', 'C-nowhere'), 'prod-east', { actions: 'all' });
  assert.match(unbound.ok ? '' : unbound.hint, 'not connected to prod-east');
  assert.equal(await bot.db.store.bindings.policy('local', c.id, bot.app.defaultRecord!.id), { actions: 'alerts', allowedUsers: [] });
});

test.run();
