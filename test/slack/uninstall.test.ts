// Uninstalling the app through the real parts: @slack/oauth's install flow against the emulator, the store's
// installations on PostgreSQL, the real WebClient. app_uninstalled removes the installation row (no token kept),
// drops the cached token and the messages still queued for the workspace; a reinstall then works with the new
// token. tokens_revoked removes the revoked user tokens only, or everything when the bot token is revoked.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { SlackHandle } from '../../src/slack/index.js';
import { createTestStore, type TestStore } from '../helpers/db.js';
import { signedPost, type SlackEmulator, type TeamSpec } from '../emulator/index.js';
import { oauthBot, ts } from './helpers.js';

const SECRET = 'uninstall-test-signing-secret';
let t: TestStore;
let emu: SlackEmulator;
let slack: SlackHandle;

test.before(async () => {
  t = await createTestStore();
  ({ emu, slack } = await oauthBot(t.store, SECRET));
});
test.after(async () => { await slack?.stop(); await emu?.close(); await t?.close(); });

async function install(team: TeamSpec): Promise<string> {
  const start = await fetch(`${slack.url}/slack/install`, { redirect: 'manual' });
  const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const res = await fetch(`${slack.url}/slack/oauth_redirect?code=${encodeURIComponent(emu.issueCode(team))}&state=${encodeURIComponent(state)}`, { headers: { cookie } });
  assert.is(res.status, 200);
  return (await t.store.installations.get(team.teamId))!.botToken!.reveal();
}

const event = async (team: string, e: Record<string, unknown>) => {
  const r = await signedPost(`${slack.url}/slack/events`, emu.eventCallback(team, e), { secret: SECRET });
  assert.is(r.status, 200);
  await slack.pipeline.idle();
};
const mention = (team: string, channel: string, text: string) => event(team, { type: 'app_mention', user: 'U1', channel, text: `<@UBOT_${team}> ${text}`, ts: ts() });
const postsWith = (token: string) => emu.callsOf('chat.postMessage').filter((c) => c.token === token && c.status === 200);
const rows = async (team: string) => (await t.store.db('installations').where({ team_id: team })).length;

test('app_uninstalled: the row goes, the cached token goes, queued messages are dropped; a reinstall works', async () => {
  const first = await install({ teamId: 'TUN' });
  await mention('TUN', 'C1', 'hello');
  assert.equal(postsWith(first).map((c) => c.body.text), ['echo: hello']);

  // a message stuck behind a 429 (Retry-After 30 s) when the uninstall arrives is dropped, not sent later
  emu.rateLimit(first, 1, 30);
  const limited = emu.waitForCall('chat.postMessage', (c) => c.token === first && c.status === 429);
  const r = await signedPost(`${slack.url}/slack/events`, emu.eventCallback('TUN', { type: 'app_mention', user: 'U1', channel: 'C1', text: '<@UBOT_TUN> queued', ts: ts() }), { secret: SECRET });
  assert.is(r.status, 200);
  await limited;
  assert.is(slack.outbound.stats.queued, 1);
  await event('TUN', { type: 'app_uninstalled' });
  assert.is(slack.outbound.stats.queued, 0);
  assert.is(await rows('TUN'), 0, 'no installation row, so no token kept');
  assert.is(await t.store.installations.fetch({ teamId: 'TUN', isEnterpriseInstall: false }), null);
  assert.equal(postsWith(first).map((c) => c.body.text), ['echo: hello'], 'the queued answer was not sent');

  // events for the removed workspace are not answered (nothing cached says otherwise)
  await mention('TUN', 'C1', 'still there?');
  assert.is(postsWith(first).length, 1);

  // a reinstall: a new token, stored and used at once
  const second = await install({ teamId: 'TUN' });
  assert.is.not(second, first);
  await mention('TUN', 'C1', 'back');
  assert.equal(postsWith(second).map((c) => c.body.text), ['echo: back']);
});

test('tokens_revoked for users only keeps the bot; for the bot removes the installation', async () => {
  const bot = await install({ teamId: 'TREV' });
  const before = (await t.store.db('installations').where({ team_id: 'TREV' }).first()).user_token_enc;
  assert.ok(before, 'the installer\'s user token is stored');
  await event('TREV', { type: 'tokens_revoked', tokens: { oauth: ['UINSTALLER'] } });
  const row = await t.store.db('installations').where({ team_id: 'TREV' }).first();
  assert.ok(row, 'the installation stays');
  assert.is(row.user_token_enc, null, 'the revoked user token is gone');
  assert.ok(row.bot_token_enc);
  await mention('TREV', 'C2', 'bot still works');
  assert.equal(postsWith(bot).map((c) => c.body.text), ['echo: bot still works']);

  await event('TREV', { type: 'tokens_revoked', tokens: { bot: ['UBOT_TREV'] } });
  assert.is(await rows('TREV'), 0);
  await mention('TREV', 'C2', 'gone?');
  assert.is(postsWith(bot).length, 1);
});

test('malformed uninstall events are acked and change nothing', async () => {
  await install({ teamId: 'TKEEP' });
  await event('TKEEP', { type: 'tokens_revoked', tokens: 'nonsense' } as any);
  // tokens not an object: treated as the whole installation being revoked (Slack never sends this; fail closed)
  assert.is(await rows('TKEEP'), 0);
  const r = await signedPost(`${slack.url}/slack/events`, { type: 'event_callback', event: { type: 'app_uninstalled' } }, { secret: SECRET });
  assert.is(r.status, 200);
  await slack.pipeline.idle();
  assert.is((await fetch(`${slack.url}/healthz`)).status, 200);
});

test('alerts for an uninstalled workspace are dropped quietly, not failed and retried at every check', async () => {
  await install({ teamId: 'TGONE' });
  await event('TGONE', { type: 'app_uninstalled' });
  const before = emu.callsOf('chat.postMessage').length;
  const reply = { intent: 'alert', entities: [], text: 'pool p1 is 91% full', blocks: [] };
  await slack.alertSink.post({ team: 'TGONE', channel: 'C9' }, reply);
  await slack.alertSink.post({ team: 'TGONE', channel: 'C9' }, reply);
  assert.is(emu.callsOf('chat.postMessage').length, before);
  // a workspace that is installed still gets them
  const token = await install({ teamId: 'TSTAYS' });
  await slack.alertSink.post({ team: 'TSTAYS', channel: 'C9' }, reply);
  assert.ok(emu.callsOf('chat.postMessage').some((c) => c.token === token && c.body.text === 'pool p1 is 91% full'));
});

test.run();
