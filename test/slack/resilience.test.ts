// Socket Mode resilience against the emulator: disconnect frames, a dropped server, failing
// apps.connections.open, envelopes sent while the bot is away, a second replica, and 429s that pause
// only the workspace that got them. No test waits on time: each waits for a connection, an ack or a call.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestStore, openTestReplica, type TestStore } from '../helpers/db.js';
import { startEmulator, type SlackEmulator } from '../emulator/index.js';
import { socketBot, ts, type Bot } from './helpers.js';

let t: TestStore;
let emu: SlackEmulator;
let bot: Bot;
let n = 0;
const settle = (k = 1) => bot.slack.pipeline.whenSettled((n += k));
const mention = (channel: string, text: string, extra: Record<string, unknown> = {}) =>
  emu.pushEvent('T1', { type: 'app_mention', user: 'U1', channel, text: `<@UBOT_T1> ${text}`, ts: ts(), ...extra });
const postsIn = (channel: string) => emu.callsOf('chat.postMessage').filter((c) => c.body.channel === channel);

test.before(async () => {
  t = await createTestStore();
  emu = await startEmulator({ teams: [{ teamId: 'T1' }, { teamId: 'T2' }], ackTimeoutMs: 1000 });
  bot = await socketBot({ emu, store: t.store });
});
test.after(async () => { await bot?.stop(); await emu?.close(); await t?.close(); });

for (const reason of ['warning', 'refresh_requested', 'link_disabled'] as const) {
  test(`disconnect frame "${reason}": the client reconnects and the next message is answered once`, async () => {
    const opened = emu.connectionsOpened;
    const next = emu.nextConnection();
    emu.sendDisconnect(reason);
    await next;
    assert.is(emu.connectionsOpened, opened + 1);
    const ch = `CD-${reason}`;
    await mention(ch, 'after reconnect').ack;
    await settle();
    assert.is(postsIn(ch).length, 1);
  });
}

test('malformed envelopes (events_api without an event, unknown types, garbage) do not crash the bot', async () => {
  emu.pushEnvelope('events_api', { type: 'event_callback', team_id: 'T1' }).ack.catch(() => undefined);
  const unknown = emu.pushEnvelope('mystery_type', { what: 1 });
  for (const s of emu.sockets) s.send('{not json');
  await unknown.ack;
  await mention('CBAD', 'still alive').ack;
  await settle();
  assert.is(postsIn('CBAD').length, 1);
});

test('a dropped server (no close handshake): reconnect, then answered', async () => {
  const next = emu.nextConnection();
  emu.dropSockets();
  await next;
  await mention('CDROP', 'hello again').ack;
  await settle();
  assert.is(postsIn('CDROP').length, 1);
});

test('apps.connections.open failing 3 times: retried with backoff until it works', async () => {
  emu.failConnectionsOpen(3);
  const before = emu.count('apps.connections.open');
  const next = emu.nextConnection();
  emu.dropSockets();
  await next;
  assert.ok(emu.count('apps.connections.open') >= before + 4);
  assert.ok(bot.slack.socket!.stats.reconnects >= 1);
  await mention('CFAIL', 'back').ack;
  await settle();
  assert.is(postsIn('CFAIL').length, 1);
});

test('an envelope sent while the socket is down is delivered after the reconnect, and answered once', async () => {
  emu.failConnectionsOpen(1);             // keep the bot away for a moment
  const next = emu.nextConnection();
  emu.dropSockets();
  const d = mention('CAWAY', 'while you were out');
  await next;
  await d.ack;
  await settle();
  assert.is(postsIn('CAWAY').length, 1);
});

test('an envelope whose ack never arrives is redelivered (retry_attempt 1) and still answered once', async () => {
  // the bot's socket is dropped right after the envelope goes out: no ack on that connection
  const next = emu.nextConnection();
  const d = mention('CLOST', 'did you get this');
  emu.dropSockets();
  await next;
  await d.ack;
  // either the first delivery was handled (ack lost) and the retry is a duplicate, or only the retry arrived
  await emu.waitForCall('chat.postMessage', (c) => c.body.channel === 'CLOST');
  await bot.slack.pipeline.idle();
  n = bot.slack.pipeline.settled;
  assert.is(postsIn('CLOST').length, 1);
});

test('two replicas on one store: a Slack retry to the other connection is not answered twice', async () => {
  const replicaStore = await openTestReplica(t.schema!, t.keyring);
  const second = await socketBot({ emu, store: replicaStore });
  try {
    const base = { type: 'app_mention', user: 'U1', channel: 'CREP', text: '<@UBOT_T1> twice?', ts: ts() };
    for (let i = 0; i < 4; i++) await emu.pushEvent('T1', base, { eventId: 'EvREPLICA', retryAttempt: i }).ack;
    await Promise.all([bot.slack.pipeline.idle(), second.slack.pipeline.idle()]);
    await emu.waitForCall('chat.postMessage', (c) => c.body.channel === 'CREP');
    await Promise.all([bot.slack.pipeline.idle(), second.slack.pipeline.idle()]);
    assert.is(postsIn('CREP').length, 1);
  } finally {
    await second.stop();
    await replicaStore.close();
    n = bot.slack.pipeline.settled;
  }
});

test('a 429 pauses only its workspace: T2 is answered while T1 waits out Retry-After, then T1 is answered', async () => {
  // many workspaces in one process: tokens from the installation store, one WebClient each
  const own = await startEmulator({ teams: [{ teamId: 'T1' }, { teamId: 'T2' }] });
  for (const team of ['T1', 'T2']) {
    await t.store.installations.save({ team: { id: team }, enterprise: undefined, user: { id: 'UINST', token: undefined, scopes: undefined },
      bot: { token: `xoxb-${team}`, id: `B_${team}`, userId: `UBOT_${team}`, scopes: ['chat:write'] }, isEnterpriseInstall: false, authVersion: 'v2' } as any);
  }
  const multi = await socketBot({ emu: own, store: t.store, env: { SLACK_BOT_TOKEN: '' } });
  try {
    assert.is(multi.slack.workspaces, 'many');
    own.rateLimit('xoxb-T1', 1, 1);
    own.pushEvent('T1', { type: 'app_mention', user: 'U1', channel: 'CRL1', text: '<@UBOT_T1> first', ts: ts() });
    const t1 = own.waitForCall('chat.postMessage', (c) => c.body.channel === 'CRL1' && c.status === 200);
    await own.waitForCall('chat.postMessage', (c) => c.body.channel === 'CRL1' && c.status === 429);
    own.pushEvent('T2', { type: 'app_mention', user: 'U2', channel: 'CRL2', text: '<@UBOT_T2> second', ts: ts() });
    const t2 = await own.waitForCall('chat.postMessage', (c) => c.body.channel === 'CRL2');
    const t1ok = await t1;
    assert.equal([t2.status, t2.token, t1ok.token], [200, 'xoxb-T2', 'xoxb-T1']);
    assert.ok(own.calls.indexOf(t2) < own.calls.indexOf(t1ok), 'T2 was not held up by T1\'s 429');
    assert.is(multi.slack.outbound.stats.rateLimited, 1);
  } finally {
    await multi.stop();
    await own.close();
  }
});

test('per channel: a burst goes out, the rest follow in order', async () => {
  for (let i = 0; i < 5; i++) mention('CBURST0', `m${i}`);
  await emu.waitForCall('chat.postMessage', (c) => c.body.text === 'echo: m4');
  assert.equal(postsIn('CBURST0').map((c) => c.body.text), ['echo: m0', 'echo: m1', 'echo: m2', 'echo: m3', 'echo: m4']);
});

test.run();
