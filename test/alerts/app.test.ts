// The watcher wired into the app: with a sink it starts with createApp, warns the configured on-prem channel of
// the demo cluster's current alerts once, and stops with close().
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CollectingSink, createAlertWatcher } from '../../src/alerts/index.js';
import { demoBot } from '../e2e/helpers.js';

test('createApp({ alertSink }): the default channel hears the current alerts once; close() stops the watcher', async () => {
  const sink = new CollectingSink();
  const bot = await demoBot({ alertSink: sink, alertChannels: [{ team: 'local', channel: 'C-alerts' }], alertEveryMs: 0 });
  try {
    assert.ok(bot.app.alerts, 'the watcher runs');
    await sink.until(1);
    const reports = await bot.app.alerts!.check();   // after the first check: nothing more to say
    assert.is(sink.messages.length, 1);
    assert.equal(reports.flatMap((r) => r.posted), []);
    const { target, reply } = sink.messages[0]!;
    assert.equal(target, { team: 'local', channel: 'C-alerts' });
    assert.match(reply.text, /alerts on prod-east/);
    assert.match(reply.text, /mysql-data/);
    // another watcher asked for later is the same one
    assert.is(bot.app.watchAlerts(new CollectingSink()), bot.app.alerts);
  } finally {
    await bot.close();
  }
});

test('on the embedded store too: warned once, nothing again after a second watcher looks', async () => {
  const sink = new CollectingSink();
  const bot = await demoBot({ embedded: true, alertSink: sink, alertChannels: [{ team: 'local', channel: 'C-alerts' }], alertEveryMs: 0 });
  try {
    await sink.until(1);
    const again = new CollectingSink();
    const w2 = createAlertWatcher({ store: bot.app.store, pool: bot.app.pool, sink: again, everyMs: 0, defaultChannels: [{ team: 'local', channel: 'C-alerts' }] });
    await w2.check();
    await w2.stop();
    assert.is(again.messages.length, 0);
    assert.is(sink.messages.length, 1);
  } finally {
    await bot.close();
  }
});

test('a message the sink failed to deliver is tried again at the next check', async () => {
  const bot = await demoBot();
  const got = new CollectingSink();
  let fail = true;
  const errors: unknown[] = [];
  const w = createAlertWatcher({ store: bot.app.store, pool: bot.app.pool, everyMs: 0, defaultChannels: [{ team: 'local', channel: 'C-flaky' }],
    sink: { async post(target, reply) { if (fail) { fail = false; throw new Error('slack is down'); } await got.post(target, reply); } } });
  w.on('error', (e) => errors.push(e));
  try {
    const [first] = await w.check();
    assert.equal(first!.posted, []);
    assert.is(errors.length, 1);
    const [second] = await w.check();
    assert.is(got.messages.length, 1);
    assert.ok(second!.posted[0]!.fresh.includes('replica-lost/data/mysql-data'));
    await w.check();
    assert.is(got.messages.length, 1);
  } finally {
    await w.stop();
    await bot.close();
  }
});

test.run();
