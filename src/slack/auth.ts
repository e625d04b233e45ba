// Bot tokens per workspace: one fixed token (on-prem, SLACK_BOT_TOKEN, identity from auth.test) or the
// installation store (hosted, many workspaces). Lookups are cached briefly so a busy workspace does not
// decrypt its token for every message; a missing installation is cached too, for less time.
import { StoreError } from '../store/records.js';
import type { InstallationStore } from '@slack/oauth';
import { WebClient } from '@slack/web-api';
import type { AuthQuery, Authorizer, BotAuth } from './types.js';

/** The workspace (or org) has no installation: never installed, uninstalled, or its bot token revoked. */
export class NotInstalledError extends Error {
  override readonly name = 'NotInstalledError';
}

export class SingleTokenAuthorizer implements Authorizer {
  #identity: Promise<BotAuth> | undefined;
  constructor(private readonly token: string, private readonly slackApiUrl?: string) {}

  /** auth.test once: the team, bot user and bot id of the token. */
  identity(): Promise<BotAuth> {
    this.#identity ??= new WebClient(this.token, { slackApiUrl: this.slackApiUrl, retryConfig: { retries: 2 } }).auth.test().then((r) => ({
      teamId: String(r.team_id), enterpriseId: r.enterprise_id ? String(r.enterprise_id) : undefined,
      botToken: this.token, botUserId: r.user_id ? String(r.user_id) : undefined, botId: r.bot_id ? String(r.bot_id) : undefined,
    }));
    this.#identity.catch(() => { this.#identity = undefined; });
    return this.#identity;
  }

  async authorize(q: AuthQuery): Promise<BotAuth> {
    const me = await this.identity();
    // one token serves its own workspace (and, on Enterprise Grid, the org's other workspaces it is in)
    return { ...me, teamId: q.teamId ?? me.teamId };
  }
}

export class InstallationAuthorizer implements Authorizer {
  #cache = new Map<string, { at: number; value: Promise<BotAuth>; ok: boolean }>();
  constructor(private readonly store: InstallationStore, private readonly ttlMs = 60_000, private readonly maxEntries = 20_000) {}

  authorize(q: AuthQuery): Promise<BotAuth> {
    const key = `${q.isEnterpriseInstall ? 'E' : 'T'}:${q.enterpriseId ?? ''}:${q.teamId ?? ''}`;
    const hit = this.#cache.get(key);
    const now = Date.now();
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    // stale but good: answer with it and refresh behind (no message waits for the database)
    if (hit?.ok && now - hit.at < this.ttlMs * 10) { this.#load(key, q, now, hit.value); return hit.value; }
    return this.#load(key, q, now);
  }

  #load(key: string, q: AuthQuery, now: number, previous?: Promise<BotAuth>): Promise<BotAuth> {
    const entry = { at: now, value: this.#fetch(q), ok: false };
    if (previous) entry.value = entry.value.catch(() => previous);   // a failed refresh keeps the old token for now
    if (this.#cache.size >= this.maxEntries && !this.#cache.has(key)) this.#cache.delete(this.#cache.keys().next().value!);
    this.#cache.set(key, entry);
    entry.value.then(() => { entry.ok = true; }, () => {
      // a missing installation is remembered for a few seconds only
      if (this.#cache.get(key) === entry) entry.at = now - this.ttlMs + 5_000;
    });
    return entry.value;
  }

  /** forget a workspace (uninstall, token revoked, reinstall); with enterpriseId also the org's cached lookups */
  forget(teamId: string, enterpriseId?: string): void {
    for (const k of this.#cache.keys()) {
      if ((teamId && k.endsWith(`:${teamId}`)) || (enterpriseId && k.startsWith('E:') && k.split(':')[1] === enterpriseId)) this.#cache.delete(k);
    }
  }

  async #fetch(q: AuthQuery): Promise<BotAuth> {
    const inst = await this.store.fetchInstallation({ teamId: q.teamId, enterpriseId: q.enterpriseId, isEnterpriseInstall: !!q.isEnterpriseInstall })
      .catch((err: unknown) => {
        // our store says NOT_FOUND; @slack/oauth's stores throw a plain error: anything else (a database down) is real
        if (err instanceof StoreError && err.code === 'NOT_FOUND') return undefined;
        throw err;
      });
    if (!inst?.bot?.token) throw new NotInstalledError(`no bot installation for ${q.teamId ?? q.enterpriseId}`);
    return { teamId: q.teamId ?? inst.team?.id ?? '', enterpriseId: inst.enterprise?.id, botToken: inst.bot.token, botUserId: inst.bot.userId, botId: inst.bot.id };
  }
}
