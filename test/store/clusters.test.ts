// Workspaces, clusters and bindings on the real PostgreSQL, including encryption at rest.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { randomBytes } from 'node:crypto';
import { Keyring } from '../../src/store/crypto.js';
import { StoreError } from '../../src/store/records.js';
import { createTestStore, openTestReplica, type TestStore } from '../helpers/db.js';

const KUBECONFIG = 'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user: {token: kube-secret-TOKEN-42}\n';
const OLD_KEY = randomBytes(32).toString('base64');
let t: TestStore;
test.before(async () => { t = await createTestStore({ keyring: Keyring.fromText(OLD_KEY) }); });
test.after(async () => { await t?.close(); });

test('add, get, list and remove clusters of each kind', async () => {
  const s = t.store;
  const kc = await s.clusters.add('T1', { name: 'prod-east', kind: 'kubeconfig', kubeconfig: KUBECONFIG, context: 'east' }, { createdBy: 'U1' });
  const ic = await s.clusters.add('T1', { name: 'staging', kind: 'in-cluster' });
  const dump = await s.clusters.add('T1', { name: 'dev', kind: 'dump', dumpPath: '/tmp/demo.yaml' });
  assert.is(kc.kind, 'kubeconfig'); assert.is(kc.context, 'east'); assert.is(kc.createdBy, 'U1'); assert.is(kc.keyId, t.keyring.currentKeyId);
  assert.is(ic.kind, 'in-cluster'); assert.is(dump.dumpPath, '/tmp/demo.yaml');
  assert.equal((await s.clusters.list('T1')).map((c) => c.name), ['dev', 'prod-east', 'staging']);
  assert.is((await s.clusters.get('T1', 'prod-east'))?.id, kc.id);
  assert.is((await s.clusters.getById('T1', dump.id))?.name, 'dev');
  assert.is((await s.clusters.kubeconfig('T1', kc.id))?.reveal(), KUBECONFIG);
  assert.is(await s.clusters.kubeconfig('T1', ic.id), null);
  assert.ok(await s.clusters.remove('T1', 'dev'));
  assert.not.ok(await s.clusters.remove('T1', 'dev'));
  assert.ok(await s.workspaces.get('T1'), 'the workspace row was created on the way');
});

test('names: unique per workspace, checked for shape; the same name in two workspaces is fine', async () => {
  const s = t.store;
  await s.clusters.add('T2', { name: 'prod-east', kind: 'in-cluster' });
  try { await s.clusters.add('T1', { name: 'prod-east', kind: 'in-cluster' }); assert.unreachable(); }
  catch (e: any) { assert.instance(e, StoreError); assert.is(e.code, 'CONFLICT'); }
  try { await s.clusters.add('T1', { name: 'bad name!', kind: 'in-cluster' }); assert.unreachable(); }
  catch (e: any) { assert.is(e.code, 'INVALID'); }
});

test('the kubeconfig is encrypted at rest; another key cannot read it', async () => {
  const s = t.store;
  const c = (await s.clusters.get('T1', 'prod-east'))!;
  const raw = await s.db('clusters').where({ id: c.id }).first();
  assert.ok(raw.kubeconfig_enc.startsWith('enc:v1:'));
  assert.not.ok(raw.kubeconfig_enc.includes('kube-secret'));
  assert.not.ok(JSON.stringify(raw).includes('apiVersion'));
  const other = await openTestReplica(t.schema!, Keyring.random());
  try {
    await other.clusters.kubeconfig('T1', c.id);
    assert.unreachable();
  } catch (e: any) {
    assert.is(e.name, 'EncryptionError'); assert.is(e.code, 'UNKNOWN_KEY_ID');
  } finally { await other.close(); }
});

test('update keeps the id and bindings; rekey re-seals under the new key', async () => {
  const s = t.store;
  const before = (await s.clusters.get('T1', 'staging'))!;
  await s.bindings.bind('T1', 'C9', 'staging');
  const after = await s.clusters.update('T1', { name: 'staging', kind: 'kubeconfig', kubeconfig: KUBECONFIG });
  assert.is(after.id, before.id); assert.is(after.kind, 'kubeconfig');
  assert.equal((await s.bindings.clustersFor('T1', 'C9')).map((c) => c.name), ['staging']);
  assert.is((await s.clusters.kubeconfig('T1', after.id))?.reveal(), KUBECONFIG);
  // a replica with a new sealing key first and the old key still listed reads old values and re-seals them
  const rotated = await openTestReplica(t.schema!, Keyring.fromText(`k2:${randomBytes(32).toString('base64')},${OLD_KEY}`));
  try {
    assert.is((await rotated.clusters.kubeconfig('T1', after.id))?.reveal(), KUBECONFIG);
    assert.ok((await rotated.clusters.rekey()) >= 2);
    assert.is((await rotated.clusters.get('T1', 'staging'))?.keyId, 'k2');
    assert.is((await rotated.clusters.kubeconfig('T1', after.id))?.reveal(), KUBECONFIG);
    assert.is(await rotated.clusters.rekey(), 0);
  } finally { await rotated.close(); }
  // the old key alone can no longer read it, and says which key is missing
  try { await s.clusters.kubeconfig('T1', after.id); assert.unreachable(); } catch (e: any) { assert.match(e.message, /"k2"/); }
});

test('bindings: bind by name, idempotent, unbind, list; default cluster stays in-team', async () => {
  const s = t.store;
  const r1 = await s.bindings.bind('T1', 'C1', 'prod-east', { createdBy: 'U1' });
  assert.ok(r1.created);
  const r2 = await s.bindings.bind('T1', 'C1', 'prod-east');
  assert.not.ok(r2.created);
  await s.bindings.bind('T1', 'C1', 'staging');
  assert.equal((await s.bindings.clustersFor('T1', 'C1')).map((c) => c.name), ['prod-east', 'staging']);
  assert.equal((await s.bindings.list('T1', { channelId: 'C1' })).map((b) => b.clusterName), ['prod-east', 'staging']);
  assert.ok(await s.bindings.unbind('T1', 'C1', 'staging'));
  assert.not.ok(await s.bindings.unbind('T1', 'C1', 'staging'));
  try { await s.bindings.bind('T1', 'C1', 'nope'); assert.unreachable(); } catch (e: any) { assert.is(e.code, 'NOT_FOUND'); }
  const pe = (await s.clusters.get('T1', 'prod-east'))!;
  await s.workspaces.setDefaultCluster('T1', pe.id);
  assert.is((await s.workspaces.get('T1'))?.defaultClusterId, pe.id);
  const foreign = (await s.clusters.get('T2', 'prod-east'))!;
  try { await s.workspaces.setDefaultCluster('T1', foreign.id); assert.unreachable(); } catch (e: any) { assert.is(e.code, 'NOT_FOUND'); }
  // removing a cluster drops its bindings and clears the default pointer, nothing else
  await s.clusters.remove('T1', 'prod-east');
  assert.equal(await s.bindings.clustersFor('T1', 'C1'), []);
  assert.is((await s.workspaces.get('T1'))?.defaultClusterId, null);
});

test.run();
