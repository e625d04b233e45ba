// Smoke suite on the embedded backend (PGlite): the same migrations and repository SQL as PostgreSQL,
// the generated key file, and data that survives a reopen.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, StoreLockedError, type Store } from '../../src/store/index.js';
import { installationStore } from '../../src/store/installations.js';
import { TenancyService } from '../../src/tenancy/service.js';

const root = mkdtempSync(join(tmpdir(), 'mulebot-pglite-'));
const dataDir = join(root, 'pglite');
const savedKey = process.env.MULEBOT_ENCRYPTION_KEY;
let store: Store;
let clusterId = '';

test.before(async () => {
  delete process.env.MULEBOT_ENCRYPTION_KEY;   // the embedded default: a key file in the data folder
  store = await openStore({ dataDir });
});
test.after(async () => {
  await store?.close();
  if (savedKey !== undefined) process.env.MULEBOT_ENCRYPTION_KEY = savedKey;
  rmSync(root, { recursive: true, force: true });
});

test('creates the data folder, migrates, and generates a private key file', async () => {
  assert.is(store.backend, 'pglite');
  const keyFile = join(dataDir, 'encryption.key');
  assert.is(statSync(keyFile).mode & 0o777, 0o600);
  assert.is(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64').length, 32);
  const tables = (await store.db.raw(`select tablename from pg_tables where schemaname = current_schema() order by 1`)).rows.map((r: any) => r.tablename);
  for (const name of ['workspaces', 'clusters', 'channel_bindings', 'installations', 'conversations', 'processed_events', 'usage_samples', 'alert_mutes', 'alerts_sent']) {
    assert.ok(tables.includes(name), name);
  }
});

test('every repository works on PGlite', async () => {
  const c = await store.clusters.add('T1', { name: 'prod-east', kind: 'kubeconfig', kubeconfig: 'apiVersion: v1\n# embedded-secret\n' });
  clusterId = c.id;
  await store.clusters.add('T2', { name: 'prod-east', kind: 'in-cluster' });
  const svc = new TenancyService(store);
  assert.ok((await svc.connect({ teamId: 'T1', channelId: 'C1', isAdmin: true }, 'prod-east')).ok);
  assert.equal((await svc.resolve({ teamId: 'T1', channelId: 'C1' })).clusters.map((x) => x.id), [c.id]);
  assert.is((await svc.connect({ teamId: 'T2', channelId: 'C1', isAdmin: true }, 'nope')).ok, false);
  try { await store.bindings.bindById('T2', 'C1', c.id); assert.unreachable(); } catch (e: any) { assert.is(e.code, 'NOT_FOUND'); }
  const raw = await store.db('clusters').where({ id: c.id }).first();
  assert.not.ok(raw.kubeconfig_enc.includes('embedded-secret'));

  await installationStore(store.installations).storeInstallation({ team: { id: 'T1' }, enterprise: undefined, isEnterpriseInstall: false,
    user: { id: 'U1', token: undefined, scopes: undefined }, bot: { id: 'B1', userId: 'UB1', token: 'xoxb-embedded', scopes: ['chat:write'] } });

  assert.ok((await store.conversations.put({ teamId: 'T1', channelId: 'C1' }, { a: 1 })).ok);
  assert.equal((await store.conversations.put({ teamId: 'T1', channelId: 'C1' }, { a: 2 }, { expectedVersion: 1 })), { ok: true, version: 2 });
  assert.is((await store.conversations.put({ teamId: 'T1', channelId: 'C1' }, { a: 3 }, { expectedVersion: 1 })).ok, false);

  const claims = await Promise.all(Array.from({ length: 20 }, () => store.events.claim('Ev1')));
  assert.is(claims.filter(Boolean).length, 1);
  assert.ok(await store.events.claimAll(['Ev2', 'env-2']));
  assert.not.ok(await store.events.claimAll(['Ev2', 'env-3']));

  const now = Date.now();
  assert.is(await store.usage.record('T1', c.id, [{ volumeId: 'v', at: now - 1000, usedBytes: 1 }, { volumeId: 'v', at: now, usedBytes: 2, capacityBytes: 10 }]), 2);
  assert.equal((await store.usage.window('T1', c.id, 'v')).map((s) => s.usedBytes), [1, 2]);
  assert.is(await store.usage.compact({ olderThanMs: 0, bucketMs: 3600_000 }) >= 0, true);

  const scope = { teamId: 'T1', channelId: 'C1', clusterId: c.id };
  await store.alerts.mute(scope, { kind: 'volume', name: 'v' }, new Date(now + 60_000));
  assert.ok(await store.alerts.mutedBy(scope, { kind: 'volume', name: 'v' }));
  assert.ok(await store.alerts.shouldSend(scope, 'full:v', { cooldownMs: 3600_000 }));
  assert.not.ok(await store.alerts.shouldSend(scope, 'full:v', { cooldownMs: 3600_000 }));
});

test('a second opener of the same folder is refused clearly; a dead owner\'s lock is taken over', async () => {
  try { await openStore({ dataDir }); assert.unreachable(); }
  catch (e: any) { assert.instance(e, StoreLockedError); assert.match(e.message, new RegExp(`in use by process ${process.pid}`)); }
  await store.close();
  assert.not.ok(existsSync(join(dataDir, 'mulebot.lock')), 'close releases the lock');
  writeFileSync(join(dataDir, 'mulebot.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, command: 'crashed' }));
});

test('reopening the folder keeps the data and the key', async () => {
  store = await openStore({ dataDir });
  assert.match((await store.clusters.kubeconfig('T1', clusterId))!.reveal(), /embedded-secret/);
  const inst = await installationStore(store.installations).fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
  assert.is(inst.bot?.token, 'xoxb-embedded');
  assert.not.ok(await store.events.claim('Ev1'));
  assert.is((await store.conversations.get({ teamId: 'T1', channelId: 'C1' }))?.version, 2);
});

test.run();
