// Channels and clusters: unbound channels, several bound clusters (ask which one, answer for all, labelled),
// context.use, an unreachable cluster named with its reason, the vocabulary compiled once per inventory.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp, type App } from '../../src/app/index.js';
import { createTestStore, type TestStore } from '../helpers/db.js';
import { DEMO, sharedNlu, textOf } from '../e2e/helpers.js';

let db: TestStore;
let app: App;
const TEAM = 'TMULTI';
const say = async (text: string, o: { channel?: string; user?: string; team?: string } = {}) =>
  app.handle({ team: o.team ?? TEAM, channel: o.channel ?? 'CBOTH', user: o.user ?? 'U1', text });

test.before(async () => {
  db = await createTestStore();
  const s = db.store;
  await s.workspaces.ensure(TEAM);
  await s.clusters.add(TEAM, { name: 'prod-east', kind: 'dump', dumpPath: DEMO });
  await s.clusters.add(TEAM, { name: 'prod-west', kind: 'dump', dumpPath: DEMO });
  await s.clusters.add(TEAM, { name: 'broken', kind: 'dump', dumpPath: '/nonexistent/dump.yaml' });
  await s.bindings.bind(TEAM, 'CBOTH', 'prod-east');
  await s.bindings.bind(TEAM, 'CBOTH', 'prod-west');
  await s.bindings.bind(TEAM, 'CEAST', 'prod-east');
  await s.bindings.bind(TEAM, 'CBROKEN', 'broken');
  await s.bindings.bind(TEAM, 'CMIXED', 'prod-east');
  await s.bindings.bind(TEAM, 'CMIXED', 'broken');
  // both clusters, writes open on prod-west only
  await s.bindings.bind(TEAM, 'CWRITE', 'prod-east');
  await s.bindings.bind(TEAM, 'CWRITE', 'prod-west', { policy: { actions: 'all' } });
  app = await createApp({ store: s, nlu: sharedNlu(), onPrem: false, statsIntervalMs: 0, usageEveryMs: 0 });
});
test.after(async () => { await app?.close(); await db?.close(); });

test('an unbound channel is told how to bind', async () => {
  const t = textOf(await say('is pg-wal healthy?', { channel: 'CNONE' }));
  assert.match(t, '/mulebot connect');
  assert.match(t, 'prod-east');
});

test('a workspace with no clusters is told how to add one', async () => {
  const t = textOf(await say('list volumes', { team: 'TEMPTY', channel: 'C1' }));
  assert.match(t, 'mulebot cluster add');
});

test('fleet questions answer for every bound cluster, labelled', async () => {
  const t = textOf(await say('how is the storage doing?', { channel: 'CBOTH', user: 'UA' }));
  assert.match(t, '[prod-east]');
  assert.match(t, '[prod-west]');
  assert.match(t, 'spark-scratch');
});

test('a volume on several clusters: which cluster? then one, then all', async () => {
  let t = textOf(await say('is pg-wal healthy?', { channel: 'CBOTH', user: 'UB' }));
  assert.match(t, 'Which cluster?');
  assert.match(t, 'prod-west');
  t = textOf(await say('prod-west', { channel: 'CBOTH', user: 'UB' }));
  assert.match(t, '[prod-west]');
  assert.match(t, 'pg-wal is Healthy');
  assert.not.match(t, '[prod-east]');
  await say('is mysql-data healthy?', { channel: 'CBOTH', user: 'UB' });
  t = textOf(await say('all of them', { channel: 'CBOTH', user: 'UB' }));
  assert.match(t, '[prod-east]');
  assert.match(t, '[prod-west]');
  assert.match(t, 'mysql-data is Degraded');
});

test('context.use picks the cluster for the conversation', async () => {
  let t = textOf(await say('use prod-west', { channel: 'CBOTH', user: 'UC' }));
  assert.match(t, 'prod-west');
  t = textOf(await say('is pg-wal healthy?', { channel: 'CBOTH', user: 'UC' }));
  assert.not.match(t, 'Which cluster?');
  assert.match(t, '[prod-west]');
  t = textOf(await say('use staging', { channel: 'CBOTH', user: 'UC' }));
  assert.match(t, "don't see cluster");
});

test('a cluster name in the question picks it', async () => {
  const t = textOf(await say('list volumes on prod-east', { channel: 'CBOTH', user: 'UD' }));
  assert.match(t, '[prod-east]');
  assert.not.match(t, '[prod-west]');
});

test('an unreachable cluster is named with the reason', async () => {
  let t = textOf(await say('how is the storage doing?', { channel: 'CBROKEN' }));
  assert.match(t, 'broken');
  assert.match(t, '/nonexistent/dump.yaml');
  t = textOf(await say('how is the storage doing?', { channel: 'CMIXED' }));
  assert.match(t, '[prod-east]');
  assert.match(t, '[broken]');
  assert.match(t, 'spark-scratch');
});

test('the tenant vocabulary is compiled once per inventory, not per turn', async () => {
  await say('is pg-wal healthy?', { channel: 'CEAST' });
  const before = app.dialogue.vocab.compiles;
  for (const q of ['and its replicas?', 'how full is it', 'list pools']) await say(q, { channel: 'CEAST' });
  assert.is(app.dialogue.vocab.compiles, before);
});

test('an action in a channel of two clusters goes where it is allowed: no "Which cluster?" for one open cluster', async () => {
  const t = textOf(await say('snapshot pg-wal', { channel: 'CWRITE' }));
  assert.not.match(t, 'Which cluster?');
  assert.match(t, 'Cluster prod-west. Go ahead?');
  assert.match(textOf(await say('cancel', { channel: 'CWRITE' })), 'Nothing was changed');
  // both read-only: refused at once, with the operator's command
  const r = textOf(await say('snapshot pg-wal', { channel: 'CBOTH' }));
  assert.match(r, 'read-only');
  assert.not.match(r, 'Which cluster?');
});

test.run();
