// The Slack alert sink with a thread: the answer to an action asked in a thread (a follow-up) goes into that thread
// through chat.postMessage's thread_ts; a warning without one goes to the channel itself.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { followupMessage } from '../../src/alerts/index.js';
import type { Followup } from '../../src/store/index.js';
import { socketBot, ts, type Bot } from './helpers.js';

let bot: Bot;
test.before(async () => { bot = await socketBot(); });
test.after(async () => { await bot?.stop(); });

const at = new Date('2026-11-24T06:10:00Z');
const f: Followup = { id: 'f1', teamId: 'local', clusterId: 'c1', clusterName: 'prod-east', postTeam: 'local', channelId: 'CF', threadTs: null,
  userId: 'U1', kind: 'snapshot-ready', target: 'payments/pg-wal-20261124-0610', source: 'pg-wal', fromBytes: null, expectedBytes: null,
  createdAt: at, deadline: new Date(at.getTime() + 30 * 60_000), done: false, outcome: null };

test('a target with a thread posts into it; one without posts to the channel', async () => {
  const thread = ts();
  const reply = followupMessage(f, { outcome: 'ready', sizeBytes: 20 * 2 ** 30 }, at);
  await bot.slack.alertSink.post({ team: 'local', channel: 'CF', thread }, reply);
  await bot.slack.alertSink.post({ team: 'local', channel: 'CG' }, reply);
  await bot.slack.pipeline.idle();
  const inThread = bot.emu.callsOf('chat.postMessage').find((c) => c.body.channel === 'CF')!;
  assert.is(inThread.body.thread_ts, thread);
  assert.match(JSON.stringify(inThread.body.blocks), /Snapshot \*payments\/pg-wal-20261124-0610\* of \*pg-wal\* is ready to use \(20 GiB\), as <@U1> asked/);
  const top = bot.emu.callsOf('chat.postMessage').find((c) => c.body.channel === 'CG')!;
  assert.is(top.body.thread_ts, undefined);
});

test.run();
