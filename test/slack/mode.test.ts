// startSlack picks its mode from the environment, refuses half a setup with a clear message, and splits
// long answers within Slack's limits.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SlackConfigError, slackModeFromEnv, splitReply, splitText, startSlack, stripMention } from '../../src/slack/index.js';
import { EchoHandler, silent } from './helpers.js';

test('mode from the environment', () => {
  assert.is(slackModeFromEnv({}), null);
  assert.equal(slackModeFromEnv({ SLACK_APP_TOKEN: 'xapp-1', SLACK_BOT_TOKEN: 'xoxb-1' }), { mode: 'socket', workspaces: 'single', oauth: false });
  assert.equal(slackModeFromEnv({ SLACK_APP_TOKEN: 'xapp-1' }), { mode: 'socket', workspaces: 'many', oauth: false });
  assert.equal(slackModeFromEnv({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'c', SLACK_CLIENT_SECRET: 'x' }), { mode: 'http', workspaces: 'many', oauth: true });
  assert.equal(slackModeFromEnv({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-1' }), { mode: 'http', workspaces: 'single', oauth: false });
});

test('half a setup: a clear error, not a silent fallback', () => {
  assert.throws(() => slackModeFromEnv({ SLACK_APP_TOKEN: 'xoxb-not-an-app-token' }), /xapp-/);
  assert.throws(() => slackModeFromEnv({ SLACK_SIGNING_SECRET: 's' }), /SLACK_BOT_TOKEN .* or SLACK_CLIENT_ID/);
  assert.throws(() => slackModeFromEnv({ SLACK_BOT_TOKEN: 'xoxb-1' }), /SLACK_APP_TOKEN .* or SLACK_SIGNING_SECRET/);
});

test('many workspaces without a store, or nothing configured: SlackConfigError', async () => {
  await startSlack({ handler: new EchoHandler(), logger: silent, env: { SLACK_APP_TOKEN: 'xapp-1' } }).then(
    () => assert.unreachable('should refuse'), (err) => { assert.instance(err, SlackConfigError); assert.match(err.message, /store/); });
  await startSlack({ handler: new EchoHandler(), logger: silent, env: {} }).then(
    () => assert.unreachable('should refuse'), (err) => assert.instance(err, SlackConfigError));
});

test('mentions are stripped wherever they are', () => {
  assert.is(stripMention('<@UBOT> is pg-wal ok?', 'UBOT'), 'is pg-wal ok?');
  assert.is(stripMention('hey <@UBOT>, pools?', 'UBOT'), 'hey , pools?');
  assert.is(stripMention('ask <@U2> about it', 'UBOT'), 'ask <@U2> about it');
});

test('splitting: text at line breaks under 4,000 characters, at most 4 messages with a closing summary', () => {
  const lines = Array.from({ length: 400 }, (_, i) => `volume-${i} is Healthy and 42% full`).join('\n');
  const parts = splitText(lines);
  assert.ok(parts.every((p) => p.length <= 3900));
  assert.is(parts.join('\n'), lines);
  const huge = splitReply({ text: 'x '.repeat(30_000), blocks: [] });
  assert.is(huge.length, 4);
  assert.match(huge[3]!.text, /more messages not shown/);
  const long = splitReply({ text: 't', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(5000) } }] });
  assert.is((long[0]!.blocks![0] as any).text.text.length, 3000);
});

test.run();
