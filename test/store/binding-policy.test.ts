// Binding actions policies (migration 003) on the real PostgreSQL and on the embedded PGlite: rows that existed before
// the migration become 'alerts'; new ones default to it; set, read and list keep team_id in every key; bad values
// are refused by the repository and by the table itself.
import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Keyring, openStore } from '../../src/store/index.js';
import { StaticMigrationSource } from '../../src/store/migrations/index.js';
import { StoreError } from '../../src/store/records.js';
import { createEmbeddedTestStore, createTestStore, TEST_DATABASE_URL } from '../helpers/db.js';

test('rows bound before migration 003 become actions alerts with no user list', async () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ databaseUrl: TEST_DATABASE_URL, schema, encryptionKey: Keyring.random(), migrate: false, poolMax: 2 });
  try {
    const source = new StaticMigrationSource();
    await store.db.migrate.up({ migrationSource: source, schemaName: schema, name: '001_initial' });
    await store.db.migrate.up({ migrationSource: source, schemaName: schema, name: '002_action_audit' });
    const c = await store.clusters.add('T1', { name: 'prod', kind: 'in-cluster' });
    await store.db('channel_bindings').insert({ team_id: 'T1', channel_id: 'C1', cluster_id: c.id });
    await store.migrate(schema);
    assert.equal(await store.bindings.policy('T1', 'C1', c.id), { actions: 'alerts', allowedUsers: [] });
  } finally {
    try { await store.db.raw(`drop schema if exists "${schema}" cascade`); } finally { await store.close(); }
  }
});

for (const [label, make] of [['PostgreSQL', createTestStore], ['PGlite', createEmbeddedTestStore]] as const) {
  test(`${label}: default, set, read and list a binding's policy; another team's rows untouched`, async () => {
    const t = await make();
    try {
      const s = t.store;
      const a = await s.clusters.add('TA', { name: 'prod', kind: 'in-cluster' });
      const b = await s.clusters.add('TB', { name: 'prod', kind: 'in-cluster' });
      await s.bindings.bind('TA', 'C1', 'prod');
      assert.ok(await s.bindings.bindById('TB', 'C1', b.id, { policy: { actions: 'all', allowedUsers: ['U2', ' U1', 'U2'] } }));
      assert.equal(await s.bindings.policy('TA', 'C1', a.id), { actions: 'alerts', allowedUsers: [] });
      assert.equal(await s.bindings.policy('TB', 'C1', b.id), { actions: 'all', allowedUsers: ['U1', 'U2'] }, 'trimmed, deduplicated, sorted');
      assert.ok(await s.bindings.setPolicy('TA', 'C1', 'prod', { actions: 'none' }));
      assert.not.ok(await s.bindings.setPolicy('TA', 'C9', 'prod', { actions: 'all' }), 'no such binding');
      assert.equal(await s.bindings.policy('TB', 'C1', b.id), { actions: 'all', allowedUsers: ['U1', 'U2'] });
      assert.is(await s.bindings.policy('TA', 'C1', b.id), null, 'another team\'s cluster id');
      assert.ok(await s.bindings.setPolicy('TB', 'C1', 'prod', { allowedUsers: [] }));
      assert.equal((await s.bindings.list('TB')).map((r) => [r.channelId, r.clusterName, r.actions, r.allowedUsers]), [['C1', 'prod', 'all', []]]);
      assert.equal((await s.bindings.list('TA')).map((r) => [r.actions, r.allowedUsers]), [['none', []]]);
      // bad values: the repository names them; the table refuses them too
      try { await s.bindings.setPolicy('TA', 'C1', 'prod', { actions: 'root' as never }); assert.unreachable(); } catch (err) {
        assert.instance(err, StoreError); assert.is((err as StoreError).code, 'INVALID');
      }
      let refused = false;
      try { await s.db('channel_bindings').where({ team_id: 'TA' }).update({ actions: 'root' }); } catch { refused = true; }
      assert.ok(refused, 'check constraint');
    } finally { await t.close(); }
  });
}

test.run();
