// Two workspaces on one store, and crafted attempts to cross from one to the other.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TenancyService } from '../../src/tenancy/service.js';
import { installationStore } from '../../src/store/installations.js';
import { createTestStore, type TestStore } from '../helpers/db.js';

const KC_A = 'apiVersion: v1\nkind: Config\n# team A credentials: a-kube-secret\n';
const KC_B = 'apiVersion: v1\nkind: Config\n# team B credentials: b-kube-secret\n';
let t: TestStore;
let svc: TenancyService;
let aProd = '', bProd = '', bSecret = '';
const A = (channelId = 'C1', isAdmin = true) => ({ teamId: 'TA', channelId, userId: 'UA', isAdmin });
const B = (channelId = 'C1', isAdmin = true) => ({ teamId: 'TB', channelId, userId: 'UB', isAdmin });

test.before(async () => {
  t = await createTestStore();
  svc = new TenancyService(t.store);
  aProd = (await t.store.clusters.add('TA', { name: 'prod', kind: 'kubeconfig', kubeconfig: KC_A })).id;
  bProd = (await t.store.clusters.add('TB', { name: 'prod', kind: 'kubeconfig', kubeconfig: KC_B })).id;
  bSecret = (await t.store.clusters.add('TB', { name: 'b-only-cluster', kind: 'in-cluster' })).id;
  // the same channel id in both workspaces (Slack ids are per workspace; shared channels collide)
  assert.ok((await svc.connect(A('C1'), 'prod')).ok);
  assert.ok((await svc.connect(B('C1'), 'prod')).ok);
  assert.ok((await svc.connect(B('C1'), 'b-only-cluster')).ok);
});
test.after(async () => { await t?.close(); });

test('colliding channel ids: each workspace sees only its own clusters', async () => {
  const va = await svc.resolve(A('C1'));
  const vb = await svc.resolve(B('C1'));
  assert.equal(va.clusters.map((c) => c.id), [aProd]);
  assert.equal(vb.clusters.map((c) => c.id).sort(), [bProd, bSecret].sort());
  assert.ok(va.clusters.every((c) => c.teamId === 'TA'));
});

test('connect to another workspace\'s cluster by name: unknown, and no leak of its names', async () => {
  const r = await svc.connect(A('C2'), 'b-only-cluster');
  assert.is(r.ok, false);
  if (r.ok) return;
  assert.is(r.error, 'unknown-cluster');
  assert.equal((r as any).available, ['prod']);
  assert.equal((r as any).suggestions, []);
  // a near miss of B's name must not be "corrected" into it
  const near = await svc.connect(A('C2'), 'b-only-clustr');
  assert.not.ok(JSON.stringify(near).includes('b-only-cluster'), 'names of team B must not appear');
  assert.is((await svc.visibleCluster(A('C1'), 'b-only-cluster')), null);
  const d = await svc.disconnect(A('C1'), 'b-only-cluster');
  assert.is(d.ok, false);
  assert.equal((await svc.resolve(B('C1'))).clusters.length, 2, 'B untouched');
});

test('bind by a forged cluster id: refused by the repository and by the database itself', async () => {
  try { await t.store.bindings.bindById('TA', 'C3', bProd); assert.unreachable(); } catch (e: any) { assert.is(e.code, 'NOT_FOUND'); }
  try {
    await t.store.db('channel_bindings').insert({ team_id: 'TA', channel_id: 'C3', cluster_id: bProd });
    assert.unreachable();
  } catch (e: any) { assert.is(e.code, '23503', 'composite foreign key (team_id, cluster_id)'); }
  assert.equal(await t.store.bindings.clustersFor('TA', 'C3'), []);
  try { await t.store.workspaces.setDefaultCluster('TA', bSecret); assert.unreachable(); } catch (e: any) { assert.is(e.code, 'NOT_FOUND'); }
});

test('read another workspace\'s cluster or kubeconfig via a forged id: nothing', async () => {
  assert.is(await t.store.clusters.getById('TA', bProd), null);
  assert.is(await t.store.clusters.kubeconfig('TA', bProd), null);
  assert.is(await t.store.clusters.get('TA', 'b-only-cluster'), null);
  assert.is((await t.store.clusters.kubeconfig('TB', bProd))?.reveal(), KC_B);
  assert.not.ok(await t.store.clusters.remove('TA', 'b-only-cluster'));
  assert.ok(await t.store.clusters.getById('TB', bSecret));
});

test('a kubeconfig ciphertext copied into another workspace\'s row does not decrypt', async () => {
  const stolen = (await t.store.db('clusters').where({ id: bProd }).first()).kubeconfig_enc;
  const victim = (await t.store.clusters.add('TA', { name: 'decoy', kind: 'kubeconfig', kubeconfig: KC_A })).id;
  await t.store.db('clusters').where({ id: victim }).update({ kubeconfig_enc: stolen });
  try { await t.store.clusters.kubeconfig('TA', victim); assert.unreachable(); } catch (e: any) { assert.is(e.code, 'DECRYPT_FAILED'); }
  await t.store.clusters.remove('TA', 'decoy');
});

test('conversations, usage, mutes and sent alerts never cross', async () => {
  await t.store.conversations.put({ teamId: 'TB', channelId: 'C1' }, { secret: 'b-state' });
  assert.is(await t.store.conversations.get({ teamId: 'TA', channelId: 'C1' }), null);
  assert.equal(await t.store.conversations.listLive('TA'), []);
  await t.store.usage.record('TB', bProd, [{ volumeId: 'pvc-b', at: Date.now(), usedBytes: 5 }]);
  assert.equal(await t.store.usage.window('TA', bProd, 'pvc-b'), []);
  assert.is(await t.store.usage.record('TA', bProd, [{ volumeId: 'pvc-b', at: Date.now() + 1, usedBytes: 9 }]), 0);
  try { await t.store.alerts.mute({ teamId: 'TA', channelId: 'C1', clusterId: bProd }, { kind: 'all' }, new Date(Date.now() + 60_000)); assert.unreachable(); }
  catch (e: any) { assert.is(e.code, 'NOT_FOUND'); }
  await t.store.alerts.mute({ teamId: 'TB', channelId: 'C1', clusterId: bProd }, { kind: 'all' }, new Date(Date.now() + 60_000));
  assert.is(await t.store.alerts.mutedBy({ teamId: 'TA', channelId: 'C1', clusterId: bProd }, { kind: 'all' }), null);
  assert.equal(await t.store.alerts.listMutes('TA'), []);
});

test('installations: one workspace\'s query never returns another\'s tokens', async () => {
  const store = installationStore(t.store.installations);
  await store.storeInstallation({ team: { id: 'TB' }, enterprise: undefined, isEnterpriseInstall: false, user: { id: 'UB', token: undefined, scopes: undefined },
    bot: { id: 'BB', userId: 'UBB', token: 'xoxb-team-b', scopes: ['chat:write'] } });
  try { await store.fetchInstallation({ teamId: 'TA', enterpriseId: undefined, isEnterpriseInstall: false }); assert.unreachable(); }
  catch (e: any) { assert.match(e.message, /no installation/); }
  // an enterprise id that is not an org install does not reach the workspace install
  try { await store.fetchInstallation({ teamId: undefined, enterpriseId: 'TB', isEnterpriseInstall: true }); assert.unreachable(); }
  catch (e: any) { assert.match(e.message, /no installation/); }
  assert.is(await t.store.installations.get('TA'), null);
});

test('non-admins cannot bind, even their own workspace\'s clusters', async () => {
  const r = await svc.connect(A('C5', false), 'prod');
  assert.equal(r.ok ? 'ok' : r.error, 'forbidden');
  const d = await svc.disconnect(A('C1', false), 'prod');
  assert.equal(d.ok ? 'ok' : d.error, 'forbidden');
  assert.equal((await svc.resolve(A('C1'))).clusters.map((c) => c.id), [aProd]);
});

test.run();
