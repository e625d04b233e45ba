// The tenancy service: what a channel sees, connect/disconnect/list results, and the on-prem default.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TenancyService, closest } from '../../src/tenancy/service.js';
import { createTestStore, type TestStore } from '../helpers/db.js';

let t: TestStore;
test.before(async () => { t = await createTestStore(); });
test.after(async () => { await t?.close(); });

const ctx = (teamId: string, channelId: string, isAdmin = true) => ({ teamId, channelId, userId: 'U1', isAdmin });

test('a workspace with no cluster is told how to add one', async () => {
  const v = await new TenancyService(t.store).resolve(ctx('T0', 'C1'));
  assert.is(v.kind, 'no-clusters');
  if (v.kind === 'no-clusters') assert.match(v.hint, /mulebot cluster add --team T0/);
});

test('hosted: an unbound channel sees nothing and is told how to bind; on-prem: the only cluster serves it', async () => {
  await t.store.clusters.add('T1', { name: 'prod-east', kind: 'in-cluster' });
  const hosted = await new TenancyService(t.store).resolve(ctx('T1', 'C1'));
  assert.is(hosted.kind, 'unbound');
  if (hosted.kind === 'unbound') { assert.equal(hosted.available, ['prod-east']); assert.match(hosted.hint, /\/mulebot connect/); }
  const onPrem = await new TenancyService(t.store, { onPrem: true }).resolve(ctx('T1', 'C1'));
  assert.is(onPrem.kind, 'default');
  assert.equal(onPrem.clusters.map((c) => c.name), ['prod-east']);
  // with two clusters and no default, on-prem asks for a binding too
  await t.store.clusters.add('T1', { name: 'prod-west', kind: 'in-cluster' });
  assert.is((await new TenancyService(t.store, { onPrem: true }).resolve(ctx('T1', 'C1'))).kind, 'unbound');
});

test('connect, already connected, several clusters, disconnect, list', async () => {
  const svc = new TenancyService(t.store);
  const r1 = await svc.connect(ctx('T1', 'C1'), 'prod-east');
  assert.ok(r1.ok);
  if (r1.ok) { assert.is(r1.status, 'connected'); assert.equal(r1.channelClusters, ['prod-east']); assert.is(r1.cluster.name, 'prod-east'); }
  const r2 = await svc.connect(ctx('T1', 'C1'), 'prod-east');
  assert.is(r2.ok && r2.status, 'already-connected');
  const r3 = await svc.connect(ctx('T1', 'C1'), ' prod-west ');
  assert.equal(r3.ok && r3.channelClusters, ['prod-east', 'prod-west']);
  assert.match(r3.ok ? r3.hint : '', /prod-east and prod-west/);
  const v = await svc.resolve(ctx('T1', 'C1'));
  assert.is(v.kind, 'bound');
  assert.equal(v.clusters.map((c) => c.name), ['prod-east', 'prod-west']);
  assert.is((await svc.visibleCluster(ctx('T1', 'C1'), 'prod-west'))?.name, 'prod-west');
  assert.is(await svc.visibleCluster(ctx('T1', 'C2'), 'prod-west'), null);
  const listing = await svc.list(ctx('T1', 'C1'));
  assert.equal(listing.available.map((c) => c.name), ['prod-east', 'prod-west']);
  assert.equal(listing.channelsByCluster, { 'prod-east': ['C1'], 'prod-west': ['C1'] });
  const d1 = await svc.disconnect(ctx('T1', 'C1'), 'prod-west');
  assert.is(d1.ok && d1.status, 'disconnected');
  const d2 = await svc.disconnect(ctx('T1', 'C1'), 'prod-west');
  assert.is(d2.ok && d2.status, 'not-connected');
  const d3 = await svc.disconnect(ctx('T1', 'C1'), 'prod-east');
  assert.match(d3.ok ? d3.hint : '', /not connected to any cluster/);
});

test('typos get suggestions; empty names and non-admins get a clear answer', async () => {
  const svc = new TenancyService(t.store);
  const r = await svc.connect(ctx('T1', 'C1'), 'prod-est');
  assert.is(r.ok, false);
  if (!r.ok && r.error === 'unknown-cluster') { assert.equal(r.suggestions, ['prod-east', 'prod-west']); assert.match(r.hint, /Did you mean prod-east or prod-west/); }
  const e = await svc.connect(ctx('T1', 'C1'), '  ');
  assert.is(!e.ok && e.error, 'invalid');
  const f = await svc.connect(ctx('T1', 'C1', false), 'prod-east');
  assert.is(!f.ok && f.error, 'forbidden');
  assert.match(!f.ok ? f.hint : '', /admins/);
  const open = await new TenancyService(t.store, { allowNonAdmins: true }).connect(ctx('T1', 'C7', false), 'prod-east');
  assert.ok(open.ok);
  assert.equal(closest('stagng', ['staging', 'staging-2', 'prod']), ['staging']);
  assert.equal(closest('prod', ['prod-east', 'prod-west', 'dev']), ['prod-east', 'prod-west']);
});

test('ensureDefaultCluster: registers once, updates in place, serves unbound channels; bindings still win', async () => {
  const svc = new TenancyService(t.store, { onPrem: true });
  const c1 = await svc.ensureDefaultCluster('T9', { name: 'demo', kind: 'dump', dumpPath: '/data/a.yaml' });
  const c2 = await svc.ensureDefaultCluster('T9', { name: 'demo', kind: 'dump', dumpPath: '/data/b.yaml' });
  assert.is(c1.id, c2.id);
  assert.is(c2.dumpPath, '/data/b.yaml');
  await t.store.clusters.add('T9', { name: 'other', kind: 'in-cluster' });
  const v = await svc.resolve(ctx('T9', 'Cany'));
  assert.is(v.kind, 'default');
  assert.equal(v.clusters.map((c) => c.name), ['demo']);
  await svc.connect(ctx('T9', 'Cbound'), 'other');
  assert.equal((await svc.resolve(ctx('T9', 'Cbound'))).clusters.map((c) => c.name), ['other']);
  assert.is((await svc.list(ctx('T9', 'Cany'))).defaultCluster?.name, 'demo');
  // concurrent start-ups of two replicas agree on one row
  const both = await Promise.all([svc.ensureDefaultCluster('T10', { name: 'x', kind: 'in-cluster' }), svc.ensureDefaultCluster('T10', { name: 'x', kind: 'in-cluster' })]);
  assert.is(both[0].id, both[1].id);
});

test.run();
