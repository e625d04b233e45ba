// Who may change things. Each channel binding carries an actions policy (migration 003): 'none', 'alerts' (mute and
// unmute only: they change the channel's own settings, never the cluster) or 'all' (cluster writes too), and an
// optional list of the Slack users who may run cluster writes. A channel that sees a cluster without a binding of
// its own (the workspace default, on-prem) gets the process default: MULEBOT_DEFAULT_ACTIONS, else 'alerts'.
import { ACTIONS_LEVELS, type ActionPolicy, type ActionsLevel } from '../store/index.js';

export type { ActionPolicy, ActionsLevel };

/** the policy that applies, and where it comes from */
export interface ResolvedPolicy extends ActionPolicy { source: 'binding' | 'default' }

/** why an action is refused: actions off, only alert mutes allowed, or the user is not on the list */
export type ActionRule = 'none' | 'alerts-only' | 'users';

export const DEFAULT_ACTIONS: ActionsLevel = 'alerts';

/** Actions that change only the channel's own settings (allowed from 'alerts' up); every other action writes to the cluster. */
export const isChannelSetting = (action: string): boolean => action === 'alert.mute' || action === 'alert.unmute';

export function parseActionsLevel(text: string | undefined, where = 'actions'): ActionsLevel {
  const v = (text ?? '').trim().toLowerCase();
  if ((ACTIONS_LEVELS as readonly string[]).includes(v)) return v as ActionsLevel;
  throw new Error(`${where} must be one of ${ACTIONS_LEVELS.join(', ')} (got "${text ?? ''}")`);
}

/** MULEBOT_DEFAULT_ACTIONS, else 'alerts' (read-only on the cluster). A bad value is an error, not a silent default. */
export function defaultActionsFromEnv(env: NodeJS.ProcessEnv = process.env): ActionsLevel {
  const v = env.MULEBOT_DEFAULT_ACTIONS?.trim();
  return v ? parseActionsLevel(v, 'MULEBOT_DEFAULT_ACTIONS') : DEFAULT_ACTIONS;
}

/** "U1, U2" or "U1 U2" -> ['U1', 'U2'] */
export function parseUserList(text: string): string[] {
  return text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

/** The rule that refuses `action` to `user` under `policy`, or null when it is allowed. */
export function refusal(policy: ActionPolicy, action: string, user: string): ActionRule | null {
  if (policy.actions === 'none') return 'none';
  if (isChannelSetting(action)) return null;
  if (policy.actions !== 'all') return 'alerts-only';
  if (policy.allowedUsers.length && !policy.allowedUsers.includes(user)) return 'users';
  return null;
}

/** The operator command that opens what `rule` closes for `user` on this binding. */
export function operatorFix(rule: ActionRule, b: { teamId: string; channelId: string; cluster: string; allowedUsers: string[]; user: string; action: string }): string {
  const base = `mulebot bind --team ${b.teamId} --channel ${b.channelId} --cluster ${b.cluster}`;
  if (rule === 'users') return `${base} --allow-user ${[...b.allowedUsers, b.user].join(',')}`;
  return `${base} --actions ${rule === 'none' && isChannelSetting(b.action) ? 'alerts' : 'all'}`;
}

export function describePolicy(p: ActionPolicy): string {
  const who = p.allowedUsers.length ? ` (cluster writes: ${p.allowedUsers.join(', ')} only)` : '';
  switch (p.actions) {
    case 'none': return 'actions: none (read-only)';
    case 'alerts': return 'actions: alerts (mute/unmute only; read-only on the cluster)';
    case 'all': return `actions: all${who}`;
  }
}
