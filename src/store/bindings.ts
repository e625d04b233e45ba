// Channel bindings: (team_id, channel_id) -> clusters of that same workspace. The foreign key is
// (team_id, cluster_id) -> clusters(team_id, id), so a binding to another team's cluster cannot exist.
import type { Knex } from 'knex';
import { CLUSTER_COLUMNS, toCluster } from './clusters.js';
import { StoreError, type ClusterRecord } from './records.js';

export interface BindingRow { teamId: string; channelId: string; clusterId: string; clusterName: string; createdBy: string | null; createdAt: Date }

export class Bindings {
  constructor(private readonly db: Knex) {}

  /** Binds by cluster name, looked up inside the team in the same statement. */
  async bind(teamId: string, channelId: string, clusterName: string, opts: { createdBy?: string | null } = {}):
    Promise<{ created: boolean; cluster: ClusterRecord }> {
    const inserted = await this.db.raw(
      `insert into channel_bindings (team_id, channel_id, cluster_id, created_by)
       select c.team_id, ?, c.id, ? from clusters c where c.team_id = ? and c.name = ?
       on conflict do nothing returning cluster_id`,
      [channelId, opts.createdBy ?? null, teamId, clusterName]);
    const cluster = await this.db('clusters').select(CLUSTER_COLUMNS).where({ team_id: teamId, name: clusterName }).first();
    if (!cluster) throw new StoreError(`no cluster "${clusterName}" in this workspace`, 'NOT_FOUND');
    return { created: (inserted.rows?.length ?? 0) > 0, cluster: toCluster(cluster) };
  }

  /** Binds by id; the composite foreign key rejects an id that belongs to another workspace. */
  async bindById(teamId: string, channelId: string, clusterId: string, opts: { createdBy?: string | null } = {}): Promise<boolean> {
    try {
      const rows = await this.db('channel_bindings')
        .insert({ team_id: teamId, channel_id: channelId, cluster_id: clusterId, created_by: opts.createdBy ?? null })
        .onConflict(['team_id', 'channel_id', 'cluster_id']).ignore().returning('cluster_id');
      return rows.length > 0;
    } catch (err: any) {
      if (err?.code === '23503') throw new StoreError('no such cluster in this workspace', 'NOT_FOUND');
      throw err;
    }
  }

  async unbind(teamId: string, channelId: string, clusterName: string): Promise<boolean> {
    const n = await this.db('channel_bindings')
      .where({ team_id: teamId, channel_id: channelId })
      .whereIn('cluster_id', this.db('clusters').select('id').where({ team_id: teamId, name: clusterName }))
      .delete();
    return n > 0;
  }

  /** The clusters bound to a channel, by name. */
  async clustersFor(teamId: string, channelId: string): Promise<ClusterRecord[]> {
    const rows = await this.db('channel_bindings as b')
      .join('clusters as c', function () { this.on('c.team_id', 'b.team_id').andOn('c.id', 'b.cluster_id'); })
      .where({ 'b.team_id': teamId, 'b.channel_id': channelId })
      .select(CLUSTER_COLUMNS.map((c) => `c.${c}`))
      .orderBy('c.name');
    return rows.map(toCluster);
  }

  async list(teamId: string, filter: { channelId?: string; clusterName?: string } = {}): Promise<BindingRow[]> {
    const q = this.db('channel_bindings as b')
      .join('clusters as c', function () { this.on('c.team_id', 'b.team_id').andOn('c.id', 'b.cluster_id'); })
      .where('b.team_id', teamId)
      .select('b.team_id', 'b.channel_id', 'b.cluster_id', 'c.name', 'b.created_by', 'b.created_at')
      .orderBy(['b.channel_id', 'c.name']);
    if (filter.channelId) q.andWhere('b.channel_id', filter.channelId);
    if (filter.clusterName) q.andWhere('c.name', filter.clusterName);
    return (await q).map((r: any) => ({ teamId: r.team_id, channelId: r.channel_id, clusterId: r.cluster_id,
      clusterName: r.name, createdBy: r.created_by ?? null, createdAt: new Date(r.created_at) }));
  }

  /** The channels bound to one cluster of a workspace (the alert watcher: who hears about this cluster). */
  async channelsForCluster(teamId: string, clusterId: string): Promise<string[]> {
    const rows = await this.db('channel_bindings').where({ team_id: teamId, cluster_id: clusterId }).select('channel_id').orderBy('channel_id');
    return rows.map((r: any) => r.channel_id as string);
  }

  /** Whether the workspace has any binding at all (on-prem: none means "every channel sees the default"). */
  async teamHasBindings(teamId: string): Promise<boolean> {
    return !!(await this.db('channel_bindings').where({ team_id: teamId }).first('channel_id'));
  }
}
