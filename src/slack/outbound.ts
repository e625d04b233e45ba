// Outbound Web API calls: one WebClient per workspace (its own token; a 429 never pauses another workspace),
// a queue per channel drained at about one message a second with short bursts (Slack's chat.postMessage
// limit), and a 429's Retry-After honoured for that workspace only. Order within a channel is kept, so a
// "Looking..." placeholder is always posted before the chat.update that replaces it.
import { WebClient, ErrorCode, type WebAPICallResult } from '@slack/web-api';
import type { BotAuth, Log } from './types.js';

export type OutMethod = 'chat.postMessage' | 'chat.update' | 'chat.postEphemeral';

export interface OutboundOptions {
  slackApiUrl?: string;
  /** sustained chat.postMessage rate per channel (default 1 a second) */
  perChannelPerSec?: number;
  /** messages a quiet channel may send at once (default 3) */
  burst?: number;
  /** chat.postMessage per workspace across its channels (default 5 a second, Slack's "several hundred a minute") */
  perWorkspacePerSec?: number;
  workspaceBurst?: number;
  /** WebClient retries for network errors and 5xx (default 2; tests use 0) */
  retries?: number;
  /** how many 429s one message waits out before it is dropped (default 5) */
  max429?: number;
  /** workspaces whose WebClient is kept (default 10,000; the least recently used goes) */
  maxClients?: number;
  log?: Log;
}

interface Job { method: OutMethod; args: Record<string, unknown>; auth: BotAuth; tries: number; resolve(r: WebAPICallResult): void; reject(e: unknown): void }
interface ChannelQueue { key: string; team: string; jobs: Job[]; tokens: number; refilledAt: number; running: boolean; sending?: Job }
interface Workspace { client: WebClient; token: string; pausedUntil: number; tokens: number; refilledAt: number }

export interface OutboundStats { sent: number; failed: number; rateLimited: number; queued: number }

export class Outbound {
  readonly stats: OutboundStats = { sent: 0, failed: 0, rateLimited: 0, queued: 0 };
  #workspaces = new Map<string, Workspace>();
  #queues = new Map<string, ChannelQueue>();
  #timers = new Set<{ t: NodeJS.Timeout; done(): void }>();
  #closed = false;
  #o: Required<Omit<OutboundOptions, 'slackApiUrl' | 'log'>> & Pick<OutboundOptions, 'slackApiUrl' | 'log'>;

  constructor(o: OutboundOptions = {}) {
    this.#o = { perChannelPerSec: 1, burst: 3, perWorkspacePerSec: 5, workspaceBurst: 30, retries: 2, max429: 5, maxClients: 10_000, ...o };
  }

  /** The workspace's WebClient (for calls outside the channel queues: users.info, conversations.info). */
  client(auth: BotAuth): WebClient { return this.#workspace(auth).client; }

  #workspace(auth: BotAuth): Workspace {
    const key = auth.enterpriseId && !auth.teamId ? `E:${auth.enterpriseId}` : auth.teamId;
    let ws = this.#workspaces.get(key);
    if (ws && ws.token !== auth.botToken) ws = undefined;                  // reinstalled: a new token
    if (!ws) {
      ws = { token: auth.botToken, pausedUntil: 0, tokens: this.#o.workspaceBurst, refilledAt: Date.now(), client: new WebClient(auth.botToken, {
        slackApiUrl: this.#o.slackApiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: this.#o.retries, factor: 2, minTimeout: 200, maxTimeout: 2000 },
      }) };
      if (this.#workspaces.size >= this.#o.maxClients) this.#workspaces.delete(this.#workspaces.keys().next().value!);
    } else {
      this.#workspaces.delete(key);                                         // re-insert: most recently used last
    }
    this.#workspaces.set(key, ws);
    return ws;
  }

  /** Queues a call on its channel's queue; resolves with Slack's answer once it is sent. */
  send(auth: BotAuth, method: OutMethod, args: Record<string, unknown>): Promise<WebAPICallResult> {
    if (this.#closed) return Promise.reject(new Error('outbound is closed'));
    const key = `${auth.teamId}:${String(args.channel)}`;
    let q = this.#queues.get(key);
    if (!q) { q = { key, team: auth.teamId, jobs: [], tokens: this.#o.burst, refilledAt: Date.now(), running: false }; this.#queues.set(key, q); }
    this.stats.queued++;
    const p = new Promise<WebAPICallResult>((resolve, reject) => q!.jobs.push({ method, args, auth, tries: 0, resolve, reject }));
    void this.#pump(q);
    return p;
  }

  async #pump(q: ChannelQueue): Promise<void> {
    if (q.running) return;
    q.running = true;
    try {
      while (q.jobs.length && !this.#closed) {
        const job = q.jobs[0]!;
        const ws = this.#workspace(job.auth);
        const client = ws.client;
        const now = Date.now();
        if (ws.pausedUntil > now) { await this.#sleep(ws.pausedUntil - now); continue; }
        // only new messages count against the per-channel rate; updates and ephemerals are other tiers
        if (job.method === 'chat.postMessage') {
          const wait = Math.max(refill(q, now, this.#o.perChannelPerSec, this.#o.burst), refill(ws, now, this.#o.perWorkspacePerSec, this.#o.workspaceBurst));
          if (wait > 0) { await this.#sleep(wait); continue; }
          q.tokens -= 1;
          ws.tokens -= 1;
        }
        q.sending = job;
        try {
          const res = await client.apiCall(job.method, job.args);
          q.jobs.shift(); this.stats.queued--; this.stats.sent++;
          job.resolve(res);
        } catch (err: any) {
          if (err?.code === ErrorCode.RateLimitedError && ++job.tries <= this.#o.max429) {
            // this workspace waits; other workspaces' queues go on
            this.stats.rateLimited++;
            const until = Date.now() + Math.max(1, Number(err.retryAfter) || 1) * 1000;
            ws.pausedUntil = Math.max(ws.pausedUntil, until);
            this.#o.log?.warn({ team: job.auth.teamId, retryAfter: err.retryAfter }, 'slack: rate limited, pausing this workspace');
            continue;
          }
          q.jobs.shift(); this.stats.queued--; this.stats.failed++;
          job.reject(err);
        } finally {
          q.sending = undefined;
        }
      }
    } finally {
      q.running = false;
      if (!q.jobs.length && this.#queues.get(q.key) === q) this.#queues.delete(q.key);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = { t: setTimeout(() => { this.#timers.delete(entry); resolve(); }, ms), done: resolve };
      this.#timers.add(entry);
    });
  }

  /**
   * Drops a workspace (uninstalled): its WebClient (and so its token) goes, and what is still queued for its
   * channels is rejected; a message being sent right now finishes. Returns how many were dropped.
   */
  forget(w: { teamId?: string; enterpriseId?: string }): number {
    let dropped = 0;
    if (w.teamId) this.#workspaces.delete(w.teamId);
    if (w.enterpriseId) this.#workspaces.delete(`E:${w.enterpriseId}`);
    for (const q of [...this.#queues.values()]) {
      if (!w.teamId || q.team !== w.teamId) continue;
      // the call on the wire stays first in its queue (the pump shifts it when Slack answers); the rest go
      const gone = q.jobs.splice(q.sending && q.jobs[0] === q.sending ? 1 : 0);
      // a reinstall's messages start a fresh queue, not behind this one's pause
      this.#queues.delete(q.key);
      this.stats.queued -= gone.length;
      dropped += gone.length;
      for (const j of gone) j.reject(new Error('the app was uninstalled from this workspace'));
    }
    return dropped;
  }

  /** Stops the queues: pending messages are rejected. */
  close(): void {
    this.#closed = true;
    for (const e of this.#timers) { clearTimeout(e.t); e.done(); }
    this.#timers.clear();
    for (const q of this.#queues.values()) for (const j of q.jobs.splice(0)) j.reject(new Error('outbound closed'));
    this.#queues.clear();
  }
}

/** Token bucket: refills `b`, and says how many ms until one token is there (0: there is one now). */
function refill(b: { tokens: number; refilledAt: number }, now: number, perSec: number, burst: number): number {
  b.tokens = Math.min(burst, b.tokens + ((now - b.refilledAt) / 1000) * perSec);
  b.refilledAt = now;
  return b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) / perSec) * 1000);
}
