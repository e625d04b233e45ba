// Who may change things: each channel binding carries an actions policy. `actions` is 'none' (no action at all),
// 'alerts' (mute/unmute only: they change this channel's own settings, not the cluster) or 'all' (cluster writes
// too: snapshots, expansion); `allowed_users` optionally narrows cluster writes to some Slack user ids (empty:
// anyone in the channel). New bindings and every existing one start at 'alerts': read-only on the cluster until an
// operator opts in.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('channel_bindings', (t) => {
    t.text('actions').notNullable().defaultTo('alerts');
    t.jsonb('allowed_users').notNullable().defaultTo('[]');
  });
  await knex.raw(`alter table channel_bindings add constraint channel_bindings_actions_check check (actions in ('none', 'alerts', 'all'))`);
  await knex.raw(`alter table channel_bindings add constraint channel_bindings_allowed_users_check check (jsonb_typeof(allowed_users) = 'array')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table channel_bindings drop constraint if exists channel_bindings_allowed_users_check');
  await knex.raw('alter table channel_bindings drop constraint if exists channel_bindings_actions_check');
  await knex.schema.alterTable('channel_bindings', (t) => {
    t.dropColumn('allowed_users');
    t.dropColumn('actions');
  });
}
