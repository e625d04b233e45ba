// Slack installations, with the bot and user tokens (and refresh tokens, and the incoming-webhook URL)
// sealed at rest. Installations are keyed the way Slack keys them: a workspace install by team id, an
// org-wide (enterprise) install by enterprise id. InstallationStore below adapts this for @slack/oauth.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Keyring } from './crypto.js';
import { Workspaces } from './clusters.js';
import { StoreError, type InstallationRecord } from './records.js';
import { Secret } from './secret.js';

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

/** The owner key of an installation: what its ciphertexts are bound to. */
function ownerOf(isEnterprise: boolean, teamId: string | null | undefined, enterpriseId: string | null | undefined): string {
  return isEnterprise ? `E:${enterpriseId}` : `T:${teamId}`;
}
const aad = (owner: string, field: string) => `installation:${owner}:${field}`;

const num = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : Number(v));
const splitScopes = (s: string | null | undefined): string[] | undefined => (s ? s.split(',').filter(Boolean) : undefined);

export class Installations {
  constructor(private readonly db: Knex, private readonly keyring: () => Keyring) {}

  /** Stores (or replaces) an installation; a new install without a bot keeps the previous bot. */
  async save(inst: AnyInstallation): Promise<string> {
    const isEnt = !!inst.isEnterpriseInstall;
    const teamId = inst.team?.id ?? null;
    const enterpriseId = inst.enterprise?.id ?? null;
    if (isEnt ? !enterpriseId : !teamId) throw new StoreError('installation has no team id (or enterprise id for an org install)', 'INVALID');
    const owner = ownerOf(isEnt, teamId, enterpriseId);
    const ring = this.keyring();
    const seal = (v: string | undefined, field: string) => (v ? ring.seal(v, aad(owner, field)).value : null);
    const data = {
      teamName: inst.team?.name, enterpriseName: inst.enterprise?.name, appId: inst.appId, tokenType: inst.tokenType,
      enterpriseUrl: inst.enterpriseUrl, authVersion: inst.authVersion ?? 'v2', metadata: inst.metadata,
      incomingWebhook: inst.incomingWebhook ? seal(JSON.stringify(inst.incomingWebhook), 'webhook') : undefined,
    };
    const row: Record<string, unknown> = {
      id: randomUUID(), team_id: teamId, enterprise_id: enterpriseId, is_enterprise_install: isEnt, app_id: inst.appId ?? null,
      user_id: inst.user.id, user_token_enc: seal(inst.user.token, 'user'), user_refresh_token_enc: seal(inst.user.refreshToken, 'user-refresh'),
      user_token_expires_at: inst.user.expiresAt ?? null, user_scopes: inst.user.scopes?.join(',') ?? null,
      key_id: ring.currentKeyId, data: JSON.stringify(data), updated_at: this.db.fn.now(),
    };
    const botCols = ['bot_id', 'bot_user_id', 'bot_scopes', 'bot_token_enc', 'bot_refresh_token_enc', 'bot_token_expires_at'];
    if (inst.bot) {
      Object.assign(row, { bot_id: inst.bot.id, bot_user_id: inst.bot.userId, bot_scopes: inst.bot.scopes.join(','),
        bot_token_enc: seal(inst.bot.token, 'bot'), bot_refresh_token_enc: seal(inst.bot.refreshToken, 'bot-refresh'),
        bot_token_expires_at: inst.bot.expiresAt ?? null });
    }
    const updateCols = Object.keys(row).filter((c) => c !== 'id' && (inst.bot || !botCols.includes(c)));
    const target = isEnt ? 'enterprise_id' : 'team_id';
    const where = isEnt ? 'is_enterprise_install' : 'not is_enterprise_install';
    return this.db.transaction(async (trx) => {
      if (!isEnt) await new Workspaces(this.db).ensure(teamId!, { enterpriseId, name: inst.team?.name ?? null }, trx);
      const rows = await trx('installations').insert(row)
        .onConflict(trx.raw(`(${target}) where ${where}`) as any).merge(updateCols).returning('id');
      const id: string = rows[0].id;
      if (inst.user.token) {
        await trx('installation_users').insert({
          installation_id: id, user_id: inst.user.id, user_token_enc: seal(inst.user.token, `user:${inst.user.id}`),
          user_refresh_token_enc: seal(inst.user.refreshToken, `user-refresh:${inst.user.id}`),
          user_token_expires_at: inst.user.expiresAt ?? null, user_scopes: inst.user.scopes?.join(',') ?? null,
          key_id: ring.currentKeyId, updated_at: trx.fn.now(),
        }).onConflict(['installation_id', 'user_id']).merge();
      }
      return id;
    });
  }

  /** The row an event from (team, enterprise) is served by: the team's own install, else its org's. */
  private async findRow(q: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }): Promise<any | undefined> {
    if (q.isEnterpriseInstall) {
      if (!q.enterpriseId) return undefined;
      return this.db('installations').where({ enterprise_id: q.enterpriseId, is_enterprise_install: true }).first();
    }
    if (q.teamId) {
      const r = await this.db('installations').where({ team_id: q.teamId, is_enterprise_install: false }).first();
      if (r) return r;
    }
    if (q.enterpriseId) return this.db('installations').where({ enterprise_id: q.enterpriseId, is_enterprise_install: true }).first();
    return undefined;
  }

  async fetch(q: InstallationQuery<boolean>): Promise<AnyInstallation | null> {
    const r = await this.findRow(q);
    if (!r) return null;
    const owner = ownerOf(r.is_enterprise_install, r.team_id, r.enterprise_id);
    const ring = this.keyring();
    const open = (v: string | null, field: string) => (v ? ring.open(v, aad(owner, field)) : undefined);
    const data = typeof r.data === 'string' ? JSON.parse(r.data) : (r.data ?? {});
    let user: AnyInstallation['user'] = { id: r.user_id, token: open(r.user_token_enc, 'user'),
      refreshToken: open(r.user_refresh_token_enc, 'user-refresh'), expiresAt: num(r.user_token_expires_at), scopes: splitScopes(r.user_scopes) };
    if (q.userId && q.userId !== r.user_id) {
      // another user's token is only ever that user's own
      const u = await this.db('installation_users').where({ installation_id: r.id, user_id: q.userId }).first();
      user = u
        ? { id: u.user_id, token: open(u.user_token_enc, `user:${u.user_id}`), refreshToken: open(u.user_refresh_token_enc, `user-refresh:${u.user_id}`),
          expiresAt: num(u.user_token_expires_at), scopes: splitScopes(u.user_scopes) }
        : { id: q.userId, token: undefined, scopes: undefined };
    }
    const inst: AnyInstallation = {
      team: r.team_id ? { id: r.team_id, name: data.teamName } : undefined as any,
      enterprise: r.enterprise_id ? { id: r.enterprise_id, name: data.enterpriseName } : undefined,
      user,
      isEnterpriseInstall: r.is_enterprise_install,
      authVersion: data.authVersion ?? 'v2',
      appId: data.appId ?? r.app_id ?? undefined,
      tokenType: data.tokenType,
      enterpriseUrl: data.enterpriseUrl,
      metadata: data.metadata,
    };
    if (r.bot_token_enc) {
      inst.bot = { id: r.bot_id, userId: r.bot_user_id, token: open(r.bot_token_enc, 'bot')!, scopes: splitScopes(r.bot_scopes) ?? [],
        refreshToken: open(r.bot_refresh_token_enc, 'bot-refresh'), expiresAt: num(r.bot_token_expires_at) };
      inst.tokenType = 'bot';
    }
    if (data.incomingWebhook) inst.incomingWebhook = JSON.parse(open(data.incomingWebhook, 'webhook')!);
    return inst;
  }

  /** Deletes one user's token when userId is given, else the whole installation. */
  async delete(q: InstallationQuery<boolean>): Promise<boolean> {
    const r = await this.findRow(q);
    if (!r) return false;
    if (q.userId) {
      const n = await this.db('installation_users').where({ installation_id: r.id, user_id: q.userId }).delete();
      const m = await this.db('installations').where({ id: r.id, user_id: q.userId })
        .update({ user_token_enc: null, user_refresh_token_enc: null, user_token_expires_at: null });
      return n + m > 0;
    }
    return (await this.db('installations').where({ id: r.id }).delete()) > 0;
  }

  /** A summary with the bot token as a Secret, for building a per-workspace Web API client. */
  async get(teamId: string, enterpriseId?: string): Promise<InstallationRecord | null> {
    const r = await this.findRow({ teamId, enterpriseId, isEnterpriseInstall: false });
    if (!r) return null;
    const owner = ownerOf(r.is_enterprise_install, r.team_id, r.enterprise_id);
    const ring = this.keyring();
    return {
      id: r.id, teamId: r.team_id ?? null, enterpriseId: r.enterprise_id ?? null, isEnterpriseInstall: r.is_enterprise_install,
      botUserId: r.bot_user_id ?? null, botId: r.bot_id ?? null,
      botToken: r.bot_token_enc ? new Secret(ring.open(r.bot_token_enc, aad(owner, 'bot'))) : null,
      userId: r.user_id ?? null, userToken: r.user_token_enc ? new Secret(ring.open(r.user_token_enc, aad(owner, 'user'))) : null,
      keyId: r.key_id, installedAt: new Date(r.installed_at),
    };
  }

  async count(): Promise<number> {
    const r = await this.db('installations').count<{ n: string | number }[]>({ n: '*' });
    return Number(r[0]?.n ?? 0);
  }
}

/** An InstallationStore for @slack/oauth's InstallProvider (and Bolt), on the store's installations. */
export function installationStore(installations: Installations): InstallationStore {
  return {
    async storeInstallation(installation) { await installations.save(installation as AnyInstallation); },
    async fetchInstallation(query) {
      const found = await installations.fetch(query);
      if (!found) throw new StoreError(`no installation for ${query.isEnterpriseInstall ? `enterprise ${query.enterpriseId}` : `team ${query.teamId}`}`, 'NOT_FOUND');
      return found;
    },
    async deleteInstallation(query) { await installations.delete(query); },
  };
}
