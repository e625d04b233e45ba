// A Kubernetes API server for a cluster dump, on 127.0.0.1, that the real @kubernetes/client-node (and kubectl)
// talk to. Tests drive it through the controls on `Simulator`; a dump's `kind: SimulatorConfig` document may set
// `missingGroups: [group]`, `forbidden: [{verb, resource}]`, `groups: [group]` (serve an engine group with no
// objects), `controllers: false` and `controllerDelayMs`.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import type { Dump } from '../dump.js';
import type { KubeObject, KubeletStats, MayastorRest, ResourceKey, ResourceType } from '../resources.js';
import { Discovery } from './discovery.js';
import { handle, type Rule, type ServerState } from './server.js';
import { groupOf, nowStamp, resolveType, SimStore, type ObjectRef } from './store.js';

export { SimStore, resolveType, type ObjectRef } from './store.js';

export interface SimulatorOptions {
  port?: number;
  /** watch events kept for resuming watches (older resourceVersions get 410 Gone) */
  historyLimit?: number;
  /** interval of BOOKMARK events on watches that ask for them */
  bookmarkMs?: number;
}

export interface Simulator {
  url: string;
  port: number;
  /** a KubeConfig whose current context points at the simulator */
  kubeConfig: KubeConfig;
  store: SimStore;
  /** create or replace an object (a watch event follows unless `silent`) */
  upsert(obj: KubeObject, opts?: { silent?: boolean }): KubeObject;
  /** delete an object by kind (or plural, or table key), namespace and name */
  remove(ref: ObjectRef, opts?: { silent?: boolean }): KubeObject | undefined;
  get(ref: ObjectRef): KubeObject | undefined;
  /** forget the watch history: resuming from an older resourceVersion now gets 410 Gone */
  compact(): void;
  /** close every open watch (abrupt: destroy the sockets instead of ending the streams); returns how many */
  dropWatches(opts?: { abrupt?: boolean }): number;
  openWatches(): number;
  /** answer 403 for a verb on a resource ("cstorvolumes.cstor.openebs.io", "nodes/proxy", "*") */
  forbid(verb: string, resource: string): void;
  allow(verb: string, resource: string): void;
  /** make an API group answer 404 (its engine not installed), or serve it again */
  setGroupMissing(group: string, missing?: boolean): void;
  /** leave requests whose path starts with a prefix unanswered (for client timeouts) */
  hang(pathPrefix: string): void;
  unhang(): void;
  setKubeletStats(node: string, summary: KubeletStats[string] | undefined): void;
  setMayastor(state: MayastorRest | undefined): void;
  /** write a kubeconfig file for kubectl and `--kubeconfig` */
  writeKubeconfig(path: string): Promise<void>;
  close(): Promise<void>;
}

export function simKubeConfig(url: string, name = 'mulebot-sim'): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name, server: url, skipTLSVerify: true }],
    users: [{ name, token: 'simulator' }],
    contexts: [{ name, cluster: name, user: name, namespace: 'default' }],
    currentContext: name,
  });
  return kc;
}

function refType(ref: ObjectRef): ResourceType {
  const rt = resolveType(ref.kind, ref.apiVersion);
  if (!rt) throw new Error(`simulator: unknown kind ${ref.kind}`);
  return rt;
}

export async function startSimulator(dump: Dump, opts: SimulatorOptions = {}): Promise<Simulator> {
  const cfg = dump.simulator ?? {};
  const store = new SimStore(opts.historyLimit);
  store.load(dump.objects);
  const seen = new Map<ResourceKey, Set<string>>();
  for (const o of dump.objects) {
    const rt = resolveType(o.kind ?? '', o.apiVersion);
    if (!rt) continue;
    if (!seen.has(rt.key)) seen.set(rt.key, new Set());
    seen.get(rt.key)!.add(o.apiVersion?.includes('/') ? o.apiVersion.split('/')[1] : o.apiVersion ?? rt.version);
  }
  const extraGroups: string[] = [...(cfg.groups ?? [])];
  if (dump.mayastor) extraGroups.push('openebs.io');
  const discovery = new Discovery(seen, extraGroups, cfg.missingGroups ?? []);
  const controllers = cfg.controllers !== false;
  const delay = Number(cfg.controllerDelayMs ?? 50);
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void): void => {
    const t = setTimeout(() => { timers.delete(t); fn(); }, delay);
    timers.add(t);
  };

  const state: ServerState = {
    store, discovery,
    forbidden: [...((cfg.forbidden ?? []) as Rule[])],
    hung: { prefixes: [], responses: new Set() },
    kubeletStats: { ...dump.kubeletStats },
    mayastor: dump.mayastor ? { volumes: dump.mayastor.volumes, pools: dump.mayastor.pools, nodes: dump.mayastor.nodes } : undefined,
    mayastorService: dump.mayastor?.service ?? { name: 'openebs-api-rest', namespace: 'openebs' },
    watches: new Set(),
    bookmarkMs: opts.bookmarkMs ?? 5000,
    afterWrite(rt, before, after) {
      if (!controllers) return;
      if (rt.key === 'volumeSnapshots' && !before) later(() => snapshotReady(store, after));
      if (rt.key === 'pvcs') {
        const want = after.spec?.resources?.requests?.storage;
        if (want && want !== before?.spec?.resources?.requests?.storage) later(() => resized(store, after, want));
      }
    },
    afterDelete(rt, gone) {
      // the snapshot controller: a deleted VolumeSnapshot takes its bound content along when the policy is Delete
      if (!controllers || rt.key !== 'volumeSnapshots') return;
      const content = store.list('volumeSnapshotContents').find((c) => c.spec?.volumeSnapshotRef?.uid === gone.metadata.uid
        || (c.spec?.volumeSnapshotRef?.name === gone.metadata.name && c.spec?.volumeSnapshotRef?.namespace === gone.metadata.namespace));
      if (content && content.spec?.deletionPolicy !== 'Retain') later(() => store.remove('volumeSnapshotContents', undefined, content.metadata.name));
    },
  };

  const server: Server = createServer((req, res) => {
    handle(state, req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 500, reason: 'InternalError', message: String(err?.message ?? err) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const kubeConfig = simKubeConfig(url);
  const dropWatches = (o: { abrupt?: boolean } = {}): number => {
    const all = [...state.watches];
    for (const res of all) { if (o.abrupt) res.destroy(); else res.end(); }
    return all.length;
  };

  return {
    url, port, kubeConfig, store,
    upsert: (obj, o) => store.upsert(obj, o),
    remove: (ref, o) => { const rt = refType(ref); return store.remove(rt.key, rt.namespaced ? ref.namespace ?? 'default' : undefined, ref.name, o); },
    get: (ref) => { const rt = refType(ref); return store.get(rt.key, rt.namespaced ? ref.namespace ?? 'default' : undefined, ref.name); },
    compact: () => store.compact(),
    dropWatches,
    openWatches: () => state.watches.size,
    forbid: (verb, resource) => { state.forbidden.push({ verb, resource }); },
    allow: (verb, resource) => { state.forbidden = state.forbidden.filter((r) => r.verb !== verb || r.resource !== resource); },
    setGroupMissing: (group, missing = true) => { if (missing) discovery.missingGroups.add(group); else discovery.missingGroups.delete(group); },
    hang: (prefix) => { state.hung.prefixes.push(prefix); },
    unhang: () => { state.hung.prefixes = []; for (const r of state.hung.responses) r.destroy(); state.hung.responses.clear(); },
    setKubeletStats: (node, summary) => { if (summary) state.kubeletStats[node] = summary; else delete state.kubeletStats[node]; },
    setMayastor: (m) => { state.mayastor = m; },
    writeKubeconfig: async (path) => { await writeFile(path, stringify(JSON.parse(kubeConfig.exportConfig())), 'utf8'); },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      dropWatches({ abrupt: true });
      for (const r of state.hung.responses as Set<ServerResponse>) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// --- the simulator's small controllers: what the snapshot controller and the CSI resizer would do ---

function snapshotReady(store: SimStore, snap: KubeObject): void {
  const cur = store.get('volumeSnapshots', snap.metadata.namespace, snap.metadata.name);
  if (!cur || cur.status?.readyToUse) return;
  const pvcName = cur.spec?.source?.persistentVolumeClaimName;
  const pvc = pvcName ? store.get('pvcs', cur.metadata.namespace, pvcName) : undefined;
  const pv = pvc?.spec?.volumeName ? store.get('pvs', undefined, pvc.spec.volumeName) : undefined;
  const contentName = `snapcontent-${cur.metadata.uid}`;
  const size = pvc?.status?.capacity?.storage ?? pvc?.spec?.resources?.requests?.storage;
  const driver = pv?.spec?.csi?.driver ?? 'unknown';
  store.upsert({
    apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotContent', metadata: { name: contentName },
    spec: { deletionPolicy: 'Delete', driver, source: { volumeHandle: pv?.spec?.csi?.volumeHandle ?? pv?.metadata.name },
      volumeSnapshotClassName: cur.spec?.volumeSnapshotClassName,
      volumeSnapshotRef: { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', name: cur.metadata.name, namespace: cur.metadata.namespace, uid: cur.metadata.uid } },
    status: { readyToUse: true, restoreSize: size, snapshotHandle: `snapshot-${cur.metadata.uid}` },
  });
  if (!pvc) {
    store.upsert({ ...cur, status: { readyToUse: false, error: { message: `failed to get input parameters to create snapshot: persistentvolumeclaims "${pvcName}" not found`, time: nowStamp() } } });
    return;
  }
  store.upsert({ ...cur, status: { boundVolumeSnapshotContentName: contentName, creationTime: nowStamp(), readyToUse: true, restoreSize: size } });
}

function resized(store: SimStore, pvc: KubeObject, want: string): void {
  const cur = store.get('pvcs', pvc.metadata.namespace, pvc.metadata.name);
  if (!cur || cur.spec?.resources?.requests?.storage !== want) return;
  const pv = cur.spec?.volumeName ? store.get('pvs', undefined, cur.spec.volumeName) : undefined;
  if (pv) store.upsert({ ...pv, spec: { ...pv.spec, capacity: { ...pv.spec?.capacity, storage: want } } });
  store.upsert({ ...cur, status: { ...cur.status, capacity: { ...cur.status?.capacity, storage: want }, conditions: [] } });
}

export { groupOf };
