// startSlack: the bot on Slack, in the mode the environment asks for.
//   SLACK_APP_TOKEN (xapp-)                 -> Socket Mode; with SLACK_BOT_TOKEN one workspace (on-prem),
//                                              else every workspace in the installation store
//   SLACK_SIGNING_SECRET (no app token)     -> HTTP (Events API, interactivity, /mulebot); with SLACK_CLIENT_ID and
//                                              SLACK_CLIENT_SECRET the OAuth install flow and many workspaces,
//                                              else SLACK_BOT_TOKEN for one
// SLACK_API_URL changes the Web API base (GovSlack, the emulator); MULEBOT_HEALTH_PORT gives Socket Mode a
// /healthz + /readyz server (HTTP mode serves them on PORT). Tokens are never logged.
import { createHash } from 'node:crypto';
import pino from 'pino';
import type { ConversationHandler } from '../dialogue/types.js';
import type { Store } from '../store/index.js';
import { PINO_REDACT_PATHS } from '../store/index.js';
import { installationStore } from '../store/installations.js';
import type { TenancyService } from '../tenancy/index.js';
import type { AlertSink } from '../alerts/index.js';
import { slackAlertSink } from './alerts.js';
import { InstallationAuthorizer, SingleTokenAuthorizer } from './auth.js';
import { BatchDeduper, MemoryDeduper, type Deduper } from './dedupe.js';
import { probe, startHealthServer, type Readiness } from './health.js';
import { buildHttpReceiver } from './http.js';
import { Outbound, type OutboundOptions } from './outbound.js';
import { Pipeline, type PipelineOptions, type UninstallQuery } from './pipeline.js';
import { SocketReceiver } from './socket.js';
import { SlackConfigError, type Authorizer, type Log } from './types.js';

export { SlackConfigError } from './types.js';
export type { BotAuth, Authorizer, Log } from './types.js';
export { Pipeline, stripMention } from './pipeline.js';
export { Outbound } from './outbound.js';
export { BatchDeduper, MemoryDeduper, type Deduper } from './dedupe.js';
export { splitReply, splitText } from './split.js';
export { verifySignature, buildHttpReceiver, BOT_SCOPES } from './http.js';
export { SocketReceiver } from './socket.js';
export { SingleTokenAuthorizer, InstallationAuthorizer } from './auth.js';
export { parseCommand } from './commands.js';

type Env = Record<string, string | undefined>;

export interface SlackMode { mode: 'socket' | 'http'; workspaces: 'single' | 'many'; oauth: boolean }

/** What the environment configures, or null when Slack is not configured at all. Throws on half a setup. */
export function slackModeFromEnv(env: Env = process.env): SlackMode | null {
  const has = (k: string) => !!env[k]?.trim();
  if (has('SLACK_APP_TOKEN')) {
    if (!env.SLACK_APP_TOKEN!.startsWith('xapp-')) throw new SlackConfigError('SLACK_APP_TOKEN must be an app-level token (xapp-...) with connections:write');
    return { mode: 'socket', workspaces: has('SLACK_BOT_TOKEN') ? 'single' : 'many', oauth: false };
  }
  if (has('SLACK_SIGNING_SECRET')) {
    const oauth = has('SLACK_CLIENT_ID') && has('SLACK_CLIENT_SECRET');
    if (!oauth && !has('SLACK_BOT_TOKEN')) throw new SlackConfigError('HTTP mode needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (OAuth installs)');
    return { mode: 'http', workspaces: oauth ? 'many' : 'single', oauth };
  }
  if (has('SLACK_BOT_TOKEN')) throw new SlackConfigError('SLACK_BOT_TOKEN alone is not enough: add SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)');
  return null;
}

export interface StartSlackOptions {
  handler: ConversationHandler;
  /** durable dedupe and the installation store (needed for many workspaces) */
  store?: Store;
  /** `/mulebot connect|disconnect|clusters` */
  tenancy?: TenancyService;
  env?: Env;
  logger?: Log;
  /** HTTP mode (default env PORT or 3000, host 0.0.0.0) */
  port?: number;
  host?: string;
  placeholder?: PipelineOptions['placeholder'];
  outbound?: Omit<OutboundOptions, 'slackApiUrl' | 'log'>;
  /** Socket Mode client tuning (tests use a small clientPingTimeout: it is also the reconnect step) */
  socket?: { clientPingTimeout?: number; serverPingTimeout?: number; retries?: number };
  /** OAuth redirect URL registered with Slack (default: Slack's configured one) */
  redirectUri?: string;
  /** Socket Mode: serve /healthz and /readyz on this port (default env MULEBOT_HEALTH_PORT; none without it) */
  healthPort?: number;
}

export interface SlackHandle {
  mode: 'socket' | 'http';
  workspaces: 'single' | 'many';
  /** one line for the start-up log: which mode, and why */
  describe: string;
  pipeline: Pipeline;
  outbound: Outbound;
  socket?: SocketReceiver;
  /** HTTP mode: the listening base URL */
  url?: string;
  /** Socket Mode with a health port: the health server's base URL */
  healthUrl?: string;
  /** where the alert watcher posts its warnings (chat.postMessage through the outbound queues) */
  alertSink: AlertSink;
  stop(): Promise<void>;
}

/** What `mulebot start` hands over: the wired app (its handle() is the conversation). */
export interface AppLike { handle: ConversationHandler['handle']; store: Store; tenancy: TenancyService }

export async function startSlack(input: StartSlackOptions | AppLike): Promise<SlackHandle> {
  const o: StartSlackOptions = 'handler' in input ? input : { handler: { handle: (t) => input.handle(t) }, store: input.store, tenancy: input.tenancy };
  const env = o.env ?? process.env;
  const mode = slackModeFromEnv(env);
  if (!mode) throw new SlackConfigError('Slack is not configured: set SLACK_APP_TOKEN and SLACK_BOT_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP); see docs/slack.md');
  const log: Log = o.logger ?? pino({ name: 'mulebot-slack', level: env.LOG_LEVEL ?? 'info', redact: PINO_REDACT_PATHS });
  const slackApiUrl = env.SLACK_API_URL?.trim() || undefined;

  let authorizer: Authorizer;
  let instStore: ReturnType<typeof installationStore> | undefined;
  if (mode.workspaces === 'single') {
    const single = new SingleTokenAuthorizer(env.SLACK_BOT_TOKEN!.trim(), slackApiUrl);
    const me = await single.identity();    // fail fast on a bad token
    log.info({ team: me.teamId, botUser: me.botUserId }, 'slack: bot token ok');
    authorizer = single;
  } else {
    if (!o.store) throw new SlackConfigError('many workspaces need the store (DATABASE_URL and MULEBOT_ENCRYPTION_KEY) for their installations');
    instStore = installationStore(o.store.installations);
    authorizer = new InstallationAuthorizer(instStore);
  }
  const dedupe: Deduper = o.store ? new BatchDeduper(o.store.db) : new MemoryDeduper();
  if (!o.store) log.warn('slack: no store, so event dedupe is in memory only (one replica)');
  const outbound = new Outbound({ ...o.outbound, slackApiUrl, log });
  const afterMs = env.MULEBOT_PLACEHOLDER_MS?.trim();
  const placeholder = o.placeholder ?? (afterMs ? { afterMs: Number(afterMs) } : undefined);
  // an uninstall removes the stored installation (many workspaces); one SLACK_BOT_TOKEN has nothing stored
  const uninstall = instStore ? async (q: UninstallQuery) => { await instStore!.deleteInstallation!(q as Parameters<NonNullable<typeof instStore.deleteInstallation>>[0]); } : undefined;
  const pipeline = new Pipeline({ handler: o.handler, authorizer, outbound, dedupe, tenancy: o.tenancy, log, placeholder, uninstall });
  const where = slackApiUrl ? ` (Web API ${slackApiUrl})` : '';
  const alertSink = slackAlertSink(authorizer, outbound, log);

  // ready: the store answers (and in Socket Mode the socket is up)
  const storeReady = async (checks: Record<string, string>) => { if (o.store) checks.store = await probe(() => o.store!.db.raw('select 1')); };
  const verdict = (checks: Record<string, string>): Readiness => ({ ok: Object.values(checks).every((v) => v === 'ok'), checks });

  if (mode.mode === 'socket') {
    const socket = new SocketReceiver({ appToken: env.SLACK_APP_TOKEN!.trim(), pipeline, log, slackApiUrl, ...o.socket });
    await socket.start();
    const healthPort = o.healthPort ?? (env.MULEBOT_HEALTH_PORT?.trim() ? Number(env.MULEBOT_HEALTH_PORT) : undefined);
    const health = healthPort !== undefined ? await startHealthServer({ port: healthPort, host: o.host, mode: `socket-${mode.workspaces}`,
      ready: async () => { const checks: Record<string, string> = { socket: socket.connected ? 'ok' : 'not connected' }; await storeReady(checks); return verdict(checks); } }) : undefined;
    const describe = `Slack Socket Mode, ${mode.workspaces === 'single' ? 'one workspace (SLACK_BOT_TOKEN)' : 'every installed workspace (installation store)'}${where}`
      + `${health ? `; health on ${health.url}/healthz and /readyz` : ''}`;
    log.info(describe);
    return {
      ...mode, mode: 'socket', describe, pipeline, outbound, socket, alertSink, healthUrl: health?.url,
      async stop() { await health?.close(); await socket.stop(); await pipeline.idle(); outbound.close(); },
    };
  }

  const clientSecret = env.SLACK_CLIENT_SECRET?.trim();
  const app = await buildHttpReceiver({
    signingSecret: env.SLACK_SIGNING_SECRET!.trim(), pipeline, log, slackApiUrl, mode: `http-${mode.workspaces}`,
    ready: async () => { const checks: Record<string, string> = {}; await storeReady(checks); return verdict(checks); },
    oauth: mode.oauth ? {
      clientId: env.SLACK_CLIENT_ID!.trim(), clientSecret: clientSecret!, installationStore: instStore!,
      // the OAuth state is signed; without an explicit secret one is derived from the client secret
      stateSecret: env.SLACK_STATE_SECRET?.trim() || createHash('sha256').update(`mulebot-oauth-state:${clientSecret}`).digest('hex'),
      redirectUri: o.redirectUri ?? env.SLACK_REDIRECT_URI?.trim(),
      ...(env.SLACK_AUTHORIZE_URL ? { authorizationUrl: env.SLACK_AUTHORIZE_URL } : {}),
      onInstalled: (team, enterprise) => { if ((team || enterprise) && authorizer instanceof InstallationAuthorizer) authorizer.forget(team ?? '', enterprise); },
    } : undefined,
  });
  const port = o.port ?? Number(env.PORT ?? 3000);
  const address = await app.listen({ port, host: o.host ?? '0.0.0.0' });
  const describe = `Slack HTTP on ${address}: /slack/events, /slack/interactive, /slack/commands${mode.oauth ? ', /slack/install' : ''}, /healthz, /readyz, `
    + `${mode.workspaces === 'single' ? 'one workspace (SLACK_BOT_TOKEN)' : 'OAuth installs'}${where}`;
  log.info(describe);
  return {
    ...mode, mode: 'http', describe, pipeline, outbound, url: address, alertSink,
    async stop() { await app.close(); await pipeline.idle(); outbound.close(); },
  };
}
