// The first schema. Every tenant-owned table carries team_id, and every reference to a cluster goes through
// the composite key (team_id, cluster_id), so the database itself refuses a row that points at another
// workspace's cluster, whatever the application code does.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('workspaces', (t) => {
    t.text('team_id').primary();
    t.text('enterprise_id');
    t.text('name');
    t.text('default_cluster_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('clusters', (t) => {
    t.text('id').primary();
    t.text('team_id').notNullable().references('team_id').inTable('workspaces').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('kind').notNullable();
    t.text('kubeconfig_enc');
    t.text('key_id');
    t.text('context');
    t.text('dump_path');
    t.text('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['team_id', 'name']);
    t.unique(['team_id', 'id']);
  });
  await knex.raw(`alter table clusters add constraint clusters_kind_check check (
    (kind = 'kubeconfig' and kubeconfig_enc is not null and key_id is not null)
    or (kind = 'in-cluster' and kubeconfig_enc is null)
    or (kind = 'dump' and dump_path is not null and kubeconfig_enc is null))`);
  // the default cluster must be one of the workspace's own; dropping it clears only the pointer
  await knex.raw(`alter table workspaces add constraint workspaces_default_cluster_fk
    foreign key (team_id, default_cluster_id) references clusters (team_id, id) on delete set null (default_cluster_id)`);

  await knex.schema.createTable('installations', (t) => {
    t.text('id').primary();
    t.text('team_id');
    t.text('enterprise_id');
    t.boolean('is_enterprise_install').notNullable().defaultTo(false);
    t.text('app_id');
    t.text('bot_id');
    t.text('bot_user_id');
    t.text('bot_scopes');
    t.text('bot_token_enc');
    t.text('bot_refresh_token_enc');
    t.bigInteger('bot_token_expires_at');
    t.text('user_id');
    t.text('user_token_enc');
    t.text('user_refresh_token_enc');
    t.bigInteger('user_token_expires_at');
    t.text('user_scopes');
    t.text('key_id').notNullable();
    t.jsonb('data').notNullable().defaultTo('{}');   // the non-secret rest of the Installation
    t.timestamp('installed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table installations add constraint installations_owner_check check (
    (is_enterprise_install and enterprise_id is not null) or (not is_enterprise_install and team_id is not null))`);
  await knex.raw('create unique index installations_team_uq on installations (team_id) where not is_enterprise_install');
  await knex.raw('create unique index installations_enterprise_uq on installations (enterprise_id) where is_enterprise_install');

  await knex.schema.createTable('installation_users', (t) => {
    t.text('installation_id').notNullable().references('id').inTable('installations').onDelete('CASCADE');
    t.text('user_id').notNullable();
    t.text('user_token_enc');
    t.text('user_refresh_token_enc');
    t.bigInteger('user_token_expires_at');
    t.text('user_scopes');
    t.text('key_id').notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['installation_id', 'user_id']);
  });

  await knex.schema.createTable('channel_bindings', (t) => {
    t.text('team_id').notNullable();
    t.text('channel_id').notNullable();
    t.text('cluster_id').notNullable();
    t.text('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['team_id', 'channel_id', 'cluster_id']);
    t.foreign(['team_id', 'cluster_id']).references(['team_id', 'id']).inTable('clusters').onDelete('CASCADE');
  });

  await knex.schema.createTable('conversations', (t) => {
    t.text('team_id').notNullable();
    t.text('channel_id').notNullable();
    t.text('thread_ts').notNullable().defaultTo('');   // '' = the channel itself, outside any thread
    t.jsonb('state').notNullable();
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['team_id', 'channel_id', 'thread_ts']);
    t.index(['expires_at']);
  });

  await knex.schema.createTable('processed_events', (t) => {
    t.text('key').primary();
    t.timestamp('claimed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['claimed_at']);
  });

  await knex.schema.createTable('usage_samples', (t) => {
    t.text('cluster_id').notNullable().references('id').inTable('clusters').onDelete('CASCADE');
    t.text('volume_id').notNullable();
    t.timestamp('at', { useTz: true }).notNullable();
    t.bigInteger('used_bytes').notNullable();
    t.bigInteger('capacity_bytes');
    t.primary(['cluster_id', 'volume_id', 'at']);
    t.index(['at']);
  });

  await knex.schema.createTable('alert_mutes', (t) => {
    t.text('id').primary();
    t.text('team_id').notNullable();
    t.text('channel_id').notNullable();
    t.text('cluster_id').notNullable();
    t.text('target_kind').notNullable();               // volume | pool | all
    t.text('target_name').notNullable().defaultTo('');  // '' when target_kind = all
    t.timestamp('until', { useTz: true }).notNullable();
    t.text('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['team_id', 'channel_id', 'cluster_id', 'target_kind', 'target_name']);
    t.foreign(['team_id', 'cluster_id']).references(['team_id', 'id']).inTable('clusters').onDelete('CASCADE');
    t.index(['until']);
  });
  await knex.raw(`alter table alert_mutes add constraint alert_mutes_target_check check (
    target_kind in ('volume', 'pool', 'all') and ((target_kind = 'all') = (target_name = '')))`);

  await knex.schema.createTable('alerts_sent', (t) => {
    t.text('team_id').notNullable();
    t.text('channel_id').notNullable();
    t.text('cluster_id').notNullable();
    t.text('alert_key').notNullable();
    t.text('state');
    t.integer('count').notNullable().defaultTo(1);
    t.timestamp('sent_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['team_id', 'channel_id', 'cluster_id', 'alert_key']);
    t.foreign(['team_id', 'cluster_id']).references(['team_id', 'id']).inTable('clusters').onDelete('CASCADE');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['alerts_sent', 'alert_mutes', 'usage_samples', 'processed_events', 'conversations',
    'channel_bindings', 'installation_users', 'installations']) {
    await knex.schema.dropTableIfExists(t);
  }
  await knex.raw('alter table if exists workspaces drop constraint if exists workspaces_default_cluster_fk');
  await knex.schema.dropTableIfExists('clusters');
  await knex.schema.dropTableIfExists('workspaces');
}
