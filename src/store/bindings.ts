// Channel bindings: (team_id, channel_id) -> clusters of that same workspace. The foreign key is
// (team_id, cluster_id) -> clusters(team_id, id), so a binding to another team's cluster cannot exist.
import type { Knex } from 'knex';
import { CLUSTER_COLUMNS, toCluster } from './clusters.js';
import { ACTIONS_LEVELS, StoreError, type ActionPolicy, type ClusterRecord } from './records.js';

export interface BindingRow extends ActionPolicy {
  teamId: string; channelId: string; clusterId: string; clusterName: string; createdBy: string | null; createdAt: Date;
}

export interface BindOptions { createdBy?: string | null; policy?: Partial<ActionPolicy> }

/** A policy as stored: the level checked, user ids trimmed, deduplicated and sorted. */
export function normalizePolicy(p: Partial<ActionPolicy>): Partial<ActionPolicy> {
  const out: Partial<ActionPolicy> = {};
  if (p.actions !== undefined) {
    if (!ACTIONS_LEVELS.includes(p.actions)) throw new StoreError(`actions must be one of ${ACTIONS_LEVELS.join(', ')}`, 'INVALID');
    out.actions = p.actions;
  }
  if (p.allowedUsers !== undefined) {
    const ids = [...new Set(p.allowedUsers.map((u) => u.trim()).filter(Boolean))].sort();
    const bad = ids.find((u) => !/^[A-Za-z0-9._-]{1,64}$/.test(u));
    if (bad) throw new StoreError(`"${bad}" is not a Slack user id`, 'INVALID');
    out.allowedUsers = ids;
  }
  return out;
}

const policyColumns = (p: Partial<ActionPolicy>) => ({
  ...(p.actions !== undefined ? { actions: p.actions } : {}),
  ...(p.allowedUsers !== undefined ? { allowed_users: JSON.stringify(p.allowedUsers) } : {}),
});

const usersOf = (v: unknown): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? JSON.parse(v) : []) as string[];

export class Bindings {
  constructor(private readonly db: Knex) {}

  /** Binds by cluster name, looked up inside the team in the same statement. */
  async bind(teamId: string, channelId: string, clusterName: string, opts: BindOptions = {}):
    Promise<{ created: boolean; cluster: ClusterRecord }> {
    const p = normalizePolicy(opts.policy ?? {});
    const inserted = await this.db.raw(
      `insert into channel_bindings (team_id, channel_id, cluster_id, created_by, actions, allowed_users)
       select c.team_id, ?, c.id, ?, ?, ?::jsonb from clusters c where c.team_id = ? and c.name = ?
       on conflict do nothing returning cluster_id`,
      [channelId, opts.createdBy ?? null, p.actions ?? 'alerts', JSON.stringify(p.allowedUsers ?? []), teamId, clusterName]);
    const cluster = await this.db('clusters').select(CLUSTER_COLUMNS).where({ team_id: teamId, name: clusterName }).first();
    if (!cluster) throw new StoreError(`no cluster "${clusterName}" in this workspace`, 'NOT_FOUND');
    return { created: (inserted.rows?.length ?? 0) > 0, cluster: toCluster(cluster) };
  }

  /** Binds by id; the composite foreign key rejects an id that belongs to another workspace. */
  async bindById(teamId: string, channelId: string, clusterId: string, opts: BindOptions = {}): Promise<boolean> {
    const p = normalizePolicy(opts.policy ?? {});
    try {
      const rows = await this.db('channel_bindings')
        .insert({ team_id: teamId, channel_id: channelId, cluster_id: clusterId, created_by: opts.createdBy ?? null, ...policyColumns(p) })
        .onConflict(['team_id', 'channel_id', 'cluster_id']).ignore().returning('cluster_id');
      return rows.length > 0;
    } catch (err: any) {
      if (err?.code === '23503') throw new StoreError('no such cluster in this workspace', 'NOT_FOUND');
      throw err;
    }
  }

  /** Changes the policy of an existing binding (by cluster name, inside the team); false when there is no such binding. */
  async setPolicy(teamId: string, channelId: string, clusterName: string, policy: Partial<ActionPolicy>): Promise<boolean> {
    const cols = policyColumns(normalizePolicy(policy));
    if (!Object.keys(cols).length) return !!(await this.list(teamId, { channelId, clusterName })).length;
    const n = await this.db('channel_bindings')
      .where({ team_id: teamId, channel_id: channelId })
      .whereIn('cluster_id', this.db('clusters').select('id').where({ team_id: teamId, name: clusterName }))
      .update(cols);
    return n > 0;
  }

  /** The policy of one binding, read now (the confirm re-check); null when the channel is not bound to the cluster. */
  async policy(teamId: string, channelId: string, clusterId: string): Promise<ActionPolicy | null> {
    const r = await this.db('channel_bindings').where({ team_id: teamId, channel_id: channelId, cluster_id: clusterId })
      .first('actions', 'allowed_users');
    return r ? { actions: r.actions, allowedUsers: usersOf(r.allowed_users) } : null;
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
      .select('b.team_id', 'b.channel_id', 'b.cluster_id', 'c.name', 'b.created_by', 'b.created_at', 'b.actions', 'b.allowed_users')
      .orderBy(['b.channel_id', 'c.name']);
    if (filter.channelId) q.andWhere('b.channel_id', filter.channelId);
    if (filter.clusterName) q.andWhere('c.name', filter.clusterName);
    return (await q).map((r: any) => ({ teamId: r.team_id, channelId: r.channel_id, clusterId: r.cluster_id,
      clusterName: r.name, createdBy: r.created_by ?? null, createdAt: new Date(r.created_at), actions: r.actions, allowedUsers: usersOf(r.allowed_users) }));
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
