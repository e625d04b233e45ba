// Who may change things, asked twice: before a plan is offered (nobody is asked to confirm what they cannot do) and
// again at the yes (the binding's policy may have been narrowed in between). The policy is read from the store
// each time, never from a cache. A refusal is an 'action-denied' result, rendered like any other and audited.
import { commandTarget, isActionCommand } from '../commands/index.js';
import type { Command, CommandResult } from '../commands/types.js';
import { plain } from '../render/format.js';
import { render } from '../render/index.js';
import { operatorFix, refusal, type ResolvedPolicy } from '../tenancy/index.js';
import type { LiveCluster } from './clusters.js';
import type { TurnEnv } from './run.js';

/** The actions policy of one cluster as a channel sees it (the app wires TenancyService.actionPolicy). */
export type PolicyLookup = (team: string, channel: string, cluster: LiveCluster) => Promise<ResolvedPolicy>;

/** The workspace whose binding decides: the cluster record's owner (on-prem: "local" even when another team asks). */
export const bindingTeam = (env: Pick<TurnEnv, 'turn'>, c: LiveCluster): string => c.team ?? env.turn.team;

/** The refusal of `command` on `c` for this turn's user, or null when the policy allows it (reads always pass). */
type Denied = Extract<CommandResult, { kind: 'action-denied' }>;

export async function denied(env: TurnEnv, c: LiveCluster, command: Command, stage: 'plan' | 'confirm'): Promise<Denied | null> {
  if (!isActionCommand(command)) return null;
  const team = bindingTeam(env, c);
  const policy = await env.policies(team, env.turn.channel, c);
  const rule = refusal(policy, command.intent, env.turn.user);
  if (!rule) return null;
  return {
    kind: 'action-denied', cluster: c.name, action: command.intent, target: commandTarget(command), by: env.turn.user, stage, rule,
    channel: env.turn.channel, allowedUsers: policy.allowedUsers, source: policy.source,
    fix: operatorFix(rule, { teamId: team, channelId: env.turn.channel, cluster: c.name, allowedUsers: policy.allowedUsers, user: env.turn.user, action: command.intent }),
  };
}

/** An audit row for a refusal at the plan (the confirm path writes its own for every outcome). */
export async function auditDenied(env: TurnEnv, c: LiveCluster, r: Denied): Promise<void> {
  await env.store.audit.record({
    teamId: env.turn.team, channelId: env.turn.channel, userId: env.turn.user, clusterId: c.id ?? null, clusterName: c.name,
    action: r.action, target: r.target, outcome: 'refused', detail: plain(render(r).text),
  });
}
