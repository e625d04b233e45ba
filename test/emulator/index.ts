// A Slack emulator for tests and benchmarks: the Web API (POST /api/<method>) and Socket Mode (ws /link/) on
// 127.0.0.1:0, so the REAL @slack/web-api, @slack/socket-mode and @slack/oauth clients talk to it over the wire.
// See ../../../shared/reference/slack.md §6 for the recipe and its gotchas.
//
//   const emu = await startEmulator({ teams: [{ teamId: 'T1' }] });
//   const acked = emu.pushEvent('T1', { type: 'app_mention', user: 'U1', channel: 'C1', text: '<@UBOT_T1> hi', ts: emu.nextTs() });
//   await acked.ack; const post = await emu.waitForCall('chat.postMessage');
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface TeamSpec {
  teamId: string;
  botToken?: string;            // default xoxb-<teamId>
  botUserId?: string;           // default UBOT_<teamId>
  botId?: string;               // default B_<teamId>
  enterpriseId?: string;
  name?: string;
}
interface Team extends Required<Omit<TeamSpec, 'enterpriseId'>> { enterpriseId?: string }

export interface ApiCall { method: string; token?: string; body: Record<string, any>; headers: IncomingMessage['headers']; at: number; status: number; response: any }
export interface AckFrame { envelope_id: string; payload?: any }
export interface Delivery { envelopeId: string; eventId?: string; ack: Promise<AckFrame> }
export interface EnvelopeOptions { acceptsResponsePayload?: boolean; retryAttempt?: number; retryReason?: string }

interface Pending {
  type: string; payload: any; opts: EnvelopeOptions; attempt: number; envelopeId: string;
  socket?: WebSocket; timer?: NodeJS.Timeout;
  resolve(a: AckFrame): void; reject(e: Error): void;
}

export interface EmulatorOptions {
  appToken?: string;
  teams?: TeamSpec[];
  /** Slack redelivers an envelope that is not acked in time (default 3000 ms), up to maxAttempts in all */
  ackTimeoutMs?: number;
  maxAttempts?: number;
  clientId?: string;
  clientSecret?: string;
  /** keep only counters, not every call (benchmarks) */
  recordCalls?: boolean;
}

export class SlackEmulator extends EventEmitter {
  readonly appToken: string;
  readonly clientId: string;
  readonly clientSecret: string;
  calls: ApiCall[] = [];
  counts = new Map<string, number>();
  responseUrlCalls: { id: string; body: any }[] = [];
  connectionsOpened = 0;
  readonly teams = new Map<string, Team>();              // by team id
  readonly tokens = new Map<string, Team>();             // by bot token
  readonly users = new Map<string, { id: string; team_id: string; is_admin: boolean; is_bot: boolean }>();
  readonly sockets = new Set<WebSocket>();
  #server: Server;
  #wss: WebSocketServer;
  #port = 0;
  #pending = new Map<string, Pending>();                 // by current envelope id
  #failOpens = 0;
  #rateLimits = new Map<string, { n: number; retryAfter: number }>(); // token ('*' = any) -> next n calls get 429
  #codes = new Map<string, { team: TeamSpec; enterprise?: boolean; userId: string }>();
  #tsCounter = 0;
  #minted = 0;
  #opts: Required<Pick<EmulatorOptions, 'ackTimeoutMs' | 'maxAttempts' | 'recordCalls'>>;

  constructor(opts: EmulatorOptions = {}) {
    super();
    this.setMaxListeners(0);
    this.appToken = opts.appToken ?? 'xapp-1-A1-test';
    this.clientId = opts.clientId ?? '111.222';
    this.clientSecret = opts.clientSecret ?? 'client-secret';
    this.#opts = { ackTimeoutMs: opts.ackTimeoutMs ?? 3000, maxAttempts: opts.maxAttempts ?? 4, recordCalls: opts.recordCalls ?? true };
    for (const t of opts.teams ?? []) this.addTeam(t);
    this.#server = createServer((req, res) => { this.#onHttp(req, res).catch((err) => { res.statusCode = 500; res.end(String(err)); }); });
    this.#wss = new WebSocketServer({ noServer: true });
    this.#server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/link/')) { socket.destroy(); return; }
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onSocket(ws));
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((r) => this.#server.listen(0, '127.0.0.1', r));
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }
  get url(): string { return `http://127.0.0.1:${this.#port}`; }
  get apiUrl(): string { return `${this.url}/api/`; }

  addTeam(spec: TeamSpec): Team {
    const t: Team = { teamId: spec.teamId, botToken: spec.botToken ?? `xoxb-${spec.teamId}`, botUserId: spec.botUserId ?? `UBOT_${spec.teamId}`,
      botId: spec.botId ?? `B_${spec.teamId}`, name: spec.name ?? `Team ${spec.teamId}`, enterpriseId: spec.enterpriseId };
    this.teams.set(t.teamId, t);
    this.tokens.set(t.botToken, t);
    return t;
  }
  addUser(teamId: string, id: string, o: { isAdmin?: boolean; isBot?: boolean } = {}): void {
    this.users.set(id, { id, team_id: teamId, is_admin: !!o.isAdmin, is_bot: !!o.isBot });
  }
  /** the next n apps.connections.open calls answer ok:false (the client retries them with backoff) */
  failConnectionsOpen(n: number): void { this.#failOpens = n; }
  /** the next n Web API calls with this token ('*': any token) answer 429 with Retry-After */
  rateLimit(token: string, n: number, retryAfterSec = 1): void { this.#rateLimits.set(token, { n, retryAfter: retryAfterSec }); }
  /** a code for oauth.v2.access that installs `team` (an org-wide install when enterprise is set) */
  issueCode(team: TeamSpec, o: { enterprise?: boolean; userId?: string } = {}): string {
    const code = `code-${randomUUID()}`;
    this.#codes.set(code, { team, enterprise: o.enterprise, userId: o.userId ?? 'UINSTALLER' });
    return code;
  }
  /** a unique message ts, as Slack makes them */
  nextTs(): string { this.#tsCounter++; return `${1700000000 + Math.floor(this.#tsCounter / 1e6)}.${String(this.#tsCounter % 1e6).padStart(6, '0')}`; }

  callsOf(method: string): ApiCall[] { return this.calls.filter((c) => c.method === method); }
  count(method: string): number { return this.counts.get(method) ?? 0; }

  /** Resolves with the first recorded call (past or future) of `method` that matches. */
  waitForCall(method: string, match: (c: ApiCall) => boolean = () => true): Promise<ApiCall> {
    const found = this.calls.find((c) => c.method === method && match(c));
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const on = (c: ApiCall) => { if (c.method === method && match(c)) { this.off('call', on); resolve(c); } };
      this.on('call', on);
    });
  }
  /** Resolves when `n` calls of `method` have been recorded. */
  waitForCount(method: string, n: number): Promise<void> {
    if (this.count(method) >= n) return Promise.resolve();
    return new Promise((resolve) => {
      const on = (c: ApiCall) => { if (c.method === method && this.count(method) >= n) { this.off('call', on); resolve(); } };
      this.on('call', on);
    });
  }
  /** Resolves on the next Socket Mode connection (after hello). */
  nextConnection(): Promise<WebSocket> { return new Promise((r) => this.once('connection', r)); }

  // ---- Socket Mode ----

  #onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('message', (data) => this.#onFrame(ws, data.toString()));
    ws.on('close', () => { this.sockets.delete(ws); this.#orphan(ws); });
    ws.on('error', () => undefined);
    ws.send(JSON.stringify({ type: 'hello', num_connections: this.sockets.size, connection_info: { app_id: 'A1' },
      debug_info: { host: 'applink-emulator', started: new Date().toISOString(), build_number: 1, approximate_connection_time: 3600 } }));
    this.emit('connection', ws);
    // envelopes that were waiting for a connection, or lost with a dropped one, go out again
    for (const p of [...this.#pending.values()]) if (!p.socket) this.#deliver(p, p.attempt > 0);
  }

  #onFrame(ws: WebSocket, text: string): void {
    let frame: any;
    try { frame = JSON.parse(text); } catch { return; }
    const p = frame?.envelope_id ? this.#pending.get(frame.envelope_id) : undefined;
    this.emit('ack', frame, ws);
    if (!p) return;
    clearTimeout(p.timer);
    this.#pending.delete(frame.envelope_id);
    p.resolve(frame);
  }

  #orphan(ws: WebSocket): void {
    for (const p of this.#pending.values()) if (p.socket === ws) { clearTimeout(p.timer); p.socket = undefined; }
  }

  #openSocket(): WebSocket | undefined {
    const open = [...this.sockets].filter((s) => s.readyState === s.OPEN);
    return open[Math.floor(Math.random() * open.length)];    // Slack may pick any of the app's connections
  }

  #deliver(p: Pending, retry: boolean): void {
    const ws = this.#openSocket();
    if (!ws) return;                                          // waits for the next connection
    if (retry) {
      this.#pending.delete(p.envelopeId);
      p.envelopeId = randomUUID();
      this.#pending.set(p.envelopeId, p);
    }
    p.attempt++;
    p.socket = ws;
    const frame: any = { envelope_id: p.envelopeId, type: p.type, payload: p.payload, accepts_response_payload: !!p.opts.acceptsResponsePayload };
    if (p.type === 'events_api') {
      frame.retry_attempt = (p.opts.retryAttempt ?? 0) + p.attempt - 1;
      frame.retry_reason = frame.retry_attempt ? (p.opts.retryReason ?? 'timeout') : '';
    }
    ws.send(JSON.stringify(frame));
    p.timer = setTimeout(() => {
      p.socket = undefined;
      if (p.attempt >= this.#opts.maxAttempts) { this.#pending.delete(p.envelopeId); p.reject(new Error(`envelope not acked after ${p.attempt} attempts`)); return; }
      this.#deliver(p, true);
    }, this.#opts.ackTimeoutMs);
  }

  /** Sends an envelope; the promise resolves with the ack frame of whichever delivery attempt is acked. */
  pushEnvelope(type: string, payload: any, opts: EnvelopeOptions = {}): Delivery {
    let resolve!: (a: AckFrame) => void, reject!: (e: Error) => void;
    const ack = new Promise<AckFrame>((res, rej) => { resolve = res; reject = rej; });
    ack.catch(() => undefined);   // callers that do not await the ack should not see an unhandled rejection
    const p: Pending = { type, payload, opts, attempt: 0, envelopeId: randomUUID(), resolve, reject };
    this.#pending.set(p.envelopeId, p);
    this.#deliver(p, false);
    return { envelopeId: p.envelopeId, eventId: payload?.event_id, ack };
  }

  /** An events_api envelope with an event_callback body for a team (the bot's authorization included). */
  pushEvent(teamId: string, event: Record<string, any>, opts: EnvelopeOptions & { eventId?: string } = {}): Delivery {
    return this.pushEnvelope('events_api', this.eventCallback(teamId, event, opts.eventId), opts);
  }

  eventCallback(teamId: string, event: Record<string, any>, eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`): any {
    const t = this.teams.get(teamId);
    return {
      token: 'verification-token', team_id: teamId, enterprise_id: t?.enterpriseId ?? null, api_app_id: 'A1', type: 'event_callback',
      event_id: eventId, event_time: Math.floor(Date.now() / 1000), event_context: `ctx-${eventId}`, is_ext_shared_channel: false,
      event: { event_ts: event.ts, ...event },
      authorizations: [{ enterprise_id: t?.enterpriseId ?? null, team_id: teamId, user_id: t?.botUserId ?? `UBOT_${teamId}`, is_bot: true, is_enterprise_install: false }],
    };
  }

  sendDisconnect(reason: 'warning' | 'refresh_requested' | 'link_disabled' | 'too_many_websockets'): void {
    const frame = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'wss-emulator' } });
    for (const s of this.sockets) s.send(frame);
  }
  /** Drops every connection without a close handshake, as a crashed server would. */
  dropSockets(): void { for (const s of this.sockets) s.terminate(); }

  // ---- Web API ----

  async #onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.url);
    if (url.pathname.startsWith('/response/')) {
      let body: any; try { body = JSON.parse(raw); } catch { body = raw; }
      this.responseUrlCalls.push({ id: url.pathname.slice('/response/'.length), body });
      this.emit('response_url', body);
      return send(res, 200, { ok: true });
    }
    if (!url.pathname.startsWith('/api/') || req.method !== 'POST') return send(res, 404, { ok: false, error: 'not_found' });
    const method = url.pathname.slice('/api/'.length);
    const body = parseBody(raw, String(req.headers['content-type'] ?? ''));
    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : (body.token as string | undefined);
    const [status, out, headers] = this.#answer(method, token, body);
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    const call: ApiCall = { method, token, body, headers: req.headers, at: Date.now(), status, response: out };
    if (this.#opts.recordCalls) this.calls.push(call);
    send(res, status, out, headers);
    this.emit('call', call);
  }

  #answer(method: string, token: string | undefined, b: Record<string, any>): [number, any, Record<string, string>?] {
    const limit = (token && this.#rateLimits.get(token)) || (method !== 'apps.connections.open' ? this.#rateLimits.get('*') : undefined);
    if (limit && limit.n > 0) {
      limit.n--;
      return [429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limit.retryAfter) }];
    }
    if (method === 'apps.connections.open') {
      if (token !== this.appToken) return [200, { ok: false, error: 'invalid_auth' }];
      if (this.#failOpens > 0) { this.#failOpens--; return [200, { ok: false, error: 'internal_error' }]; }
      this.connectionsOpened++;
      return [200, { ok: true, url: `ws://127.0.0.1:${this.#port}/link/?ticket=${randomUUID()}&app_id=A1` }];
    }
    if (method === 'oauth.v2.access') return this.#oauth(b);
    const team = token ? this.tokens.get(token) : undefined;
    if (!token) return [200, { ok: false, error: 'not_authed' }];
    if (!team) return [200, { ok: false, error: 'invalid_auth' }];
    const base = { team_id: team.teamId, user_id: team.botUserId, bot_id: team.botId };
    switch (method) {
      case 'auth.test':
        return [200, { ok: true, url: `https://${team.teamId.toLowerCase()}.slack.com/`, team: team.name, user: 'mulebot', ...base,
          ...(team.enterpriseId ? { enterprise_id: team.enterpriseId } : {}), is_enterprise_install: false }];
      case 'chat.postMessage': {
        if (!b.channel) return [200, { ok: false, error: 'channel_not_found' }];
        if (!b.text && !b.blocks) return [200, { ok: false, error: 'no_text' }];
        if (Array.isArray(b.blocks) && b.blocks.length > 50) return [200, { ok: false, error: 'invalid_blocks' }];
        const ts = this.nextTs();
        return [200, { ok: true, channel: b.channel, ts, message: { type: 'message', text: b.text ?? '', user: team.botUserId, bot_id: team.botId, app_id: 'A1', ts,
          ...(b.thread_ts ? { thread_ts: b.thread_ts } : {}) } }];
      }
      case 'chat.update':
        if (!b.ts) return [200, { ok: false, error: 'message_not_found' }];
        if (typeof b.text === 'string' && b.text.length > 4000) return [200, { ok: false, error: 'msg_too_long' }];
        return [200, { ok: true, channel: b.channel, ts: b.ts, text: b.text ?? '', message: { text: b.text ?? '', user: team.botUserId } }];
      case 'chat.postEphemeral':
        if (!b.user) return [200, { ok: false, error: 'user_not_found' }];
        return [200, { ok: true, message_ts: this.nextTs() }];
      case 'conversations.info':
        return [200, { ok: true, channel: { id: b.channel, name: String(b.channel).toLowerCase(), is_channel: !String(b.channel).startsWith('D'),
          is_private: false, is_im: String(b.channel).startsWith('D'), is_mpim: false, is_member: true, is_archived: false, is_ext_shared: false, context_team_id: team.teamId } }];
      case 'users.info': {
        const u = this.users.get(b.user);
        if (!u) return [200, { ok: false, error: 'user_not_found' }];
        return [200, { ok: true, user: { id: u.id, team_id: u.team_id, name: u.id.toLowerCase(), is_admin: u.is_admin, is_owner: false, is_bot: u.is_bot, deleted: false, profile: {} } }];
      }
      default:
        return [200, { ok: false, error: 'unknown_method' }];
    }
  }

  #oauth(b: Record<string, any>): [number, any] {
    if (b.client_id !== this.clientId) return [200, { ok: false, error: 'invalid_client_id' }];
    if (b.client_secret !== this.clientSecret) return [200, { ok: false, error: 'bad_client_secret' }];
    const grant = this.#codes.get(b.code);
    if (!grant) return [200, { ok: false, error: 'invalid_code' }];
    this.#codes.delete(b.code);
    const minted = ++this.#minted;
    const team = this.addTeam({ ...grant.team, botToken: `xoxb-${grant.team.teamId}-minted-${minted}` });
    const ent = grant.team.enterpriseId ? { id: grant.team.enterpriseId, name: `Org ${grant.team.enterpriseId}` } : null;
    return [200, {
      ok: true, app_id: 'A1', authed_user: { id: grant.userId, scope: 'identify', access_token: `xoxp-${minted}`, token_type: 'user' },
      scope: 'app_mentions:read,chat:write,commands,im:history,users:read', token_type: 'bot', access_token: team.botToken, bot_user_id: team.botUserId,
      team: grant.enterprise ? null : { id: team.teamId, name: team.name }, enterprise: ent, is_enterprise_install: !!grant.enterprise,
    }];
  }

  async close(): Promise<void> {
    for (const p of this.#pending.values()) clearTimeout(p.timer);
    this.#pending.clear();
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((r) => this.#wss.close(() => r()));
    this.#server.closeAllConnections();
    await new Promise<void>((r) => this.#server.close(() => r()));
  }
}

function parseBody(raw: string, contentType: string): Record<string, any> {
  if (!raw) return {};
  if (contentType.includes('application/json')) { try { return JSON.parse(raw); } catch { return {}; } }
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // WebClient JSON-encodes non-scalar arguments inside the form
    if ((k === 'blocks' || k === 'attachments' || k === 'metadata') && (v.startsWith('[') || v.startsWith('{'))) { try { out[k] = JSON.parse(v); continue; } catch { /* keep text */ } }
    out[k] = v;
  }
  return out;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<SlackEmulator> {
  return new SlackEmulator(opts).listen();
}

export { signedPost, signature, slashCommand, blockActions, type PostResult } from './http.js';
