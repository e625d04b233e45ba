// The batched durable dedupe on the real PostgreSQL: exactly one winner per event, within a batch, across
// batches, across replicas, and in agreement with the store's own ProcessedEvents.claimAll.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BatchDeduper } from '../../src/slack/dedupe.js';
import { createTestStore, openTestReplica, type TestStore } from '../helpers/db.js';

let t: TestStore;
test.before(async () => { t = await createTestStore(); });
test.after(async () => { await t?.close(); });

test('many concurrent claims of the same keys: one winner each', async () => {
  const d = new BatchDeduper(t.store.db);
  const claims = Array.from({ length: 200 }, (_, i) => d.claimAll([`ev:E${i % 20}`, `msg:T1:C1:${i % 20}`]));
  const results = await Promise.all(claims);
  assert.is(results.filter(Boolean).length, 20);
  for (let k = 0; k < 20; k++) assert.is(results.filter((r, i) => r && i % 20 === k).length, 1);
});

test('two replicas and the store\'s own claimAll agree', async () => {
  const replica = await openTestReplica(t.schema!, t.keyring);
  try {
    const a = new BatchDeduper(t.store.db), b = new BatchDeduper(replica.db);
    // one event delivered four times, to both replicas, some deliveries carrying its message key too
    const rs = await Promise.all([a.claimAll(['ev:X1']), b.claimAll(['ev:X1']), a.claimAll(['ev:X1', 'msg:X1']), b.claimAll(['ev:X1', 'msg:X1'])]);
    assert.is(rs.filter(Boolean).length, 1);
    assert.is(await t.store.events.claimAll(['ev:X1']), false);
    assert.is(await t.store.events.claimAll(['ev:X2']), true);
    assert.is(await a.claimAll(['ev:X2']), false);
  } finally { await replica.close(); }
});

test('an event with one key already seen is a duplicate (an event_id retried with another message key)', async () => {
  const d = new BatchDeduper(t.store.db);
  assert.is(await d.claimAll(['ev:Y', 'msg:Y1']), true);
  assert.is(await d.claimAll(['ev:Y', 'msg:Y2']), false);
  assert.is(await d.claimAll(['ev:Z', 'msg:Y1']), false);
});

test.run();
