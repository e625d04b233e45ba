// Conversation state: what the dialogue remembers between turns of one conversation (team + channel, plus the
// thread inside a thread). It lives in the store with an expiry so that any replica can take the next message;
// it is small JSON (names, not records) so that 10,000 live conversations cost little.
import type { ActionPin } from '../commands/execute.js';
import type { Command, CommandIntent } from '../commands/types.js';
import type { Entity, InScopeIntent } from '../nlu/types.js';
import type { Store } from '../store/index.js';
import type { ConversationKey } from '../store/records.js';

export interface Choice { label: string; value: string }

/** A question the bot asked and is waiting on; it belongs to the user it was asked of. */
export type Pending =
  /** "Which volume?": `command` is complete but for the slot, which the answer fills */
  | { kind: 'slot'; user: string; slot: 'volume' | 'pool' | 'snapshot'; command: Command; options: Choice[]; cluster?: string }
  /** low confidence: which of these readings did you mean (the entities come along) */
  | { kind: 'intent'; user: string; options: Choice[]; entities: Entity[]; text: string }
  /** an action plan waiting for "yes" or Confirm: `command` is pinned to the plan (its snapshot name, its absolute
   *  size) and `pin` holds what the plan was built on, both checked again before anything is written */
  | { kind: 'confirm'; user: string; id: string; command: Command; cluster: string; title: string; pin?: ActionPin;
      /** when the plan was shown (ISO): a yes long after it is not taken */
      at?: string }
  /** several clusters see the question: which one (or all) */
  | { kind: 'cluster'; user: string; command: Command; options: Choice[]; use?: boolean };

export interface LastAnswer {
  intent: CommandIntent;
  /** the volume / pool the last answer was about (a query that finds it again) */
  volume?: string;
  pool?: string;
  /** the names of the last list (volumes, suggestions, candidates), for "the other one" / "the second one" */
  list?: string[];
  listKind?: 'volume' | 'pool' | 'snapshot';
  cluster?: string;
}

export interface DialogueState {
  /** context.use */
  cluster?: string;
  namespace?: string;
  last?: LastAnswer;
  pending?: Pending;
}

export const DEFAULT_TTL_MS = 30 * 60_000;

export function conversationKey(team: string, channel: string, thread?: string): ConversationKey {
  return { teamId: team, channelId: channel, threadTs: thread || null };
}

/** Loads the state with its version (for an optimistic write). */
export async function loadState(store: Store, key: ConversationKey): Promise<{ state: DialogueState; version: number | null }> {
  const c = await store.conversations.get<DialogueState>(key);
  return c ? { state: c.state ?? {}, version: c.version } : { state: {}, version: null };
}

/**
 * Saves the state. Two replicas may race on one conversation: the later write wins (the newest message's
 * context is the one the user expects), retried once after a conflict.
 */
export async function saveState(store: Store, key: ConversationKey, state: DialogueState, version: number | null, ttlMs = DEFAULT_TTL_MS): Promise<void> {
  const r = await store.conversations.put(key, state, { expectedVersion: version, ttlMs });
  if (r.ok) return;
  await store.conversations.put(key, state, { expectedVersion: r.currentVersion, ttlMs });
}

export function isPendingFor(p: Pending | undefined, user: string): p is Pending {
  return !!p && p.user === user;
}

export type { InScopeIntent };

/** This replica's copies of recent conversation states (JSON and version), least recently used dropped first. */
export class StateCopies {
  private map = new Map<string, { json: string; version: number }>();
  constructor(private readonly max: number) {}
  get(k: string): { json: string; version: number } | undefined {
    const v = this.map.get(k);
    if (v) { this.map.delete(k); this.map.set(k, v); }
    return v;
  }
  set(k: string, v: { json: string; version: number }): void {
    if (this.max <= 0) return;
    this.map.delete(k);
    this.map.set(k, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
  delete(k: string): void { this.map.delete(k); }
  get size(): number { return this.map.size; }
}
