// Usage samples (batches, windows, compaction) and alert mutes / sent-alert dedupe on the real PostgreSQL.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestStore, type TestStore } from '../helpers/db.js';

const HOUR = 3600_000, DAY = 24 * HOUR, GiB = 1024 ** 3;
let t: TestStore;
let east = '', west = '', foreign = '';
test.before(async () => {
  t = await createTestStore();
  east = (await t.store.clusters.add('T1', { name: 'prod-east', kind: 'in-cluster' })).id;
  west = (await t.store.clusters.add('T1', { name: 'prod-west', kind: 'in-cluster' })).id;
  foreign = (await t.store.clusters.add('T2', { name: 'prod-east', kind: 'in-cluster' })).id;
});
test.after(async () => { await t?.close(); });

test('record in batches and read a window, oldest first', async () => {
  const now = Date.now();
  const samples = Array.from({ length: 2500 }, (_, i) => ({ volumeId: `pvc-${i % 5}`, at: new Date(now - (2500 - i) * 60_000),
    usedBytes: i * 1_000_000, capacityBytes: 10 * GiB }));
  assert.is(await t.store.usage.record('T1', east, samples), 2500);
  const w = await t.store.usage.window('T1', east, 'pvc-0');
  assert.is(w.length, 500);
  assert.ok(w.every((s, i) => i === 0 || s.at > w[i - 1]!.at));
  assert.is(w[0]!.capacityBytes, 10 * GiB);
  assert.is(typeof w[0]!.usedBytes, 'number');
  const recent = await t.store.usage.window('T1', east, 'pvc-0', { from: new Date(now - 100 * 60_000) });
  assert.ok(recent.length > 0 && recent.length <= 21);
  // big values survive (bigint columns)
  await t.store.usage.record('T1', east, [{ volumeId: 'big', at: now, usedBytes: 5 * 1024 ** 4, capacityBytes: null }]);
  assert.equal((await t.store.usage.window('T1', east, 'big')).map((s) => [s.usedBytes, s.capacityBytes]), [[5 * 1024 ** 4, null]]);
  // the same instant again keeps the newer figures
  await t.store.usage.record('T1', east, [{ volumeId: 'big', at: now, usedBytes: 7, capacityBytes: 8 }]);
  assert.equal((await t.store.usage.window('T1', east, 'big')).map((s) => s.usedBytes), [7]);
  const latest = await t.store.usage.latest('T1', east);
  assert.is(latest.length, 6);
});

test('reads and writes are keyed by team: another team\'s cluster id yields nothing', async () => {
  assert.is(await t.store.usage.record('T2', east, [{ volumeId: 'x', at: Date.now(), usedBytes: 1 }]), 0);
  assert.equal(await t.store.usage.window('T2', east, 'pvc-0'), []);
  assert.equal(await t.store.usage.latest('T2', east), []);
  assert.equal(await t.store.usage.window('T1', foreign, 'pvc-0'), []);
});

test('compact keeps one sample per bucket for old data and drops data past retention', async () => {
  const base = Math.floor((Date.now() - 10 * DAY) / HOUR) * HOUR;   // hour-aligned, like the buckets
  const rows = [];
  for (let h = 0; h < 48; h++) for (let m = 0; m < 60; m += 10) rows.push({ volumeId: 'old', at: new Date(base + h * HOUR + m * 60_000), usedBytes: h * 100 + m });
  rows.push({ volumeId: 'old', at: new Date(Date.now() - 40 * DAY), usedBytes: 1 });
  rows.push({ volumeId: 'old', at: new Date(Date.now() - 60_000), usedBytes: 2 });
  await t.store.usage.record('T1', west, rows);
  const deleted = await t.store.usage.compact({ olderThanMs: 2 * DAY, bucketMs: HOUR, retainMs: 30 * DAY });
  const left = await t.store.usage.window('T1', west, 'old');
  assert.is(left.length + deleted, rows.length);
  // one per hour for 48 hours, plus the recent sample
  assert.is(left.length, 49);
  assert.is(left[left.length - 1]!.usedBytes, 2);
  // the last sample of an hour is the one kept
  assert.ok(left.some((s) => s.usedBytes === 50));
  assert.is(await t.store.usage.compact({ olderThanMs: 2 * DAY, bucketMs: HOUR }), 0);
});

test('mutes: per channel and cluster; "all" covers every target; expiry and re-mute', async () => {
  const a = t.store.alerts;
  const scope = { teamId: 'T1', channelId: 'C1', clusterId: east };
  const soon = new Date(Date.now() + HOUR);
  await a.mute(scope, { kind: 'volume', name: 'pg-wal' }, soon, 'U1');
  assert.ok(await a.mutedBy(scope, { kind: 'volume', name: 'pg-wal' }));
  assert.is(await a.mutedBy(scope, { kind: 'volume', name: 'pg-data' }), null);
  assert.is(await a.mutedBy({ ...scope, channelId: 'C2' }, { kind: 'volume', name: 'pg-wal' }), null);
  assert.is(await a.mutedBy({ ...scope, clusterId: west }, { kind: 'volume', name: 'pg-wal' }), null);
  await a.mute(scope, { kind: 'all' }, soon);
  assert.is((await a.mutedBy(scope, { kind: 'pool', name: 'cstor-disk-pool-7xkq' }))?.target.kind, 'all');
  assert.is((await a.listMutes('T1')).length, 2);
  assert.ok(await a.unmute(scope, { kind: 'all' }));
  const later = new Date(Date.now() + 2 * HOUR);
  const re = await a.mute(scope, { kind: 'volume', name: 'pg-wal' }, later);
  assert.is(re.until.getTime(), later.getTime());
  assert.is((await a.listMutes('T1')).length, 1);
  assert.is(await a.mutedBy(scope, { kind: 'volume', name: 'pg-wal' }, new Date(Date.now() + 3 * HOUR)), null);
  await a.mute(scope, { kind: 'pool', name: 'p1' }, new Date(Date.now() - 1000));
  assert.is(await a.purgeExpiredMutes(), 1);
  // a mute on another team's cluster is refused by the database
  try { await a.mute({ ...scope, clusterId: foreign }, { kind: 'all' }, soon); assert.unreachable(); } catch (e: any) { assert.is(e.code, 'NOT_FOUND'); }
  assert.equal(await a.listMutes('T2'), []);
});

test('alerts sent: once per cooldown across concurrent senders, again on a state change', async () => {
  const a = t.store.alerts;
  const scope = { teamId: 'T1', channelId: 'C1', clusterId: east };
  const sends = await Promise.all(Array.from({ length: 10 }, () => a.shouldSend(scope, 'volume-full:pg-wal', { cooldownMs: HOUR, state: 'warning' })));
  assert.is(sends.filter(Boolean).length, 1);
  assert.not.ok(await a.shouldSend(scope, 'volume-full:pg-wal', { cooldownMs: HOUR, state: 'warning' }));
  assert.ok(await a.shouldSend(scope, 'volume-full:pg-wal', { cooldownMs: HOUR, state: 'critical' }));
  assert.ok(await a.shouldSend(scope, 'volume-full:pg-wal', { cooldownMs: 0, state: 'critical' }), 'cooldown passed');
  assert.ok(await a.shouldSend({ ...scope, channelId: 'C2' }, 'volume-full:pg-wal', { cooldownMs: HOUR, state: 'critical' }));
  assert.ok(await a.clearSent(scope, 'volume-full:pg-wal'));
  assert.ok(await a.shouldSend(scope, 'volume-full:pg-wal', { cooldownMs: HOUR, state: 'critical' }));
  try { await a.shouldSend({ ...scope, clusterId: foreign }, 'x', { cooldownMs: 0 }); assert.unreachable(); } catch (e: any) { assert.is(e.code, 'NOT_FOUND'); }
  assert.is(await a.purgeSent(0), 2);
});

test.run();
