// The writes of MuleBot's confirmed actions, through the real @kubernetes/client-node HTTP layer (the same
// KubeRequester as the reader: the KubeConfig's authentication, bounded timeouts, errors that name the cluster and
// the missing permission). Reads here go to the apiserver, not the watch cache: an action re-checks the live object.
import type { KubeConfig } from '@kubernetes/client-node';
import type { ClusterConnection } from './connection.js';
import { collectionPath, KubeRequester } from './request.js';
import type { KubeObject, ResourceKey } from './resources.js';

const SNAP_GROUP = 'snapshot.storage.k8s.io';
const SNAP_PERMISSION = `volumesnapshots.${SNAP_GROUP}`;

export interface KubeWriterOptions {
  /** the served version of snapshot.storage.k8s.io (default v1) */
  snapshotVersion?: string;
  timeoutMs?: number;
  /**
   * The connection whose watch cache answers the questions: a write resolves once the cache has seen it (at most
   * `settleMs`, default 3 s), so the next question ("snapshots of pg-wal") reads what was just written.
   */
  cache?: Pick<ClusterConnection, 'get' | 'on' | 'off'>;
  settleMs?: number;
}

export class KubeWriter {
  private readonly req: KubeRequester;
  private readonly snapVersion: string;

  constructor(kc: KubeConfig, readonly cluster: string, private readonly o: KubeWriterOptions = {}) {
    this.req = new KubeRequester(kc, cluster, o.timeoutMs ?? 10_000);
    this.snapVersion = o.snapshotVersion ?? 'v1';
  }

  /** resolves when the watch cache holds `written` (or, for a delete, no longer holds it), or after settleMs */
  private settle(key: ResourceKey, written: KubeObject, deleted = false): Promise<KubeObject> {
    const cache = this.o.cache;
    if (!cache) return Promise.resolve(written);
    const { namespace, name, resourceVersion } = written.metadata;
    const done = (o: KubeObject | undefined): boolean => (deleted ? !o : !!o && o.metadata.resourceVersion === resourceVersion);
    if (done(cache.get(key, name, namespace))) return Promise.resolve(written);
    return new Promise((resolve) => {
      const finish = (): void => { clearTimeout(timer); cache.off('change', cb); resolve(written); };
      const cb = (ev: { key: ResourceKey; object: KubeObject }): void => {
        if (ev.key === key && ev.object.metadata.name === name && ev.object.metadata.namespace === namespace && done(cache.get(key, name, namespace))) finish();
      };
      const timer = setTimeout(finish, this.o.settleMs ?? 3000);
      timer.unref?.();
      cache.on('change', cb);
    });
  }

  private pvcPath(namespace: string, name: string): string {
    return `${collectionPath('', 'v1', 'persistentvolumeclaims', namespace)}/${encodeURIComponent(name)}`;
  }

  private snapshotPath(namespace: string, name?: string): string {
    const base = collectionPath(SNAP_GROUP, this.snapVersion, 'volumesnapshots', namespace);
    return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
  }

  /** the live object, or undefined when it does not exist (404) */
  private async getOrNone(path: string, permission: string): Promise<KubeObject | undefined> {
    try {
      return await this.req.request<KubeObject>({ path, permission });
    } catch (err: any) {
      if (err?.kind === 'not-found') return undefined;
      throw err;
    }
  }

  getPvc(namespace: string, name: string): Promise<KubeObject | undefined> {
    return this.getOrNone(this.pvcPath(namespace, name), 'get persistentvolumeclaims');
  }

  getVolumeSnapshot(namespace: string, name: string): Promise<KubeObject | undefined> {
    return this.getOrNone(this.snapshotPath(namespace, name), `get ${SNAP_PERMISSION}`);
  }

  async createVolumeSnapshot(o: { namespace: string; name: string; pvcName: string; snapshotClassName?: string;
    labels?: Record<string, string>; annotations?: Record<string, string> }): Promise<KubeObject> {
    return this.settle('volumeSnapshots', await this.req.request<KubeObject>({
      method: 'POST', path: this.snapshotPath(o.namespace), permission: `create ${SNAP_PERMISSION}`,
      body: {
        apiVersion: `${SNAP_GROUP}/${this.snapVersion}`, kind: 'VolumeSnapshot',
        metadata: { name: o.name, namespace: o.namespace, ...(o.labels ? { labels: o.labels } : {}), ...(o.annotations ? { annotations: o.annotations } : {}) },
        spec: { ...(o.snapshotClassName ? { volumeSnapshotClassName: o.snapshotClassName } : {}), source: { persistentVolumeClaimName: o.pvcName } },
      },
    }));
  }

  /** deletes a VolumeSnapshot; `uid` makes it a precondition (409 when the name now belongs to another object) */
  async deleteVolumeSnapshot(namespace: string, name: string, uid?: string): Promise<KubeObject> {
    return this.settle('volumeSnapshots', await this.req.request<KubeObject>({
      method: 'DELETE', path: this.snapshotPath(namespace, name), permission: `delete ${SNAP_PERMISSION}`,
      ...(uid ? { body: { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid } } } : {}),
    }), true);
  }

  /**
   * Sets spec.resources.requests.storage with a merge patch. With `resourceVersion` the apiserver applies it only
   * to that version of the PVC (409 Conflict when it changed since it was read).
   */
  async patchPvcStorage(namespace: string, name: string, size: string, resourceVersion?: string): Promise<KubeObject> {
    return this.settle('pvcs', await this.req.request<KubeObject>({
      method: 'PATCH', path: this.pvcPath(namespace, name), permission: 'patch persistentvolumeclaims',
      contentType: 'application/merge-patch+json',
      body: { ...(resourceVersion ? { metadata: { resourceVersion } } : {}), spec: { resources: { requests: { storage: size } } } },
    }));
  }

  close(): void { this.req.close(); }
}
