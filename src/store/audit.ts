// The audit trail of confirmed actions (migration 002): record() after each one, list() per workspace, newest
// first. Every query is scoped by team_id: a workspace never reads another's trail.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { StoreError } from './records.js';

export type AuditOutcome = 'done' | 'refused' | 'failed';

export interface AuditEntry {
  teamId: string;
  channelId: string;
  userId: string;
  clusterId: string | null;
  clusterName: string;
  action: string;
  target: string;
  outcome: AuditOutcome;
  /** what changed, or why not (no secrets: names, sizes and reasons only) */
  detail: string;
}

export interface AuditRecord extends AuditEntry { id: string; at: Date }

const toRecord = (r: any): AuditRecord => ({
  id: r.id, teamId: r.team_id, channelId: r.channel_id, userId: r.user_id, clusterId: r.cluster_id ?? null, clusterName: r.cluster_name,
  action: r.action, target: r.target, outcome: r.outcome, detail: r.detail, at: new Date(r.at),
});

export class ActionAudit {
  constructor(private readonly db: Knex) {}

  async record(e: AuditEntry, at?: Date): Promise<AuditRecord> {
    if (!e.teamId || !e.channelId || !e.userId) throw new StoreError('an audit entry needs team, channel and user', 'INVALID');
    const rows = await this.db('action_audit').insert({
      team_id: e.teamId, id: randomUUID(), channel_id: e.channelId, user_id: e.userId, cluster_id: e.clusterId, cluster_name: e.clusterName,
      action: e.action, target: e.target, outcome: e.outcome, detail: e.detail.slice(0, 2000), ...(at ? { at } : {}),
    }).returning('*');
    return toRecord(rows[0]);
  }

  async list(teamId: string, filter: { channelId?: string; clusterName?: string; limit?: number } = {}): Promise<AuditRecord[]> {
    const q = this.db('action_audit').where({ team_id: teamId }).orderBy('at', 'desc').limit(filter.limit ?? 100);
    if (filter.channelId) q.andWhere({ channel_id: filter.channelId });
    if (filter.clusterName) q.andWhere({ cluster_name: filter.clusterName });
    return (await q).map(toRecord);
  }
}
