// What the dialogue needs from the clusters a channel sees: a resolver (team + channel -> bound clusters with
// their live inventories), the tenant vocabulary for the NLU compiled once per inventory change, and a
// CommandContext per cluster.
import type { ClusterEntry, ClusterHandle, CommandContext, MuteWriter, UsagePoint } from '../commands/types.js';
import { compileVocabulary, type VocabIndex } from '../nlu/entities/index.js';
import type { Vocabulary } from '../nlu/types.js';
import type { StorageWrites } from '../openebs/actions.js';
import type { Inventory, ObjectRef, StorageEvent } from '../openebs/types.js';
import type { Store } from '../store/index.js';

/** One cluster as a channel sees it: its live inventory, or why there is none. */
export interface LiveCluster {
  name: string;
  /** the store's cluster id (usage history, mutes); absent for a process-local cluster not in the store */
  id?: string;
  /** the workspace that owns the store record (on-prem: "local", even when another team asks) */
  team?: string;
  /** the current inventory and a version that changes whenever it does; `error` when unreachable */
  state(): { inventory?: Inventory; version: number; error?: string };
  events(refs: ObjectRef[]): Promise<StorageEvent[]>;
  /** the writes of confirmed actions (absent or undefined: this cluster cannot be written) */
  writes?(): StorageWrites | undefined;
}

export type ChannelClusters =
  | { kind: 'ok'; clusters: LiveCluster[] }
  /** nothing to answer from: the hint says how to bind (or register) a cluster */
  | { kind: 'unbound'; hint: string };

export interface ClusterResolver {
  resolve(team: string, channel: string): Promise<ChannelClusters>;
}

const EMPTY_INVENTORY = (cluster: string): Inventory => ({
  cluster, fetchedAt: new Date(0).toISOString(), volumes: [], replicas: [], pools: [], snapshots: [], storageClasses: [],
  nodes: [], missingEngines: [], warnings: [],
});

/** The names in an inventory, per vocabulary type. */
export function vocabularyOf(inventories: Inventory[], clusterNames: string[]): Vocabulary {
  const sets: Record<string, Set<string>> = {
    volume: new Set(), namespace: new Set(), node: new Set(), pool: new Set(), storageclass: new Set(), snapshot: new Set(),
    cluster: new Set(clusterNames),
  };
  for (const inv of inventories) {
    for (const v of inv.volumes) {
      sets.volume!.add(v.id);
      if (v.pvc) { sets.volume!.add(v.pvc.name); sets.namespace!.add(v.pvc.namespace); }
    }
    for (const n of inv.nodes) sets.node!.add(n.name);
    for (const p of inv.pools) { sets.pool!.add(p.id); sets.pool!.add(p.id.split('@')[0]!); }
    for (const s of inv.storageClasses) sets.storageclass!.add(s.name);
    for (const s of inv.snapshots) { sets.snapshot!.add(s.name); sets.namespace!.add(s.namespace); }
  }
  return Object.fromEntries(Object.entries(sets).map(([k, s]) => [k, [...s]])) as Vocabulary;
}

/** Compiled vocabularies keyed by the clusters and their inventory versions: compiled once per change. */
export class VocabCache {
  private cache = new Map<string, VocabIndex>();
  compiles = 0;
  constructor(private readonly max = 256) {}

  get(clusters: LiveCluster[]): VocabIndex {
    const states = clusters.map((c) => ({ c, s: c.state() }));
    const key = states.map(({ c, s }) => `${c.id ?? ''}:${c.name}@${s.version}`).join('|');
    let v = this.cache.get(key);
    if (v) { this.cache.delete(key); this.cache.set(key, v); return v; }
    const invs = states.flatMap(({ s }) => (s.inventory ? [s.inventory] : []));
    v = compileVocabulary(vocabularyOf(invs, clusters.map((c) => c.name)));
    this.compiles++;
    // a newer version of the same clusters replaces the old one at once
    const prefix = states.map(({ c }) => `${c.id ?? ''}:${c.name}@`);
    for (const k of this.cache.keys()) {
      const parts = k.split('|');
      if (parts.length === prefix.length && parts.every((p, i) => p.startsWith(prefix[i]!))) this.cache.delete(k);
    }
    this.cache.set(key, v);
    if (this.cache.size > this.max) this.cache.delete(this.cache.keys().next().value!);
    return v;
  }
}

export interface ContextOptions {
  store: Store;
  team: string;
  channel: string;
  now: Date;
  all: LiveCluster[];
  current?: string;
  /** read the alert mutes (default true) */
  withMutes?: boolean;
  /** who asks (a Slack user id): confirmed actions name them */
  user?: string;
}

export function clusterEntries(all: LiveCluster[], current?: string): ClusterEntry[] {
  return all.map((c) => {
    const s = c.state();
    return { name: c.name, reachable: !!s.inventory && !s.error, ...(s.error ? { reason: s.error } : {}),
      ...(current === c.name ? { current: true } : {}), ...(s.inventory ? { fetchedAt: s.inventory.fetchedAt, volumeCount: s.inventory.volumes.length } : {}) };
  });
}

/** The CommandContext for one cluster (its inventory must be there: check state() first). */
export async function commandContext(c: LiveCluster, o: ContextOptions): Promise<CommandContext> {
  const inventory = c.state().inventory ?? EMPTY_INVENTORY(c.name);
  const cluster: ClusterHandle = { name: c.name, inventory, events: (refs) => c.events(refs) };
  const usageHistory = async (volumeId: string): Promise<UsagePoint[]> => {
    if (!c.id) return [];
    const rows = await o.store.usage.window(c.team ?? o.team, c.id, volumeId);
    return rows.map((r) => ({ at: r.at, usedBytes: r.usedBytes, capacityBytes: r.capacityBytes }));
  };
  // mutes only matter to alert answers: skip the query otherwise. A mute is this channel's: another channel
  // muting a pool must not hide it here (the alert watcher reads them the same way)
  const mutes = c.id && o.withMutes !== false
    ? (await o.store.alerts.listMutes(c.team ?? o.team, { clusterId: c.id, channelId: o.channel })).filter((m) => m.until > o.now) : [];
  // this channel's mutes on this cluster, written by confirmed alert.mute / alert.unmute
  const scope = c.id ? { teamId: c.team ?? o.team, channelId: o.channel, clusterId: c.id } : undefined;
  const write: MuteWriter | undefined = scope && {
    mute: async (target, until) => { await o.store.alerts.mute(scope, target, until, o.user ?? null); },
    unmute: (target) => o.store.alerts.unmute(scope, target),
  };
  const writes = c.writes?.();
  return { cluster, usageHistory, now: o.now, clusters: clusterEntries(o.all, o.current ?? c.name), alerts: { mutes, ...(write ? { write } : {}) },
    ...(o.user ? { user: o.user } : {}), ...(writes ? { writes } : {}) };
}

/** A context with no cluster behind it (help in an unbound channel). */
export function emptyContext(now: Date): CommandContext {
  return { cluster: { name: '-', inventory: EMPTY_INVENTORY('-'), events: async () => [] }, usageHistory: async () => [], now };
}
