// mulebot bind|unbind --team T --channel C --cluster N: the operator's way to do what a workspace admin does with
// /mulebot connect|disconnect. The cluster is looked up inside the team only. --actions and --allow-user set what
// the channel may have MuleBot change on that cluster; --list shows a workspace's bindings with their policies.
import { parseArgs } from 'node:util';
import type { ActionPolicy, Store } from '../store/index.js';
import { TenancyService } from '../tenancy/service.js';
import { defaultActionsFromEnv, describePolicy, parseActionsLevel, parseUserList } from '../tenancy/permissions.js';
import { describeStore, UsageError, usageFailure, withStore } from '../tenancy/operator.js';

const USAGE = `Usage:
  mulebot bind --team T --channel C --cluster NAME [--actions none|alerts|all] [--allow-user U1,U2 | --allow-anyone]
  mulebot bind --team T --list [--channel C] [--cluster NAME] [--json]
  mulebot unbind --team T --channel C --cluster NAME

  --actions       none: no action; alerts: mute/unmute only (the channel's own settings); all: cluster writes too
                  (snapshots, expansion). A new binding gets MULEBOT_DEFAULT_ACTIONS, else alerts.
  --allow-user    only these Slack user ids may run cluster writes from the channel (replaces the list)
  --allow-anyone  clear that list: anyone in the channel may`;

const OPTIONS = {
  team: { type: 'string' }, channel: { type: 'string' }, cluster: { type: 'string' }, actions: { type: 'string' },
  'allow-user': { type: 'string' }, 'allow-anyone': { type: 'boolean' }, list: { type: 'boolean' }, json: { type: 'boolean' },
} as const;

/** The policy options given on the command line (empty: leave the binding's policy as it is). */
function policyOf(values: { actions?: string; 'allow-user'?: string; 'allow-anyone'?: boolean }): Partial<ActionPolicy> {
  const p: Partial<ActionPolicy> = {};
  try {
    if (values.actions !== undefined) p.actions = parseActionsLevel(values.actions, '--actions');
  } catch (err: any) { throw new UsageError(err.message); }
  if (values['allow-user'] !== undefined && values['allow-anyone']) throw new UsageError('give --allow-user or --allow-anyone, not both');
  if (values['allow-user'] !== undefined) {
    p.allowedUsers = parseUserList(values['allow-user']);
    if (!p.allowedUsers.length) throw new UsageError('--allow-user needs Slack user ids (U0123,U0456); --allow-anyone clears the list');
  }
  if (values['allow-anyone']) p.allowedUsers = [];
  return p;
}

export async function run(args: string[], command: string): Promise<number> {
  try {
    const { values } = parseArgs({ args, options: OPTIONS, strict: true });
    const { team, channel, cluster } = values;
    if (values.list) {
      if (command !== 'bind') throw new UsageError('--list goes with mulebot bind');
      if (!team) throw new UsageError('--team is required');
      return await withStore((store) => list(store, team, { channelId: channel, clusterName: cluster }, !!values.json));
    }
    if (!team || !channel || !cluster) throw new UsageError('--team, --channel and --cluster are required');
    const policy = policyOf(values);
    if (command === 'unbind' && Object.keys(policy).length) throw new UsageError('--actions and --allow-user go with mulebot bind');
    let defaultActions;
    try { defaultActions = defaultActionsFromEnv(); } catch (err: any) { throw new UsageError(err.message); }
    return await withStore(async (store) => {
      // the operator is trusted as an admin of every workspace in this store
      const svc = new TenancyService(store, { allowNonAdmins: true, defaultActions });
      const ctx = { teamId: team, channelId: channel, userId: process.env.USER ?? 'cli', isAdmin: true };
      const res = command === 'unbind' ? await svc.disconnect(ctx, cluster) : await svc.connect(ctx, cluster, policy);
      if (!res.ok) { console.error(`mulebot ${command}: ${res.hint}`); return 1; }
      console.log(`${res.hint.replace(/^This channel/, `Channel ${channel}`)} (workspace ${team}; ${describeStore(store)})`);
      if (command === 'unbind') return 0;
      // an existing binding keeps its policy unless one was given
      if (res.status === 'already-connected' && Object.keys(policy).length) {
        const set = await svc.setActionPolicy(ctx, cluster, policy);
        if (!set.ok) { console.error(`mulebot ${command}: ${set.hint}`); return 1; }
      }
      console.log(`Channel ${channel} on ${cluster}: ${describePolicy(await svc.actionPolicy(ctx, res.cluster.id))}.`);
      return 0;
    });
  } catch (err: any) {
    const code = usageFailure(err, command, USAGE);
    if (code === undefined) throw err;
    return code;
  }
}

async function list(store: Store, team: string, filter: { channelId?: string; clusterName?: string }, json: boolean): Promise<number> {
  const rows = await store.bindings.list(team, filter);
  if (json) {
    console.log(JSON.stringify(rows.map((r) => ({ channel: r.channelId, cluster: r.clusterName, actions: r.actions, allowedUsers: r.allowedUsers,
      createdBy: r.createdBy, createdAt: r.createdAt.toISOString() })), null, 2));
    return 0;
  }
  if (!rows.length) { console.log(`No channel bindings in workspace ${team} (${describeStore(store)}).`); return 0; }
  console.log(`Channel bindings of workspace ${team} (${describeStore(store)}):`);
  for (const r of rows) console.log(`  ${r.channelId}  ${r.clusterName}  ${describePolicy(r)}`);
  return 0;
}
