// `mulebot bind --actions/--allow-user/--list` run in-process against a fresh PostgreSQL schema named through DATABASE_URL.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run as bind } from '../../src/cli/bind.js';
import { run as audit } from '../../src/cli/audit.js';
import { createTestStore, type TestStore } from '../helpers/db.js';
import { capture, schemaUrl } from '../helpers/cli.js';

let t: TestStore;
const saved = { url: process.env.DATABASE_URL, actions: process.env.MULEBOT_DEFAULT_ACTIONS };
let clusterId = '';

test.before(async () => {
  t = await createTestStore();
  process.env.DATABASE_URL = schemaUrl(t.schema);
  delete process.env.MULEBOT_DEFAULT_ACTIONS;
  clusterId = (await t.store.clusters.add('T1', { name: 'demo', kind: 'in-cluster' })).id;
  await t.store.clusters.add('T2', { name: 'demo', kind: 'in-cluster' });
});
test.after(async () => {
  process.env.DATABASE_URL = saved.url; if (saved.url === undefined) delete process.env.DATABASE_URL;
  process.env.MULEBOT_DEFAULT_ACTIONS = saved.actions; if (saved.actions === undefined) delete process.env.MULEBOT_DEFAULT_ACTIONS;
  await t?.close();
});

test('bind: a new binding is alerts; --actions all --allow-user sets it; --list shows it; another team is untouched', async () => {
  let r = await capture(() => bind(['--team', 'T1', '--channel', 'C1', '--cluster', 'demo'], 'bind'));
  assert.is(r.code, 0, r.err);
  assert.match(r.out, 'Channel C1 on demo: actions: alerts (mute/unmute only; read-only on the cluster)');
  r = await capture(() => bind(['--team', 'T2', '--channel', 'C1', '--cluster', 'demo', '--actions', 'none'], 'bind'));
  assert.match(r.out, 'Channel C1 on demo: actions: none');
  r = await capture(() => bind(['--team', 'T1', '--channel', 'C1', '--cluster', 'demo', '--actions', 'all', '--allow-user', 'U2, U1'], 'bind'));
  assert.is(r.code, 0, r.err);
  assert.match(r.out, 'already connected');
  assert.match(r.out, 'Channel C1 on demo: actions: all (cluster writes: U1, U2 only)');
  assert.equal(await t.store.bindings.policy('T1', 'C1', clusterId), { actions: 'all', allowedUsers: ['U1', 'U2'] });
  // an existing binding keeps its policy when none is given
  r = await capture(() => bind(['--team', 'T1', '--channel', 'C1', '--cluster', 'demo'], 'bind'));
  assert.match(r.out, 'actions: all (cluster writes: U1, U2 only)');
  r = await capture(() => bind(['--team', 'T1', '--list'], 'bind'));
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /C1 {2}demo {2}actions: all \(cluster writes: U1, U2 only\)/);
  r = await capture(() => bind(['--team', 'T2', '--list', '--json'], 'bind'));
  assert.equal(JSON.parse(r.out).map((x: any) => [x.channel, x.cluster, x.actions, x.allowedUsers]), [['C1', 'demo', 'none', []]]);
  r = await capture(() => bind(['--team', 'T1', '--channel', 'C1', '--cluster', 'demo', '--allow-anyone'], 'bind'));
  assert.match(r.out, /actions: all\.$/m);
});

test('bind: MULEBOT_DEFAULT_ACTIONS gives new bindings their policy', async () => {
  process.env.MULEBOT_DEFAULT_ACTIONS = 'all';
  try {
    const r = await capture(() => bind(['--team', 'T1', '--channel', 'C-env', '--cluster', 'demo'], 'bind'));
    assert.is(r.code, 0, r.err);
    assert.match(r.out, 'actions: all');
    process.env.MULEBOT_DEFAULT_ACTIONS = 'most';
    const bad = await capture(() => bind(['--team', 'T1', '--channel', 'C-env2', '--cluster', 'demo'], 'bind'));
    assert.is(bad.code, 2);
    assert.match(bad.err, 'MULEBOT_DEFAULT_ACTIONS must be one of none, alerts, all (got "most")');
  } finally { delete process.env.MULEBOT_DEFAULT_ACTIONS; }
});

test('bind: bad options are usage errors that say why; nothing is changed', async () => {
  const cases: [string[], number, string][] = [
    [['--team', 'T1', '--channel', 'C1', '--cluster', 'demo', '--actions', 'write'], 2, '--actions must be one of none, alerts, all (got "write")'],
    [['--team', 'T1', '--channel', 'C1', '--cluster', 'demo', '--allow-user', ' , '], 2, '--allow-user needs Slack user ids'],
    [['--team', 'T1', '--channel', 'C1', '--cluster', 'demo', '--allow-user', 'U1', '--allow-anyone'], 2, 'not both'],
    [['--team', 'T1', '--channel', 'C1', '--cluster', 'demo', '--allow-user', 'U1;drop'], 1, '"U1;drop" is not a Slack user id'],
    [['--list'], 2, '--team is required'],
    [['--team', 'T1', '--channel', 'C1', '--cluster', 'dmeo', '--actions', 'all'], 1, 'Did you mean demo?'],
  ];
  for (const [args, code, msg] of cases) {
    const r = await capture(() => bind(args, 'bind'));
    assert.is(r.code, code, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, msg);
  }
  const u = await capture(() => bind(['--team', 'T1', '--channel', 'C1', '--cluster', 'demo', '--actions', 'all'], 'unbind'));
  assert.is(u.code, 2);
  assert.equal(await t.store.bindings.policy('T1', 'C1', clusterId), { actions: 'all', allowedUsers: [] });
});

test('audit: a workspace\'s actions newest first, text and JSON; another workspace\'s never; bad options exit 2', async () => {
  const base = { channelId: 'C1', userId: 'U1', clusterId: null, clusterName: 'demo', detail: 'x' };
  await t.store.audit.record({ ...base, teamId: 'T1', action: 'snapshot.create', target: 'pg-wal', outcome: 'done' }, new Date('2026-11-24T06:00:00Z'));
  await t.store.audit.record({ ...base, teamId: 'T1', action: 'volume.expand', target: 'pg-data', outcome: 'refused' }, new Date('2026-11-24T07:00:00Z'));
  await t.store.audit.record({ ...base, teamId: 'T2', action: 'snapshot.delete', target: 'secret-snap', outcome: 'done' });
  let r = await capture(() => audit(['--team', 'T1'], 'audit'));
  assert.is(r.code, 0, r.err);
  const lines = r.out.split('\n').filter((l) => l.startsWith('  '));
  assert.is(lines.length, 2);
  assert.match(lines[0]!, /2026-11-24 07:00  refused  volume.expand pg-data on demo  by U1 in C1/);
  assert.match(lines[1]!, /done\s+snapshot.create pg-wal/);
  assert.not.match(r.out, 'secret-snap');
  r = await capture(() => audit(['--team', 'T1', '--json', '--limit', '1'], 'audit'));
  assert.equal(JSON.parse(r.out).map((x: { action: string }) => x.action), ['volume.expand']);
  assert.is((await capture(() => audit([], 'audit'))).code, 2);
  assert.is((await capture(() => audit(['--team', 'T1', '--limit', 'lots'], 'audit'))).code, 2);
  assert.match((await capture(() => audit(['--team', 'T9'], 'audit'))).out, 'No actions recorded for workspace T9');
});

test.run();
