// The dialogue manager: one turn = resolve the channel's clusters, load the conversation, understand the message
// with the tenant's vocabulary, answer a pending question or the new one, save the conversation.
import { b } from '../render/format.js';
import { ACTION_INTENTS, runCommand } from '../commands/index.js';
import type { Command, CommandIntent } from '../commands/types.js';
import type { Nlu } from '../nlu/index.js';
import type { Entity, Understanding } from '../nlu/types.js';
import { ACTION_IDS } from '../render/index.js';
import type { Store } from '../store/index.js';
import type { ConversationHandler, Reply, Turn } from './types.js';
import { buildCommand, fill, MISSING, takesVolume } from './build.js';
import { emptyContext, VocabCache, type ClusterResolver } from './clusters.js';
import { carryOut } from './confirm.js';
import type { PolicyLookup } from './permissions.js';
import { TenancyService } from '../tenancy/index.js';
import { allowedOn, ask, execute, runOn, say, toReply, answer, type TurnEnv } from './run.js';
import { conversationKey, DEFAULT_TTL_MS, isPendingFor, loadState, saveState, StateCopies, type DialogueState, type Pending } from './state.js';
import { render } from '../render/index.js';
import { INTENT_LABEL, smallTalk } from './words.js';

export interface DialogueOptions {
  nlu: Nlu;
  store: Store;
  clusters: ClusterResolver;
  now?: () => Date;
  /** conversation expiry (default 30 min) */
  ttlMs?: number;
  /** below this score the dialogue asks which reading was meant (default 0.55) */
  lowConfidence?: number;
  /** conversations whose state this replica keeps a copy of (default 20,000; the store stays the truth) */
  maxCachedConversations?: number;
  /** the actions policy of a cluster for a channel (default: the binding in the store, else 'alerts') */
  policies?: PolicyLookup;
}

export interface Dialogue extends ConversationHandler {
  readonly vocab: VocabCache;
  readonly states: StateCopies;
}

const QUESTION_INTENTS = new Set<string>([
  'volume.list', 'volume.status', 'volume.describe', 'volume.usage', 'volume.replicas', 'volume.events', 'volume.forecast',
  'pool.list', 'pool.status', 'cluster.health', 'cluster.list', 'snapshot.list', 'storageclass.list', 'alert.list',
  'snapshot.create', 'snapshot.delete', 'volume.expand', 'alert.mute', 'alert.unmute', 'manifest.generate', 'context.use',
]);

/** the message without Slack mentions and outer spaces ("<@U123> 2" answers like "2") */
function plainText(text: string): string {
  return text.replace(/<[@#!][^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** words of the message outside its entities: "pg-wal" alone is an answer, "is pg-wal ok" a question */
function wordsOutsideEntities(u: Understanding): number {
  let t = u.text;
  for (const e of u.entities) t = t.split(e.text).join(' ');
  return t.replace(/<[^>]+>/g, ' ').split(/[^a-z0-9]+/i).filter((w) => w.length > 1).length;
}

/** "use staging", "switch to cluster qa-2": a context change by its form alone */
const USE_FORM = /^(?:use|switch to|change to)\s+(?:the\s+)?(?:cluster|namespace|ns|context|ctx)?\s*[a-z0-9][a-z0-9._-]*$/i;

/** Sure enough to answer: not a low score, nor a middling one with a close second reading. */
export function isConfident(u: Understanding, low = 0.55): boolean {
  return u.intent !== 'None' && u.score >= 0.3
    && (u.score >= low || u.score - (u.alternatives.find((a) => a.intent !== u.intent)?.score ?? 0) >= 0.15);
}

export function createDialogue(o: DialogueOptions): Dialogue {
  const vocab = new VocabCache();
  const states = new StateCopies(o.maxCachedConversations ?? 20_000);
  const low = o.lowConfidence ?? 0.55;
  const ttl = o.ttlMs ?? DEFAULT_TTL_MS;
  const tenancy = new TenancyService(o.store);
  const policies: PolicyLookup = o.policies ?? ((team, channel, c) => tenancy.actionPolicy({ teamId: team, channelId: channel }, c.id));

  const confident = (u: Understanding) => isConfident(u, low);
  const freshQuestion = (u: Understanding) => confident(u) && QUESTION_INTENTS.has(u.intent) && wordsOutsideEntities(u) >= 2;

  /**
   * One turn. The state is read from this replica's copy when it has one and written back with the version it
   * was read at: one store round trip. If another replica changed (or the store expired) the conversation in the
   * meantime the write fails, and the turn is done again from the store's state; nothing is sent before.
   */
  async function handle(turn: Turn): Promise<Reply[]> {
    const now = o.now?.() ?? new Date();
    const view = await o.clusters.resolve(turn.team, turn.channel);
    const key = conversationKey(turn.team, turn.channel, turn.thread);
    const ck = `${key.teamId}\u0001${key.channelId}\u0001${key.threadTs ?? ''}`;
    const clusters = view.kind === 'ok' ? view.clusters : [];
    const index = clusters.length ? vocab.get(clusters) : undefined;
    const u = turn.action ? undefined : o.nlu.understand(turn.text ?? '', index);
    let copy = states.get(ck);
    for (let attempt = 0; ; attempt++) {
      const loaded = copy ? { state: JSON.parse(copy.json) as DialogueState, version: copy.version } : await loadState(o.store, key);
      const before = copy?.json ?? JSON.stringify(loaded.state);
      const env: TurnEnv = { turn, state: loaded.state, clusters, store: o.store, now, intent: u?.intent ?? 'None', entities: u?.entities ?? [],
        policies };
      let replies: Reply[];
      if (view.kind === 'unbound') {
        replies = u && (u.intent === 'help' || u.intent === 'greeting' || u.intent === 'thanks') && confident(u)
          ? [...(await smallOrHelp(env, u)), say(env, view.hint)] : [say(env, view.hint)];
      } else if (turn.action) replies = await onAction(env, turn.action);
      else replies = await onText(env, u!);
      const json = JSON.stringify(env.state);
      // nothing to keep for a conversation that has no row and no state
      if (loaded.version === null && json === before) return replies;
      const r = await o.store.conversations.put(key, env.state, { expectedVersion: loaded.version, ttlMs: ttl });
      if (r.ok) { states.set(ck, { json, version: r.version }); return replies; }
      states.delete(ck);
      if (copy && attempt === 0) { copy = undefined; continue; }   // our copy was stale: again from the store
      // two turns of one conversation at once on two replicas: the later write wins
      await saveState(o.store, key, env.state, r.currentVersion, ttl);
      return replies;
    }
  }

  async function smallOrHelp(env: TurnEnv, u: Understanding): Promise<Reply[]> {
    if (u.intent === 'help') return [toReply(env, render(await runCommand({ intent: 'help' }, emptyContext(env.now)), { now: env.now }))];
    return [say(env, smallTalk(u.intent))];
  }

  /** A button press: it answers the pending question of the user who presses it. */
  async function onAction(env: TurnEnv, action: { id: string; value: string }): Promise<Reply[]> {
    const p = env.state.pending;
    if (!p) return [say(env, 'That question is no longer open. Ask me again?')];
    if (p.user !== env.turn.user) {
      // a raw mention (the renderer would escape it)
      const text = `That question was for <@${p.user}>.`;
      return [{ intent: env.intent, entities: [], text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }], ephemeral: true }];
    }
    if (action.id === ACTION_IDS.cancel) return cancel(env);
    if (action.id === ACTION_IDS.confirm) {
      if (p.kind !== 'confirm' || action.value !== p.id) return [say(env, 'That plan is no longer the open one. Ask me again?')];
      return confirmed(env, p);
    }
    if (action.id.startsWith(ACTION_IDS.choicePrefix)) return choose(env, p, action.value);
    return [say(env, 'I did not understand that button.')];
  }

  function cancel(env: TurnEnv): Reply[] {
    const had = env.state.pending;
    delete env.state.pending;
    return [say(env, had ? 'OK, cancelled. Nothing was changed.' : 'Nothing to cancel.', 'cancel')];
  }

  /** the asker's yes (typed or pressed): carry the plan out, re-checked against the cluster as it is now */
  const confirmed = (env: TurnEnv, p: Extract<Pending, { kind: 'confirm' }>): Promise<Reply[]> => carryOut(env, p);

  /** An answer to a pending question (typed or pressed): the chosen value. */
  async function choose(env: TurnEnv, p: Pending, value: string): Promise<Reply[]> {
    delete env.state.pending;
    switch (p.kind) {
      case 'slot': {
        const cmd = fill(p.command, value);
        return execute({ ...env, intent: cmd.intent, entities: env.entities.filter((e) => e.type !== 'cluster') }, cmd);
      }
      case 'intent': {
        const intent = value as CommandIntent;
        return question({ ...env, intent, entities: p.entities }, intent, p.text);
      }
      case 'cluster': {
        const run = value === '*' ? env.clusters : env.clusters.filter((c) => c.name === value);
        if (!run.length) return [say(env, `I don't see cluster ${b(value)} from this channel.`)];
        if (p.use) {
          if (value === '*') delete env.state.cluster; else env.state.cluster = value;
          return [say(env, `OK, using ${value === '*' ? 'all clusters' : `cluster ${b(value)}`} in this conversation.`, 'context.use')];
        }
        const e2 = { ...env, intent: p.command.intent };
        return [answer(e2, p.command, await runOn(e2, p.command, run))];
      }
      case 'confirm':
        return confirmed(env, p);
    }
  }

  /** The value a typed message gives for a pending question, if it answers it. */
  function typedChoice(u: Understanding, p: Pending): string | undefined {
    const text = plainText(u.text).replace(/[.!?]+$/, '');
    const n = /^(?:#|number |no\.? ?)?(\d{1,2})$/i.exec(text) ?? /^the (first|second|third|fourth|fifth)( one)?$/i.exec(text);
    if (n && 'options' in p) {
      const i = /^\d+$/.test(n[1]!) ? Number(n[1]) - 1 : ['first', 'second', 'third', 'fourth', 'fifth'].indexOf(n[1]!.toLowerCase());
      return p.options[i]?.value;
    }
    if ('options' in p) {
      const said = text.toLowerCase();
      const hit = p.options.find((o) => o.value.toLowerCase() === said || o.label.toLowerCase() === said);
      if (hit) return hit.value;
      if (p.kind === 'cluster' && /^(all|both|every|all of them|everywhere)\b/i.test(text)) return '*';
      if (u.intent === 'confirm' && p.options.length >= 1 && p.kind !== 'cluster') return p.options[0]!.value;
    }
    if (p.kind === 'slot') {
      const e = u.entities.find((x) => x.type === p.slot);
      if (e) return e.source === 'fuzzy' ? e.text : String(e.value);
      // a bare name the vocabulary does not know: still the answer ("Did you mean ...?" follows)
      if (/^[a-z0-9][a-z0-9._/-]*$/i.test(text) && !confident(u)) return text;
    }
    if (p.kind === 'cluster') {
      const e = u.entities.find((x) => x.type === 'cluster');
      if (e) return String(e.value);
    }
    return undefined;
  }

  async function onText(env: TurnEnv, u: Understanding): Promise<Reply[]> {
    const p = env.state.pending;
    if (isPendingFor(p, env.turn.user)) {
      if (u.intent === 'cancel' && confident(u)) return cancel(env);
      if (u.intent === 'help' && confident(u)) { delete env.state.pending; return smallOrHelp(env, u); }
      if (p.kind === 'confirm') {
        if (u.intent === 'confirm' && confident(u)) return confirmed(env, p);
        if (!freshQuestion(u)) return [say(env, `Reply ${b('yes')} to confirm or ${b('cancel')}. (${p.title.replace(/^[*_]+|[*_]+$/g, '')})`)];
        delete env.state.pending;
      } else {
        const v = typedChoice(u, p);
        if (v !== undefined && !freshQuestion(u)) return choose(env, p, v);
        // "restart the nginx deployment" while "Did you mean mysql-data?" is open: not an answer, a new message
        const elsewhere = u.intent === 'None' && u.score >= low && wordsOutsideEntities(u) >= 3;
        if (!freshQuestion(u) && !confident(u) && !elsewhere) {
          const opts = 'options' in p ? p.options : [];
          return [ask(env, `Sorry, which one? Pick one below, or say ${b('cancel')}.`, opts)];
        }
        delete env.state.pending;
      }
    }
    // another user's message, or no question open: a fresh question (a pending one stays for its user)
    return fresh(env, u);
  }

  async function fresh(env: TurnEnv, u: Understanding): Promise<Reply[]> {
    const st = env.state;
    const last = st.last;
    const text = plainText(u.text);
    // "the other one" / "the second one": from the last list, with the last intent
    const pick = /^(?:and |what about |how about )?(?:the )?(other|first|second|third|last) one\b/i.exec(text);
    if (pick && last?.list?.length) {
      const list = last.list;
      const i = { first: 0, second: 1, third: 2, last: list.length - 1 }[pick[1]!.toLowerCase() as 'first'];
      const others = list.filter((x) => x !== last.volume && x !== last.pool && !x.endsWith(`/${last.volume}`));
      const name = pick[1]!.toLowerCase() === 'other' ? (others.length === 1 ? others[0] : undefined) : list[i];
      const intent = takesVolume(last.intent) || last.intent === 'pool.status' ? last.intent : (last.listKind === 'pool' ? 'pool.status' : 'volume.status');
      const cmd = buildCommand(intent, [], { ...st, last: undefined }, '').command;
      if (name) return execute({ ...env, intent }, fill(cmd, name));
      if (others.length > 1) {
        const options = others.slice(0, 5).map((n) => ({ label: n, value: n }));
        st.pending = { kind: 'slot', user: env.turn.user, slot: last.listKind ?? 'volume', command: cmd, options };
        return [ask(env, 'Which one?', options, intent)];
      }
    }
    // "what about pg-wal?" / "and mysql-data": the last question again, about another volume
    const named = u.entities.find((e) => e.type === 'volume' || e.type === 'pool');
    if (named && last && /^(and|what about|how about|same for|also|now)\b/i.test(text)
      && ((named.type === 'volume' && takesVolume(last.intent)) || (named.type === 'pool' && last.intent === 'pool.status'))) {
      return question({ ...env, intent: last.intent }, last.intent, text);
    }
    // a bare name after a question about another: the same question about this one
    if (named && last && wordsOutsideEntities(u) === 0
      && ((named.type === 'volume' && takesVolume(last.intent)) || (named.type === 'pool' && last.intent === 'pool.status'))) {
      return question({ ...env, intent: last.intent }, last.intent, text);
    }
    // "use staging", "switch to cluster qa-2": the form alone says context.use, even for a name the model never saw
    if (u.intent !== 'context.use' && USE_FORM.test(text.trim())) return useContext(env, { ...u, intent: 'context.use' });
    if (!confident(u)) {
      const opts = u.alternatives.filter((a) => a.score >= 0.05 && a.intent in INTENT_LABEL).slice(0, 3);
      if (opts.length && (u.intent !== 'None' || opts[0]!.score >= 0.2)) {
        const options = opts.map((a) => ({ label: INTENT_LABEL[a.intent]!, value: a.intent }));
        st.pending = { kind: 'intent', user: env.turn.user, options, entities: u.entities, text };
        return [ask(env, "I'm not sure what you mean. Did you want:", options)];
      }
      return [say(env, `Sorry, I can only help with OpenEBS storage: volumes, pools, snapshots, alerts. Say ${b('help')} for examples.`)];
    }
    switch (u.intent) {
      case 'greeting': case 'thanks': return smallOrHelp(env, u);
      case 'help': return smallOrHelp(env, u);
      case 'cancel': return cancel(env);
      case 'confirm': return [say(env, 'Nothing is waiting for a yes. What would you like to know?')];
      case 'context.use': return useContext(env, u);
      default: return u.intent === 'None' ? [] : question(env, u.intent, text);
    }
  }

  /** A question (or action) with an intent: build the command, ask for what is missing, run it. */
  async function question(env: TurnEnv, intent: CommandIntent | 'context.use', text: string): Promise<Reply[]> {
    if (intent === 'context.use') return useContext(env, { text, intent, score: 1, entities: env.entities, alternatives: [] });
    // a name matched fuzzily is looked up as written, so that the answer says "I don't see X. Did you mean Y?"
    const entities: Entity[] = env.entities.map((e) => (e.source === 'fuzzy' && e.type !== 'cluster' ? { ...e, value: e.text } : e));
    const built = buildCommand(intent, entities, env.state, text);
    if (built.ok) return execute({ ...env, intent }, built.command);
    // "expand it" in a read-only channel: say so now rather than ask which volume and then refuse
    if (ACTION_INTENTS.includes(built.command.intent)) {
      const scope = env.state.cluster ? env.clusters.filter((c) => c.name === env.state.cluster) : env.clusters;
      const open = await allowedOn(env, built.command, scope);
      if ('refused' in open) return [answer({ ...env, intent }, built.command, [open.refused])];
    }
    if (built.missing === 'size') return [say(env, 'To what size? For example "expand mysql-data to 80Gi" or "by 10Gi".', intent)];
    const options = candidates(env, built.missing);
    env.state.pending = { kind: 'slot', user: env.turn.user, slot: built.missing, command: built.command, options };
    return [ask(env, `Which ${built.missing}?`, options, intent)];
  }

  /** likeliest candidates for a missing slot: the worst volumes first (what people ask about), or the last list */
  function candidates(env: TurnEnv, slot: 'volume' | 'pool' | 'snapshot'): { label: string; value: string }[] {
    const last = env.state.last;
    if (last?.list?.length && last.listKind === slot) return last.list.slice(0, 5).map((n) => ({ label: n, value: n }));
    const inv = env.clusters.map((c) => c.state().inventory).find((i) => i);
    if (!inv) return [];
    if (slot === 'pool') return inv.pools.slice(0, 5).map((p) => ({ label: p.id, value: p.id }));
    if (slot === 'snapshot') return inv.snapshots.slice(0, 5).map((s) => ({ label: s.name, value: s.name }));
    const rank = (h: string) => ['Faulted', 'Offline', 'Degraded', 'Rebuilding', 'Pending', 'Unknown', 'Healthy'].indexOf(h);
    const ns = env.state.namespace;
    return inv.volumes.filter((v) => !ns || v.pvc?.namespace === ns)
      .slice().sort((a, b) => rank(a.health) - rank(b.health) || (b.usedPct ?? 0) - (a.usedPct ?? 0)).slice(0, 5)
      .map((v) => ({ label: v.pvc?.name ?? v.id, value: v.pvc ? `${v.pvc.namespace}/${v.pvc.name}` : v.id }));
  }

  /** "use prod-west", "switch to namespace payments", "use all clusters" */
  async function useContext(env: TurnEnv, u: Understanding): Promise<Reply[]> {
    const st = env.state;
    const cl = env.entities.find((e) => e.type === 'cluster');
    const ns = env.entities.find((e) => e.type === 'namespace');
    const said: string[] = [];
    if (cl) {
      const c = env.clusters.find((x) => x.name === String(cl.value));
      if (!c) return [say(env, `I don't see cluster ${b(cl.text)} from this channel. It sees ${env.clusters.map((x) => x.name).join(', ')}.`)];
      st.cluster = c.name;
      said.push(`cluster ${b(c.name)}`);
    } else if (/\b(all|every|both)\b.*\bclusters?\b/i.test(u.text)) {
      delete st.cluster;
      said.push(`all clusters (${env.clusters.map((x) => x.name).join(', ')})`);
    }
    if (ns) { st.namespace = String(ns.value); said.push(`namespace ${b(st.namespace)}`); }
    else if (/\b(all|every|any) namespaces?\b/i.test(u.text)) { delete st.namespace; said.push('all namespaces'); }
    if (!said.length) {
      // "use staging" where staging is not a name this channel knows
      const m = /\b(?:use|switch to|change to|go to)\s+(?:the\s+)?(?:cluster\s+|namespace\s+|ns\s+)?([a-z0-9][a-z0-9._-]*)\s*$/i.exec(u.text.trim());
      if (m && !/^(all|every|both|it|that|this)$/i.test(m[1]!)) {
        return [say(env, `I don't see cluster or namespace ${b(m[1])} from this channel. It sees ${env.clusters.map((x) => x.name).join(', ')}.`)];
      }
      const options = env.clusters.map((c) => ({ label: c.name, value: c.name }));
      if (options.length > 1) {
        st.pending = { kind: 'cluster', user: env.turn.user, command: { intent: 'cluster.list' }, options, use: true };
      }
      return [ask(env, `Which cluster or namespace? This channel sees ${env.clusters.map((c) => c.name).join(', ')}${st.cluster ? ` (using ${st.cluster})` : ''}.`, options.length > 1 ? options : [])];
    }
    return [say(env, `OK, using ${said.join(' and ')} in this conversation.`, 'context.use')];
  }

  return { handle, vocab, states };
}

export { MISSING, ACTION_INTENTS };
export type { Command };
