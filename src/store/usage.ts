// Volume usage samples for forecasts, per cluster and volume. Writes come from the collector, which
// only knows clusters it read from the store; reads are keyed by team and joined to the team's clusters,
// so a forged cluster id reads nothing.
import type { Knex } from 'knex';
import type { UsageSample } from './records.js';

export interface UsageInput { volumeId: string; at: Date | string | number; usedBytes: number; capacityBytes?: number | null }

const BATCH = 1000;

export class UsageSamples {
  constructor(private readonly db: Knex) {}

  /**
   * Records samples for one of the team's clusters; a repeated (volume, at) keeps the newer figures.
   * Returns how many were written (0 when the cluster is not the team's).
   */
  async record(teamId: string, clusterId: string, samples: UsageInput[]): Promise<number> {
    const owned = await this.db('clusters').where({ team_id: teamId, id: clusterId }).first('id');
    if (!owned || !samples.length) return 0;
    let written = 0;
    for (let i = 0; i < samples.length; i += BATCH) {
      const rows = samples.slice(i, i + BATCH).map((s) => ({
        cluster_id: clusterId, volume_id: s.volumeId, at: new Date(s.at),
        used_bytes: Math.round(s.usedBytes), capacity_bytes: s.capacityBytes == null ? null : Math.round(s.capacityBytes),
      }));
      await this.db('usage_samples').insert(rows).onConflict(['cluster_id', 'volume_id', 'at']).merge(['used_bytes', 'capacity_bytes']);
      written += rows.length;
    }
    return written;
  }

  /** The samples of one volume between from and to (inclusive), oldest first. */
  async window(teamId: string, clusterId: string, volumeId: string, range: { from?: Date; to?: Date; limit?: number } = {}): Promise<UsageSample[]> {
    const q = this.db('usage_samples as u')
      .join('clusters as c', 'c.id', 'u.cluster_id')
      .where({ 'c.team_id': teamId, 'u.cluster_id': clusterId, 'u.volume_id': volumeId })
      .select('u.volume_id', 'u.at', 'u.used_bytes', 'u.capacity_bytes')
      .orderBy('u.at', 'asc');
    if (range.from) q.andWhere('u.at', '>=', range.from);
    if (range.to) q.andWhere('u.at', '<=', range.to);
    if (range.limit) q.limit(range.limit);
    return (await q).map((r: any) => ({ volumeId: r.volume_id, at: new Date(r.at), usedBytes: Number(r.used_bytes),
      capacityBytes: r.capacity_bytes == null ? null : Number(r.capacity_bytes) }));
  }

  /** The latest sample of every volume of one of the team's clusters. */
  async latest(teamId: string, clusterId: string): Promise<UsageSample[]> {
    const rows = await this.db.raw(
      `select distinct on (u.volume_id) u.volume_id, u.at, u.used_bytes, u.capacity_bytes
       from usage_samples u join clusters c on c.id = u.cluster_id
       where c.team_id = ? and u.cluster_id = ? order by u.volume_id, u.at desc`, [teamId, clusterId]);
    return rows.rows.map((r: any) => ({ volumeId: r.volume_id, at: new Date(r.at), usedBytes: Number(r.used_bytes),
      capacityBytes: r.capacity_bytes == null ? null : Number(r.capacity_bytes) }));
  }

  /**
   * Keeps one sample (the last) per bucket for samples older than olderThanMs, and deletes every sample
   * older than retainMs. Forecasts want detail for recent days and only the trend before. Returns rows deleted.
   */
  async compact(opts: { olderThanMs: number; bucketMs: number; retainMs?: number }): Promise<number> {
    let deleted = 0;
    if (opts.retainMs) {
      deleted += await this.db('usage_samples').where('at', '<', this.db.raw(`now() - (? * interval '1 millisecond')`, [opts.retainMs])).delete();
    }
    const res = await this.db.raw(
      `with old as (
         select cluster_id, volume_id, at,
                date_bin(? * interval '1 millisecond', at, timestamptz '2000-01-01') as bucket
         from usage_samples where at < now() - (? * interval '1 millisecond')),
       keep as (select cluster_id, volume_id, bucket, max(at) as at from old group by 1, 2, 3)
       delete from usage_samples u using old o, keep k
       where u.cluster_id = o.cluster_id and u.volume_id = o.volume_id and u.at = o.at
         and k.cluster_id = o.cluster_id and k.volume_id = o.volume_id and k.bucket = o.bucket and o.at < k.at`,
      [opts.bucketMs, opts.olderThanMs]);
    deleted += Number(res.rowCount ?? res.affectedRows ?? 0);
    return deleted;
  }
}
