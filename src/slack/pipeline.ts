// One pipeline behind both transports. A receiver acks at once and hands over what arrived (an
// event_callback body, slash command fields, an interactivity payload); the pipeline filters it, claims it
// in the durable dedupe (so a retry, a redelivered envelope or a second replica never answers twice),
// turns it into a Turn for the ConversationHandler, and posts the Replies through the outbound queues.
import type { ConversationHandler, Reply, Turn } from '../dialogue/types.js';
import type { TenancyService } from '../tenancy/index.js';
import { parseCommand, runTenancyCommand, type CommandReply } from './commands.js';
import type { Deduper } from './dedupe.js';
import type { Outbound } from './outbound.js';
import { splitReply } from './split.js';
import type { Authorizer, BotAuth, Log } from './types.js';

export interface PipelineOptions {
  handler: ConversationHandler;
  authorizer: Authorizer;
  outbound: Outbound;
  dedupe: Deduper;
  tenancy?: TenancyService;
  log: Log;
  /** post a placeholder when an answer takes longer than afterMs, then chat.update it with the answer */
  placeholder?: { text?: string; afterMs?: number } | false;
  /** answers by response_url (slash commands) are POSTed with this fetch */
  fetch?: typeof fetch;
  /**
   * app_uninstalled / tokens_revoked: remove what the store keeps (the installation, or one user's token).
   * Without it (one fixed SLACK_BOT_TOKEN) only the caches are dropped.
   */
  uninstall?: (q: UninstallQuery) => Promise<void>;
}

/** What an uninstall or a token revocation removes: a whole installation, or (userId) one user's token. */
export interface UninstallQuery { teamId?: string; enterpriseId?: string; isEnterpriseInstall: boolean; userId?: string }

export interface EventMeta { transport: 'socket' | 'http'; envelopeId?: string; retryNum?: number }

export interface PipelineStats { received: number; duplicates: number; ignored: number; answered: number; errors: number }

// message subtypes that are still a person talking
const USER_SUBTYPES = new Set(['thread_broadcast', 'file_share']);

export class Pipeline {
  readonly stats: PipelineStats = { received: 0, duplicates: 0, ignored: 0, answered: 0, errors: 0 };
  #chains = new Map<string, Promise<void>>();
  #threads = new Map<string, true>();          // threads the bot talks in (bounded)
  #admins = new Map<string, { at: number; admin: boolean }>();
  #inflight = 0;
  #idle: (() => void)[] = [];
  /** events, actions and command questions fully handled (answered, ignored or failed) */
  settled = 0;
  #settledWaiters: { n: number; resolve(): void }[] = [];

  constructor(private readonly o: PipelineOptions) {}

  // ---------- Events API (both transports) ----------

  /** Called after the ack; never throws. */
  onEvent(body: any, meta: EventMeta): void {
    // queue per conversation at arrival: the dedupe claim and the token lookup finish in any order
    const ev = body?.event;
    const team = body?.authorizations?.[0]?.team_id ?? body?.team_id;
    const thread = typeof ev?.thread_ts === 'string' && ev.thread_ts !== ev.ts ? ev.thread_ts : '';
    this.#track(this.#serial(`${team}:${ev?.channel}:${thread}`, () => this.#event(body, meta)));
  }

  async #event(body: any, meta: EventMeta): Promise<void> {
    this.stats.received++;
    const ev = body?.event;
    if (body?.type !== 'event_callback' || !ev || typeof ev !== 'object' || typeof ev.type !== 'string') return this.#ignore('not an event_callback', meta);
    const authz = Array.isArray(body.authorizations) ? body.authorizations[0] : undefined;
    // the workspace the bot is installed in (in a shared channel the sender's team may differ)
    const teamId: string | undefined = authz?.team_id ?? body.team_id;
    if (ev.type === 'app_uninstalled' || ev.type === 'tokens_revoked') {
      await this.#uninstalled(ev, teamId, body.enterprise_id ?? authz?.enterprise_id ?? undefined, !!authz?.is_enterprise_install);
      return this.#ignore(ev.type, meta);
    }
    if (!teamId || typeof ev.channel !== 'string' || typeof ev.ts !== 'string') return this.#ignore('event without team, channel or ts', meta);
    if (ev.type !== 'app_mention' && ev.type !== 'message') return this.#ignore(`event type ${ev.type}`, meta);
    if (ev.bot_id || ev.subtype && !USER_SUBTYPES.has(ev.subtype) || typeof ev.user !== 'string') return this.#ignore('bot message or subtype', meta);

    const auth = await this.o.authorizer.authorize({ teamId, enterpriseId: body.enterprise_id ?? undefined, isEnterpriseInstall: !!authz?.is_enterprise_install });
    const botUser = authz?.user_id ?? auth.botUserId;
    if (ev.user === botUser) return this.#ignore('own message', meta);
    const text: string = typeof ev.text === 'string' ? ev.text : '';
    const mentioned = !!botUser && text.includes(`<@${botUser}>`);
    const inThread = typeof ev.thread_ts === 'string' && ev.thread_ts !== ev.ts;
    if (ev.type === 'message' && ev.channel_type !== 'im') {
      // channel messages: only replies in a thread the bot talks in; a mention there comes as app_mention too
      const talking = inThread && (ev.parent_user_id === botUser || this.#threads.has(`${teamId}:${ev.channel}:${ev.thread_ts}`));
      if (!talking || mentioned) return this.#ignore('channel message not for the bot', meta);
    }

    const keys = [`msg:${teamId}:${ev.channel}:${ev.ts}`];
    if (typeof body.event_id === 'string') keys.push(`ev:${body.event_id}`);
    if (!(await this.o.dedupe.claimAll(keys))) { this.stats.duplicates++; this.o.log.debug({ keys, ...meta }, 'slack: duplicate event dropped'); return; }

    const turn: Turn = {
      team: teamId, channel: ev.channel, user: ev.user, text: stripMention(text, botUser),
      channelType: ev.channel_type ?? 'channel', messageId: ev.ts,
      ...(inThread ? { thread: ev.thread_ts } : {}),
      ...(body.enterprise_id ? { enterprise: body.enterprise_id } : {}),
    };
    await this.#answer(turn, auth);
  }

  /**
   * The app was removed from a workspace (or its tokens revoked): its installation row goes (or just the revoked
   * users' tokens), cached tokens and WebClients are dropped and messages still queued for it are discarded, so
   * no token is kept after an uninstall and a reinstall starts clean. Repeats (Slack retries) are harmless.
   */
  async #uninstalled(ev: any, teamId: string | undefined, enterpriseId: string | undefined, isEnterpriseInstall: boolean): Promise<void> {
    if (!teamId && !enterpriseId) return;
    // an org-wide install is keyed by the org; a workspace's by its team alone (never its org's row by fallback)
    const q: UninstallQuery = isEnterpriseInstall ? { enterpriseId, isEnterpriseInstall } : { teamId, isEnterpriseInstall };
    const tokens = ev.type === 'tokens_revoked' && ev.tokens && typeof ev.tokens === 'object' ? ev.tokens : undefined;
    const users = Array.isArray(tokens?.oauth) ? tokens.oauth.filter((u: unknown) => typeof u === 'string') as string[] : [];
    // app_uninstalled, or the bot token revoked: the whole installation; only user tokens: those users'
    const whole = ev.type === 'app_uninstalled' || !tokens || (Array.isArray(tokens.bot) && tokens.bot.length > 0) || !users.length;
    try {
      if (this.o.uninstall) {
        if (whole) await this.o.uninstall(q);
        else for (const userId of users) await this.o.uninstall({ ...q, userId });
      }
    } catch (err) {
      this.stats.errors++;
      this.o.log.error({ err, team: teamId, enterprise: enterpriseId, type: ev.type }, 'slack: could not remove the installation');
    }
    if (teamId) this.o.authorizer.forget?.(teamId, enterpriseId);
    else if (enterpriseId) this.o.authorizer.forget?.('', enterpriseId);
    const dropped = whole ? this.o.outbound.forget({ teamId, enterpriseId }) : 0;
    this.o.log.info({ team: teamId, enterprise: enterpriseId, type: ev.type, whole, users: users.length, dropped },
      whole ? 'slack: app removed from the workspace: installation and cached tokens dropped' : 'slack: user tokens revoked and dropped');
  }

  // ---------- interactivity ----------

  onInteractive(payload: any, meta: EventMeta): void {
    const p = payload;
    const thread = p?.container?.thread_ts ?? p?.message?.thread_ts ?? '';
    this.#track(this.#serial(`${p?.team?.id ?? p?.user?.team_id}:${p?.channel?.id ?? p?.container?.channel_id}:${thread}`, () => this.#interactive(payload, meta)));
  }

  async #interactive(p: any, meta: EventMeta): Promise<void> {
    this.stats.received++;
    if (p?.type !== 'block_actions') return this.#ignore(`interactive type ${p?.type}`, meta);
    const action = Array.isArray(p.actions) ? p.actions[0] : undefined;
    const teamId: string | undefined = p.team?.id ?? p.user?.team_id;
    const channel: string | undefined = p.channel?.id ?? p.container?.channel_id;
    if (!teamId || !channel || !p.user?.id || !action?.action_id) return this.#ignore('block_actions without team, channel, user or action', meta);
    const keys = [`act:${teamId}:${p.user.id}:${action.action_id}:${action.action_ts ?? p.trigger_id}`];
    if (!(await this.o.dedupe.claimAll(keys))) { this.stats.duplicates++; return; }
    const auth = await this.o.authorizer.authorize({ teamId, enterpriseId: p.enterprise?.id, isEnterpriseInstall: !!p.is_enterprise_install });
    const value = String(action.value ?? action.selected_option?.value ?? '');
    const thread = p.container?.thread_ts ?? p.message?.thread_ts;
    const turn: Turn = { team: teamId, channel, user: p.user.id, text: value, action: { id: action.action_id, value },
      channelType: String(channel).startsWith('D') ? 'im' : 'channel', messageId: p.container?.message_ts, ...(thread ? { thread } : {}) };
    await this.#answer(turn, auth);
  }

  // ---------- slash command ----------

  /** The ack body for `/mulebot ...` (within Slack's 3 s); a question is answered later by response_url. */
  async onCommand(f: Record<string, string>, meta: EventMeta): Promise<CommandReply | undefined> {
    this.stats.received++;
    const teamId = f.team_id!, channelId = f.channel_id!, userId = f.user_id!;
    const keys = [`cmd:${teamId}:${f.trigger_id ?? meta.envelopeId}`];
    if (!(await this.o.dedupe.claimAll(keys))) { this.stats.duplicates++; return undefined; }
    const cmd = parseCommand(f.text ?? '');
    let auth: BotAuth;
    try {
      auth = await this.o.authorizer.authorize({ teamId, enterpriseId: f.enterprise_id || undefined, isEnterpriseInstall: f.is_enterprise_install === 'true' });
    } catch (err) {
      this.stats.errors++;
      this.o.log.warn({ err, team: teamId }, 'slack: /mulebot from a workspace without an installation');
      return { response_type: 'ephemeral', text: 'MuleBot is not installed in this workspace (or its installation was removed). Ask an admin to install it again.' };
    }
    if (cmd.verb !== 'ask') {
      try {
        const reply = await runTenancyCommand(this.o.tenancy, cmd, { teamId, channelId, userId, isAdmin: () => this.#isAdmin(auth, userId) });
        this.stats.answered++;
        return reply;
      } catch (err) {
        this.stats.errors++;
        this.o.log.error({ err, team: teamId }, 'slack: /mulebot command failed');
        return { response_type: 'ephemeral', text: 'Sorry, that did not work. Please try again.' };
      }
    }
    const turn: Turn = { team: teamId, channel: channelId, user: userId, text: cmd.text, channelType: channelId.startsWith('D') ? 'im' : 'channel',
      ...(f.enterprise_id ? { enterprise: f.enterprise_id } : {}) };
    this.#track(this.#serial(`${teamId}:${channelId}:`, () => this.#answer(turn, auth, f.response_url)));
    return undefined;
  }

  // ---------- answering ----------

  async #answer(turn: Turn, auth: BotAuth, responseUrl?: string): Promise<void> {
    const out = this.o.outbound;
    const ph = this.o.placeholder && !responseUrl && !turn.action ? this.o.placeholder : undefined;
    let placeholder: Promise<string | undefined> | undefined;
    let timer: NodeJS.Timeout | undefined;
    const postPlaceholder = () => {
      placeholder = out.send(auth, 'chat.postMessage', { channel: turn.channel, text: ph!.text ?? 'Looking…', thread_ts: turn.thread })
        .then((r) => (r as { ts?: string }).ts, () => undefined);
    };
    if (ph) { if (!ph.afterMs) postPlaceholder(); else timer = setTimeout(postPlaceholder, ph.afterMs); }
    let replies: Reply[];
    try {
      replies = await this.o.handler.handle(turn);
    } catch (err) {
      this.stats.errors++;
      this.o.log.error({ err, team: turn.team, channel: turn.channel }, 'slack: the conversation failed');
      replies = [{ intent: 'None', entities: [], text: 'Sorry, something went wrong while answering. Please try again.', blocks: [] }];
    } finally {
      clearTimeout(timer);
    }
    let updateTs = placeholder ? await placeholder : undefined;
    try {
      for (const reply of replies) {
        if (responseUrl) { await this.#respond(responseUrl, reply); continue; }
        if (reply.ephemeral) {
          await out.send(auth, 'chat.postEphemeral', { channel: turn.channel, user: turn.user, text: reply.text, blocks: nonEmpty(reply.blocks), thread_ts: turn.thread });
          continue;
        }
        for (const part of splitReply(reply)) {
          if (updateTs) {
            await out.send(auth, 'chat.update', { channel: turn.channel, ts: updateTs, text: part.text, blocks: part.blocks ?? [] });
            this.#remember(turn.team, turn.channel, turn.thread ?? updateTs);
            updateTs = undefined;
            continue;
          }
          const r = await out.send(auth, 'chat.postMessage', { channel: turn.channel, text: part.text, blocks: nonEmpty(part.blocks), thread_ts: turn.thread });
          this.#remember(turn.team, turn.channel, turn.thread ?? String((r as { ts?: string }).ts));
        }
      }
      if (updateTs) await out.send(auth, 'chat.update', { channel: turn.channel, ts: updateTs, text: replies.length ? 'Answered privately.' : 'Nothing to say.', blocks: [] });
      this.stats.answered++;
    } catch (err) {
      this.stats.errors++;
      this.o.log.error({ err, team: turn.team, channel: turn.channel }, 'slack: could not deliver the answer');
    }
  }

  async #respond(url: string, reply: Reply): Promise<void> {
    const parts = reply.ephemeral ? [{ text: reply.text, blocks: reply.blocks }] : splitReply(reply, 3);
    for (const part of parts) {
      const res = await (this.o.fetch ?? fetch)(url, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', replace_original: false, text: part.text, blocks: nonEmpty(part.blocks) }) });
      if (!res.ok) throw new Error(`response_url answered ${res.status}`);
    }
  }

  async #isAdmin(auth: BotAuth, user: string): Promise<boolean> {
    const key = `${auth.teamId}:${user}`;
    const hit = this.#admins.get(key);
    if (hit && Date.now() - hit.at < 300_000) return hit.admin;
    let admin = false;
    try {
      const r: any = await this.o.outbound.client(auth).users.info({ user });
      admin = !!(r.user?.is_admin || r.user?.is_owner || r.user?.is_primary_owner);
    } catch (err) {
      this.o.log.warn({ err, team: auth.teamId }, 'slack: users.info failed; treating the user as a non-admin');
    }
    this.#admins.set(key, { at: Date.now(), admin });
    return admin;
  }

  // ---------- bookkeeping ----------

  #ignore(why: string, meta: EventMeta): void {
    this.stats.ignored++;
    this.o.log.debug({ why, ...meta }, 'slack: event ignored');
  }

  #remember(team: string, channel: string, ts: string): void {
    const k = `${team}:${channel}:${ts}`;
    this.#threads.delete(k);
    this.#threads.set(k, true);
    if (this.#threads.size > 50_000) this.#threads.delete(this.#threads.keys().next().value!);
  }

  /** One conversation (channel or thread) at a time, so follow-ups see the state of the previous turn. */
  #serial(key: string, run: () => Promise<void>): Promise<void> {
    const next = (this.#chains.get(key) ?? Promise.resolve()).then(run, run);
    this.#chains.set(key, next);
    return next.finally(() => { if (this.#chains.get(key) === next) this.#chains.delete(key); });
  }

  #track(p: Promise<void>): void {
    this.#inflight++;
    p.catch((err) => { this.stats.errors++; this.o.log.error({ err }, 'slack: event handling failed'); })
      .finally(() => {
        this.settled++;
        this.#settledWaiters = this.#settledWaiters.filter((w) => (w.n <= this.settled ? (w.resolve(), false) : true));
        if (--this.#inflight === 0) for (const r of this.#idle.splice(0)) r();
      });
  }

  /** Resolves once `n` items in all have been handled since start (tests wait on this, never on time). */
  whenSettled(n: number): Promise<void> {
    return n <= this.settled ? Promise.resolve() : new Promise((resolve) => this.#settledWaiters.push({ n, resolve }));
  }

  /** Resolves when no event is being handled (tests, graceful shutdown). */
  idle(): Promise<void> {
    return this.#inflight === 0 ? Promise.resolve() : new Promise((r) => this.#idle.push(r));
  }
}

/** The text without the bot's own mention (and the spaces around it). */
export function stripMention(text: string, botUser: string | undefined): string {
  const out = botUser ? text.split(`<@${botUser}>`).join(' ') : text;
  return out.replace(/\s+/g, ' ').trim();
}

function nonEmpty<T>(a: T[] | undefined): T[] | undefined { return a && a.length ? a : undefined; }
