// Interactivity payloads that are not what Slack sends: over HTTP a 400 (never a crash, never a 500), over Socket
// Mode an ack and a drop. view_submission is acked with an empty 200 and ignored. After all of it the receivers
// still answer a real button press. Real parts: fastify, @slack/socket-mode and @slack/web-api against the emulator.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSlack, type SlackHandle } from '../../src/slack/index.js';
import { interactiveProblem } from '../../src/slack/http.js';
import { blockActions, signedPost, startEmulator, type SlackEmulator } from '../emulator/index.js';
import { EchoHandler, silent, socketBot, type Bot } from './helpers.js';

const SECRET = 'interactive-test-secret';
let emu: SlackEmulator;
let slack: SlackHandle;
const handler = new EchoHandler();
const form = (payload: string) => new URLSearchParams({ payload });
const post = (body: unknown) => signedPost(`${slack.url}/slack/interactive`, body, { secret: SECRET });

test.before(async () => {
  emu = await startEmulator({ teams: [{ teamId: 'T1' }] });
  slack = await startSlack({ handler, logger: silent, port: 0, host: '127.0.0.1', outbound: { retries: 0 },
    env: { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-T1', SLACK_API_URL: emu.apiUrl } });
});
test.after(async () => { await slack?.stop(); await emu?.close(); });

const button = () => blockActions(emu.url, { team: 'T1', channel: 'C1', user: 'U1', actionId: 'confirm', value: 'yes', messageTs: '9.000001' });

test('malformed payloads get a 400 with the reason', async () => {
  const bad: [string, string][] = [
    ['[]', 'missing payload'], ['null', 'missing payload'], ['"text"', 'missing payload'], ['42', 'missing payload'], ['{"type": 5}', 'missing payload'],
    [JSON.stringify({ ...button(), actions: undefined }), 'block_actions without actions'],
    [JSON.stringify({ ...button(), actions: [] }), 'block_actions without actions'],
    [JSON.stringify({ ...button(), actions: [null] }), 'block_actions without actions'],
    [JSON.stringify({ ...button(), actions: [{ action_id: 7 }] }), 'block_actions without actions'],
    [JSON.stringify({ ...button(), actions: 'confirm' }), 'block_actions without actions'],
    [JSON.stringify({ ...button(), user: 'U1' }), 'block_actions without a user'],
    [JSON.stringify({ type: 'view_submission', team: { id: 'T1' }, user: { id: 'U1' } }), 'view_submission without a view'],
    [JSON.stringify({ type: 'view_submission', view: 'V1' }), 'view_submission with a malformed view'],
  ];
  for (const [payload, why] of bad) {
    const r = await post(form(payload));
    assert.equal([r.status, r.json?.error], [400, why], payload);
  }
  assert.is((await post(form('{"type":'))).status, 400);
  assert.is((await post('payload=%7B%22type')).status, 400);
  assert.is((await post({ type: 'block_actions' })).status, 400, 'JSON instead of a form');
  await slack.pipeline.idle();
  assert.is(handler.turns.length, 0);
  assert.is((await fetch(`${slack.url}/healthz`)).status, 200);
});

test('view_submission: acked with an empty 200 (the modal closes) and ignored', async () => {
  const r = await post(form(JSON.stringify({ type: 'view_submission', team: { id: 'T1' }, user: { id: 'U1', team_id: 'T1' },
    view: { id: 'V1', callback_id: 'mute', state: { values: {} } } })));
  assert.equal([r.status, r.text], [200, '']);
  await slack.pipeline.idle();
  assert.is(handler.turns.length, 0);
  assert.is(interactiveProblem({ type: 'view_closed' }), undefined);
});

test('odd but well-formed values reach the pipeline without crashing it; a real press still works', async () => {
  const odd = { ...button(), team: 5, channel: [1], container: null, actions: [{ action_id: 'confirm', value: { toString: 1 } }] };
  assert.is((await post(form(JSON.stringify(odd)))).status, 200);
  await slack.pipeline.idle();
  const r = await post(form(JSON.stringify(button())));
  assert.is(r.status, 200);
  await slack.pipeline.idle();
  assert.equal(handler.turns.at(-1)!.action, { id: 'confirm', value: 'yes' });
});

test('Socket Mode: malformed interactive envelopes are acked and dropped; the next one is answered', async () => {
  const bot: Bot = await socketBot();
  try {
    for (const body of [null, [], 'x', { type: 'block_actions', actions: [null] }, { type: 'view_submission' }]) {
      const d = bot.emu.pushEnvelope('interactive', body);
      await d.ack;
    }
    await bot.slack.pipeline.idle();
    assert.is(bot.handler.turns.length, 0);
    const d = bot.emu.pushEnvelope('interactive', blockActions(bot.emu.url, { team: 'T1', channel: 'C9', user: 'U1', actionId: 'go', value: 'v', messageTs: '9.1' }));
    await d.ack;
    await bot.emu.waitForCall('chat.postMessage', (c) => c.body.text === 'echo: action go=v');
  } finally { await bot.stop(); }
});

test.run();
