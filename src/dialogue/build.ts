// Understanding + conversation context -> a typed Command, or the slot that is missing. The dialogue owns slot
// filling: NLP.js only classifies; names come from the entities, else from the last answer ("its replicas").
import type { Command, CommandIntent, HealthFilter, ManifestKind, MuteTarget, PoolFilter, VolumeFilter, VolumeQuery } from '../commands/types.js';
import type { Engine, Health } from '../openebs/types.js';
import type { Entity, EntityType } from '../nlu/types.js';
import type { DialogueState } from './state.js';

export type Built =
  | { ok: true; command: Command }
  /** the command needs a name it does not have: ask, then put the answer into `command` */
  | { ok: false; missing: 'volume' | 'pool' | 'snapshot'; command: Command }
  | { ok: false; missing: 'size'; command: Command };

const HEALTH: Record<string, HealthFilter> = {
  healthy: 'Healthy', degraded: 'Degraded', offline: 'Offline', faulted: 'Faulted', rebuilding: 'Rebuilding',
  pending: 'Pending', unhealthy: 'unhealthy',
};

const first = (es: Entity[], t: EntityType): Entity | undefined => es.find((e) => e.type === t);
const str = (e: Entity | undefined): string | undefined => (e === undefined ? undefined : String(e.value));

/** "it", "its", "this one", "that volume": the message points back at the last answer */
export function refersBack(text: string): boolean {
  return /\b(it|its|it's|this|that|same|there|them|those|these)\b/i.test(text);
}

/** A scope (node, pool, namespace, engine, class, state) or a plural, and nothing pointing back at one volume. */
function aboutMany(es: Entity[], text: string): boolean {
  if (/\b(it|its|it's|this one|that one)\b/i.test(text)) return false;
  const scoped = es.some((e) => ['node', 'pool', 'namespace', 'engine', 'storageclass'].includes(e.type));
  return scoped || /\b(volumes|vols|pvs|pvcs|everything|all of them|every volume|any volume)\b/i.test(text);
}

/** Placeholder for a slot the user has not given yet (replaced by fill()). */
export const MISSING = '(missing)';

export function volumeFilter(es: Entity[], state: DialogueState): VolumeFilter {
  const f: VolumeFilter = {};
  const ns = str(first(es, 'namespace')) ?? state.namespace;
  if (ns) f.namespace = ns;
  const engine = str(first(es, 'engine'));
  if (engine) f.engine = engine as Engine;
  const health = str(first(es, 'health'));
  if (health && HEALTH[health]) f.health = HEALTH[health];
  const node = str(first(es, 'node'));
  if (node) f.node = node;
  const pool = str(first(es, 'pool'));
  if (pool) f.pool = pool;
  const sc = str(first(es, 'storageclass'));
  if (sc) f.storageClass = sc;
  return f;
}

function poolFilter(es: Entity[]): PoolFilter {
  const f: PoolFilter = {};
  const engine = str(first(es, 'engine'));
  if (engine) f.engine = engine as Engine;
  const node = str(first(es, 'node'));
  if (node) f.node = node;
  const health = str(first(es, 'health'));
  if (health === 'healthy') f.status = 'Online';
  else if (health === 'offline' || health === 'faulted' || health === 'degraded' || health === 'pending') f.status = (health[0]!.toUpperCase() + health.slice(1)) as Health as PoolFilter['status'];
  else if (health) f.status = 'unhealthy';
  return f;
}

function manifestKind(text: string): ManifestKind {
  if (/\b(storage ?class|sc)\b/i.test(text)) return 'storageclass';
  if (/\bsnap(shot)?s?\b/i.test(text)) return 'volumesnapshot';
  return 'pvc';
}

/**
 * The command for an intent. `named` says whether the message itself named the object (else the context did,
 * or nobody did and the slot is missing).
 */
export function buildCommand(intent: CommandIntent, es: Entity[], state: DialogueState, text: string): Built {
  const volE = first(es, 'volume');
  const nsE = first(es, 'namespace');
  const last = state.last;
  // a volume from the message, else the last one talked about
  const volume = (): VolumeQuery | undefined => {
    if (volE) return { query: String(volE.value), ...(nsE ? { namespace: String(nsE.value) } : {}) };
    if (last?.volume) return { query: last.volume };
    return undefined;
  };
  // fleet-wide forms ("which volumes are fullest") unless the message points back or names one
  const optionalVolume = (): VolumeQuery | undefined => {
    if (volE) return volume();
    if (last?.volume && refersBack(text) && !/\b(volumes|all|every|fullest|most|top)\b/i.test(text)) return { query: last.volume };
    return undefined;
  };
  const need = (command: Command): Built => ({ ok: false, missing: 'volume', command });
  const limit = (): number | undefined => {
    const m = /\btop\s+(\d{1,3})\b/i.exec(text);
    return m ? Number(m[1]) : undefined;
  };
  switch (intent) {
    case 'volume.list': return { ok: true, command: { intent, filter: volumeFilter(es, state), ...(limit() ? { limit: limit() } : {}) } };
    case 'volume.status': case 'volume.describe': case 'volume.replicas': case 'volume.events': {
      // "show me everything on node storage-2", "any volumes without replicas": about many volumes, not the last one
      if (!volE && aboutMany(es, text)) {
        return { ok: true, command: { intent: 'volume.list', filter: volumeFilter(es, state), ...(limit() ? { limit: limit() } : {}) } };
      }
      const v = volume();
      return v ? { ok: true, command: { intent, volume: v } as Command } : need({ intent, volume: { query: MISSING } } as Command);
    }
    case 'volume.usage': case 'volume.forecast': {
      const v = optionalVolume();
      // "how full is it" with nothing to point back at: ask which volume
      if (!v && /\b(it|its|it's)\b/i.test(text) && !/\b(volumes|all|every)\b/i.test(text)) return need({ intent, volume: { query: MISSING } });
      const filter = volumeFilter(es, state);
      return { ok: true, command: v ? { intent, volume: v } : { intent, filter, ...(limit() ? { limit: limit() } : {}) } };
    }
    case 'pool.list': return { ok: true, command: { intent, filter: poolFilter(es) } };
    case 'pool.status': {
      const p = str(first(es, 'pool')) ?? (refersBack(text) ? last?.pool : undefined);
      return p ? { ok: true, command: { intent, pool: p } } : { ok: false, missing: 'pool', command: { intent, pool: MISSING } };
    }
    case 'cluster.health': return { ok: true, command: { intent } };
    case 'cluster.list': return { ok: true, command: { intent } };
    case 'snapshot.list': {
      const v = optionalVolume();
      const ns = str(nsE) ?? state.namespace;
      return { ok: true, command: { intent, ...(v ? { volume: v } : {}), ...(ns && !v ? { namespace: ns } : {}) } };
    }
    case 'storageclass.list': {
      const engine = str(first(es, 'engine'));
      return { ok: true, command: { intent, ...(engine ? { engine: engine as Engine } : {}) } };
    }
    case 'alert.list': {
      const filter = volumeFilter(es, state);
      return { ok: true, command: { intent, ...(Object.keys(filter).length ? { filter } : {}) } };
    }
    case 'help': return { ok: true, command: { intent } };
    case 'snapshot.create': {
      const v = volume();
      return v ? { ok: true, command: { intent, volume: v } } : need({ intent, volume: { query: MISSING } });
    }
    case 'snapshot.delete': {
      const s = str(first(es, 'snapshot'));
      const ns = str(nsE);
      return s ? { ok: true, command: { intent, snapshot: s, ...(ns ? { namespace: ns } : {}) } }
        : { ok: false, missing: 'snapshot', command: { intent, snapshot: MISSING } };
    }
    case 'volume.expand': {
      const v = volume();
      const size = first(es, 'size');
      const command: Command = { intent, volume: v ?? { query: MISSING }, sizeBytes: size ? Number(size.value) : 0, relative: !!size?.relative };
      if (!v) return need(command);
      if (!size) return { ok: false, missing: 'size', command };
      return { ok: true, command };
    }
    case 'alert.mute': case 'alert.unmute': {
      const pool = str(first(es, 'pool'));
      const target: MuteTarget = volE ? { kind: 'volume', name: String(volE.value) } : pool ? { kind: 'pool', name: pool } : { kind: 'all' };
      const d = first(es, 'duration');
      return { ok: true, command: intent === 'alert.mute' ? { intent, target, ...(d ? { durationSeconds: Number(d.value) } : {}) } : { intent, target } };
    }
    case 'manifest.generate': {
      const size = first(es, 'size');
      const replicas = first(es, 'replicas');
      const engine = str(first(es, 'engine'));
      const sc = str(first(es, 'storageclass'));
      return { ok: true, command: { intent, spec: {
        kind: manifestKind(text),
        ...(str(nsE) ? { namespace: str(nsE) } : {}),
        ...(engine ? { engine: engine as Engine } : {}),
        ...(sc ? { storageClass: sc } : {}),
        ...(size ? { sizeBytes: Number(size.value) } : {}),
        ...(replicas ? { replicas: Number(replicas.value) } : {}),
        ...(volE ? { volume: String(volE.value) } : {}),
      } } };
    }
  }
}

/** Puts the user's answer into the missing slot. */
export function fill(command: Command, value: string): Command {
  switch (command.intent) {
    case 'pool.status': return { ...command, pool: value };
    case 'snapshot.delete': return { ...command, snapshot: value };
    default:
      if ('volume' in command) return { ...command, volume: { query: value } } as Command;
      return command;
  }
}

/** The volume / pool query a command is about (for "which cluster has it" and the context). */
export function subjectOf(command: Command): { kind: 'volume' | 'pool' | 'snapshot'; query: string } | undefined {
  if ('volume' in command && command.volume && typeof command.volume === 'object') return { kind: 'volume', query: command.volume.query };
  if (command.intent === 'pool.status') return { kind: 'pool', query: command.pool };
  if (command.intent === 'snapshot.delete') return { kind: 'snapshot', query: command.snapshot };
  return undefined;
}

/** Which entity types an intent takes as its subject (for "what about X" follow-ups). */
export function takesVolume(intent: CommandIntent): boolean {
  return ['volume.status', 'volume.describe', 'volume.replicas', 'volume.events', 'volume.usage', 'volume.forecast',
    'snapshot.list', 'snapshot.create', 'volume.expand'].includes(intent);
}
