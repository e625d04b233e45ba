// The HTTP receiver (fastify): the Events API, interactivity, the `/mulebot` slash command, the OAuth v2
// install flow and the health routes (/healthz, /readyz). Every Slack POST is checked against its v0 signature on the RAW body
// (the parsers keep bodies as strings), within 5 minutes either way, in constant time. Malformed bodies get
// a 400, bad signatures and stale timestamps a 401, oversized bodies a 413; nothing here throws past a route.
import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { InstallProvider, type InstallationStore } from '@slack/oauth';
import { mountHealth, type HealthOptions } from './health.js';
import { sdkLogger } from './log.js';
import type { Pipeline } from './pipeline.js';
import type { Log } from './types.js';

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  installationStore: InstallationStore;
  scopes?: string[];
  redirectUri?: string;
  /** default https://slack.com/oauth/v2/authorize */
  authorizationUrl?: string;
  /** after a successful install (e.g. to drop cached tokens) */
  onInstalled?: (teamId: string | undefined, enterpriseId: string | undefined) => void;
}

export interface HttpReceiverOptions {
  signingSecret: string;
  pipeline: Pipeline;
  log: Log;
  slackApiUrl?: string;
  oauth?: OAuthOptions;
  /** bytes (default 256 KiB; Slack's payloads are far smaller) */
  bodyLimit?: number;
  /** seconds either way (default 300) */
  maxSkewSec?: number;
  now?: () => number;
  mode?: string;
  /** what GET /readyz reports (default: ready) */
  ready?: HealthOptions['ready'];
}

export const BOT_SCOPES = ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'im:read', 'channels:history', 'groups:history', 'users:read'];

const stringBody = { type: 'string' } as const;
const slackHeaders = {
  type: 'object',
  properties: { 'x-slack-signature': { type: 'string' }, 'x-slack-request-timestamp': { type: 'string' },
    'x-slack-retry-num': { type: 'string' }, 'x-slack-retry-reason': { type: 'string' } },
} as const;
const okResponse = { 200: { type: 'object', additionalProperties: true }, '4xx': { type: 'object', properties: { error: { type: 'string' } } } };

export function verifySignature(secret: string, rawBody: string, timestamp: string | undefined, sig: string | undefined,
  nowSec = Date.now() / 1000, maxSkewSec = 300): 'ok' | 'missing' | 'stale' | 'bad' {
  if (!timestamp || !sig) return 'missing';
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSec - ts) > maxSkewSec) return 'stale';
  const expected = Buffer.from('v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex'));
  const got = Buffer.from(sig);
  return got.length === expected.length && timingSafeEqual(got, expected) ? 'ok' : 'bad';
}

const isObject = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Why an interactivity payload cannot be what Slack sends (undefined when it can): the receiver answers 400. */
export function interactiveProblem(p: unknown): string | undefined {
  if (!isObject(p) || typeof p.type !== 'string') return 'missing payload';
  if (p.type === 'block_actions') {
    if (!isObject(p.user) || typeof p.user.id !== 'string') return 'block_actions without a user';
    if (!Array.isArray(p.actions) || !p.actions.length || !p.actions.every((a) => isObject(a) && typeof a.action_id === 'string')) return 'block_actions without actions';
  }
  if ((p.type === 'view_submission' || p.type === 'view_closed') && p.view !== undefined && !isObject(p.view)) return `${p.type} with a malformed view`;
  if (p.type === 'view_submission' && !isObject(p.view)) return 'view_submission without a view';
  return undefined;
}

export async function buildHttpReceiver(o: HttpReceiverOptions): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: o.bodyLimit ?? 256 * 1024, logger: false, return503OnClosing: true });
  // keep raw bodies: the signature is over the exact bytes Slack sent
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser(['application/json', 'application/x-www-form-urlencoded'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err: any, _req, reply) => {
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) o.log.error({ err }, 'slack http: route failed');
    void reply.code(status).send({ error: status === 500 ? 'internal error' : err.code ?? err.message });
  });
  const nowSec = () => (o.now ? o.now() : Date.now()) / 1000;

  /** 401 unless signed; returns false when it has answered */
  const signed = (req: FastifyRequest, reply: FastifyReply): boolean => {
    const h = req.headers;
    const v = verifySignature(o.signingSecret, String(req.body ?? ''), h['x-slack-request-timestamp'] as string, h['x-slack-signature'] as string, nowSec(), o.maxSkewSec);
    if (v === 'ok') return true;
    o.log.warn({ url: req.url, why: v }, 'slack http: request refused (signature)');
    void reply.code(401).send({ error: v === 'stale' ? 'stale timestamp' : 'bad signature' });
    return false;
  };
  const retryNum = (req: FastifyRequest) => (req.headers['x-slack-retry-num'] ? Number(req.headers['x-slack-retry-num']) : undefined);

  mountHealth(app, { mode: o.mode, ready: o.ready });

  app.post('/slack/events', { schema: { body: stringBody, headers: slackHeaders, response: okResponse } }, async (req, reply) => {
    if (!signed(req, reply)) return reply;
    let body: any;
    try { body = JSON.parse(String(req.body)); } catch { return reply.code(400).send({ error: 'invalid json' }); }
    if (!body || typeof body !== 'object' || typeof body.type !== 'string') return reply.code(400).send({ error: 'missing type' });
    if (body.type === 'url_verification') {
      if (typeof body.challenge !== 'string') return reply.code(400).send({ error: 'missing challenge' });
      return { challenge: body.challenge };
    }
    if (body.type === 'event_callback') {
      if (!body.event || typeof body.event.type !== 'string') return reply.code(400).send({ error: 'missing event' });
      o.pipeline.onEvent(body, { transport: 'http', retryNum: retryNum(req) });
      return {};
    }
    o.log.info({ type: body.type }, 'slack http: callback type ignored');
    return {};
  });

  app.post('/slack/interactive', { schema: { body: stringBody, headers: slackHeaders, response: okResponse } }, async (req, reply) => {
    if (!signed(req, reply)) return reply;
    const raw = new URLSearchParams(String(req.body)).get('payload');
    let payload: any;
    try { payload = raw ? JSON.parse(raw) : undefined; } catch { payload = undefined; }
    const problem = interactiveProblem(payload);
    if (problem) {
      o.log.warn({ why: problem }, 'slack http: malformed interactive payload refused');
      return reply.code(400).send({ error: problem });
    }
    // view_submission and other types are acked with an empty 200 (a modal closes) and ignored by the pipeline
    o.pipeline.onInteractive(payload, { transport: 'http' });
    return reply.code(200).send();
  });

  app.post('/slack/commands', {
    schema: { body: stringBody, headers: slackHeaders, response: { ...okResponse, 200: { type: 'object', properties: { response_type: { type: 'string' }, text: { type: 'string' } } } } },
  }, async (req, reply) => {
    const form = Object.fromEntries(new URLSearchParams(String(req.body ?? '')));
    if (form.ssl_check === '1') return reply.code(200).send();       // Slack's certificate check is unsigned
    if (!signed(req, reply)) return reply;
    if (!form.team_id || !form.channel_id || !form.user_id || !form.command) return reply.code(400).send({ error: 'missing fields' });
    const answer = await o.pipeline.onCommand(form, { transport: 'http' });
    return answer ? reply.send(answer) : reply.code(200).send();
  });

  if (o.oauth) mountOAuth(app, o);
  return app;
}

function mountOAuth(app: FastifyInstance, o: HttpReceiverOptions): void {
  const a = o.oauth!;
  const installer = new InstallProvider({
    clientId: a.clientId, clientSecret: a.clientSecret, stateSecret: a.stateSecret, installationStore: a.installationStore,
    directInstall: true, clientOptions: { slackApiUrl: o.slackApiUrl }, logger: sdkLogger(o.log),
    ...(a.authorizationUrl ? { authorizationUrl: a.authorizationUrl } : {}),
  });
  const urlOptions = { scopes: a.scopes ?? BOT_SCOPES, ...(a.redirectUri ? { redirectUri: a.redirectUri } : {}) };
  const query = { type: 'object', properties: { code: { type: 'string' }, state: { type: 'string' }, error: { type: 'string' } } } as const;

  app.get('/slack/install', { schema: { querystring: query } }, async (req, reply) => {
    reply.hijack();
    await installer.handleInstallPath(req.raw, reply.raw, {}, urlOptions);
  });
  app.get('/slack/oauth_redirect', { schema: { querystring: query } }, async (req, reply) => {
    reply.hijack();
    await installer.handleCallback(req.raw, reply.raw, {
      success: (inst, _opts, _req, res) => {
        a.onInstalled?.(inst.team?.id, inst.enterprise?.id);
        o.log.info({ team: inst.team?.id, enterprise: inst.enterprise?.id, org: !!inst.isEnterpriseInstall }, 'slack: app installed');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<html><body><h1>MuleBot is installed.</h1><p>Invite it to a channel and ask: <code>@MuleBot is pg-wal healthy?</code></p></body></html>');
      },
      failure: (err, _opts, _req, res) => {
        o.log.warn({ code: err.code }, 'slack: install failed');
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<html><body><h1>Install failed.</h1><p>Please try again from the install link.</p></body></html>');
      },
    }, urlOptions);
  });
}
