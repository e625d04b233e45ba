// Socket Mode: one app-level WebSocket (an xapp- token) carries events for every workspace the app is
// installed in. Each envelope is acked first and handed to the pipeline; a slash command's ack carries its
// answer. The SDK reconnects by itself on disconnect frames, dropped sockets and failing
// apps.connections.open, with a delay of clientPingTimeout x attempts.
import { SocketModeClient } from '@slack/socket-mode';
import { sdkLogger } from './log.js';
import type { Pipeline } from './pipeline.js';
import type { Log } from './types.js';

export interface SocketReceiverOptions {
  appToken: string;
  pipeline: Pipeline;
  log: Log;
  slackApiUrl?: string;
  /** ms; also the reconnect backoff step (default 5000, as the SDK) */
  clientPingTimeout?: number;
  serverPingTimeout?: number;
  /** retries of apps.connections.open HTTP failures (default: the SDK's) */
  retries?: number;
}

export interface SocketStats { connects: number; reconnects: number; ackFailures: number }

/**
 * The SDK reads payload.event.type of every events_api envelope before emitting; an envelope without an event
 * would end in an unhandled rejection (a crash on Node 20). This one logs and drops such frames instead.
 */
class GuardedSocketModeClient extends SocketModeClient {
  onBadFrame: (err: unknown) => void = () => undefined;
  protected override async onWebSocketMessage(data: string | ArrayBuffer, isBinary: boolean): Promise<void> {
    try { await super.onWebSocketMessage(data, isBinary); } catch (err) { this.onBadFrame(err); }
  }
}

export class SocketReceiver {
  readonly client: SocketModeClient;
  readonly stats: SocketStats = { connects: 0, reconnects: 0, ackFailures: 0 };
  /** the socket is up (readiness) */
  connected = false;

  constructor(private readonly o: SocketReceiverOptions) {
    const client = new GuardedSocketModeClient({
      appToken: o.appToken,
      clientPingTimeout: o.clientPingTimeout ?? 5000,
      serverPingTimeout: o.serverPingTimeout ?? 30000,
      logger: sdkLogger(o.log),
      clientOptions: { slackApiUrl: o.slackApiUrl, ...(o.retries !== undefined ? { retryConfig: { retries: o.retries } } : {}) },
    });
    client.onBadFrame = (err) => o.log.warn({ err }, 'slack: malformed socket mode frame dropped');
    this.client = client;
    this.client.on('disconnected', () => { this.connected = false; });
    this.client.on('connected', () => { this.connected = true; this.stats.connects++; o.log.info({ connects: this.stats.connects }, 'slack: socket mode connected'); });
    this.client.on('reconnecting', () => { this.connected = false; this.stats.reconnects++; o.log.warn('slack: socket mode reconnecting'); });
    this.client.on('error', (err: unknown) => o.log.warn({ err }, 'slack: socket mode error'));
    this.client.on('slack_event', (e: SlackEvent) => { void this.#onEnvelope(e); });
  }

  async #onEnvelope(e: SlackEvent): Promise<void> {
    const meta = { transport: 'socket' as const, envelopeId: e.envelope_id, retryNum: e.retry_num };
    try {
      if (e.type === 'slash_commands') {
        const f = e.body;
        if (!f || typeof f.team_id !== 'string' || typeof f.channel_id !== 'string' || typeof f.user_id !== 'string') {
          await this.#ack(e);
          this.o.log.warn(meta, 'slack: slash command without team, channel or user dropped');
          return;
        }
        await this.#ack(e, await this.o.pipeline.onCommand(f, meta));
        return;
      }
      // ack first: the work runs after, and a redelivery (if the ack got lost) is deduped
      await this.#ack(e);
      if (e.type === 'events_api') this.o.pipeline.onEvent(e.body, meta);
      else if (e.type === 'interactive') this.o.pipeline.onInteractive(e.body, meta);
      else this.o.log.debug({ type: e.type, ...meta }, 'slack: envelope type ignored');
    } catch (err) {
      this.o.log.error({ err, ...meta }, 'slack: envelope handling failed');
    }
  }

  async #ack(e: SlackEvent, payload?: unknown): Promise<void> {
    try {
      await e.ack(payload);
    } catch (err) {
      // the socket closed under us: Slack redelivers the envelope on the next connection
      this.stats.ackFailures++;
      this.o.log.warn({ err, envelopeId: e.envelope_id }, 'slack: ack failed');
    }
  }

  async start(): Promise<void> { await this.client.start(); }
  async stop(): Promise<void> { await this.client.disconnect(); }
}

interface SlackEvent { ack(payload?: unknown): Promise<void>; envelope_id: string; type: string; body: any; retry_num?: number; retry_reason?: string }
