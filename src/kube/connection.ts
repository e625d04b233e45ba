// One cluster, read through the real @kubernetes/client-node: discovery, then an informer (list + watch) per
// resource of the table keeping a cache fresh, kubelet stats and Mayastor REST refreshed on an interval and on
// demand. A cluster dump goes the same way: the simulator serves it and the client talks to the simulator.
import { EventEmitter } from 'node:events';
import { CoreV1Api, KubeConfig, ListWatch, Watch, type Informer, type KubernetesObject, type ObjectCache } from '@kubernetes/client-node';
import { loadDump, type Dump } from './dump.js';
import { discover } from './discover.js';
import { ClusterError, collectionPath, KubeRequester } from './request.js';
import { RESOURCES, type KubeObject, type KubeletStats, type MayastorRest, type RawCluster, type ResourceKey, type ResourceType } from './resources.js';
import { startSimulator, type Simulator, type SimulatorOptions } from './sim/index.js';
import { DEFAULT_MAYASTOR_SERVICE, readKubeletStats, readMayastor, type MayastorServiceRef } from './stats.js';

export interface ConnectOptions {
  name: string;
  kubeconfig?: string;
  context?: string;
  inCluster?: boolean;
  /** a dump file (or a parsed dump): served by the in-process simulator */
  clusterDump?: string | Dump;
  /** a ready KubeConfig (tests, embedding) */
  kubeConfig?: KubeConfig;
  /** bound on every request (default 10 s) */
  timeoutMs?: number;
  /** how long the server keeps one watch open before the informer reconnects (default 300 s) */
  watchTimeoutSeconds?: number;
  /** kubelet stats and Mayastor refresh interval (default 60 s; 0 = only on demand) */
  statsIntervalMs?: number;
  mayastorService?: MayastorServiceRef;
  simulator?: SimulatorOptions;
  /** a failed watch or list is retried after base x 2^attempts (jittered, at most max): default 500 ms, 15 s */
  retry?: { baseMs?: number; maxMs?: number };
}

/** Whether the apiserver answers, as the watches see it (the alert watcher warns the channels when it does not). */
export interface ClusterHealth {
  /** false while the apiserver cannot be reached (connection errors, timeouts, a stalled watch) or refuses every read */
  reachable: boolean;
  /** when the current trouble began */
  since?: Date;
  /** the cause without the cluster's name: "ECONNREFUSED 10.0.0.1:6443", "missing permission watch nodes" */
  reason?: string;
  /** resources whose list or watch is failing and being retried */
  retrying: ResourceKey[];
}

export type ChangeType = 'add' | 'update' | 'delete';
export interface ChangeEvent { key: ResourceKey; type: ChangeType; object: KubeObject }
export interface ObjectRefForEvents { kind: string; name: string; namespace?: string }

export interface ClusterConnection {
  readonly name: string;
  /** the in-process simulator, when connected to a dump */
  readonly simulator?: Simulator;
  /** the version each resource is read at (discovered) */
  readonly versions: ReadonlyMap<ResourceKey, string>;
  start(): Promise<void>;
  snapshot(): RawCluster;
  /** one object from the cache by table key, name and namespace (a map lookup) */
  get(key: ResourceKey, name: string, namespace?: string): KubeObject | undefined;
  events(ref: ObjectRefForEvents): Promise<KubeObject[]>;
  refreshStats(): Promise<void>;
  stop(): Promise<void>;
  on(event: 'change', cb: (ev: ChangeEvent) => void): this;
  on(event: 'list' | 'connect', cb: (key: ResourceKey) => void): this;
  on(event: 'watch-error', cb: (key: ResourceKey, err: unknown) => void): this;
  on(event: 'stats', cb: () => void): this;
  /** a failing resource answers again */
  on(event: 'recovered', cb: (key: ResourceKey) => void): this;
  /** the cluster became unreachable, or reachable again */
  on(event: 'health', cb: (h: ClusterHealth) => void): this;
  health(): ClusterHealth;
  off(event: string, cb: (...args: any[]) => void): this;
  once(event: string, cb: (...args: any[]) => void): this;
}

interface Watched { rt: ResourceType; version: string; informer: Informer<KubernetesObject> & ObjectCache<KubernetesObject>;
  attempts: number; retry?: NodeJS.Timeout; dead?: boolean; connectedAt: number;
  /** a list has succeeded once: a 403 after that is retried (RBAC being rolled out, an authz webhook hiccup) */
  listed?: boolean;
  /** the current failure of this resource, until a list or a watch succeeds again */
  failure?: { error: ClusterError; since: number };
  /** the watchdog aborted it */
  stalled?: boolean }

/**
 * client-node's Watch, telling when the apiserver accepted the watch (200): that is when a failing resource is
 * back, since the informer emits 'connect' before it even tries.
 */
class ReportingWatch extends Watch {
  constructor(kc: KubeConfig, private readonly onOpen: () => void) { super(kc); }
  override async watch(path: string, query: Record<string, any>, cb: (phase: string, obj: any, watchObj?: any) => void,
    done: (err: any) => void): Promise<AbortController> {
    let failed = false;
    const ctl = await super.watch(path, query, cb, (err) => { if (err) failed = true; done(err); });
    if (!failed) this.onOpen();
    return ctl;
  }
}

const CONNECTION_KINDS = new Set(['unreachable', 'timeout']);

export async function loadKubeConfig(o: ConnectOptions): Promise<KubeConfig> {
  if (o.kubeConfig) return o.kubeConfig;
  const kc = new KubeConfig();
  try {
    if (o.inCluster) kc.loadFromCluster();
    else if (o.kubeconfig) kc.loadFromFile(o.kubeconfig);
    else kc.loadFromDefault();
  } catch (err: any) {
    throw new ClusterError(`cluster ${o.name}: cannot read kubeconfig${o.kubeconfig ? ` ${o.kubeconfig}` : ''}: ${err?.message ?? err}`, o.name, 'http');
  }
  if (o.context) {
    if (!kc.getContextObject(o.context)) throw new ClusterError(`cluster ${o.name}: context "${o.context}" is not in kubeconfig ${o.kubeconfig ?? '(default)'}`, o.name, 'http');
    kc.setCurrentContext(o.context);
  }
  if (!kc.getCurrentCluster()) throw new ClusterError(`cluster ${o.name}: the kubeconfig has no current cluster`, o.name, 'http');
  return kc;
}

export async function connectCluster(opts: ConnectOptions): Promise<ClusterConnection> {
  let simulator: Simulator | undefined;
  let kc: KubeConfig;
  if (opts.clusterDump !== undefined) {
    const dump = typeof opts.clusterDump === 'string' ? await loadDump(opts.clusterDump) : opts.clusterDump;
    simulator = await startSimulator(dump, opts.simulator);
    kc = simulator.kubeConfig;
  } else kc = await loadKubeConfig(opts);
  return new Connection(opts, kc, simulator);
}

class Connection extends EventEmitter implements ClusterConnection {
  readonly name: string;
  readonly versions = new Map<ResourceKey, string>();
  private readonly req: KubeRequester;
  private watched = new Map<ResourceKey, Watched>();
  private missingGroups: string[] = [];
  private warnings = new Map<string, string>();
  private kubeletStats: KubeletStats = {};
  private mayastor?: MayastorRest;
  private cached?: RawCluster;
  private timer?: NodeJS.Timeout;
  private watchdog?: NodeJS.Timeout;
  private stopped = false;
  private refreshing?: Promise<void>;
  private reachable = true;

  constructor(private readonly opts: ConnectOptions, private readonly kc: KubeConfig, readonly simulator?: Simulator) {
    super();
    this.name = opts.name;
    this.req = new KubeRequester(kc, opts.name, opts.timeoutMs ?? 10_000);
  }

  async start(): Promise<void> {
    const found = await discover(this.req);
    this.missingGroups = found.missingGroups;
    found.warnings.forEach((w, i) => this.warn(`discovery:${i}`, w));
    for (const [key, version] of found.served) this.versions.set(key, version);
    const starts: Promise<void>[] = [];
    let nodesSynced: Promise<void> = Promise.resolve();
    for (const rt of RESOURCES as readonly ResourceType[]) {
      const version = found.served.get(rt.key);
      if (!version) continue;
      const started = this.startInformer(rt, version);
      starts.push(started);
      if (rt.key === 'nodes') nodesSynced = started;
    }
    // kubelet stats need only the node list: read them while the big lists are still coming
    const stats = nodesSynced.then(() => this.refreshStats());
    await Promise.all(starts);
    const down = [...this.watched.values()].find((w) => w.dead === undefined && this.lastError.get(w.rt.key)?.kind === 'unreachable');
    if (down) { await stats.catch(() => {}); throw this.lastError.get(down.rt.key)!; }
    await stats;
    this.startWatchdog();
    const every = this.opts.statsIntervalMs ?? 60_000;
    if (every > 0) { this.timer = setInterval(() => { this.refreshStats().catch(() => {}); }, every); this.timer.unref(); }
  }

  private lastError = new Map<ResourceKey, ClusterError>();

  private async startInformer(rt: ResourceType, version: string): Promise<void> {
    const permission = `${rt.plural}${rt.group ? '.' + rt.group : ''}`;
    const path = collectionPath(rt.group, version, rt.plural);
    const listFn = async () => {
      const items: KubeObject[] = [];
      let cont: string | undefined, rv = '';
      do {
        const page = await this.req.request<{ items?: KubeObject[]; metadata?: { resourceVersion?: string; continue?: string } }>(
          { path, query: { limit: 500, continue: cont }, permission: `list ${permission}` });
        items.push(...(page.items ?? []));
        if (!rv) rv = page.metadata?.resourceVersion ?? '';
        cont = page.metadata?.continue || undefined;
      } while (cont);
      const w = this.watched.get(rt.key);
      if (w) { w.attempts = 0; w.listed = true; this.recovered(w); }
      setImmediate(() => { this.cached = undefined; this.emit('list', rt.key); });
      return { apiVersion: rt.group ? `${rt.group}/${version}` : version, kind: `${rt.kind}List`, metadata: { resourceVersion: rv }, items };
    };
    // query parameters in the path stay on the watch URL: the server ends each watch after a bounded time
    const watchPath = `${path}?timeoutSeconds=${this.opts.watchTimeoutSeconds ?? 300}&allowWatchBookmarks=true`;
    const informer = new ListWatch(watchPath, new ReportingWatch(this.kc, () => { w.attempts = 0; this.recovered(w); }), listFn as any, false);
    const w: Watched = { rt, version, informer, attempts: 0, connectedAt: Date.now() };
    this.watched.set(rt.key, w);
    const change = (type: ChangeType) => (obj: KubernetesObject) => {
      this.cached = undefined;
      w.attempts = 0;
      if (this.listenerCount('change')) this.emit('change', { key: rt.key, type, object: obj as KubeObject });
    };
    informer.on('add', change('add'));
    informer.on('update', change('update'));
    informer.on('delete', change('delete'));
    informer.on('connect', () => { w.connectedAt = Date.now(); this.emit('connect', rt.key); });
    informer.on('error', (err: unknown) => this.onWatchError(w, err, permission));
    await informer.start();
  }

  /**
   * The server ends each watch after watchTimeoutSeconds and the informer reconnects; a watch that has not
   * reconnected well after that is stuck (a silent network drop): abort it, and onWatchError starts it again.
   */
  private startWatchdog(): void {
    const limitMs = ((this.opts.watchTimeoutSeconds ?? 300) + 30) * 1000;
    this.watchdog = setInterval(() => {
      for (const w of this.watched.values()) {
        if (!w.dead && !w.retry && Date.now() - w.connectedAt > limitMs) { w.connectedAt = Date.now(); w.stalled = true; void w.informer.stop(); }
      }
    }, Math.min(limitMs / 2, 30_000));
    this.watchdog.unref();
  }

  private onWatchError(w: Watched, err: unknown, permission: string): void {
    if (this.stopped || w.dead) return;
    const stalled = w.stalled;
    w.stalled = false;
    const e = err instanceof ClusterError ? err
      : stalled ? new ClusterError(`cluster ${this.name}: watch ${permission} stalled (no answer for ${(this.opts.watchTimeoutSeconds ?? 300) + 30} s)`, this.name, 'timeout')
      : (err as any)?.statusCode ? this.req.httpError((err as any).statusCode, undefined, `watch ${permission}`)
      : this.req.failure(err, `watch ${permission}`, this.req.timeoutMs);
    this.lastError.set(w.rt.key, e);
    if (e.kind === 'forbidden' && !w.listed) {
      // never listed: the permission is missing (RBAC); the rest of the cluster still works
      w.dead = true;
      this.warn(`rbac:${w.rt.key}`, e.message);
      this.emit('watch-error', w.rt.key, e);
      this.updateHealth();
      return;
    }
    w.failure = { error: e, since: w.failure?.since ?? Date.now() };
    // refused after a successful list: the cache may go stale, so say so, and keep trying
    if (e.kind === 'forbidden') this.warn(`rbac:${w.rt.key}`, `${e.message} (the cached list may be stale; retrying)`);
    this.emit('watch-error', w.rt.key, e);
    this.updateHealth();
    const delay = backoff(w.attempts++, this.opts.retry);
    clearTimeout(w.retry);
    w.retry = setTimeout(() => {
      w.retry = undefined;
      if (this.stopped) return;
      w.informer.start().catch((e2) => this.onWatchError(w, e2, permission));
    }, delay);
    w.retry.unref();
  }

  /** A list or a watch of a resource succeeded: whatever was failing is over. */
  private recovered(w: Watched): void {
    if (!w.failure) return;
    w.failure = undefined;
    this.warn(`rbac:${w.rt.key}`, undefined);
    this.emit('recovered', w.rt.key);
    this.updateHealth();
  }

  health(): ClusterHealth {
    const all = [...this.watched.values()];
    const failing = all.filter((w) => !w.dead && w.failure);
    const connection = failing.filter((w) => CONNECTION_KINDS.has(w.failure!.error.kind));
    // a cluster that refuses every read (an HTTP answer, not a dropped stream) is as good as unreachable
    const refused = all.length > 0 && all.every((w) => w.dead || w.failure?.error.status !== undefined);
    const retrying = failing.map((w) => w.rt.key);
    if (!connection.length && !refused) return { reachable: true, retrying };
    const causes = connection.length ? connection : failing.length ? failing : all;
    const first = causes.reduce((a, b) => ((b.failure?.since ?? Infinity) < (a.failure?.since ?? Infinity) ? b : a));
    const err = first.failure?.error ?? this.lastError.get(first.rt.key);
    // since the first failure of the outage (a dropped stream usually comes just before the refused connections)
    const since = Math.min(Date.now(), ...failing.map((w) => w.failure!.since));
    return { reachable: false, since: new Date(since), reason: causeOf(err?.message ?? 'no answer', this.name), retrying };
  }

  private updateHealth(): void {
    const h = this.health();
    if (h.reachable === this.reachable) return;
    this.reachable = h.reachable;
    // answers meanwhile come from the cache: say how old it may be
    this.warn('health', h.reachable ? undefined : `cluster ${this.name} unreachable since ${h.since!.toISOString()}: ${h.reason} (showing the last known state)`);
    this.emit('health', h);
  }

  private warn(key: string, message: string | undefined): void {
    const before = this.warnings.get(key);
    if (message) this.warnings.set(key, message); else this.warnings.delete(key);
    if (before !== message) this.cached = undefined;
  }

  snapshot(): RawCluster {
    if (this.cached) return this.cached;
    const objects = {} as RawCluster['objects'];
    for (const r of RESOURCES) {
      const w = this.watched.get(r.key);
      objects[r.key] = w ? (w.informer.list() as KubeObject[]) : [];
    }
    this.cached = {
      name: this.name, objects, kubeletStats: this.kubeletStats, missingGroups: [...this.missingGroups],
      warnings: [...this.warnings.values()], ...(this.mayastor ? { mayastor: this.mayastor } : {}),
    };
    return this.cached;
  }

  get(key: ResourceKey, name: string, namespace?: string): KubeObject | undefined {
    return this.watched.get(key)?.informer.get(name, namespace) as KubeObject | undefined;
  }

  refreshStats(): Promise<void> {
    // one refresh at a time: a question that asks while one runs waits for it
    this.refreshing ??= this.doRefresh().finally(() => { this.refreshing = undefined; });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const timeoutMs = Math.min(this.req.timeoutMs, 5000);
    const nodes = (this.watched.get('nodes')?.informer.list() ?? []) as KubeObject[];
    const wantMayastor = !this.missingGroups.includes('openebs.io') && this.versions.has('diskPools');
    const [stats, may] = await Promise.all([
      readKubeletStats(this.req, nodes, timeoutMs),
      wantMayastor ? readMayastor(this.req, this.opts.mayastorService ?? DEFAULT_MAYASTOR_SERVICE, timeoutMs) : Promise.resolve({ state: undefined, warning: undefined }),
    ]);
    this.kubeletStats = stats.stats;
    this.warn('stats', stats.warning);
    this.mayastor = may.state;
    this.warn('mayastor', may.warning);
    this.cached = undefined;
    this.emit('stats');
  }

  async events(ref: ObjectRefForEvents): Promise<KubeObject[]> {
    const fieldSelector = `involvedObject.kind=${ref.kind},involvedObject.name=${ref.name}`;
    const api = this.kc.makeApiClient(CoreV1Api);
    const namespaced = RESOURCES.find((r) => r.kind === ref.kind)?.namespaced ?? !!ref.namespace;
    // events of cluster-scoped objects (PV, Node) are recorded in "default"
    const namespace = ref.namespace ?? (namespaced ? undefined : 'default');
    try {
      const list = namespace
        ? await api.listNamespacedEvent({ namespace, fieldSelector }, this.req.typedOptions())
        : await api.listEventForAllNamespaces({ fieldSelector }, this.req.typedOptions());
      // the typed client turns timestamps into Date: back to the JSON the apiserver sent
      const items = JSON.parse(JSON.stringify(list.items)) as KubeObject[];
      return items.sort((a, b) => stamp(a).localeCompare(stamp(b)));
    } catch (err: any) {
      if (typeof err?.code === 'number') throw this.req.httpError(err.code, tryJson(err.body), 'list events');
      throw this.req.failure(err, 'list events', this.req.timeoutMs);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.watchdog);
    for (const w of this.watched.values()) { clearTimeout(w.retry); await w.informer.stop(); }
    this.req.close();
    await this.simulator?.close();
  }
}

/** The retry delay: exponential from baseMs, capped at maxMs, with +-25% jitter (so many watches do not retry in step). */
export function backoff(attempt: number, o: { baseMs?: number; maxMs?: number } = {}, random: () => number = Math.random): number {
  const max = o.maxMs ?? 15_000;
  const d = Math.min((o.baseMs ?? 500) * 2 ** Math.min(attempt, 30), max);
  return Math.max(1, Math.min(max, Math.round(d * (0.75 + random() * 0.5))));
}

/** "cluster prod-eu unreachable: ECONNREFUSED ..." -> "ECONNREFUSED ..." */
function causeOf(message: string, cluster: string): string {
  for (const p of [`cluster ${cluster} unreachable: `, `cluster ${cluster}: `]) if (message.startsWith(p)) return message.slice(p.length);
  return message;
}

function stamp(e: KubeObject): string {
  return String(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '');
}

function tryJson(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try { return JSON.parse(body); } catch { return body; }
}
