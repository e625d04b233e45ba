// Types shared by the Slack receivers, the pipeline and the outbound side. Nothing here knows the transport.
import type { Logger } from 'pino';

export type Log = Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;

/** Who the bot is in one workspace, and the token to answer with. */
export interface BotAuth {
  teamId: string;
  enterpriseId?: string;
  botToken: string;
  botUserId?: string;
  botId?: string;
}

/** Where an event came from, as Bolt builds it for authorize(). */
export interface AuthQuery {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

export interface Authorizer {
  authorize(q: AuthQuery): Promise<BotAuth>;
  /** drop what is cached for a workspace, or with enterpriseId an org's (uninstalled, tokens revoked, reinstalled) */
  forget?(teamId: string, enterpriseId?: string): void;
}

export class SlackConfigError extends Error {
  constructor(message: string) { super(message); this.name = 'SlackConfigError'; }
}
