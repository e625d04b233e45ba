// Socket Mode end to end: the real @slack/socket-mode and @slack/web-api clients against the emulator.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestStore, type TestStore } from '../helpers/db.js';
import { EchoHandler, reply, socketBot, ts, type Bot } from './helpers.js';

let t: TestStore;
let bot: Bot;
let n = 0;   // items the pipeline has settled so far
const settle = (k = 1) => bot.slack.pipeline.whenSettled((n += k));

test.before(async () => {
  t = await createTestStore();
  bot = await socketBot({ store: t.store });
});
test.after(async () => { await bot?.stop(); await t?.close(); });

test('app_mention: acked, mention stripped, answered in the channel with the bot token', async () => {
  const m = ts();
  const d = bot.emu.pushEvent('T1', { type: 'app_mention', user: 'U1', channel: 'C1', text: '<@UBOT_T1> is pg-wal ok?', ts: m });
  const ack = await d.ack;
  assert.equal(ack.envelope_id, d.envelopeId);
  const post = await bot.emu.waitForCall('chat.postMessage', (c) => c.body.text === 'echo: is pg-wal ok?');
  await settle();
  assert.is(post.token, 'xoxb-T1');
  assert.is(post.body.channel, 'C1');
  assert.is(post.body.thread_ts, undefined);
  assert.is(post.body.blocks[0].type, 'section');        // blocks arrive as a JSON string and are parsed back
  const turn = bot.handler.turns.at(-1)!;
  assert.equal({ team: turn.team, channel: turn.channel, user: turn.user, text: turn.text }, { team: 'T1', channel: 'C1', user: 'U1', text: 'is pg-wal ok?' });
});

test('asked in a thread: answered in that thread', async () => {
  const parent = ts();
  bot.emu.pushEvent('T1', { type: 'app_mention', user: 'U1', channel: 'C1', text: 'hey <@UBOT_T1> pools?', ts: ts(), thread_ts: parent });
  const post = await bot.emu.waitForCall('chat.postMessage', (c) => c.body.text === 'echo: hey pools?');
  await settle();
  assert.is(post.body.thread_ts, parent);
  assert.is(bot.handler.turns.at(-1)!.thread, parent);
});

test('direct messages are answered; own, bot, edited and plain channel messages are not', async () => {
  const before = bot.emu.count('chat.postMessage');
  bot.emu.pushEvent('T1', { type: 'message', user: 'UBOT_T1', channel: 'D1', channel_type: 'im', text: 'my own words', ts: ts() });
  bot.emu.pushEvent('T1', { type: 'message', user: 'U9', bot_id: 'BOTHER', channel: 'C1', channel_type: 'channel', text: 'another bot', ts: ts() });
  bot.emu.pushEvent('T1', { type: 'message', subtype: 'message_changed', channel: 'C1', channel_type: 'channel', ts: ts(), message: { text: 'x' } });
  bot.emu.pushEvent('T1', { type: 'message', user: 'U1', channel: 'C1', channel_type: 'channel', text: 'just chatting', ts: ts() });
  bot.emu.pushEvent('T1', { type: 'reaction_added', user: 'U1', reaction: 'eyes', channel: 'C1', ts: ts() });
  bot.emu.pushEvent('T1', { type: 'message', user: 'U1', channel: 'D1', channel_type: 'im', text: 'list volumes', ts: ts() });
  await settle(6);
  assert.is(bot.emu.count('chat.postMessage'), before + 1);
  const post = bot.emu.callsOf('chat.postMessage').at(-1)!;
  assert.equal([post.body.channel, post.body.text], ['D1', 'echo: list volumes']);
});

test('thread replies: answered where the bot talks (parent_user_id or its own answer), not elsewhere', async () => {
  const top = ts();
  bot.emu.pushEvent('T1', { type: 'app_mention', user: 'U1', channel: 'C2', text: '<@UBOT_T1> status', ts: top });
  const answer = await bot.emu.waitForCall('chat.postMessage', (c) => c.body.channel === 'C2' && c.body.text === 'echo: status');
  await settle();
  const answerTs: string = answer.response.ts;
  const before = bot.emu.count('chat.postMessage');
  // a reply under the bot's own answer (remembered), one in a thread Slack says the bot started, one elsewhere
  bot.emu.pushEvent('T1', { type: 'message', user: 'U1', channel: 'C2', channel_type: 'channel', text: 'and its replicas?', ts: ts(), thread_ts: answerTs });
  bot.emu.pushEvent('T1', { type: 'message', user: 'U1', channel: 'C2', channel_type: 'channel', text: 'and pools?', ts: ts(), thread_ts: '1.000001', parent_user_id: 'UBOT_T1' });
  bot.emu.pushEvent('T1', { type: 'message', user: 'U1', channel: 'C2', channel_type: 'channel', text: 'unrelated', ts: ts(), thread_ts: '1.000002', parent_user_id: 'U7' });
  await settle(3);
  assert.is(bot.emu.count('chat.postMessage'), before + 2);
  const posts = bot.emu.callsOf('chat.postMessage').slice(-2).map((c) => [c.body.text, c.body.thread_ts]).sort();
  assert.equal(posts, [['echo: and its replicas?', answerTs], ['echo: and pools?', '1.000001']]);
});

test('a redelivered envelope (retry_attempt 1, same event_id) is acked but not answered twice', async () => {
  const m = ts();
  const first = bot.emu.pushEvent('T1', { type: 'app_mention', user: 'U1', channel: 'C3', text: '<@UBOT_T1> once', ts: m }, { eventId: 'EvONCE' });
  await first.ack;
  const again = bot.emu.pushEvent('T1', { type: 'app_mention', user: 'U1', channel: 'C3', text: '<@UBOT_T1> once', ts: m }, { eventId: 'EvONCE', retryAttempt: 1, retryReason: 'timeout' });
  await again.ack;
  await settle(2);
  assert.is(bot.emu.callsOf('chat.postMessage').filter((c) => c.body.channel === 'C3').length, 1);
  assert.ok(bot.slack.pipeline.stats.duplicates >= 1);
});

test('block_actions: the button press reaches the conversation as Turn.action, answered in its thread', async () => {
  bot.emu.pushEnvelope('interactive', {
    type: 'block_actions', team: { id: 'T1' }, user: { id: 'U1', team_id: 'T1' }, channel: { id: 'C1' },
    container: { type: 'message', channel_id: 'C1', message_ts: '5.000001', thread_ts: '5.000000' }, trigger_id: 'tr1',
    actions: [{ action_id: 'choose_cluster', value: 'prod-east', action_ts: '5.1' }],
  }, { acceptsResponsePayload: true });
  const post = await bot.emu.waitForCall('chat.postMessage', (c) => c.body.text === 'echo: action choose_cluster=prod-east');
  await settle();
  assert.is(post.body.thread_ts, '5.000000');
  assert.equal(bot.handler.turns.at(-1)!.action, { id: 'choose_cluster', value: 'prod-east' });
});

test('slash command: help in the ack; a question answered by response_url', async () => {
  const help = await bot.emu.pushEnvelope('slash_commands', { team_id: 'T1', channel_id: 'C1', user_id: 'U1', command: '/mulebot', text: 'help', trigger_id: 'trh' }).ack;
  assert.match(help.payload.text, /mulebot clusters/);
  const q = await bot.emu.pushEnvelope('slash_commands', { team_id: 'T1', channel_id: 'C1', user_id: 'U1', command: '/mulebot', text: 'which volumes are degraded',
    trigger_id: 'trq', response_url: `${bot.emu.url}/response/q1` }).ack;
  assert.equal(q.payload, {});
  await settle();
  const r = bot.emu.responseUrlCalls.find((c) => c.id === 'q1')!;
  assert.equal([r.body.response_type, r.body.text], ['in_channel', 'echo: which volumes are degraded']);
});

test('ephemeral replies go to chat.postEphemeral for the asking user', async () => {
  bot.handler.answer = (turn) => (turn.text === 'secret' ? [reply('only you', { ephemeral: true })] : undefined);
  bot.emu.pushEvent('T1', { type: 'app_mention', user: 'U5', channel: 'C4', text: '<@UBOT_T1> secret', ts: ts() });
  const e = await bot.emu.waitForCall('chat.postEphemeral');
  await settle();
  bot.handler.answer = undefined;
  assert.equal([e.body.user, e.body.channel, e.body.text], ['U5', 'C4', 'only you']);
});

test('an oversized answer is split within Slack limits (50 blocks, 4,000 characters)', async () => {
  const blocks = Array.from({ length: 120 }, (_, i) => ({ type: 'section' as const, text: { type: 'mrkdwn' as const, text: `line ${i}` } }));
  bot.handler.answer = (turn) => (turn.text === 'big' ? [{ ...reply('big list'), blocks }] : turn.text === 'long' ? [{ ...reply('x'), text: 'word '.repeat(2000), blocks: [] }] : undefined);
  bot.emu.pushEvent('T1', { type: 'app_mention', user: 'U1', channel: 'C5', text: '<@UBOT_T1> big', ts: ts() });
  bot.emu.pushEvent('T1', { type: 'app_mention', user: 'U1', channel: 'C6', text: '<@UBOT_T1> long', ts: ts() });
  await settle(2);
  bot.handler.answer = undefined;
  const big = bot.emu.callsOf('chat.postMessage').filter((c) => c.body.channel === 'C5');
  assert.equal(big.map((c) => c.body.blocks.length), [50, 50, 20]);
  const long = bot.emu.callsOf('chat.postMessage').filter((c) => c.body.channel === 'C6');
  assert.is(long.length, 3);
  assert.ok(long.every((c) => c.body.text.length <= 4000));
  assert.is(long.map((c) => c.body.text).join(' ').replace(/\s+/g, ' ').trim(), 'word '.repeat(2000).trim());
});

test('a failing conversation gets an apology, and the bot keeps serving', async () => {
  bot.handler.answer = (turn) => { if (turn.text === 'boom') throw new Error('kaput'); return undefined; };
  bot.emu.pushEvent('T1', { type: 'app_mention', user: 'U1', channel: 'C7', text: '<@UBOT_T1> boom', ts: ts() });
  bot.emu.pushEvent('T1', { type: 'app_mention', user: 'U1', channel: 'C7', text: '<@UBOT_T1> fine', ts: ts() });
  await bot.emu.waitForCall('chat.postMessage', (c) => c.body.text === 'echo: fine');   // one channel: answered in order
  bot.handler.answer = undefined;
  const texts = bot.emu.callsOf('chat.postMessage').filter((c) => c.body.channel === 'C7').map((c) => c.body.text);
  assert.equal(texts, ['Sorry, something went wrong while answering. Please try again.', 'echo: fine']);
});

test.run();
