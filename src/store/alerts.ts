// Alert mutes (per team, channel and cluster: one volume, one pool, or everything, until a time) and the
// record of alerts sent, so that every replica agrees a notification went out once per cooldown.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { StoreError, type AlertMute, type MuteTarget } from './records.js';

export interface AlertScope { teamId: string; channelId: string; clusterId: string }

const targetCols = (t: MuteTarget) => ({ target_kind: t.kind, target_name: t.kind === 'all' ? '' : t.name });

function toMute(r: any): AlertMute {
  const target: MuteTarget = r.target_kind === 'all' ? { kind: 'all' } : { kind: r.target_kind, name: r.target_name };
  return { id: r.id, teamId: r.team_id, channelId: r.channel_id, clusterId: r.cluster_id, target,
    until: new Date(r.until), createdBy: r.created_by ?? null };
}

export class Alerts {
  constructor(private readonly db: Knex) {}

  /** Mutes (or re-mutes with a new end) a target; the cluster must be the team's (composite FK). */
  async mute(scope: AlertScope, target: MuteTarget, until: Date, createdBy?: string | null): Promise<AlertMute> {
    if (target.kind !== 'all' && !target.name) throw new StoreError('a mute target needs a name', 'INVALID');
    try {
      const rows = await this.db('alert_mutes')
        .insert({ id: randomUUID(), team_id: scope.teamId, channel_id: scope.channelId, cluster_id: scope.clusterId,
          ...targetCols(target), until, created_by: createdBy ?? null })
        .onConflict(['team_id', 'channel_id', 'cluster_id', 'target_kind', 'target_name'])
        .merge(['until', 'created_by'])
        .returning('*');
      return toMute(rows[0]);
    } catch (err: any) {
      if (err?.code === '23503') throw new StoreError('no such cluster in this workspace', 'NOT_FOUND');
      throw err;
    }
  }

  async unmute(scope: AlertScope, target: MuteTarget): Promise<boolean> {
    // returning rows: PGlite answers a bare delete with a result object, not a count
    const gone = await this.db('alert_mutes').where({ team_id: scope.teamId, channel_id: scope.channelId, cluster_id: scope.clusterId,
      ...targetCols(target) }).delete().returning('id');
    return gone.length > 0;
  }

  /** The live mute covering a target (an "all" mute covers everything), or null. */
  async mutedBy(scope: AlertScope, target: MuteTarget, at: Date = new Date()): Promise<AlertMute | null> {
    const t = targetCols(target);
    const r = await this.db('alert_mutes')
      .where({ team_id: scope.teamId, channel_id: scope.channelId, cluster_id: scope.clusterId })
      .andWhere('until', '>', at)
      .andWhere((q) => q.where({ target_kind: 'all' }).orWhere(t))
      .orderBy('until', 'desc').first();
    return r ? toMute(r) : null;
  }

  async listMutes(teamId: string, filter: { channelId?: string; clusterId?: string } = {}): Promise<AlertMute[]> {
    const q = this.db('alert_mutes').where({ team_id: teamId }).andWhere('until', '>', this.db.fn.now()).orderBy('until');
    if (filter.channelId) q.andWhere({ channel_id: filter.channelId });
    if (filter.clusterId) q.andWhere({ cluster_id: filter.clusterId });
    return (await q).map(toMute);
  }

  async purgeExpiredMutes(): Promise<number> {
    return this.db('alert_mutes').where('until', '<=', this.db.fn.now()).delete();
  }

  /**
   * Whether to send this alert now: true for the first caller, and again once cooldownMs has passed since
   * the last send or when the state changed (e.g. warning -> critical). Atomic across replicas.
   */
  async shouldSend(scope: AlertScope, alertKey: string, opts: { cooldownMs: number; state?: string }): Promise<boolean> {
    try {
      const res = await this.db.raw(
        `insert into alerts_sent (team_id, channel_id, cluster_id, alert_key, state) values (?, ?, ?, ?, ?)
         on conflict (team_id, channel_id, cluster_id, alert_key) do update
           set sent_at = now(), count = alerts_sent.count + 1, state = excluded.state
           where alerts_sent.sent_at <= now() - (? * interval '1 millisecond')
              or alerts_sent.state is distinct from excluded.state
         returning count`,
        [scope.teamId, scope.channelId, scope.clusterId, alertKey, opts.state ?? null, opts.cooldownMs]);
      return (res.rows?.length ?? 0) > 0;
    } catch (err: any) {
      if (err?.code === '23503') throw new StoreError('no such cluster in this workspace', 'NOT_FOUND');
      throw err;
    }
  }

  /**
   * shouldSend for many alerts of one channel in one statement a chunk (the alert watcher's first look at a big
   * cluster): the keys to send now, by the same rule, atomic across replicas.
   */
  async shouldSendMany(scope: AlertScope, items: { key: string; state?: string }[], opts: { cooldownMs: number }): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < items.length; i += 500) {
      const chunk = items.slice(i, i + 500);
      try {
        const res = await this.db.raw(
          `insert into alerts_sent (team_id, channel_id, cluster_id, alert_key, state) values ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}
           on conflict (team_id, channel_id, cluster_id, alert_key) do update
             set sent_at = now(), count = alerts_sent.count + 1, state = excluded.state
             where alerts_sent.sent_at <= now() - (? * interval '1 millisecond')
                or alerts_sent.state is distinct from excluded.state
           returning alert_key`,
          [...chunk.flatMap((x) => [scope.teamId, scope.channelId, scope.clusterId, x.key, x.state ?? null]), opts.cooldownMs]);
        for (const r of res.rows ?? []) out.add(r.alert_key);
      } catch (err: any) {
        if (err?.code === '23503') throw new StoreError('no such cluster in this workspace', 'NOT_FOUND');
        throw err;
      }
    }
    return out;
  }

  /** clearSent for many keys of one channel: the keys this caller removed (so only one replica says "resolved"). */
  async clearSentMany(scope: AlertScope, alertKeys: string[]): Promise<string[]> {
    const out: string[] = [];
    for (let i = 0; i < alertKeys.length; i += 500) {
      const rows = await this.db('alerts_sent').where({ team_id: scope.teamId, channel_id: scope.channelId, cluster_id: scope.clusterId })
        .whereIn('alert_key', alertKeys.slice(i, i + 500)).delete().returning('alert_key');
      out.push(...rows.map((r: any) => r.alert_key as string));
    }
    return out;
  }

  /** The alerts on record as sent to one channel for one cluster (the alert watcher: which ones may have cleared). */
  async listSent(scope: AlertScope): Promise<{ alertKey: string; state: string | null; sentAt: Date }[]> {
    const rows = await this.db('alerts_sent').where({ team_id: scope.teamId, channel_id: scope.channelId, cluster_id: scope.clusterId })
      .select('alert_key', 'state', 'sent_at').orderBy('alert_key');
    return rows.map((r: any) => ({ alertKey: r.alert_key, state: r.state ?? null, sentAt: new Date(r.sent_at) }));
  }

  /** Forgets an alert (e.g. resolved), so the next occurrence is sent at once. */
  async clearSent(scope: AlertScope, alertKey: string): Promise<boolean> {
    return (await this.db('alerts_sent').where({ team_id: scope.teamId, channel_id: scope.channelId,
      cluster_id: scope.clusterId, alert_key: alertKey }).delete()) > 0;
  }

  async purgeSent(olderThanMs: number): Promise<number> {
    return this.db('alerts_sent').where('sent_at', '<', this.db.raw(`now() - (? * interval '1 millisecond')`, [olderThanMs])).delete();
  }
}
