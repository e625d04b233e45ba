// The contract between the dialogue manager and the answers: the dialogue turns an Understanding (plus the
// conversation context) into a typed Command, runs it against a CommandContext and renders the CommandResult
// with src/render. Results are data, never text: the renderer alone decides the words.
import type { LiveSnapshot, StorageWrites, WriteFailure } from '../openebs/actions.js';
import type {
  Engine, Health, Inventory, NodeInfo, ObjectRef, Pool, PoolStatus, Replica, Snapshot, StorageClassInfo,
  StorageEvent, Volume,
} from '../openebs/types.js';

// ---------------------------------------------------------------------------------------------- commands

/** "unhealthy" = anything but Healthy (Degraded, Rebuilding, Offline, Faulted, Pending, Unknown);
 *  "attention" = unhealthy, or healthy with a reason (nearly full, a replica on a read-only pool) */
export type HealthFilter = Health | 'unhealthy' | 'attention';

export interface VolumeFilter {
  namespace?: string;
  engine?: Engine;
  health?: HealthFilter;
  node?: string;            // attached node, target node or a replica's node
  pool?: string;
  storageClass?: string;
}

export interface PoolFilter {
  engine?: Engine;
  node?: string;
  /** "unhealthy": not Online or read-only; "attention": also any reason (running low, overcommitted) */
  status?: PoolStatus | 'unhealthy' | 'attention';
  /** "which pools are running low": read-only, nearly full or overcommitted */
  lowSpace?: boolean;
}

/** A volume as the user named it: a PV name, a PVC name, "ns/pvc", or a misspelling of one of them. */
export interface VolumeQuery { query: string; namespace?: string }

export type MuteTarget = { kind: 'all' } | { kind: 'volume' | 'pool'; name: string };

export type ManifestKind = 'pvc' | 'storageclass' | 'volumesnapshot';

export interface ManifestSpec {
  kind: ManifestKind;
  name?: string;
  namespace?: string;
  engine?: Engine;
  storageClass?: string;
  sizeBytes?: number;
  replicas?: number;
  /** VolumeSnapshot: the PVC (or volume name) to snapshot */
  volume?: string;
}

export type Command =
  | { intent: 'volume.list'; filter: VolumeFilter; limit?: number }
  | { intent: 'volume.status'; volume: VolumeQuery }
  | { intent: 'volume.describe'; volume: VolumeQuery }
  /** one volume; with none named, the fullest `limit` (default 10) of those matching the filter */
  | { intent: 'volume.usage'; volume?: VolumeQuery; filter?: VolumeFilter; limit?: number }
  | { intent: 'volume.replicas'; volume: VolumeQuery }
  | { intent: 'volume.events'; volume: VolumeQuery; limit?: number }
  /** one volume; with none named, the volumes that fill soonest */
  | { intent: 'volume.forecast'; volume?: VolumeQuery; filter?: VolumeFilter; limit?: number }
  | { intent: 'pool.list'; filter: PoolFilter; limit?: number }
  | { intent: 'pool.status'; pool: string }
  | { intent: 'cluster.health' }
  | { intent: 'cluster.list' }
  | { intent: 'snapshot.list'; volume?: VolumeQuery; namespace?: string; limit?: number }
  | { intent: 'storageclass.list'; engine?: Engine }
  | { intent: 'alert.list'; filter?: VolumeFilter }
  | { intent: 'help'; topic?: string }
  // actions: planned and checked against the cluster; carried out only after the asker's explicit yes (see
  // execute.ts). manifest.generate is read-only.
  | { intent: 'snapshot.create'; volume: VolumeQuery; snapshotName?: string }
  | { intent: 'snapshot.delete'; snapshot: string; namespace?: string }
  | { intent: 'volume.expand'; volume: VolumeQuery; sizeBytes: number; relative: boolean }
  | { intent: 'alert.mute'; target: MuteTarget; durationSeconds?: number }
  | { intent: 'alert.unmute'; target: MuteTarget }
  | { intent: 'manifest.generate'; spec: ManifestSpec };

export type CommandIntent = Command['intent'];
export type CommandOf<I extends CommandIntent> = Extract<Command, { intent: I }>;

// ---------------------------------------------------------------------------------------------- context

export interface UsagePoint { at: Date; usedBytes: number; capacityBytes: number | null }

/** An active mute (structurally the store's AlertMute, so the dialogue can pass those straight in). */
export interface Mute { target: MuteTarget; until: Date }

export interface ClusterEntry {
  name: string;
  reachable: boolean;
  reason?: string;            // why not reachable
  current?: boolean;          // the one the conversation is using
  fetchedAt?: string;
  volumeCount?: number;
}

export interface ClusterHandle {
  name: string;
  inventory: Inventory;
  /** events about the given objects (any of them), in any order */
  events(refs: ObjectRef[]): Promise<StorageEvent[]>;
}

export interface CommandContext {
  cluster: ClusterHandle;
  /** usage samples of a volume, oldest first */
  usageHistory(volumeId: string): Promise<UsagePoint[]>;
  now: Date;
  /** the clusters this channel sees (cluster.list); defaults to the current one */
  clusters?: ClusterEntry[];
  alerts?: { mutes: Mute[]; write?: MuteWriter };
  /** who asks (a Slack user id): confirmed actions name them in the answer, the audit and the created objects */
  user?: string;
  /** the writes of confirmed actions on this cluster; absent when it cannot be written */
  writes?: StorageWrites;
  /** VolumeSnapshotClasses (the Inventory has none yet); without them a snapshot plan infers the class from
   *  existing snapshots of the same engine, and says so */
  snapshotClasses?: SnapshotClassInfo[];
}

/** This channel's mutes on this cluster, as the dialogue can write them (the store is not the commands'). */
export interface MuteWriter {
  mute(target: MuteTarget, until: Date): Promise<void>;
  /** false when there was no such mute */
  unmute(target: MuteTarget): Promise<boolean>;
}

export interface SnapshotClassInfo { name: string; driver: string; isDefault?: boolean; deletionPolicy?: string }

// ---------------------------------------------------------------------------------------------- results

export interface Forecast {
  /** 'ok' when the fit says something; otherwise why it cannot tell */
  status: 'ok' | 'too-few-samples' | 'too-short' | 'not-growing' | 'no-usage' | 'already-full'
    /** the usage history could not be read (the store failed) */
    | 'history-unavailable';
  fullInSeconds?: number;
  fullAt?: string;             // ISO
  bytesPerDay?: number;
  /** 0..1: R² of the fit, scaled down for few samples or a short window */
  confidence?: number;
  samples: number;
  spanSeconds: number;
  usedBytes?: number;
  capacityBytes?: number;
}

export interface VolumeUsage { volume: Volume; forecast?: Forecast }

export type AlertKind = 'replica-lost' | 'volume-unhealthy' | 'pool-filling' | 'pool-read-only' | 'pool-unhealthy'
  | 'volume-full' | 'volume-filling' | 'node-not-ready' | 'engine-missing';

export interface Alert {
  key: string;                 // stable: "<kind>/<target name>"
  kind: AlertKind;
  severity: 'critical' | 'warning';
  target: { kind: 'volume' | 'pool' | 'node' | 'engine'; name: string };
  message: string;             // the fact ("2 of 3 replicas healthy"), not a sentence with markup
  value?: number;              // percent or seconds, as the kind says
  mutedUntil?: string;
}

export type ActionPlan =
  | { action: 'snapshot.create'; volume: Volume; namespace: string; pvc: string; snapshotName: string;
      snapshotClass?: string; manifest: string }
  | { action: 'snapshot.delete'; snapshot: Snapshot }
  | { action: 'volume.expand'; volume: Volume; fromBytes: number; toBytes: number; storageClass?: string }
  | { action: 'alert.mute'; target: MuteTarget; until: string; durationSeconds: number }
  | { action: 'alert.unmute'; target: MuteTarget };

export type ActionName = ActionPlan['action'];

/** What a confirmed action changed (and on which cluster: the result's `cluster`). */
export type ActionChange =
  | { action: 'snapshot.create'; snapshot: LiveSnapshot }
  | { action: 'snapshot.delete'; snapshot: LiveSnapshot }
  | { action: 'volume.expand'; namespace: string; pvc: string; from: string; to: string; fromBytes?: number; toBytes: number }
  | { action: 'alert.mute'; target: MuteTarget; until: string }
  | { action: 'alert.unmute'; target: MuteTarget };

export interface HelpTopic { intent: string; title: string; examples: string[] }

export type ResultBody =
  | { kind: 'volume.list'; filter: VolumeFilter; total: number; volumes: Volume[]; countsByHealth: Partial<Record<Health, number>> }
  | { kind: 'volume.status'; volume: Volume; replicas: Replica[]; pools: Pool[] }
  | { kind: 'volume.describe'; volume: Volume; replicas: Replica[]; pools: Pool[]; storageClass?: StorageClassInfo; snapshots: Snapshot[] }
  | { kind: 'volume.usage'; single: boolean; filter?: VolumeFilter; total: number; volumes: VolumeUsage[] }
  | { kind: 'volume.replicas'; volume: Volume; replicas: Replica[]; pools: Pool[] }
  | { kind: 'volume.events'; volume: Volume; reasons: string[]; replicas: Replica[]; pools: Pool[]; events: StorageEvent[];
      /** why the events could not be read (the reasons still stand) */
      eventsError?: string }
  | { kind: 'volume.forecast'; single: boolean; volumes: { volume: Volume; forecast: Forecast }[]; total: number }
  | { kind: 'pool.list'; filter: PoolFilter; total: number; pools: Pool[]; countsByStatus: Partial<Record<PoolStatus, number>> }
  | { kind: 'pool.status'; pool: Pool; replicas: Replica[]; volumes: Volume[] }
  | { kind: 'cluster.health'; volumeCounts: Partial<Record<Health, number>>; poolCounts: Partial<Record<PoolStatus, number>>;
      totalVolumes: number; totalPools: number; worstVolumes: Volume[]; worstPools: Pool[]; nodesNotReady: NodeInfo[];
      totalNodes: number; missingEngines: Engine[]; warnings: string[] }
  | { kind: 'cluster.list'; clusters: ClusterEntry[] }
  | { kind: 'snapshot.list'; volume?: Volume; namespace?: string; total: number; snapshots: Snapshot[] }
  | { kind: 'storageclass.list'; storageClasses: StorageClassInfo[] }
  | { kind: 'alert.list'; alerts: Alert[]; muted: Alert[] }
  | { kind: 'help'; topic?: string; topics: HelpTopic[] }
  /** an action: what would be done, and whether it is allowed. A plan never changes anything: the dialogue asks
   *  "Go ahead?" and, on the asker's yes, runs executeAction, which answers with 'action-done' / 'action-failed'. */
  | { kind: 'plan'; plan: ActionPlan; problems: string[]; executed: false; steps: string[] }
  /** a confirmed action, carried out by `by` (a Slack user id) */
  | { kind: 'action-done'; action: ActionName; target: string; by: string; change: ActionChange; notes: string[] }
  /** a confirmed action that was not carried out: the plan no longer holds (`stale`, with the reasons in
   *  `problems`), or the cluster or store refused or failed the write (`failure`). Nothing changed, except that
   *  after a timeout or a lost connection during the write the outcome is unknown (the renderer says so). */
  | { kind: 'action-failed'; action: ActionName; target: string; by: string; stage: 'stale' | 'write';
      problems: string[]; failure?: WriteFailure; hint?: string }
  /** an action this channel (or this user) may not have carried out on this cluster, refused before the plan is
   *  offered (`stage` plan) or at the yes (`stage` confirm: the policy was narrowed in between). `rule`: actions are
   *  off ('none'), only alert mutes are allowed ('alerts-only'), or the user is not on the list ('users'); `fix` is
   *  the operator command that opens it; `source` says whether the channel's own binding or the default decided. */
  | { kind: 'action-denied'; action: ActionName; target: string; by: string; stage: 'plan' | 'confirm';
      rule: 'none' | 'alerts-only' | 'users'; channel: string; allowedUsers: string[]; source: 'binding' | 'default'; fix: string }
  | { kind: 'manifest'; manifestKind: ManifestKind; name: string; yaml: string; notes: string[] }
  | { kind: 'not-found'; what: 'volume' | 'pool' | 'snapshot' | 'storageclass' | 'namespace' | 'node'; query: string; suggestions: string[] }
  | { kind: 'ambiguous'; what: 'volume' | 'pool' | 'snapshot'; query: string; candidates: { value: string; label: string }[] }
  | { kind: 'engine-not-installed'; engine: Engine }
  | { kind: 'cluster-unreachable'; reason: string }
  | { kind: 'unsupported'; intent: string; reason: string };

/** Every result names its cluster (the dialogue may run one command per cluster and render them together). */
export type CommandResult = ResultBody & { cluster: string };
export type ResultKind = CommandResult['kind'];
export type ResultOf<K extends ResultKind> = Extract<CommandResult, { kind: K }>;

/** Entry points (src/commands/index.ts and src/render/index.ts):
 *    runCommand(command, ctx): Promise<CommandResult>
 *    render(result | results[]): { text, blocks }   renderChoices(question, options)   renderConfirm(plan) */
export type Handler<I extends CommandIntent> = (command: CommandOf<I>, ctx: CommandContext) => Promise<CommandResult>;
