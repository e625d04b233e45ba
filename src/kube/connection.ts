// One cluster, read through the real @kubernetes/client-node: discovery, then an informer (list + watch) per
// resource of the table keeping a cache fresh, kubelet stats and Mayastor REST refreshed on an interval and on
// demand. A cluster dump goes the same way: the simulator serves it and the client talks to the simulator.
import { EventEmitter } from 'node:events';
import { CoreV1Api, KubeConfig, makeInformer, type Informer, type KubernetesObject, type ObjectCache } from '@kubernetes/client-node';
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
  createVolumeSnapshot(o: { namespace: string; name: string; pvcName: string; snapshotClassName?: string }): Promise<KubeObject>;
  patchPvcSize(namespace: string, name: string, size: string): Promise<KubeObject>;
  stop(): Promise<void>;
  on(event: 'change', cb: (ev: ChangeEvent) => void): this;
  on(event: 'list' | 'connect', cb: (key: ResourceKey) => void): this;
  on(event: 'watch-error', cb: (key: ResourceKey, err: unknown) => void): this;
  on(event: 'stats', cb: () => void): this;
  off(event: string, cb: (...args: any[]) => void): this;
  once(event: string, cb: (...args: any[]) => void): this;
}

interface Watched { rt: ResourceType; version: string; informer: Informer<KubernetesObject> & ObjectCache<KubernetesObject>;
  attempts: number; retry?: NodeJS.Timeout; dead?: boolean; connectedAt: number }

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
      if (w) w.attempts = 0;
      setImmediate(() => { this.cached = undefined; this.emit('list', rt.key); });
      return { apiVersion: rt.group ? `${rt.group}/${version}` : version, kind: `${rt.kind}List`, metadata: { resourceVersion: rv }, items };
    };
    // query parameters in the path stay on the watch URL: the server ends each watch after a bounded time
    const watchPath = `${path}?timeoutSeconds=${this.opts.watchTimeoutSeconds ?? 300}&allowWatchBookmarks=true`;
    const informer = makeInformer(this.kc, watchPath, listFn as any);
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
        if (!w.dead && !w.retry && Date.now() - w.connectedAt > limitMs) { w.connectedAt = Date.now(); void w.informer.stop(); }
      }
    }, Math.min(limitMs / 2, 30_000));
    this.watchdog.unref();
  }

  private onWatchError(w: Watched, err: unknown, permission: string): void {
    if (this.stopped || w.dead) return;
    const e = err instanceof ClusterError ? err
      : (err as any)?.statusCode ? this.req.httpError((err as any).statusCode, undefined, `watch ${permission}`)
      : this.req.failure(err, `watch ${permission}`, this.req.timeoutMs);
    this.lastError.set(w.rt.key, e);
    this.emit('watch-error', w.rt.key, e);
    if (e.kind === 'forbidden') {
      // without the permission there is nothing to retry: the rest of the cluster still works
      w.dead = true;
      this.warn(`rbac:${w.rt.key}`, e.message);
      return;
    }
    const delay = Math.min(500 * 2 ** w.attempts++, 15_000);
    clearTimeout(w.retry);
    w.retry = setTimeout(() => {
      w.retry = undefined;
      if (this.stopped) return;
      w.informer.start().catch((e2) => this.onWatchError(w, e2, permission));
    }, delay);
    w.retry.unref();
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

  createVolumeSnapshot(o: { namespace: string; name: string; pvcName: string; snapshotClassName?: string }): Promise<KubeObject> {
    const version = this.versions.get('volumeSnapshots') ?? 'v1';
    return this.req.request({
      method: 'POST', path: collectionPath('snapshot.storage.k8s.io', version, 'volumesnapshots', o.namespace),
      permission: 'create volumesnapshots.snapshot.storage.k8s.io',
      body: { apiVersion: `snapshot.storage.k8s.io/${version}`, kind: 'VolumeSnapshot', metadata: { name: o.name, namespace: o.namespace },
        spec: { ...(o.snapshotClassName ? { volumeSnapshotClassName: o.snapshotClassName } : {}), source: { persistentVolumeClaimName: o.pvcName } } },
    });
  }

  patchPvcSize(namespace: string, name: string, size: string): Promise<KubeObject> {
    return this.req.request({
      method: 'PATCH', path: `${collectionPath('', 'v1', 'persistentvolumeclaims', namespace)}/${encodeURIComponent(name)}`,
      permission: 'patch persistentvolumeclaims', contentType: 'application/merge-patch+json',
      body: { spec: { resources: { requests: { storage: size } } } },
    });
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

function stamp(e: KubeObject): string {
  return String(e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '');
}

function tryJson(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try { return JSON.parse(body); } catch { return body; }
}
