// The Events API direction of the emulator: sign and POST what Slack would send to an HTTP receiver
// (event_callback JSON, interactivity `payload=` forms, slash command forms), with retry headers on demand.
import { createHmac } from 'node:crypto';

export interface PostResult { status: number; text: string; json?: any; headers: Headers }

export function signature(secret: string, timestamp: number | string, rawBody: string): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
}

export interface PostOptions {
  secret: string;
  /** unix seconds (default now) */
  timestamp?: number;
  /** override the signature (bad signature tests); null sends none */
  signature?: string | null;
  retryNum?: number;
  retryReason?: string;
  contentType?: string;
}

/** POSTs `body` (an object: JSON; a URLSearchParams: form; a string: as is) signed like Slack does. */
export async function signedPost(url: string, body: unknown, o: PostOptions): Promise<PostResult> {
  const isForm = body instanceof URLSearchParams;
  const raw = typeof body === 'string' ? body : isForm ? body.toString() : JSON.stringify(body);
  const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': o.contentType ?? (isForm ? 'application/x-www-form-urlencoded' : 'application/json'),
    'x-slack-request-timestamp': String(ts),
  };
  const sig = o.signature === undefined ? signature(o.secret, ts, raw) : o.signature;
  if (sig !== null) headers['x-slack-signature'] = sig;
  if (o.retryNum) { headers['x-slack-retry-num'] = String(o.retryNum); headers['x-slack-retry-reason'] = o.retryReason ?? 'http_timeout'; }
  const res = await fetch(url, { method: 'POST', headers, body: raw, signal: AbortSignal.timeout(3000) });
  const text = await res.text();
  let json: any;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, text, json, headers: res.headers };
}

/** The form Slack posts for `/mulebot <text>`; response_url points back at the emulator. */
export function slashCommand(emulatorUrl: string, f: { team: string; channel: string; user: string; text: string; enterprise?: string }): URLSearchParams {
  return new URLSearchParams({
    token: 'verification-token', team_id: f.team, team_domain: f.team.toLowerCase(), channel_id: f.channel, channel_name: f.channel.toLowerCase(),
    user_id: f.user, user_name: f.user.toLowerCase(), command: '/mulebot', text: f.text, api_app_id: 'A1',
    is_enterprise_install: 'false', ...(f.enterprise ? { enterprise_id: f.enterprise } : {}),
    response_url: `${emulatorUrl}/response/${f.team}-${Date.now()}-${Math.random().toString(36).slice(2)}`, trigger_id: `trig.${Math.random().toString(36).slice(2)}`,
  });
}

/** A block_actions interactivity payload (a button press on a bot message). */
export function blockActions(emulatorUrl: string, f: { team: string; channel: string; user: string; actionId: string; value: string; messageTs: string; threadTs?: string }): any {
  return {
    type: 'block_actions', team: { id: f.team, domain: f.team.toLowerCase() }, user: { id: f.user, username: f.user.toLowerCase(), team_id: f.team },
    api_app_id: 'A1', token: 'verification-token', trigger_id: `trig.${Math.random().toString(36).slice(2)}`,
    container: { type: 'message', message_ts: f.messageTs, channel_id: f.channel, is_ephemeral: false, ...(f.threadTs ? { thread_ts: f.threadTs } : {}) },
    channel: { id: f.channel, name: f.channel.toLowerCase() },
    message: { type: 'message', ts: f.messageTs, text: 'choices', ...(f.threadTs ? { thread_ts: f.threadTs } : {}) },
    response_url: `${emulatorUrl}/response/act-${Date.now()}`,
    actions: [{ action_id: f.actionId, block_id: 'b1', type: 'button', value: f.value, action_ts: `${Date.now() / 1000}` }],
    enterprise: null, is_enterprise_install: false,
  };
}
