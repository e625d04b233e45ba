// The real conversation behind Socket Mode: createApp (NLU model, dialogue, demo cluster dump) answers
// a mention through the real SDK clients and the emulator, with the "Looking..." placeholder updated.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from '../../src/app/index.js';
import { createTestStore, type TestStore } from '../helpers/db.js';
import { socketBot, ts, type Bot } from './helpers.js';

const DUMP = fileURLToPath(new URL('../../examples/demo-cluster.yaml', import.meta.url));
let t: TestStore;
let app: App;
let bot: Bot;

test.before(async () => {
  t = await createTestStore();
  app = await createApp({ store: t.store, clusterDump: DUMP, usageEveryMs: 0 });
  bot = await socketBot({ store: t.store, handler: app, tenancy: app.tenancy, placeholder: { text: 'Looking…' } });
});
test.after(async () => { await bot?.stop(); await app?.close(); await t?.close(); });

test('a mention is answered by the real dialogue: placeholder first, then chat.update with the answer', async () => {
  bot.emu.pushEvent('T1', { type: 'app_mention', user: 'U1', channel: 'C1', text: '<@UBOT_T1> is pg-wal healthy?', ts: ts() });
  const update = await bot.emu.waitForCall('chat.update');
  const placeholder = bot.emu.callsOf('chat.postMessage').find((c) => c.body.channel === 'C1')!;
  assert.is(placeholder.body.text, 'Looking…');
  assert.is(update.body.ts, placeholder.response.ts);
  assert.match(update.body.text, /pg-wal/);
  assert.ok(Array.isArray(update.body.blocks) && update.body.blocks.length > 0 && update.body.blocks.length <= 50);
});

test('a follow-up in the thread keeps the conversation', async () => {
  const top = ts();
  bot.emu.pushEvent('T1', { type: 'app_mention', user: 'U1', channel: 'C2', text: '<@UBOT_T1> how full is kafka-logs', ts: top });
  const first = await bot.emu.waitForCall('chat.update', (c) => c.body.channel === 'C2');
  // the user replies under the bot's answer: a thread whose parent is the bot's message
  bot.emu.pushEvent('T1', { type: 'message', user: 'U1', channel: 'C2', channel_type: 'channel', text: 'and its replicas?', ts: ts(), thread_ts: first.body.ts, parent_user_id: 'UBOT_T1' });
  const follow = await bot.emu.waitForCall('chat.update', (c) => c.body.channel === 'C2' && bot.emu.callsOf('chat.update').filter((u) => u.body.channel === 'C2').indexOf(c) === 1);
  assert.match(follow.body.text, /kafka-logs/);
});

test('the alert watcher warns the on-prem alert channel through chat.postMessage, once', async () => {
  const watcher = app.watchAlerts(bot.slack.alertSink, [{ team: 'local', channel: 'CALERTS' }]);
  const post = await bot.emu.waitForCall('chat.postMessage', (c) => c.body.channel === 'CALERTS');
  assert.match(post.body.text, /loki-chunks/);                 // 96% full on the demo cluster
  assert.match(post.body.text, /mysql-data/);                  // a cStor replica offline
  assert.ok(Array.isArray(post.body.blocks) && post.body.blocks.length <= 50);
  await watcher.check();                                        // nothing new: nothing more is posted
  await bot.slack.pipeline.idle();
  assert.is(bot.emu.callsOf('chat.postMessage').filter((c) => c.body.channel === 'CALERTS').length, 1);
});

test.run();
