// The contract between the transports (Slack Socket Mode, Slack HTTP, the terminal, the JSON API) and the
// conversation: a transport turns what arrived into a Turn and delivers the Replies. It never knows more.
import type { KnownBlock } from '@slack/types';
import type { Entity, Intent } from '../nlu/types.js';

export interface Turn {
  team: string;                 // Slack team_id (the terminal uses a fixed local team)
  channel: string;              // Slack channel_id (or a DM id)
  user: string;
  thread?: string;              // thread_ts when the message is in a thread
  text: string;                 // raw text as received (mentions and Slack markup included)
  enterprise?: string;
  /** a button press or menu choice answering an earlier Reply (Slack block_actions) */
  action?: { id: string; value: string };
  /** when the conversation may answer for several clusters at once etc. */
  channelType?: 'channel' | 'group' | 'im' | 'mpim' | 'terminal' | 'api';
  /** the transport's own id of the message, for logs */
  messageId?: string;
}

export interface Reply {
  intent: Intent;
  entities: Entity[];
  /** plain text: the notification text in Slack, the whole answer in the terminal */
  text: string;
  /** Block Kit, within Slack's limits (50 blocks, 3,000 characters a section text) */
  blocks: KnownBlock[];
  /** only the asking user should see it (Slack chat.postEphemeral) */
  ephemeral?: boolean;
}

export interface ConversationHandler {
  handle(turn: Turn): Promise<Reply[]>;
}
