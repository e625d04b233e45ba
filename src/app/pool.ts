// Live cluster connections for one process, by store cluster id (or a process-local name): connected on first
// use, normalized lazily after each change (so a burst of watch events costs one normalize), and an error kept
// with its reason while a cluster is unreachable (retried after a pause).
import { KubeConfig } from '@kubernetes/client-node';
import { connectCluster, loadKubeConfig, type ClusterConnection, type ConnectOptions } from '../kube/index.js';
import { KubeWriter } from '../kube/write.js';
import { storageWrites, type StorageWrites } from '../openebs/actions.js';
import { toStorageEvent } from '../openebs/events.js';
import { normalize } from '../openebs/normalize.js';
import type { KubeObject } from '../kube/resources.js';
import type { Inventory, ObjectRef, StorageEvent } from '../openebs/types.js';
import type { LiveCluster } from '../dialogue/clusters.js';
import type { Store } from '../store/index.js';
import type { ClusterRecord } from '../store/records.js';

const RETRY_MS = 30_000;
const EVENTS_TTL_MS = 15_000;

export class PooledCluster implements LiveCluster {
  conn?: ClusterConnection;
  private inventory?: Inventory;
  private dirty = true;
  private version = 0;
  error?: string;
  private failedAt = 0;
  private starting?: Promise<void>;
  private writer?: { kube: KubeWriter; writes: StorageWrites };

  constructor(readonly name: string, readonly id: string | undefined, private readonly options: () => Promise<ConnectOptions>,
    /** the workspace the store record belongs to (usage samples) */
    readonly team?: string) {}

  /** Connects (once; again after RETRY_MS when it failed). Resolves when connected or failed. */
  ensure(): Promise<void> {
    if (this.conn && !this.error) return Promise.resolve();
    if (this.starting) return this.starting;
    if (this.error && Date.now() - this.failedAt < RETRY_MS) return Promise.resolve();
    this.starting = (async () => {
      let conn: ClusterConnection | undefined;
      try {
        const opts = await this.options();
        conn = await connectCluster(opts);
        await conn.start();
        // confirmed actions write with the same credentials (the simulator's for a dump)
        const kc = conn.simulator?.kubeConfig ?? await loadKubeConfig(opts);
        this.writer?.kube.close();
        const kube = new KubeWriter(kc, this.name, { snapshotVersion: conn.versions.get('volumeSnapshots'), timeoutMs: opts.timeoutMs, cache: conn });
        this.writer = { kube, writes: storageWrites(kube) };
        const bump = () => { this.dirty = true; };
        conn.on('change', bump);
        conn.on('stats', bump);
        conn.on('list', bump);
        this.conn = conn;
        this.error = undefined;
        this.dirty = true;
      } catch (err: any) {
        await conn?.stop().catch(() => {});
        this.error = err?.message ?? String(err);
        this.failedAt = Date.now();
      } finally {
        this.starting = undefined;
      }
    })();
    return this.starting;
  }

  writes(): StorageWrites | undefined { return this.conn && !this.error ? this.writer?.writes : undefined; }

  state(): { inventory?: Inventory; version: number; error?: string } {
    if (this.conn && this.dirty) {
      this.dirty = false;
      this.inventory = normalize(this.conn.snapshot());
      this.version++;
    }
    return { inventory: this.error ? undefined : this.inventory, version: this.version, ...(this.error ? { error: this.error } : {}) };
  }

  // events per object for a short while: a volume's pools and nodes are shared with its neighbours, and people
  // ask "why" twice in a row
  private eventCache = new Map<string, { at: number; items: Promise<KubeObject[]> }>();

  private eventsOf(r: ObjectRef): Promise<KubeObject[]> {
    const key = `${r.kind}/${r.namespace ?? ''}/${r.name}`;
    const now = Date.now();
    const hit = this.eventCache.get(key);
    if (hit && now - hit.at < EVENTS_TTL_MS) return hit.items;
    const items = this.conn!.events({ kind: r.kind, name: r.name, namespace: r.namespace }).catch(() => [] as KubeObject[]);
    this.eventCache.set(key, { at: now, items });
    if (this.eventCache.size > 5000) this.eventCache.delete(this.eventCache.keys().next().value!);
    return items;
  }

  async events(refs: ObjectRef[]): Promise<StorageEvent[]> {
    if (!this.conn) return [];
    const lists = await Promise.all(refs.map((r) => this.eventsOf(r)));
    const seen = new Set<string>();
    const out: StorageEvent[] = [];
    for (const o of lists.flat()) {
      const uid = o.metadata?.uid ?? `${o.metadata?.namespace}/${o.metadata?.name}`;
      if (seen.has(uid)) continue;
      seen.add(uid);
      out.push(toStorageEvent(o));
    }
    return out;
  }

  async stop(): Promise<void> {
    await this.starting;
    this.writer?.kube.close();
    await this.conn?.stop();
    this.conn = undefined;
  }
}

export class ClusterPool {
  private byKey = new Map<string, PooledCluster>();
  constructor(private readonly store: Store, private readonly base: Partial<ConnectOptions> = {}) {}

  /** A cluster given to this process directly (command line), not read from the store. */
  local(name: string, opts: ConnectOptions, record?: { id: string; team: string }): PooledCluster {
    const key = record?.id ?? `local:${name}`;
    let c = this.byKey.get(key);
    if (!c) { c = new PooledCluster(name, record?.id, async () => ({ ...this.base, ...opts }), record?.team); this.byKey.set(key, c); }
    return c;
  }

  /** The connection for a store record (kubeconfig opened from the store, in-cluster, or a dump). */
  forRecord(r: ClusterRecord): PooledCluster {
    let c = this.byKey.get(r.id);
    if (!c) {
      c = new PooledCluster(r.name, r.id, async () => {
        const base: ConnectOptions = { ...this.base, name: r.name };
        if (r.kind === 'dump') return { ...base, clusterDump: r.dumpPath ?? '' };
        if (r.kind === 'in-cluster') return { ...base, inCluster: true };
        const secret = await this.store.clusters.kubeconfig(r.teamId, r.id);
        if (!secret) throw new Error(`cluster ${r.name}: no kubeconfig stored`);
        const kc = new KubeConfig();
        kc.loadFromString(secret.reveal());
        if (r.context) kc.setCurrentContext(r.context);
        return { ...base, kubeConfig: kc };
      }, r.teamId);
      this.byKey.set(r.id, c);
    }
    return c;
  }

  all(): PooledCluster[] { return [...this.byKey.values()]; }

  async stop(): Promise<void> {
    await Promise.all(this.all().map((c) => c.stop().catch(() => {})));
  }
}
