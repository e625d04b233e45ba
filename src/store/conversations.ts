// Conversation state by (team, channel, thread), with an expiry and an optimistic version so that two
// replicas taking turns on the same conversation cannot silently overwrite each other. An expired row
// reads as absent and may be replaced by a fresh conversation.
import type { Knex } from 'knex';
import type { Conversation, ConversationKey, PutResult } from './records.js';

export const DEFAULT_CONVERSATION_TTL_MS = 30 * 60_000;

const keyOf = (k: ConversationKey) => ({ team_id: k.teamId, channel_id: k.channelId, thread_ts: k.threadTs ?? '' });

function toConversation<S>(r: any): Conversation<S> {
  return { teamId: r.team_id, channelId: r.channel_id, threadTs: r.thread_ts || null,
    state: (typeof r.state === 'string' ? JSON.parse(r.state) : r.state) as S, version: Number(r.version),
    expiresAt: new Date(r.expires_at), updatedAt: new Date(r.updated_at) };
}

export class Conversations {
  constructor(private readonly db: Knex) {}

  async get<S = unknown>(key: ConversationKey): Promise<Conversation<S> | null> {
    const r = await this.db('conversations').where(keyOf(key)).andWhere('expires_at', '>', this.db.fn.now()).first();
    return r ? toConversation<S>(r) : null;
  }

  /**
   * Writes the state. expectedVersion: the version read by get(), or null/undefined to create a new
   * conversation (which succeeds only if none is live). Returns the new version, or a conflict.
   */
  async put<S>(key: ConversationKey, state: S, opts: { expectedVersion?: number | null; ttlMs?: number } = {}): Promise<PutResult> {
    const ttl = opts.ttlMs ?? DEFAULT_CONVERSATION_TTL_MS;
    const expires = this.db.raw(`now() + (? * interval '1 millisecond')`, [ttl]);
    const json = JSON.stringify(state);
    let rows: any[];
    if (opts.expectedVersion === undefined || opts.expectedVersion === null) {
      const res = await this.db.raw(
        `insert into conversations (team_id, channel_id, thread_ts, state, version, expires_at, updated_at)
         values (?, ?, ?, ?::jsonb, 1, now() + (? * interval '1 millisecond'), now())
         on conflict (team_id, channel_id, thread_ts) do update
           set state = excluded.state, version = conversations.version + 1, expires_at = excluded.expires_at, updated_at = now()
           where conversations.expires_at <= now()
         returning version`,
        [key.teamId, key.channelId, key.threadTs ?? '', json, ttl]);
      rows = res.rows;
    } else {
      rows = await this.db('conversations').where(keyOf(key))
        .andWhere({ version: opts.expectedVersion }).andWhere('expires_at', '>', this.db.fn.now())
        .update({ state: json, version: this.db.raw('version + 1'), expires_at: expires, updated_at: this.db.fn.now() })
        .returning('version');
    }
    if (rows.length) return { ok: true, version: Number(rows[0].version) };
    const current = await this.get(key);
    return { ok: false, reason: 'conflict', currentVersion: current?.version ?? null };
  }

  /** Extends the expiry without changing the state or version. */
  async touch(key: ConversationKey, ttlMs = DEFAULT_CONVERSATION_TTL_MS): Promise<boolean> {
    const n = await this.db('conversations').where(keyOf(key)).andWhere('expires_at', '>', this.db.fn.now())
      .update({ expires_at: this.db.raw(`now() + (? * interval '1 millisecond')`, [ttlMs]) });
    return n > 0;
  }

  async delete(key: ConversationKey): Promise<boolean> {
    return (await this.db('conversations').where(keyOf(key)).delete()) > 0;
  }

  /** Deletes expired conversations; returns how many. */
  async purgeExpired(): Promise<number> {
    return this.db('conversations').where('expires_at', '<=', this.db.fn.now()).delete();
  }

  /** Live conversations of a team (all channels), newest first. */
  async listLive(teamId: string, limit = 100): Promise<Conversation[]> {
    const rows = await this.db('conversations').where({ team_id: teamId }).andWhere('expires_at', '>', this.db.fn.now())
      .orderBy('updated_at', 'desc').limit(limit);
    return rows.map((r: any) => toConversation(r));
  }
}
