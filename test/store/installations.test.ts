// Installations on the real PostgreSQL, through @slack/oauth's own InstallProvider where it applies.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inspect } from 'node:util';
import { InstallProvider, type Installation } from '@slack/oauth';
import { installationStore } from '../../src/store/installations.js';
import { Keyring } from '../../src/store/crypto.js';
import { createTestStore, openTestReplica, type TestStore } from '../helpers/db.js';

let t: TestStore;
test.before(async () => { t = await createTestStore(); });
test.after(async () => { await t?.close(); });

const workspaceInstall = (team: string, bot: string, user = 'U1', userToken?: string): Installation<'v2', false> => ({
  team: { id: team, name: `Team ${team}` }, enterprise: undefined, isEnterpriseInstall: false, authVersion: 'v2', appId: 'A1',
  user: { id: user, token: userToken, scopes: userToken ? ['search:read'] : undefined },
  bot: { id: `B${team}`, userId: `UB${team}`, token: bot, scopes: ['app_mentions:read', 'chat:write'] },
  incomingWebhook: { url: `https://hooks.slack.com/services/${team}/secret`, channel: '#ops', channelId: 'C1' },
  tokenType: 'bot',
});

const orgInstall: Installation<'v2', true> = {
  team: undefined, enterprise: { id: 'E1', name: 'Big Org' }, isEnterpriseInstall: true, authVersion: 'v2', appId: 'A1',
  enterpriseUrl: 'https://big.enterprise.slack.com/',
  user: { id: 'UADMIN', token: undefined, scopes: undefined },
  bot: { id: 'BE1', userId: 'UBE1', token: 'xoxb-org-token', scopes: ['chat:write'], refreshToken: 'xoxe-1-refresh', expiresAt: 1900000000 },
};

test('store and fetch a workspace install; tokens sealed at rest', async () => {
  const store = installationStore(t.store.installations);
  await store.storeInstallation(workspaceInstall('T1', 'xoxb-t1-secret', 'U1', 'xoxp-u1-secret'));
  const got = await store.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
  assert.is(got.bot?.token, 'xoxb-t1-secret');
  assert.is(got.bot?.userId, 'UBT1');
  assert.equal(got.bot?.scopes, ['app_mentions:read', 'chat:write']);
  assert.is(got.user.token, 'xoxp-u1-secret');
  assert.is(got.team?.name, 'Team T1');
  assert.is(got.incomingWebhook?.url, 'https://hooks.slack.com/services/T1/secret');
  const raw = await t.store.db('installations').where({ team_id: 'T1' }).first();
  const rawText = JSON.stringify(raw);
  for (const secret of ['xoxb-t1-secret', 'xoxp-u1-secret', 'hooks.slack.com']) assert.not.ok(rawText.includes(secret), secret);
  assert.is(raw.key_id, t.keyring.currentKeyId);
  assert.is(raw.bot_user_id, 'UBT1');
  const usersRaw = JSON.stringify(await t.store.db('installation_users').select());
  assert.not.ok(usersRaw.includes('xoxp-u1-secret'));
  assert.ok(await t.store.workspaces.get('T1'), 'a workspace row comes with the install');
});

test('reinstall replaces tokens; a user-only reinstall keeps the bot; other users get only their own token', async () => {
  const store = installationStore(t.store.installations);
  await store.storeInstallation(workspaceInstall('T1', 'xoxb-t1-new'));
  const q = { teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false } as const;
  assert.is((await store.fetchInstallation(q)).bot?.token, 'xoxb-t1-new');
  await store.storeInstallation({ ...workspaceInstall('T1', 'unused', 'U2', 'xoxp-u2'), bot: undefined });
  const again = await store.fetchInstallation(q);
  assert.is(again.bot?.token, 'xoxb-t1-new');
  assert.is(again.user.id, 'U2');
  assert.is((await store.fetchInstallation({ ...q, userId: 'U1' })).user.token, 'xoxp-u1-secret');
  assert.is((await store.fetchInstallation({ ...q, userId: 'U3' })).user.token, undefined);
  assert.is(await t.store.installations.count(), 1);
});

test('enterprise installs: fetched by enterprise id, and serve workspaces of the org without their own install', async () => {
  const store = installationStore(t.store.installations);
  await store.storeInstallation(orgInstall);
  const org = await store.fetchInstallation({ teamId: undefined, enterpriseId: 'E1', isEnterpriseInstall: true });
  assert.is(org.bot?.token, 'xoxb-org-token');
  assert.is(org.bot?.refreshToken, 'xoxe-1-refresh');
  assert.is(org.bot?.expiresAt, 1900000000);
  assert.ok(org.isEnterpriseInstall);
  assert.is(org.enterprise?.name, 'Big Org');
  assert.is(org.enterpriseUrl, 'https://big.enterprise.slack.com/');
  const viaTeam = await store.fetchInstallation({ teamId: 'T77', enterpriseId: 'E1', isEnterpriseInstall: false });
  assert.is(viaTeam.bot?.token, 'xoxb-org-token');
  try { await store.fetchInstallation({ teamId: 'T77', enterpriseId: undefined, isEnterpriseInstall: false }); assert.unreachable(); }
  catch (e: any) { assert.match(e.message, /no installation for team T77/); }
});

test('InstallProvider.authorize reads through the adapter', async () => {
  const provider = new InstallProvider({ clientId: 'cid', clientSecret: 'csecret', stateSecret: 'state-secret',
    installationStore: installationStore(t.store.installations) });
  const auth = await provider.authorize({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
  assert.is(auth.botToken, 'xoxb-t1-new');
  assert.is(auth.botUserId, 'UBT1');
  const orgAuth = await provider.authorize({ teamId: undefined, enterpriseId: 'E1', isEnterpriseInstall: true });
  assert.is(orgAuth.botToken, 'xoxb-org-token');
  try { await provider.authorize({ teamId: 'TNONE', enterpriseId: undefined, isEnterpriseInstall: false }); assert.unreachable(); }
  catch (e: any) { assert.ok(e); }
});

test('get() hands out tokens as Secrets that never print', async () => {
  const rec = (await t.store.installations.get('T1'))!;
  assert.is(rec.botToken?.reveal(), 'xoxb-t1-new');
  const printed = inspect(rec) + JSON.stringify(rec) + String(rec.botToken);
  assert.not.ok(printed.includes('xoxb-t1-new'));
});

test('a wrong key fails clearly; delete removes one user or the whole install', async () => {
  const other = await openTestReplica(t.schema!, Keyring.random());
  try {
    await installationStore(other.installations).fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
    assert.unreachable();
  } catch (e: any) { assert.is(e.code, 'UNKNOWN_KEY_ID'); } finally { await other.close(); }
  const store = installationStore(t.store.installations);
  const q = { teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false } as const;
  await store.deleteInstallation!({ ...q, userId: 'U1' });
  assert.is((await store.fetchInstallation({ ...q, userId: 'U1' })).user.token, undefined);
  assert.is((await store.fetchInstallation(q)).bot?.token, 'xoxb-t1-new');
  await store.deleteInstallation!(q);
  try { await store.fetchInstallation(q); assert.unreachable(); } catch (e: any) { assert.match(e.message, /no installation/); }
  assert.is((await store.fetchInstallation({ teamId: undefined, enterpriseId: 'E1', isEnterpriseInstall: true })).bot?.token, 'xoxb-org-token');
});

test.run();
