// "Resolved" means the condition is gone: a volume warned as filling fast that leaves the forecast scan (the scan
// looks at the fullest volumes only) is forecast on its own, and resolved only when that forecast no longer fills
// within the horizon. Real parts: the demo dump (with its usage history) through the simulator, PostgreSQL.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createAlertWatcher, CollectingSink, type AlertWatcher } from '../../src/alerts/index.js';
import { THRESHOLDS } from '../../src/commands/alerts.js';
import { demoBot, type Bot } from '../e2e/helpers.js';

const KEY = 'volume-filling/monitoring/prometheus-db';
let bot: Bot;
let w: AlertWatcher;
const sink = new CollectingSink();
const saved = { ...THRESHOLDS };

test.before(async () => {
  bot = await demoBot({ clusterName: 'prod-east' });
  w = createAlertWatcher({ store: bot.app.store, pool: bot.app.pool, sink, everyMs: 0, scanMs: 0, defaultChannels: [{ team: 'local', channel: 'C-cap' }] });
});
test.after(async () => { Object.assign(THRESHOLDS, saved); await w?.stop(); await bot?.close(); });

test('warned: the volume fills within three days', async () => {
  const [r] = await w.check();
  assert.ok(r!.posted[0]!.fresh.includes(KEY), r!.posted[0]!.fresh.join(', '));
});

test('it leaves the forecast scan while still filling: not resolved', async () => {
  THRESHOLDS.forecastMax = 1;   // the scan now looks at the fullest volume only (loki-chunks)
  try {
    const [r] = await w.check();
    assert.equal(r!.posted, [], JSON.stringify(r!.posted));
    const sent = await bot.app.store.alerts.listSent({ teamId: 'local', channelId: 'C-cap', clusterId: bot.app.defaultCluster!.id! });
    assert.ok(sent.some((s) => s.alertKey === KEY), 'still on record');
  } finally { THRESHOLDS.forecastMax = saved.forecastMax; }
  const [back] = await w.check();
  assert.equal(back!.posted, [], 'back in the scan, same state: nothing to say');
});

test('its own forecast no longer fills within the horizon: resolved, once', async () => {
  THRESHOLDS.forecastMax = 1;
  THRESHOLDS.fillWithinSeconds = 60;   // nothing fills within a minute
  try {
    const [r] = await w.check();
    assert.ok(r!.posted[0]?.resolved.includes(KEY), JSON.stringify(r!.posted));
    assert.match(sink.messages.at(-1)!.reply.text, /monitoring\/prometheus-db — no longer filling fast/);
    const [again] = await w.check();
    assert.equal(again!.posted, []);
  } finally { Object.assign(THRESHOLDS, saved); }
});

test.run();
