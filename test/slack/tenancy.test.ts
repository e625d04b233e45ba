// Two workspaces on one bot (Socket Mode, tokens from the installation store): `/mulebot connect|disconnect|
// clusters` through Slack, a channel sees only its bound clusters, and a team cannot bind another's cluster.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConversationHandler, Reply, Turn } from '../../src/dialogue/types.js';
import { TenancyService } from '../../src/tenancy/index.js';
import { createTestStore, type TestStore } from '../helpers/db.js';
import { startEmulator, type SlackEmulator } from '../emulator/index.js';
import { reply, socketBot, ts, type Bot } from './helpers.js';

let t: TestStore;
let emu: SlackEmulator;
let bot: Bot;
let tenancy: TenancyService;
const seen = new Set<unknown>();   // answers already read

/** Answers with the clusters the channel sees (what the real dialogue asks the tenancy service). */
class VisibilityHandler implements ConversationHandler {
  async handle(turn: Turn): Promise<Reply[]> {
    const v = await tenancy.resolve({ teamId: turn.team, channelId: turn.channel });
    return [reply(v.clusters.length ? `sees: ${v.clusters.map((c) => `${c.teamId}/${c.name}`).join(',')}` : `unbound: ${'hint' in v ? v.hint : ''}`)];
  }
}

const command = async (team: string, channel: string, user: string, text: string) =>
  (await emu.pushEnvelope('slash_commands', { team_id: team, channel_id: channel, user_id: user, command: '/mulebot', text, trigger_id: `tr-${Math.random()}` }).ack).payload;

async function ask(team: string, channel: string, text: string): Promise<string> {
  const m = ts();
  emu.pushEvent(team, { type: 'app_mention', user: `U_${team}`, channel, text: `<@UBOT_${team}> ${text}`, ts: m });
  const post = await emu.waitForCall('chat.postMessage', (c) => c.body.channel === channel && c.token === `xoxb-${team}` && !seen.has(c));
  seen.add(post);
  return post.body.text;
}

test.before(async () => {
  t = await createTestStore();
  tenancy = new TenancyService(t.store);
  emu = await startEmulator({ teams: [{ teamId: 'TA' }, { teamId: 'TB' }] });
  for (const team of ['TA', 'TB']) {
    await t.store.installations.save({ team: { id: team }, user: { id: 'UINST' }, isEnterpriseInstall: false, authVersion: 'v2',
      bot: { token: `xoxb-${team}`, id: `B_${team}`, userId: `UBOT_${team}`, scopes: ['chat:write', 'users:read'] } } as any);
    emu.addUser(team, `ADMIN_${team}`, { isAdmin: true });
    emu.addUser(team, `U_${team}`);
  }
  await t.store.clusters.add('TA', { name: 'prod-east', kind: 'in-cluster' });
  await t.store.clusters.add('TA', { name: 'dev', kind: 'in-cluster' });
  await t.store.clusters.add('TB', { name: 'staging', kind: 'in-cluster' });
  bot = await socketBot({ emu, store: t.store, tenancy, handler: new VisibilityHandler() as any, env: { SLACK_BOT_TOKEN: '' } });
});
test.after(async () => { await bot?.stop(); await emu?.close(); await t?.close(); });

test('many workspaces over one socket', () => {
  assert.equal([bot.slack.mode, bot.slack.workspaces], ['socket', 'many']);
});

test('an unbound channel is told how to bind', async () => {
  assert.match(await ask('TA', 'C1', 'status'), /unbound: .*\/mulebot connect/);
});

test('only workspace admins connect (users.info is_admin)', async () => {
  const r = await command('TA', 'C1', 'U_TA', 'connect prod-east');
  assert.is(r.response_type, 'ephemeral');
  assert.match(r.text, /Only workspace admins/);
  assert.is((await t.store.bindings.clustersFor('TA', 'C1')).length, 0);
});

test('an admin connects a channel; it then sees that cluster only', async () => {
  const r = await command('TA', 'C1', 'ADMIN_TA', 'connect prod-east');
  assert.match(r.text, /now sees prod-east/);
  assert.is(await ask('TA', 'C1', 'status'), 'sees: TA/prod-east');
  assert.match(await ask('TA', 'C2', 'status'), /^unbound/);      // another channel of the same team
});

test('a team cannot bind another team\'s cluster, even with the same channel id', async () => {
  const r = await command('TB', 'C1', 'ADMIN_TB', 'connect prod-east');
  assert.match(r.text, /don't know a cluster called prod-east/);
  assert.not.match(r.text, /dev/);                                 // no leak of TA's other names
  assert.is((await t.store.bindings.clustersFor('TB', 'C1')).length, 0);
  assert.match(await ask('TB', 'C1', 'status'), /^unbound/);
  assert.is(await ask('TA', 'C1', 'status'), 'sees: TA/prod-east');
});

test('clusters lists this workspace\'s clusters only; disconnect unbinds', async () => {
  await command('TB', 'C1', 'ADMIN_TB', 'connect staging');
  const list = await command('TB', 'C1', 'U_TB', 'clusters');
  assert.match(list.text, /staging/);
  assert.match(list.text, /\*staging\* \(read-only, alert mutes allowed\)/, 'a new binding is read-only on the cluster');
  assert.not.match(list.text, /prod-east|dev/);
  assert.is(await ask('TB', 'C1', 'status'), 'sees: TB/staging');
  const d = await command('TB', 'C1', 'ADMIN_TB', 'disconnect staging');
  assert.match(d.text, /Disconnected staging/);
  assert.match(await ask('TB', 'C1', 'status'), /^unbound/);
});

test.run();
