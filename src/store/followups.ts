// Follow-ups of confirmed actions (migration 004): the dialogue records one after a snapshot is created or a PVC
// expanded; the alert watcher lists a cluster's open ones on each check and closes each exactly once (finish():
// `update ... where done = false returning`, so of two replicas only one posts the answer). Every query names the
// cluster's team_id: a workspace never reads or closes another's follow-ups.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { StoreError } from './records.js';

export type FollowupKind = 'snapshot-ready' | 'resize-done';
export type FollowupOutcome = 'ready' | 'failed' | 'timeout';

export interface NewFollowup {
  /** the cluster's team (the store record's owner; on-prem "local") */
  teamId: string;
  clusterId: string;
  clusterName: string;
  /** where to answer: the workspace, channel and thread (if any) the action was asked in, and who asked */
  postTeam: string;
  channelId: string;
  threadTs?: string | null;
  userId: string;
  kind: FollowupKind;
  /** namespace/name of the VolumeSnapshot (snapshot-ready) or of the PVC (resize-done) */
  target: string;
  /** snapshot-ready: the source PVC's name */
  source?: string | null;
  /** resize-done: the size before and the size asked for */
  fromBytes?: number | null;
  expectedBytes?: number | null;
  createdAt?: Date;
  deadline: Date;
}

export interface Followup extends Required<Omit<NewFollowup, 'createdAt'>> {
  id: string;
  createdAt: Date;
  done: boolean;
  outcome: FollowupOutcome | null;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const toFollowup = (r: any): Followup => ({
  id: r.id, teamId: r.team_id, clusterId: r.cluster_id, clusterName: r.cluster_name, postTeam: r.post_team, channelId: r.channel_id,
  threadTs: r.thread_ts ?? null, userId: r.user_id, kind: r.kind, target: r.target, source: r.source ?? null,
  fromBytes: num(r.from_bytes), expectedBytes: num(r.expected_bytes), createdAt: new Date(r.created_at), deadline: new Date(r.deadline),
  done: !!r.done, outcome: r.outcome ?? null,
});

export class ActionFollowups {
  constructor(private readonly db: Knex) {}

  async record(f: NewFollowup): Promise<Followup> {
    if (!f.teamId || !f.clusterId || !f.postTeam || !f.channelId || !f.userId || !f.target) {
      throw new StoreError('a follow-up needs team, cluster, channel, user and target', 'INVALID');
    }
    if (f.kind === 'resize-done' && !(Number(f.expectedBytes) > 0)) throw new StoreError('a resize follow-up needs the size asked for', 'INVALID');
    try {
      const rows = await this.db('action_followups').insert({
        team_id: f.teamId, id: randomUUID(), cluster_id: f.clusterId, cluster_name: f.clusterName, post_team: f.postTeam,
        channel_id: f.channelId, thread_ts: f.threadTs ?? null, user_id: f.userId, kind: f.kind, target: f.target, source: f.source ?? null,
        from_bytes: f.fromBytes ?? null, expected_bytes: f.expectedBytes ?? null, deadline: f.deadline, ...(f.createdAt ? { created_at: f.createdAt } : {}),
      }).returning('*');
      return toFollowup(rows[0]);
    } catch (err: any) {
      if (err?.code === '23503') throw new StoreError('no such cluster in this workspace', 'NOT_FOUND');
      throw err;
    }
  }

  /** The open follow-ups of one cluster, oldest first. */
  async open(teamId: string, clusterId: string): Promise<Followup[]> {
    const rows = await this.db('action_followups').where({ team_id: teamId, cluster_id: clusterId, done: false }).orderBy('created_at');
    return rows.map(toFollowup);
  }

  /** Closes a follow-up with its outcome: true only for the one caller that closed it (another replica gets false). */
  async finish(teamId: string, id: string, outcome: FollowupOutcome): Promise<boolean> {
    const rows = await this.db('action_followups').where({ team_id: teamId, id, done: false })
      .update({ done: true, outcome, done_at: this.db.fn.now() }).returning('id');
    return rows.length > 0;
  }

  /** Opens a closed follow-up again (its answer could not be delivered: the next check tries again). */
  async reopen(teamId: string, id: string): Promise<void> {
    await this.db('action_followups').where({ team_id: teamId, id }).update({ done: false, outcome: null, done_at: null });
  }

  /** Housekeeping (Store.maintain): closed follow-ups older than `olderThanMs` go; open ones always stay. */
  async purgeDone(olderThanMs: number): Promise<number> {
    const cutoff = new Date(Date.now() - olderThanMs);
    const rows = await this.db('action_followups').where({ done: true }).andWhere('done_at', '<', cutoff).del().returning('id');
    return rows.length;
  }

  /** A team's follow-ups, newest first (open and done). */
  async list(teamId: string, filter: { clusterId?: string; limit?: number } = {}): Promise<Followup[]> {
    const q = this.db('action_followups').where({ team_id: teamId }).orderBy('created_at', 'desc').limit(filter.limit ?? 100);
    if (filter.clusterId) q.andWhere({ cluster_id: filter.clusterId });
    return (await q).map(toFollowup);
  }
}
