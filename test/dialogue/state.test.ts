// Conversation state lives in the store: another replica (a second app on the same database) takes the next
// message; state expires; usage samples feed forecasts; the sampler records the inventory.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp, type App } from '../../src/app/index.js';
import { recordUsage } from '../../src/dialogue/usage.js';
import { createTestStore, openTestReplica, type TestStore } from '../helpers/db.js';
import { DEMO, sharedNlu, textOf } from '../e2e/helpers.js';
import type { Store } from '../../src/store/index.js';

let db: TestStore;
let a: App;
let b: App;
let replicaStore: Store;

test.before(async () => {
  db = await createTestStore();
  const common = { clusterDump: DEMO, clusterName: 'prod-east', nlu: sharedNlu(), statsIntervalMs: 0, usageEveryMs: 0 };
  a = await createApp({ ...common, store: db.store });
  replicaStore = await openTestReplica(db.schema!, db.keyring);
  b = await createApp({ ...common, store: replicaStore });
  await Promise.all([a.defaultCluster!.ensure(), b.defaultCluster!.ensure()]);
});
test.after(async () => {
  await a?.close(); await b?.close(); await replicaStore?.close(); await db?.close();
});

const turn = (text: string, o: { channel?: string; user?: string } = {}) => ({ team: 'T1', channel: o.channel ?? 'C1', user: o.user ?? 'U1', text });

test('another replica takes the follow-up', async () => {
  assert.match(textOf(await a.handle(turn('is kafka-logs ok?', { channel: 'R1' }))), 'kafka-logs');
  const t = textOf(await b.handle(turn('and its replicas?', { channel: 'R1' })));
  assert.match(t, 'kafka-logs');
  assert.match(t, 'storage-3');
});

test('a pending question answered on the other replica', async () => {
  assert.match(textOf(await a.handle(turn('is it healthy?', { channel: 'R2' }))), 'Which volume?');
  assert.match(textOf(await b.handle(turn('pg-wal', { channel: 'R2' }))), 'pg-wal is Healthy');
});

test('the state is a small JSON row keyed by team, channel and thread', async () => {
  await a.handle({ ...turn('is pg-wal healthy?', { channel: 'R3' }), thread: '171.1' });
  const inThread = await db.store.conversations.get<any>({ teamId: 'T1', channelId: 'R3', threadTs: '171.1' });
  const inChannel = await db.store.conversations.get<any>({ teamId: 'T1', channelId: 'R3' });
  assert.is(inThread?.state.last.volume, 'pg-wal');
  assert.is(inChannel, null);
  assert.ok(JSON.stringify(inThread!.state).length < 1000);
});

test('an expired conversation is forgotten', async () => {
  const short = await createApp({ store: db.store, nlu: sharedNlu(), clusterDump: DEMO, clusterName: 'prod-east', statsIntervalMs: 0, usageEveryMs: 0 });
  try {
    (short.dialogue as any);
    await short.defaultCluster!.ensure();
    await short.handle(turn('is pg-wal healthy?', { channel: 'R4' }));
    // expire it in the store, as time would
    await db.store.db('conversations').where({ team_id: 'T1', channel_id: 'R4' }).update({ expires_at: new Date(Date.now() - 1000) });
    assert.match(textOf(await short.handle(turn('and its replicas?', { channel: 'R4' }))), 'Which volume?');
  } finally { await short.close(); }
});

test('usage samples feed the forecast', async () => {
  const rec = a.defaultRecord!;
  const inv = a.defaultCluster!.state().inventory!;
  const v = inv.volumes.find((x) => x.pvc?.name === 'pg-wal')!;
  const GiB = 2 ** 30, DAY = 86_400_000, now = Date.now();
  const samples = Array.from({ length: 8 }, (_, i) => ({ volumeId: v.id, at: new Date(now - (7 - i) * DAY), usedBytes: 4 * GiB + i * 1 * GiB, capacityBytes: 20 * GiB }));
  await db.store.usage.record('local', rec.id, samples);
  const t = textOf(await a.handle(turn('when will pg-wal be full?', { channel: 'R5' })));
  assert.match(t, 'pg-wal');
  assert.match(t, /full in about|days/i, t);
});

test('recordUsage samples every volume with its own usage figure', async () => {
  const inv = a.defaultCluster!.state().inventory!;
  const n = await recordUsage(db.store, 'local', a.defaultRecord!.id, inv, new Date());
  const own = inv.volumes.filter((v) => v.usedBytes !== undefined && v.usedSource !== 'kubelet-hostpath-fs').length;
  assert.is(n, own);
  assert.ok(n > 20);
  assert.is(await recordUsage(db.store, 'other-team', a.defaultRecord!.id, inv), 0);
});

test.run();
