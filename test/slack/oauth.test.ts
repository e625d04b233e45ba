// The OAuth v2 install flow through @slack/oauth's InstallProvider on the store's installation store: a
// workspace install and an org-wide (enterprise) install, then events answered with the minted tokens.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SlackHandle } from '../../src/slack/index.js';
import { createTestStore, type TestStore } from '../helpers/db.js';
import { signedPost, slashCommand, type SlackEmulator, type TeamSpec } from '../emulator/index.js';
import { oauthBot, ts } from './helpers.js';

const SECRET = 'oauth-test-signing-secret';
let t: TestStore;
let emu: SlackEmulator;
let slack: SlackHandle;

test.before(async () => {
  t = await createTestStore();
  ({ emu, slack } = await oauthBot(t.store, SECRET));
});
test.after(async () => { await slack?.stop(); await emu?.close(); await t?.close(); });

/** The browser's part: open the install link, come back with a code and the state cookie. */
async function install(team: TeamSpec, o: { enterprise?: boolean } = {}): Promise<Response> {
  const start = await fetch(`${slack.url}/slack/install`, { redirect: 'manual' });
  assert.is(start.status, 302);
  const loc = new URL(start.headers.get('location')!);
  assert.is(loc.origin + loc.pathname, `${emu.url}/oauth/v2/authorize`);
  assert.match(loc.searchParams.get('scope')!, /chat:write/);
  const state = loc.searchParams.get('state')!;
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const code = emu.issueCode(team, o);
  return fetch(`${slack.url}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
}

test('mode: HTTP with OAuth installs', () => {
  assert.equal([slack.mode, slack.workspaces], ['http', 'many']);
});

test('a workspace install is stored encrypted, and its events are answered with the new token', async () => {
  const res = await install({ teamId: 'TNEW' });
  assert.is(res.status, 200);
  assert.match(await res.text(), /installed/);
  const rec = await t.store.installations.get('TNEW');
  assert.ok(rec?.botToken);
  const token = rec!.botToken!.reveal();
  assert.match(token, /^xoxb-TNEW-minted-/);
  const raw = await t.store.db('installations').where({ team_id: 'TNEW' }).first();
  assert.not.match(JSON.stringify(raw), token);             // sealed at rest
  const access = emu.callsOf('oauth.v2.access').at(-1)!;
  assert.is(access.headers.authorization, undefined);
  const r = await signedPost(`${slack.url}/slack/events`, emu.eventCallback('TNEW', { type: 'app_mention', user: 'U1', channel: 'CN', text: '<@UBOT_TNEW> hi', ts: ts() }), { secret: SECRET });
  assert.is(r.status, 200);
  await slack.pipeline.idle();
  const post = emu.callsOf('chat.postMessage').at(-1)!;
  assert.equal([post.token, post.body.text], [token, 'echo: hi']);
});

test('an org-wide install is keyed by enterprise id and serves the org\'s workspaces', async () => {
  const res = await install({ teamId: 'TORG1', enterpriseId: 'E1' }, { enterprise: true });
  assert.is(res.status, 200);
  const org = await t.store.installations.fetch({ enterpriseId: 'E1', isEnterpriseInstall: true });
  assert.ok(org?.isEnterpriseInstall);
  const body = emu.eventCallback('TORG1', { type: 'app_mention', user: 'U1', channel: 'CE', text: '<@UBOT_TORG1> org hi', ts: ts() });
  body.enterprise_id = 'E1';
  body.authorizations[0] = { ...body.authorizations[0], enterprise_id: 'E1', is_enterprise_install: true };
  assert.is((await signedPost(`${slack.url}/slack/events`, body, { secret: SECRET })).status, 200);
  await slack.pipeline.idle();
  const post = emu.callsOf('chat.postMessage').at(-1)!;
  assert.equal([post.token, post.body.text], [org!.bot!.token, 'echo: org hi']);
});

test('a callback with a bad code or without the state cookie fails cleanly', async () => {
  const bad = await fetch(`${slack.url}/slack/oauth_redirect?code=nope&state=nope`);
  assert.is(bad.status, 400);
  const health = await fetch(`${slack.url}/healthz`);
  assert.is(health.status, 200);
});

test('an event for a workspace that never installed is dropped, not answered', async () => {
  const before = emu.count('chat.postMessage');
  const r = await signedPost(`${slack.url}/slack/events`, emu.eventCallback('TNONE', { type: 'app_mention', user: 'U1', channel: 'CX', text: 'hi', ts: ts() }), { secret: SECRET });
  assert.is(r.status, 200);
  await slack.pipeline.idle();
  assert.is(emu.count('chat.postMessage'), before);
});

test('app_uninstalled drops the cached token: after the installation is gone, nothing is answered with it', async () => {
  await t.store.installations.delete({ teamId: 'TNEW', isEnterpriseInstall: false });
  const ev = (e: Record<string, unknown>) => signedPost(`${slack.url}/slack/events`, emu.eventCallback('TNEW', e), { secret: SECRET });
  assert.is((await ev({ type: 'app_uninstalled', ts: ts(), channel: undefined })).status, 200);
  await slack.pipeline.idle();
  const before = emu.count('chat.postMessage');
  assert.is((await ev({ type: 'app_mention', user: 'U1', channel: 'CN', text: '<@UBOT_TNEW> still there?', ts: ts() })).status, 200);
  await slack.pipeline.idle();
  assert.is(emu.count('chat.postMessage'), before);
  // its slash command gets a clear answer, not a failure
  const cmd = await signedPost(`${slack.url}/slack/commands`, slashCommand(emu.url, { team: 'TNEW', channel: 'CN', user: 'U1', text: 'clusters' }), { secret: SECRET });
  assert.is(cmd.status, 200);
  assert.match(cmd.json.text, /not installed/);
});

test.run();
