// Conversations (expiry, optimistic versions) and processed-event dedupe on the real PostgreSQL.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestStore, openTestReplica, type TestStore } from '../helpers/db.js';

let t: TestStore;
test.before(async () => { t = await createTestStore(); });
test.after(async () => { await t?.close(); });

const key = { teamId: 'T1', channelId: 'C1' };

test('create, read, update with the version, delete', async () => {
  const c = t.store.conversations;
  assert.is(await c.get(key), null);
  const r1 = await c.put(key, { topic: 'pg-wal', turns: 1 });
  assert.equal(r1, { ok: true, version: 1 });
  const got = await c.get<{ topic: string; turns: number }>(key);
  assert.equal(got?.state, { topic: 'pg-wal', turns: 1 });
  assert.is(got?.threadTs, null);
  assert.ok(got!.expiresAt.getTime() > Date.now());
  const r2 = await c.put(key, { topic: 'pg-wal', turns: 2 }, { expectedVersion: 1 });
  assert.equal(r2, { ok: true, version: 2 });
  assert.ok(await c.delete(key));
  assert.is(await c.get(key), null);
});

test('a stale version or a second create is a conflict, not an overwrite', async () => {
  const c = t.store.conversations;
  await c.put(key, { n: 1 });
  const again = await c.put(key, { n: 'other' });
  assert.equal(again, { ok: false, reason: 'conflict', currentVersion: 1 });
  assert.equal((await c.put(key, { n: 2 }, { expectedVersion: 1 })), { ok: true, version: 2 });
  assert.equal((await c.put(key, { n: 'late' }, { expectedVersion: 1 })), { ok: false, reason: 'conflict', currentVersion: 2 });
  assert.equal((await c.get(key))?.state, { n: 2 });
});

test('two replicas racing on the same version: exactly one wins', async () => {
  const replica = await openTestReplica(t.schema!, t.keyring);
  try {
    const k = { teamId: 'T1', channelId: 'CRACE' };
    await t.store.conversations.put(k, { v: 0 });
    const results = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => t.store.conversations.put(k, { v: `a${i}` }, { expectedVersion: 1 })),
      ...Array.from({ length: 5 }, (_, i) => replica.conversations.put(k, { v: `b${i}` }, { expectedVersion: 1 })),
    ]);
    assert.is(results.filter((r) => r.ok).length, 1);
    assert.is((await t.store.conversations.get(k))?.version, 2);
  } finally { await replica.close(); }
});

test('threads and teams are separate keys; colliding channel ids do not share state', async () => {
  const c = t.store.conversations;
  await c.put({ teamId: 'T1', channelId: 'CX', threadTs: '171.001' }, { where: 'thread' });
  await c.put({ teamId: 'T1', channelId: 'CX' }, { where: 'channel' });
  await c.put({ teamId: 'T2', channelId: 'CX' }, { where: 'other team' });
  assert.equal((await c.get({ teamId: 'T1', channelId: 'CX', threadTs: '171.001' }))?.state, { where: 'thread' });
  assert.equal((await c.get({ teamId: 'T1', channelId: 'CX' }))?.state, { where: 'channel' });
  assert.equal((await c.get({ teamId: 'T2', channelId: 'CX' }))?.state, { where: 'other team' });
  assert.is(await c.get({ teamId: 'T3', channelId: 'CX' }), null);
  assert.equal((await c.listLive('T2')).map((x) => x.state), [{ where: 'other team' }]);
});

test('expired conversations read as absent, can be recreated, and are purged', async () => {
  const c = t.store.conversations;
  const k = { teamId: 'T1', channelId: 'COLD' };
  await c.put(k, { old: true }, { ttlMs: -1000 });   // already expired
  assert.is(await c.get(k), null);
  assert.not.ok(await c.touch(k));
  const fresh = await c.put(k, { old: false });
  assert.ok(fresh.ok);
  assert.equal((await c.get(k))?.state, { old: false });
  await c.put({ teamId: 'T1', channelId: 'COLD2' }, {}, { ttlMs: -1 });
  assert.ok((await c.purgeExpired()) >= 1);
  assert.is(await t.store.db('conversations').where({ channel_id: 'COLD2' }).first(), undefined);
  assert.ok(await t.store.db('conversations').where({ channel_id: 'COLD' }).first());
});

test('event dedupe: 20 concurrent claims across two replicas, exactly one true', async () => {
  const replica = await openTestReplica(t.schema!, t.keyring);
  try {
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? replica : t.store).events.claim('Ev123')));
    assert.is(claims.filter(Boolean).length, 1);
    assert.not.ok(await t.store.events.claim('Ev123'));
    assert.ok(await t.store.events.seen('Ev123'));
    assert.ok(await t.store.events.claim('Ev124'));
  } finally { await replica.close(); }
});

test('claimAll: a retry with a new envelope id but the same event id is a duplicate', async () => {
  const e = t.store.events;
  assert.ok(await e.claimAll(['Ev900', 'env-1']));
  assert.not.ok(await e.claimAll(['Ev900', 'env-2']));
  assert.not.ok(await e.claimAll(['env-1']));
  const many = await Promise.all(Array.from({ length: 20 }, (_, i) => e.claimAll(['Ev901', `env-x${i}`])));
  assert.is(many.filter(Boolean).length, 1);
});

test('purge forgets old keys only', async () => {
  const e = t.store.events;
  await t.store.db('processed_events').insert({ key: 'ancient', claimed_at: new Date(Date.now() - 3 * 24 * 3600_000) });
  assert.is(await e.purge(24 * 3600_000), 1);
  assert.ok(await e.claim('ancient'));
  assert.ok(await e.seen('Ev123'));
});

test('maintain() runs every purge and reports counts', async () => {
  await t.store.conversations.put({ teamId: 'T1', channelId: 'CGONE' }, {}, { ttlMs: -1 });
  const counts = await t.store.maintain();
  assert.equal(Object.keys(counts).sort(), ['alertsSent', 'conversations', 'events', 'followups', 'mutes', 'usage']);
  assert.ok(counts.conversations! >= 1);
});

test.run();
