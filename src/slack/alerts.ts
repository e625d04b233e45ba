// Proactive warnings into Slack: the alert watcher (src/alerts) hands over a Reply for a team and channel, and
// it goes out through the same per-channel queues as answers (rate limits and 429s respected).
import type { AlertSink, AlertTarget } from '../alerts/index.js';
import type { Reply } from '../dialogue/types.js';
import type { Outbound } from './outbound.js';
import { SingleTokenAuthorizer } from './auth.js';
import type { Authorizer } from './types.js';

export function slackAlertSink(authorizer: Authorizer, outbound: Outbound): AlertSink {
  return {
    async post(target: AlertTarget, reply: Reply): Promise<void> {
      // one fixed bot token (on-prem) serves whatever team name the store uses for its workspace ("local")
      const auth = await authorizer.authorize(authorizer instanceof SingleTokenAuthorizer ? {} : { teamId: target.team });
      await outbound.send(auth, 'chat.postMessage', { channel: target.channel, text: reply.text, blocks: reply.blocks, unfurl_links: false });
    },
  };
}
