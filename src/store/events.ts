// Durable dedupe of incoming events (Slack event_id, Socket Mode envelope id, ...): claim() is true for
// exactly one caller per key across every replica sharing the database, thanks to the primary key and
// INSERT ... ON CONFLICT DO NOTHING.
import type { Knex } from 'knex';

export class ProcessedEvents {
  constructor(private readonly db: Knex) {}

  async claim(key: string): Promise<boolean> {
    if (!key) throw new Error('an event key is required');
    const res = await this.db.raw('insert into processed_events (key) values (?) on conflict do nothing returning key', [key]);
    return (res.rows?.length ?? 0) > 0;
  }

  /** Claims the first of several keys for one event (e.g. event_id and envelope id): true only if none was seen. */
  async claimAll(keys: string[]): Promise<boolean> {
    const unique = [...new Set(keys.filter(Boolean))].sort();   // one lock order for every replica
    if (!unique.length) throw new Error('an event key is required');
    return this.db.transaction(async (trx) => {
      const res = await trx.raw(`insert into processed_events (key) select unnest(?::text[]) on conflict do nothing returning key`, [unique]);
      if ((res.rows?.length ?? 0) === unique.length) return true;
      // some key was already claimed: keep the others claimed too, but report a duplicate
      return false;
    });
  }

  async seen(key: string): Promise<boolean> {
    return !!(await this.db('processed_events').where({ key }).first('key'));
  }

  /** Forgets keys claimed more than olderThanMs ago (Slack retries stop after about an hour). */
  async purge(olderThanMs = 24 * 3600_000): Promise<number> {
    return this.db('processed_events').where('claimed_at', '<', this.db.raw(`now() - (? * interval '1 millisecond')`, [olderThanMs])).delete();
  }
}
