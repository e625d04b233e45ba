// The HTTP receiver (fastify) against signed requests from the emulator: the Events API, interactivity,
// the slash command, and every kind of bad request getting a 4xx without taking the server down.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSlack, verifySignature, type SlackHandle } from '../../src/slack/index.js';
import { createTestStore, type TestStore } from '../helpers/db.js';
import { blockActions, signedPost, slashCommand, startEmulator, type SlackEmulator } from '../emulator/index.js';
import { EchoHandler, silent, ts } from './helpers.js';

const SECRET = 'signing-secret-for-tests';
let t: TestStore;
let emu: SlackEmulator;
let slack: SlackHandle;
const handler = new EchoHandler();
// over HTTP the pipeline has the work in hand before the response is sent, so idle() is exact
const settle = (_k = 1) => slack.pipeline.idle();
const post = (path: string, body: unknown, o: Partial<Parameters<typeof signedPost>[2]> = {}) => signedPost(`${slack.url}${path}`, body, { secret: SECRET, ...o });

test.before(async () => {
  t = await createTestStore();
  emu = await startEmulator({ teams: [{ teamId: 'T1' }] });
  slack = await startSlack({ handler, store: t.store, logger: silent, port: 0, host: '127.0.0.1', outbound: { retries: 0 },
    env: { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-T1', SLACK_API_URL: emu.apiUrl } });
});
test.after(async () => { await slack?.stop(); await emu?.close(); await t?.close(); });

test('the known-answer signature vector from Slack\'s docs', () => {
  const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
  const sig = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
  assert.is(verifySignature('8f742231b10e8888abcd99yyyzzz85a5', body, '1531420618', sig, 1531420618 + 10), 'ok');
  assert.is(verifySignature('8f742231b10e8888abcd99yyyzzz85a5', body + 'x', '1531420618', sig, 1531420618), 'bad');
  assert.is(verifySignature('8f742231b10e8888abcd99yyyzzz85a5', body, '1531420618', sig, 1531420618 + 301), 'stale');
});

test('url_verification echoes the challenge; health route answers', async () => {
  const r = await post('/slack/events', { type: 'url_verification', token: 'x', challenge: 'ch-123' });
  assert.equal([r.status, r.json], [200, { challenge: 'ch-123' }]);
  const h = await fetch(`${slack.url}/healthz`);
  assert.equal(await h.json(), { ok: true, mode: 'http-single' });
});

test('a signed event is answered; Slack\'s retries (X-Slack-Retry-Num) are acked and not answered again', async () => {
  const body = emu.eventCallback('T1', { type: 'app_mention', user: 'U1', channel: 'CH1', text: '<@UBOT_T1> hello http', ts: ts() });
  const r = await post('/slack/events', body);
  assert.is(r.status, 200);
  for (const retryNum of [1, 2, 3]) assert.is((await post('/slack/events', body, { retryNum })).status, 200);
  await settle(4);
  const posts = emu.callsOf('chat.postMessage').filter((c) => c.body.channel === 'CH1');
  assert.equal(posts.map((c) => c.body.text), ['echo: hello http']);
});

test('bad signatures, stale or future timestamps, missing headers: 401', async () => {
  const body = emu.eventCallback('T1', { type: 'app_mention', user: 'U1', channel: 'CH2', text: 'x', ts: ts() });
  const now = Math.floor(Date.now() / 1000);
  assert.is((await post('/slack/events', body, { signature: 'v0=' + '0'.repeat(64) })).status, 401);
  assert.is((await post('/slack/events', body, { secret: 'wrong' })).status, 401);
  assert.is((await post('/slack/events', body, { timestamp: now - 6 * 60 })).status, 401);
  assert.is((await post('/slack/events', body, { timestamp: now + 6 * 60 })).status, 401);
  assert.is((await post('/slack/events', body, { signature: null })).status, 401);
  assert.is((await post('/slack/events', body, { signature: 'v0=short' })).status, 401);
  assert.is((await post('/slack/interactive', new URLSearchParams({ payload: '{}' }), { secret: 'wrong' })).status, 401);
  assert.is((await post('/slack/commands', slashCommand(emu.url, { team: 'T1', channel: 'C1', user: 'U1', text: 'help' }), { secret: 'wrong' })).status, 401);
  assert.is(emu.callsOf('chat.postMessage').filter((c) => c.body.channel === 'CH2').length, 0);
});

test('malformed payloads: 400; unknown callback types: 200 and ignored; 1 MB bodies: 413; wrong content type: 415', async () => {
  assert.is((await post('/slack/events', '{"type": "event_callback", ')).status, 400);
  assert.is((await post('/slack/events', { no: 'type' })).status, 400);
  assert.is((await post('/slack/events', { type: 'event_callback', team_id: 'T1' })).status, 400);
  assert.is((await post('/slack/events', { type: 'event_callback', team_id: 'T1', event: { text: 'no type' } })).status, 400);
  assert.is((await post('/slack/events', { type: 'url_verification' })).status, 400);
  assert.is((await post('/slack/events', { type: 'app_rate_limited', minute_rate_limited: 1 })).status, 200);
  assert.is((await post('/slack/events', [1, 2, 3])).status, 400);
  assert.is((await post('/slack/events', { type: 'event_callback', event: { type: 'app_mention' } })).status, 200);  // no team/channel: dropped
  assert.is((await post('/slack/interactive', new URLSearchParams({ nopayload: '1' }))).status, 400);
  assert.is((await post('/slack/interactive', new URLSearchParams({ payload: '{not json' }))).status, 400);
  assert.is((await post('/slack/interactive', new URLSearchParams({ payload: '{"type":"view_closed"}' }))).status, 200);
  assert.is((await post('/slack/commands', new URLSearchParams({ team_id: 'T1', text: 'help' }))).status, 400);
  assert.is((await post('/slack/events', { type: 'event_callback', pad: 'x'.repeat(1024 * 1024) })).status, 413);
  assert.is((await post('/slack/events', 'plain', { contentType: 'text/plain' })).status, 400);
  assert.is((await post('/slack/events', '<x/>', { contentType: 'application/xml' })).status, 415);
  const h = await fetch(`${slack.url}/healthz`);
  assert.is(h.status, 200);
});

test('ssl_check is answered 200 unsigned', async () => {
  assert.is((await post('/slack/commands', new URLSearchParams({ ssl_check: '1', token: 'x' }), { signature: null })).status, 200);
});

test('block_actions over HTTP: the action reaches the conversation', async () => {
  const payload = blockActions(emu.url, { team: 'T1', channel: 'CH3', user: 'U1', actionId: 'confirm', value: 'yes', messageTs: '9.000001' });
  const r = await post('/slack/interactive', new URLSearchParams({ payload: JSON.stringify(payload) }));
  assert.is(r.status, 200);
  await settle();
  assert.equal(handler.turns.at(-1)!.action, { id: 'confirm', value: 'yes' });
  assert.is(emu.callsOf('chat.postMessage').at(-1)!.body.text, 'echo: action confirm=yes');
});

test('/mulebot over HTTP: help in the response body; a question by response_url; a duplicate trigger ignored', async () => {
  const help = await post('/slack/commands', slashCommand(emu.url, { team: 'T1', channel: 'C1', user: 'U1', text: 'help' }));
  assert.is(help.status, 200);
  assert.is(help.json.response_type, 'ephemeral');
  assert.match(help.json.text, /connect <cluster>/);
  const form = slashCommand(emu.url, { team: 'T1', channel: 'C1', user: 'U1', text: 'how full is kafka-logs' });
  const q = await post('/slack/commands', form);
  assert.equal([q.status, q.text], [200, '']);
  await settle();
  const id = form.get('response_url')!.split('/response/')[1];
  assert.is(emu.responseUrlCalls.find((c) => c.id === id)!.body.text, 'echo: how full is kafka-logs');
  const again = await post('/slack/commands', form);
  assert.is(again.status, 200);
  assert.is(emu.responseUrlCalls.filter((c) => c.id === id).length, 1);
});

test.run();
