// Shared set-up for the Slack tests: the emulator, a real store, startSlack on top, and a small
// ConversationHandler of the tests' own that records every Turn (the real dialogue is in e2e.test.ts).
import type { ConversationHandler, Reply, Turn } from '../../src/dialogue/types.js';
import { startSlack, type SlackHandle, type StartSlackOptions } from '../../src/slack/index.js';
import type { Store } from '../../src/store/index.js';
import { startEmulator, type SlackEmulator, type EmulatorOptions } from '../emulator/index.js';

export const silent = { info() {}, warn() {}, error() {}, debug() {} };

export class EchoHandler implements ConversationHandler {
  turns: Turn[] = [];
  /** per-turn override: return the replies for a turn, or undefined for the echo */
  answer?: (turn: Turn) => Promise<Reply[] | undefined> | Reply[] | undefined;
  async handle(turn: Turn): Promise<Reply[]> {
    this.turns.push(turn);
    const custom = await this.answer?.(turn);
    if (custom) return custom;
    return [reply(`echo: ${turn.action ? `action ${turn.action.id}=${turn.action.value}` : turn.text}`)];
  }
}

export function reply(text: string, extra: Partial<Reply> = {}): Reply {
  return { intent: 'None', entities: [], text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }], ...extra };
}

export interface Bot { emu: SlackEmulator; slack: SlackHandle; handler: EchoHandler; stop(): Promise<void> }

/** Socket Mode, one workspace (T1) with SLACK_BOT_TOKEN, against a fresh emulator. */
export async function socketBot(o: Partial<StartSlackOptions> & { emu?: SlackEmulator; emuOptions?: EmulatorOptions; env?: Record<string, string> } = {}): Promise<Bot> {
  const emu = o.emu ?? await startEmulator({ teams: [{ teamId: 'T1' }, { teamId: 'T2' }], ...o.emuOptions });
  const handler = (o.handler as EchoHandler | undefined) ?? new EchoHandler();
  const slack = await startSlack({
    logger: silent, socket: { clientPingTimeout: 100, retries: 0 }, outbound: { retries: 0 }, ...o, handler,
    env: { SLACK_APP_TOKEN: emu.appToken, SLACK_BOT_TOKEN: 'xoxb-T1', SLACK_API_URL: emu.apiUrl, ...o.env },
  });
  return {
    emu, slack, handler,
    // the client first, then the emulator (else its reconnect hits a closed port)
    async stop() { await slack.stop(); if (!o.emu) await emu.close(); },
  };
}

let tsN = 0;
export const ts = () => `1710000000.${String(++tsN).padStart(6, '0')}`;

/** HTTP mode with the OAuth install flow (many workspaces) on a store, against a fresh emulator. */
export async function oauthBot(store: Store, signingSecret: string): Promise<{ emu: SlackEmulator; slack: SlackHandle }> {
  const emu = await startEmulator();
  const slack = await startSlack({ handler: new EchoHandler(), store, logger: silent, port: 0, host: '127.0.0.1', outbound: { retries: 0 },
    env: { SLACK_SIGNING_SECRET: signingSecret, SLACK_CLIENT_ID: emu.clientId, SLACK_CLIENT_SECRET: emu.clientSecret, SLACK_API_URL: emu.apiUrl,
      SLACK_AUTHORIZE_URL: `${emu.url}/oauth/v2/authorize` } });
  return { emu, slack };
}
