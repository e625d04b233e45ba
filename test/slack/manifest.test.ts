// The app manifests ask for what the code uses: the scopes of the OAuth install, the events the pipeline
// answers, the routes of the HTTP receiver, and Socket Mode only in the socket manifest.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { BOT_SCOPES } from '../../src/slack/index.js';

const load = (name: string) => parse(readFileSync(new URL(`../../slack/${name}`, import.meta.url), 'utf8'));
const socket = load('manifest-socket.yaml');
const http = load('manifest-http.yaml');

test('both manifests: the bot scopes of the OAuth install, the events and the command', () => {
  for (const m of [socket, http]) {
    assert.equal([...m.oauth_config.scopes.bot].sort(), [...BOT_SCOPES].sort());
    for (const e of ['app_mention', 'message.im', 'message.channels']) assert.ok(m.settings.event_subscriptions.bot_events.includes(e), e);
    assert.is(m.features.slash_commands[0].command, '/mulebot');
    assert.is(m.settings.interactivity.is_enabled, true);
  }
});

test('socket manifest: Socket Mode, no URLs', () => {
  assert.is(socket.settings.socket_mode_enabled, true);
  assert.is(socket.settings.event_subscriptions.request_url, undefined);
});

test('http manifest: the receiver\'s routes', () => {
  assert.is(http.settings.socket_mode_enabled, false);
  assert.match(http.settings.event_subscriptions.request_url, /\/slack\/events$/);
  assert.match(http.settings.interactivity.request_url, /\/slack\/interactive$/);
  assert.match(http.features.slash_commands[0].url, /\/slack\/commands$/);
  assert.match(http.oauth_config.redirect_urls[0], /\/slack\/oauth_redirect$/);
});

test.run();
