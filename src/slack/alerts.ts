// Proactive warnings into Slack: the alert watcher (src/alerts) hands over a Reply for a team and channel, and
// it goes out through the same per-channel queues as answers (rate limits and 429s respected); a target with a
// thread (the answer to an action asked in a thread) goes into that thread.
import type { AlertSink, AlertTarget } from '../alerts/index.js';
import type { Reply } from '../dialogue/types.js';
import type { Outbound } from './outbound.js';
import { NotInstalledError, SingleTokenAuthorizer } from './auth.js';
import type { Authorizer, Log } from './types.js';

export function slackAlertSink(authorizer: Authorizer, outbound: Outbound, log?: Log): AlertSink {
  const told = new Set<string>();
  return {
    async post(target: AlertTarget, reply: Reply): Promise<void> {
      // one fixed bot token (on-prem) serves whatever team name the store uses for its workspace ("local")
      let auth;
      try {
        auth = await authorizer.authorize(authorizer instanceof SingleTokenAuthorizer ? {} : { teamId: target.team });
      } catch (err) {
        // An uninstalled workspace keeps its channel bindings (a reinstall picks them up again), so its alerts are
        // dropped here, said once per workspace, instead of failing and being retried at every check.
        if (!(err instanceof NotInstalledError)) throw err;
        if (!told.has(target.team)) { told.add(target.team); log?.info({ team: target.team }, 'alerts for a workspace without an installation are dropped'); }
        return;
      }
      told.delete(target.team);
      await outbound.send(auth, 'chat.postMessage', { channel: target.channel, ...(target.thread ? { thread_ts: target.thread } : {}),
        text: reply.text, blocks: reply.blocks, unfurl_links: false });
    },
  };
}
