// Follow-ups of confirmed actions: a snapshot created "not ready to use yet" or a PVC expansion "in progress" is
// watched by the alert watcher until it is done (or failed, or its deadline passed), and the asker is told in the
// channel (and thread) they asked in. Kept under the cluster's own team (as alert mutes and sent records are), with
// the workspace to answer in beside it; team_id leads the key and every query, and the composite foreign key to
// clusters drops a removed cluster's follow-ups with it. `done` flips once (update ... where done = false).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('action_followups', (t) => {
    t.text('team_id').notNullable();                    // the cluster's team (on-prem: "local")
    t.text('id').notNullable();
    t.text('cluster_id').notNullable();
    t.text('cluster_name').notNullable();
    t.text('post_team').notNullable();                  // the workspace of the channel asked in
    t.text('channel_id').notNullable();
    t.text('thread_ts');                                // null: the channel itself
    t.text('user_id').notNullable();
    t.text('kind').notNullable();                       // snapshot-ready | resize-done
    t.text('target').notNullable();                     // namespace/name: the VolumeSnapshot, or the PVC
    t.text('source');                                   // snapshot-ready: the source PVC's name
    t.bigInteger('from_bytes');                         // resize-done: the size before
    t.bigInteger('expected_bytes');                     // resize-done: the size asked for
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deadline', { useTz: true }).notNullable();
    t.boolean('done').notNullable().defaultTo(false);
    t.text('outcome');                                  // ready | failed | timeout, once done
    t.timestamp('done_at', { useTz: true });
    t.primary(['team_id', 'id']);
    t.foreign(['team_id', 'cluster_id']).references(['team_id', 'id']).inTable('clusters').onDelete('CASCADE');
  });
  await knex.raw(`alter table action_followups add constraint action_followups_kind_check check (kind in ('snapshot-ready', 'resize-done'))`);
  await knex.raw('create index action_followups_open on action_followups (team_id, cluster_id) where not done');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('action_followups');
}
