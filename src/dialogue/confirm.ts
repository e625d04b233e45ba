// The asker said yes: carry the pending plan out on the cluster it was made for (one of this channel's, looked up
// again now: a cluster unbound since is not acted on), answer with what changed, and keep an audit row of it.
import { executeAction } from '../commands/index.js';
import type { CommandResult } from '../commands/types.js';
import { b, plain } from '../render/format.js';
import { render } from '../render/index.js';
import type { AuditOutcome } from '../store/index.js';
import type { Reply } from './types.js';
import { commandContext, type LiveCluster } from './clusters.js';
import { denied } from './permissions.js';
import { say, toReply, type TurnEnv } from './run.js';
import type { Pending } from './state.js';

type Confirm = Extract<Pending, { kind: 'confirm' }>;

/** a yes to a plan older than this is not taken: the plan is shown again fresh first */
export const CONFIRM_WITHIN_MS = 15 * 60_000;

export async function carryOut(env: TurnEnv, p: Confirm): Promise<Reply[]> {
  delete env.state.pending;
  const age = p.at ? env.now.getTime() - Date.parse(p.at) : 0;
  if (age > CONFIRM_WITHIN_MS) {
    return [say(env, `That plan is ${Math.round(age / 60_000)} minutes old, so I did not act on it. Nothing was changed: ask again and `
      + 'I will plan it against the cluster as it is now.', 'confirm')];
  }
  const c = env.clusters.find((x) => x.name === p.cluster);
  if (!c) return [say(env, `I don't see cluster ${b(p.cluster)} from this channel any more, so I did not act on it. Nothing was changed.`, 'confirm')];
  // the policy again, read now: it may have been narrowed since the plan was offered
  const result = (await denied(env, c, p.command, 'confirm')) ?? await run(env, c, p);
  const rendered = render(result, { now: env.now, ...(env.clusters.length > 1 ? { showCluster: true } : {}) });
  let noted: boolean | string = false;
  try {
    noted = await recordFollowup(env, c, result);
  } catch (err: any) {
    noted = `(I could not note this action to tell you when it is done: ${err?.message ?? err})`;
  }
  if (noted === true) {
    // the promise the alert watcher keeps (src/alerts/followups.ts)
    const line = `I will say here when it is done, or why not, within ${FOLLOWUP_WITHIN_MS / 60_000} minutes.`;
    rendered.text += `\n${line}`;
    rendered.blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: line }] });
  }
  const replies = [toReply(env, rendered, 'confirm')];
  try {
    await env.store.audit.record({
      teamId: env.turn.team, channelId: env.turn.channel, userId: env.turn.user, clusterId: c.id ?? null, clusterName: c.name,
      action: p.command.intent, target: 'target' in result ? result.target : p.title, outcome: outcomeOf(result), detail: plain(rendered.text),
    });
  } catch (err: any) {
    // the action stands; say that its record is missing rather than hide it
    replies.push(say(env, `(I could not write the audit record of this action: ${err?.message ?? err})`, 'confirm'));
  }
  if (typeof noted === 'string') replies.push(say(env, noted, 'confirm'));
  return replies;
}

/** how long the alert watcher waits for a snapshot to be ready or a resize to finish before saying it is not */
export const FOLLOWUP_WITHIN_MS = 30 * 60_000;

/**
 * A snapshot not ready yet, or an expansion in progress: noted for the alert watcher, which answers in this channel
 * (and thread) when it is done, failed, or still not done by the deadline. Only clusters kept in the store.
 */
async function recordFollowup(env: TurnEnv, c: LiveCluster, r: CommandResult): Promise<boolean> {
  if (r.kind !== 'action-done' || !c.id) return false;
  const base = { teamId: c.team ?? env.turn.team, clusterId: c.id, clusterName: c.name, postTeam: env.turn.team, channelId: env.turn.channel,
    threadTs: env.turn.thread ?? null, userId: env.turn.user, createdAt: env.now, deadline: new Date(env.now.getTime() + FOLLOWUP_WITHIN_MS) };
  const ch = r.change;
  if (ch.action === 'snapshot.create' && !ch.snapshot.readyToUse) {
    await env.store.followups.record({ ...base, kind: 'snapshot-ready', target: `${ch.snapshot.namespace}/${ch.snapshot.name}`, source: ch.snapshot.pvc ?? null });
    return true;
  }
  if (ch.action === 'volume.expand') {
    await env.store.followups.record({ ...base, kind: 'resize-done', target: `${ch.namespace}/${ch.pvc}`, fromBytes: ch.fromBytes ?? null, expectedBytes: ch.toBytes });
    return true;
  }
  return false;
}

async function run(env: TurnEnv, c: LiveCluster, p: Confirm): Promise<CommandResult> {
  const s = c.state();
  if (!s.inventory || s.error) return { kind: 'cluster-unreachable', reason: `${s.error ?? 'not connected yet'}. Nothing was changed.`, cluster: c.name };
  const ctx = await commandContext(c, { store: env.store, team: env.turn.team, channel: env.turn.channel, now: env.now, all: env.clusters,
    current: env.state.cluster, withMutes: true, user: env.turn.user });
  try {
    return await executeAction(p.command, ctx, { by: env.turn.user, ...(p.pin ? { pin: p.pin } : {}) });
  } catch (err: any) {
    return { kind: 'cluster-unreachable', reason: `${err?.message ?? err}. The outcome is unknown: ask me about it again to see.`, cluster: c.name };
  }
}

function outcomeOf(r: CommandResult): AuditOutcome {
  if (r.kind === 'action-done') return 'done';
  if ((r.kind === 'action-failed' && r.stage === 'stale') || r.kind === 'action-denied') return 'refused';
  return 'failed';
}
