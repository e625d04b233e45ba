// Storage writes for confirmed actions, as the commands see them: plain data in and out, and every failure of
// the cluster (403, 404, 409, unreachable, timeout) as a typed WriteFailure instead of an exception. The HTTP
// side is src/kube/write.ts; the commands never touch Kubernetes objects or errors directly.
import type { KubeObject } from '../kube/resources.js';
import type { KubeWriter } from '../kube/write.js';
import { parseQuantity } from './quantity.js';

export type WriteFailureKind = 'forbidden' | 'not-found' | 'conflict' | 'invalid' | 'unreachable' | 'timeout' | 'http';

export interface WriteFailure {
  kind: WriteFailureKind;
  /** the whole sentence from the cluster side ("cluster prod: missing permission delete volumesnapshots...") */
  message: string;
  status?: number;
  /** for a 403: the verb and resource that RBAC denied ("delete volumesnapshots.snapshot.storage.k8s.io") */
  permission?: string;
}

export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; error: WriteFailure };

/** A PVC as the apiserver has it right now. */
export interface LivePvc {
  namespace: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
  phase?: string;
  /** spec.resources.requests.storage */
  requested?: string;
  requestedBytes?: number;
  /** status.capacity.storage */
  capacityBytes?: number;
}

/** A VolumeSnapshot as the apiserver has it right now. */
export interface LiveSnapshot {
  namespace: string;
  name: string;
  uid?: string;
  pvc?: string;
  snapshotClass?: string;
  readyToUse?: boolean;
  createdAt?: string;
}

export interface StorageWrites {
  readonly cluster: string;
  pvc(namespace: string, name: string): Promise<WriteOutcome<LivePvc | undefined>>;
  snapshot(namespace: string, name: string): Promise<WriteOutcome<LiveSnapshot | undefined>>;
  createSnapshot(o: { namespace: string; name: string; pvc: string; snapshotClass?: string; requestedBy?: string }): Promise<WriteOutcome<LiveSnapshot>>;
  /** `uid`: delete only that object (a snapshot re-created under the same name since is left alone) */
  deleteSnapshot(namespace: string, name: string, uid?: string): Promise<WriteOutcome<LiveSnapshot>>;
  /** `resourceVersion`: change only that version of the PVC (a conflict when it changed since it was read) */
  resizePvc(namespace: string, name: string, size: string, resourceVersion?: string): Promise<WriteOutcome<LivePvc>>;
}

/** the annotation a created object carries: who asked for it (a Slack user id) */
export const REQUESTED_BY = 'mulebot.openebs.io/requested-by';

function livePvc(o: KubeObject): LivePvc {
  const requested = o.spec?.resources?.requests?.storage;
  return {
    namespace: o.metadata.namespace ?? 'default', name: o.metadata.name, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion,
    phase: o.status?.phase, requested, requestedBytes: parseQuantity(requested), capacityBytes: parseQuantity(o.status?.capacity?.storage),
  };
}

function liveSnapshot(o: KubeObject): LiveSnapshot {
  return {
    namespace: o.metadata.namespace ?? 'default', name: o.metadata.name, uid: o.metadata.uid,
    pvc: o.spec?.source?.persistentVolumeClaimName, snapshotClass: o.spec?.volumeSnapshotClassName,
    readyToUse: o.status?.readyToUse, createdAt: o.metadata.creationTimestamp,
  };
}

/** A thrown ClusterError (or anything else) as a WriteFailure. */
export function writeFailure(err: any, permission: string): WriteFailure {
  const message = String(err?.message ?? err);
  const status: number | undefined = typeof err?.status === 'number' ? err.status : undefined;
  const kind: WriteFailureKind = err?.kind === 'forbidden' || status === 403 ? 'forbidden'
    : err?.kind === 'not-found' || status === 404 ? 'not-found'
      : status === 409 ? 'conflict'
        : status === 400 || status === 422 ? 'invalid'
          : err?.kind === 'unreachable' ? 'unreachable' : err?.kind === 'timeout' ? 'timeout' : 'http';
  const apiMessage = typeof err?.body === 'object' && err.body?.message ? String(err.body.message) : undefined;
  return { kind, message: kind === 'conflict' || kind === 'invalid' ? apiMessage ?? message : message,
    ...(status ? { status } : {}), ...(kind === 'forbidden' ? { permission } : {}) };
}

async function attempt<T>(permission: string, fn: () => Promise<T>): Promise<WriteOutcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    return { ok: false, error: writeFailure(err, permission) };
  }
}

const SNAPSHOTS = 'volumesnapshots.snapshot.storage.k8s.io';

export function storageWrites(w: KubeWriter): StorageWrites {
  return {
    cluster: w.cluster,
    pvc: (ns, name) => attempt('get persistentvolumeclaims', async () => { const o = await w.getPvc(ns, name); return o && livePvc(o); }),
    snapshot: (ns, name) => attempt(`get ${SNAPSHOTS}`, async () => { const o = await w.getVolumeSnapshot(ns, name); return o && liveSnapshot(o); }),
    createSnapshot: (o) => attempt(`create ${SNAPSHOTS}`, async () => liveSnapshot(await w.createVolumeSnapshot({
      namespace: o.namespace, name: o.name, pvcName: o.pvc, snapshotClassName: o.snapshotClass,
      ...(o.requestedBy ? { annotations: { [REQUESTED_BY]: o.requestedBy } } : {}),
    }))),
    deleteSnapshot: (ns, name, uid) => attempt(`delete ${SNAPSHOTS}`, async () => liveSnapshot(await w.deleteVolumeSnapshot(ns, name, uid))),
    resizePvc: (ns, name, size, rv) => attempt('patch persistentvolumeclaims', async () => livePvc(await w.patchPvcStorage(ns, name, size, rv))),
  };
}
