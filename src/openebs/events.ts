// Events for "why" questions: from a cluster's event list, the ones about a volume's objects (PVC, PV, engine
// CRs), its pools and the nodes it lives on, newest first. Pure functions of the inventory and the events.
import type { KubeObject } from '../kube/resources.js';
import { cmp, indexOf } from './lookup.js';
import type { Inventory, ObjectRef, Pool, StorageEvent, Volume } from './types.js';

export function toStorageEvent(e: KubeObject): StorageEvent {
  const io = e.involvedObject ?? e.regarding ?? {};
  const count = e.count ?? e.series?.count;
  return {
    at: e.lastTimestamp ?? e.eventTime ?? e.series?.lastObservedTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp,
    type: e.type ?? 'Normal', reason: e.reason ?? '', message: e.message ?? e.note ?? '',
    ...(typeof count === 'number' ? { count } : {}),
    object: { kind: io.kind ?? '', apiVersion: io.apiVersion ?? '', ...(io.namespace ? { namespace: io.namespace } : {}), name: io.name ?? '' },
  };
}

function isStorageEvent(e: KubeObject | StorageEvent): e is StorageEvent {
  return (e as StorageEvent).object !== undefined && (e as KubeObject).metadata === undefined;
}

const CLUSTER_SCOPED = new Set(['Node', 'PersistentVolume', 'StorageClass', 'VolumeSnapshotContent', 'VolumeAttachment', 'VolumeSnapshotClass']);

function key(kind: string, name: string, namespace?: string): string {
  return CLUSTER_SCOPED.has(kind) ? `${kind}//${name}` : `${kind}/${namespace ?? ''}/${name}`;
}

/** the Kubernetes objects behind a pool */
export function poolRefs(pool: Pool): ObjectRef[] {
  switch (pool.kind) {
    case 'cstor-pool-instance': return [{ kind: 'CStorPoolInstance', apiVersion: 'cstor.openebs.io/v1', namespace: 'openebs', name: pool.id },
      ...(pool.cluster ? [{ kind: 'CStorPoolCluster', apiVersion: 'cstor.openebs.io/v1', namespace: 'openebs', name: pool.cluster }] : [])];
    case 'diskpool': return [{ kind: 'DiskPool', apiVersion: 'openebs.io/v1beta2', namespace: 'openebs', name: pool.id }];
    case 'lvm-vg': return [{ kind: 'LVMNode', apiVersion: 'local.openebs.io/v1alpha1', namespace: 'openebs', name: pool.node }];
    case 'zfs-pool': return [{ kind: 'ZFSNode', apiVersion: 'zfs.openebs.io/v1', namespace: 'openebs', name: pool.node }];
    default: return [];
  }
}

export interface EventPickOptions {
  /** more objects to include, e.g. the pods mounting the PVC (see podRefsOfPvc) */
  extra?: ObjectRef[];
  /** include events of the nodes the volume lives on (default true) */
  nodes?: boolean;
  /** include Normal events (default true); Warnings always come */
  normal?: boolean;
  limit?: number;
}

function pick(events: (KubeObject | StorageEvent)[], refs: ObjectRef[], opts: EventPickOptions): StorageEvent[] {
  const wanted = new Set<string>();
  const namespaceLess = new Set<string>();     // refs whose namespace we do not know: match on kind + name
  for (const r of refs) {
    wanted.add(key(r.kind, r.name, r.namespace));
    if (!r.namespace) namespaceLess.add(`${r.kind}/${r.name}`);
  }
  const seen = new Set<string>();
  const out: StorageEvent[] = [];
  for (const raw of events) {
    const e = isStorageEvent(raw) ? raw : toStorageEvent(raw);
    const o = e.object;
    if (!wanted.has(key(o.kind, o.name, o.namespace)) && !namespaceLess.has(`${o.kind}/${o.name}`)) continue;
    if (opts.normal === false && e.type !== 'Warning') continue;
    const dedupe = `${o.kind}/${o.namespace}/${o.name}/${e.reason}/${e.message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    out.push(e);
  }
  // newest first; on the same second a Warning before a Normal
  out.sort((a, b) => cmp(b.at ?? '', a.at ?? '') || Number(b.type === 'Warning') - Number(a.type === 'Warning'));
  return out.slice(0, opts.limit ?? 20);
}

/** The objects whose events explain a volume: its refs, its pools' objects, and (optionally) its nodes. */
export function volumeEventRefs(inv: Inventory, v: Volume, opts: EventPickOptions = {}): ObjectRef[] {
  const ix = indexOf(inv);
  const refs: ObjectRef[] = [...v.refs, ...(opts.extra ?? [])];
  const nodes = new Set<string>(v.attachedNodes);
  if (v.targetNode) nodes.add(v.targetNode);
  for (const id of v.poolIds) {
    const p = ix.poolById.get(id.toLowerCase());
    if (!p) continue;
    refs.push(...poolRefs(p));
    nodes.add(p.node);
  }
  for (const r of ix.replicasByVolume.get(v.id) ?? []) if (r.node) nodes.add(r.node);
  if (opts.nodes !== false) for (const n of nodes) refs.push({ kind: 'Node', apiVersion: 'v1', name: n });
  return refs;
}

export function eventsForVolume(inv: Inventory, v: Volume, events: (KubeObject | StorageEvent)[], opts: EventPickOptions = {}): StorageEvent[] {
  return pick(events, volumeEventRefs(inv, v, opts), opts);
}

export function eventsForPool(pool: Pool, events: (KubeObject | StorageEvent)[], opts: EventPickOptions = {}): StorageEvent[] {
  const refs = [...poolRefs(pool), ...(opts.extra ?? [])];
  if (opts.nodes !== false && pool.node) refs.push({ kind: 'Node', apiVersion: 'v1', name: pool.node });
  return pick(events, refs, opts);
}

export function eventsForSnapshot(namespace: string, name: string, events: (KubeObject | StorageEvent)[], opts: EventPickOptions = {}): StorageEvent[] {
  return pick(events, [{ kind: 'VolumeSnapshot', apiVersion: 'snapshot.storage.k8s.io/v1', namespace, name }, ...(opts.extra ?? [])], opts);
}

/** the pods that mount a PVC, as refs (from a raw pod list) */
export function podRefsOfPvc(pods: KubeObject[], namespace: string, pvc: string): ObjectRef[] {
  return pods.filter((p) => p.metadata.namespace === namespace && (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === pvc))
    .map((p) => ({ kind: 'Pod', apiVersion: 'v1', namespace, name: p.metadata.name }));
}
