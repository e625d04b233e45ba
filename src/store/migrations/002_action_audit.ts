// The audit trail of confirmed actions: one row per action MuleBot carried out or refused after a yes (who, when,
// which workspace and channel, which cluster, what, on what, and how it ended). Tenant-owned like every other
// table: team_id leads the key and every query. No foreign key to clusters: the trail outlives a removed cluster,
// and an on-prem cluster may be asked about from another workspace (its name is kept alongside its id).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('action_audit', (t) => {
    t.text('team_id').notNullable();
    t.text('id').notNullable();
    t.text('channel_id').notNullable();
    t.text('user_id').notNullable();
    t.text('cluster_id');                               // null for a cluster not kept in the store
    t.text('cluster_name').notNullable();
    t.text('action').notNullable();                     // snapshot.create | snapshot.delete | volume.expand | alert.mute | alert.unmute
    t.text('target').notNullable();
    t.text('outcome').notNullable();                    // done | refused | failed
    t.text('detail').notNullable().defaultTo('');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['team_id', 'id']);
    t.index(['team_id', 'at']);
  });
  await knex.raw(`alter table action_audit add constraint action_audit_outcome_check check (outcome in ('done', 'refused', 'failed'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('action_audit');
}
