// The contract of the understanding step. Other tools depend on these names: keep them.

export const INTENTS = [
  'volume.list', 'volume.status', 'volume.describe', 'volume.usage', 'volume.replicas', 'volume.events',
  'volume.forecast', 'pool.list', 'pool.status', 'cluster.health', 'cluster.list', 'snapshot.list',
  'storageclass.list', 'snapshot.create', 'snapshot.delete', 'volume.expand', 'alert.list', 'alert.mute',
  'alert.unmute', 'manifest.generate', 'context.use', 'help', 'greeting', 'thanks', 'confirm', 'cancel',
] as const;
export type InScopeIntent = (typeof INTENTS)[number];
export type Intent = InScopeIntent | 'None';

/** Names that come from a per-tenant vocabulary (or from phrasing alone). */
export const NAME_TYPES = ['volume', 'namespace', 'cluster', 'node', 'pool', 'storageclass', 'snapshot'] as const;
export type NameType = (typeof NAME_TYPES)[number];
export const ENTITY_TYPES = [...NAME_TYPES, 'engine', 'health', 'size', 'duration', 'percent', 'replicas'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const ENGINES = ['cstor', 'jiva', 'localpv-hostpath', 'localpv-device', 'localpv-lvm', 'localpv-zfs', 'mayastor'] as const;
export type EngineName = (typeof ENGINES)[number];
export const HEALTHS = ['healthy', 'degraded', 'offline', 'faulted', 'rebuilding', 'pending', 'unhealthy'] as const;
export type HealthName = (typeof HEALTHS)[number];

export interface Entity {
  type: EntityType;
  /** names: the name as written (or the vocabulary's spelling when matched fuzzily); engine/health: canonical value;
   *  size: bytes (integer); duration: seconds; percent: 0-100; replicas: integer. */
  value: string | number;
  /** the text span as the user wrote it */
  text: string;
  start?: number;
  end?: number;
  /** size only: "by 10Gi" is relative */
  relative?: boolean;
  /** where a name came from: the tenant vocabulary (exact or fuzzy) or phrasing alone */
  source?: 'vocab' | 'fuzzy' | 'phrase' | 'pattern';
}

/** Per-tenant names, changing at run time without retraining. `--vocab FILE` uses this shape. */
export type Vocabulary = Partial<Record<NameType, string[]>>;

export interface Understanding {
  text: string;
  intent: Intent;
  score: number;
  entities: Entity[];
  /** the likeliest readings, best first (in-scope intents only), for "did you mean" questions */
  alternatives: { intent: InScopeIntent; score: number }[];
}
