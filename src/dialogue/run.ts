// Running a Command for a conversation: pick the cluster(s), run it, remember what the answer was about, and turn
// "not found" / "which one" / plans into questions the next message (or a button) answers.
import { b } from '../render/format.js';
import { randomBytes } from 'node:crypto';
import { ACTION_INTENTS, findPool, findVolume, pinAction, runCommand } from '../commands/index.js';
import { displayName } from '../commands/lookup.js';
import type { Command, CommandResult } from '../commands/types.js';
import type { Entity, Intent } from '../nlu/types.js';
import { render, renderChoices, renderConfirm, type Rendered } from '../render/index.js';
import type { Store } from '../store/index.js';
import type { Turn, Reply } from '../dialogue/types.js';
import { subjectOf } from './build.js';
import { commandContext, type LiveCluster } from './clusters.js';
import { auditDenied, denied, type PolicyLookup } from './permissions.js';
import type { Choice, DialogueState } from './state.js';

/** Everything one turn works with. `state` is changed in place and saved after the turn. */
export interface TurnEnv {
  turn: Turn;
  state: DialogueState;
  clusters: LiveCluster[];
  store: Store;
  now: Date;
  intent: Intent;
  entities: Entity[];
  /** the actions policy of a cluster for this channel, read now */
  policies: PolicyLookup;
}

export const toReply = (env: Pick<TurnEnv, 'intent' | 'entities'>, r: Rendered, intent: Intent = env.intent): Reply =>
  ({ intent, entities: env.entities, text: r.text, blocks: r.blocks });

/** A plain sentence (marks from render/format allowed) as a Reply. */
export const say = (env: Pick<TurnEnv, 'intent' | 'entities'>, text: string, intent?: Intent): Reply => toReply(env, renderChoices(text, []), intent);

export const ask = (env: Pick<TurnEnv, 'intent' | 'entities'>, question: string, options: Choice[], intent?: Intent): Reply =>
  toReply(env, renderChoices(question, options), intent);

/** Which of the channel's clusters a command runs on: one, all, or a question. */
export function pickClusters(env: TurnEnv, command: Command): { run: LiveCluster[] } | { unknown: string } | { ask: LiveCluster[] } {
  const all = env.clusters;
  const named = env.entities.find((e) => e.type === 'cluster');
  if (named) {
    const c = all.find((x) => x.name === String(named.value));
    return c ? { run: [c] } : { unknown: String(named.value) };
  }
  if (env.state.cluster) {
    const c = all.find((x) => x.name === env.state.cluster);
    if (c) return { run: [c] };
    delete env.state.cluster;          // unbound since: forget it
  }
  if (all.length <= 1 || command.intent === 'cluster.list') return { run: all.slice(0, 1) };
  const subject = subjectOf(command);
  if (subject && subject.kind !== 'snapshot') {
    // the clusters that know the name; one of them: no need to ask
    const have = all.filter((c) => {
      const inv = c.state().inventory;
      if (!inv) return false;
      return subject.kind === 'volume' ? findVolume(inv, { query: subject.query }).ok : findPool(inv, subject.query).ok;
    });
    if (have.length === 1) return { run: have };
    if (have.length > 1) return { ask: have };
  }
  if (ACTION_INTENTS.includes(command.intent)) return { ask: all };
  return { run: all };
}

/** `allowed`: allowedOn() has just checked the policy of these clusters in this turn (no second read). */
export async function runOn(env: TurnEnv, command: Command, clusters: LiveCluster[], allowed = false): Promise<CommandResult[]> {
  return Promise.all(clusters.map(async (c) => {
    const s = c.state();
    if (!s.inventory || s.error) return { kind: 'cluster-unreachable', reason: s.error ?? 'not connected yet', cluster: c.name } as CommandResult;
    // an action this channel or user may not have done is refused before any plan: nobody confirms what they cannot do
    const no = allowed ? null : await denied(env, c, command, 'plan');
    if (no) {
      // the refusal stands even if its audit row cannot be written: it changed nothing
      await auditDenied(env, c, no).catch(() => undefined);
      return no;
    }
    const ctx = await commandContext(c, { store: env.store, team: env.turn.team, channel: env.turn.channel, now: env.now, all: env.clusters,
      current: env.state.cluster, withMutes: command.intent.startsWith('alert.') || command.intent === 'cluster.health' });
    try {
      return await runCommand(command, ctx);
    } catch (err: any) {
      return { kind: 'cluster-unreachable', reason: err?.message ?? String(err), cluster: c.name } as CommandResult;
    }
  }));
}

/**
 * The clusters among `clusters` where this user may run the action `command` (its target may still be unknown),
 * or, when it is allowed on none, the first refusal (audited like a refusal at the plan).
 */
export async function allowedOn(env: TurnEnv, command: Command, clusters: LiveCluster[]):
  Promise<{ allowed: LiveCluster[] } | { refused: CommandResult }> {
  const allowed: LiveCluster[] = [];
  let first: { c: LiveCluster; no: NonNullable<Awaited<ReturnType<typeof denied>>> } | undefined;
  for (const c of clusters) {
    const no = await denied(env, c, command, 'plan');
    if (!no) allowed.push(c);
    else first ??= { c, no };
  }
  if (allowed.length || !first) return { allowed };
  await auditDenied(env, first.c, first.no).catch(() => undefined);
  return { refused: first.no };
}

/** Runs a command where it belongs and answers; may leave a question pending. */
export async function execute(env: TurnEnv, command: Command): Promise<Reply[]> {
  const picked = pickClusters(env, command);
  if ('unknown' in picked) {
    return [say(env, `I don't see cluster ${b(picked.unknown)} from this channel. It sees ${env.clusters.map((c) => c.name).join(', ')}.`)];
  }
  if ('ask' in picked) {
    // an action: offer only the clusters where this user may do it; none: say why now, one: no need to ask
    let among = picked.ask;
    if (ACTION_INTENTS.includes(command.intent)) {
      const open = await allowedOn(env, command, among);
      if ('refused' in open) return [answer(env, command, [open.refused])];
      among = open.allowed;
      if (among.length === 1) return [answer(env, command, await runOn(env, command, among, true))];
    }
    const options = among.map((c) => ({ label: c.name, value: c.name }));
    if (!ACTION_INTENTS.includes(command.intent)) options.push({ label: 'all of them', value: '*' });
    env.state.pending = { kind: 'cluster', user: env.turn.user, command, options };
    return [ask(env, 'Which cluster?', options, command.intent)];
  }
  const results = await runOn(env, command, picked.run);
  return [answer(env, command, results)];
}

/** Renders results and updates the context: the last subject, the last list, and questions left open. */
export function answer(env: TurnEnv, command: Command, results: CommandResult[]): Reply {
  const st = env.state;
  const intent = command.intent;
  const one = results.length === 1 ? results[0]! : undefined;
  // the last list survives answers about one of its items ("the other one" after "is redis-cache ok")
  const prev = st.last;
  st.last = { intent, ...(prev?.volume ? { volume: prev.volume } : {}), ...(prev?.pool ? { pool: prev.pool } : {}),
    ...(prev?.list ? { list: prev.list, listKind: prev.listKind } : {}), ...(one ? { cluster: one.cluster } : {}) };
  if (one) {
    switch (one.kind) {
      case 'not-found': case 'ambiguous': {
        const options = one.kind === 'not-found' ? one.suggestions.map((s) => ({ label: s, value: s })) : one.candidates;
        const slot = one.what === 'volume' || one.what === 'pool' || one.what === 'snapshot' ? one.what : undefined;
        st.last = { ...st.last, list: options.map((o) => o.value), listKind: slot === 'snapshot' ? 'snapshot' : slot ?? 'volume' };
        if (slot && options.length && subjectOf(command)) {
          st.pending = { kind: 'slot', user: env.turn.user, slot, command, options, cluster: one.cluster };
        }
        break;
      }
      case 'plan': {
        if (one.problems.length) break;
        const id = randomBytes(4).toString('hex');
        const r = renderConfirm(one, { value: id });
        // what the user says yes to is this plan: its command pinned (snapshot name, absolute size), not the words
        const pinned = pinAction(one.plan);
        st.pending = { kind: 'confirm', user: env.turn.user, id, command: pinned.command, pin: pinned.pin, cluster: one.cluster,
          title: r.text.split('\n')[0]!, at: env.now.toISOString() };
        if ('volume' in one.plan) st.last.volume = displayName(one.plan.volume);
        return toReply(env, r, intent);
      }
      case 'volume.status': case 'volume.describe': case 'volume.replicas': case 'volume.events':
        st.last.volume = displayName(one.volume);
        break;
      case 'volume.usage': case 'volume.forecast': {
        const vs = one.volumes.map((x) => x.volume);
        if (one.single && vs[0]) st.last.volume = displayName(vs[0]);
        else { st.last.list = vs.map(displayName); st.last.listKind = 'volume'; }
        break;
      }
      case 'volume.list':
        st.last.list = one.volumes.map(displayName);
        st.last.listKind = 'volume';
        if (one.volumes.length === 1) st.last.volume = displayName(one.volumes[0]!);
        break;
      case 'snapshot.list':
        if (one.volume) st.last.volume = displayName(one.volume);
        break;
      case 'pool.status':
        st.last.pool = one.pool.id;
        break;
      case 'pool.list':
        st.last.list = one.pools.map((p) => p.id);
        st.last.listKind = 'pool';
        break;
      default:
    }
  }
  // with several clusters in the channel every answer says which cluster it is about
  return toReply(env, render(results, { now: env.now, ...(results.length > 1 || env.clusters.length > 1 ? { showCluster: true } : {}) }), intent);
}
