// The writes of MuleBot's confirmed actions, through the real @kubernetes/client-node HTTP layer (the same
// KubeRequester as the reader: the KubeConfig's authentication, bounded timeouts, errors that name the cluster and
// the missing permission). Reads here go to the apiserver, not the watch cache: an action re-checks the live object.
import type { KubeConfig } from '@kubernetes/client-node';
import { collectionPath, KubeRequester } from './request.js';
import type { KubeObject } from './resources.js';

const SNAP_GROUP = 'snapshot.storage.k8s.io';
const SNAP_PERMISSION = `volumesnapshots.${SNAP_GROUP}`;

export interface KubeWriterOptions {
  /** the served version of snapshot.storage.k8s.io (default v1) */
  snapshotVersion?: string;
  timeoutMs?: number;
}

export class KubeWriter {
  private readonly req: KubeRequester;
  private readonly snapVersion: string;

  constructor(kc: KubeConfig, readonly cluster: string, o: KubeWriterOptions = {}) {
    this.req = new KubeRequester(kc, cluster, o.timeoutMs ?? 10_000);
    this.snapVersion = o.snapshotVersion ?? 'v1';
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

  createVolumeSnapshot(o: { namespace: string; name: string; pvcName: string; snapshotClassName?: string;
    labels?: Record<string, string>; annotations?: Record<string, string> }): Promise<KubeObject> {
    return this.req.request<KubeObject>({
      method: 'POST', path: this.snapshotPath(o.namespace), permission: `create ${SNAP_PERMISSION}`,
      body: {
        apiVersion: `${SNAP_GROUP}/${this.snapVersion}`, kind: 'VolumeSnapshot',
        metadata: { name: o.name, namespace: o.namespace, ...(o.labels ? { labels: o.labels } : {}), ...(o.annotations ? { annotations: o.annotations } : {}) },
        spec: { ...(o.snapshotClassName ? { volumeSnapshotClassName: o.snapshotClassName } : {}), source: { persistentVolumeClaimName: o.pvcName } },
      },
    });
  }

  /** deletes a VolumeSnapshot; `uid` makes it a precondition (409 when the name now belongs to another object) */
  deleteVolumeSnapshot(namespace: string, name: string, uid?: string): Promise<KubeObject> {
    return this.req.request<KubeObject>({
      method: 'DELETE', path: this.snapshotPath(namespace, name), permission: `delete ${SNAP_PERMISSION}`,
      ...(uid ? { body: { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { uid } } } : {}),
    });
  }

  /**
   * Sets spec.resources.requests.storage with a merge patch. With `resourceVersion` the apiserver applies it only
   * to that version of the PVC (409 Conflict when it changed since it was read).
   */
  patchPvcStorage(namespace: string, name: string, size: string, resourceVersion?: string): Promise<KubeObject> {
    return this.req.request<KubeObject>({
      method: 'PATCH', path: this.pvcPath(namespace, name), permission: 'patch persistentvolumeclaims',
      contentType: 'application/merge-patch+json',
      body: { ...(resourceVersion ? { metadata: { resourceVersion } } : {}), spec: { resources: { requests: { storage: size } } } },
    });
  }

  close(): void { this.req.close(); }
}
