// Builds cluster dumps (src/kube/dump.ts format) object by object, to the OpenEBS CRD schemas
// (../shared/fixtures/openebs). Used by scripts/gen-dump.ts (demo and benchmark dumps) and by the tests for small
// fixtures. Everything is deterministic: uids are hashes of names, times are offsets from a fixed `now`.
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { EXTRA_API_VERSION } from '../../kube/dump.js';
import type { KubeObject, KubeletStats, MayastorRest } from '../../kube/resources.js';

export const GiB = 2 ** 30;
export const OPENEBS_NS = 'openebs';

export interface NodeOpts { ready?: boolean; labels?: Record<string, string>; notReadyReason?: string; fsCapacityGi?: number; fsUsedGi?: number }

export class DumpBuilder {
  objects: KubeObject[] = [];
  kubelet: KubeletStats = {};
  mayastor: MayastorRest = { volumes: [], pools: [], nodes: [] };
  usage: { volume: string; points: [number, number, number][] }[] = [];
  nodeFs = new Map<string, { capacity: number; used: number }>();
  readyNodes = new Map<string, boolean>();

  constructor(readonly seed = 'demo', readonly now = new Date('2026-11-20T09:00:00Z')) {}

  /** a deterministic UUID from the seed and the parts */
  uid(...parts: string[]): string {
    const h = createHash('sha1').update([this.seed, ...parts].join('/')).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** an ISO time `minutes` before now */
  ago(minutes: number): string {
    return new Date(this.now.getTime() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  meta(kind: string, name: string, namespace?: string, extra: { labels?: Record<string, string>; annotations?: Record<string, string>; age?: number } = {}) {
    return {
      name, ...(namespace ? { namespace } : {}), uid: this.uid(kind, namespace ?? '', name),
      creationTimestamp: this.ago(extra.age ?? 60 * 24 * 30), resourceVersion: String(1000 + this.objects.length),
      ...(extra.labels ? { labels: extra.labels } : {}), ...(extra.annotations ? { annotations: extra.annotations } : {}),
    };
  }

  private byKindName = new Map<string, KubeObject>();
  add<T extends KubeObject>(obj: T): T { this.objects.push(obj); this.byKindName.set(`${obj.kind}/${obj.metadata.name}`, obj); return obj; }
  find(kind: string, name: string): KubeObject | undefined { return this.byKindName.get(`${kind}/${name}`); }

  node(name: string, o: NodeOpts = {}): KubeObject {
    const ready = o.ready ?? true;
    this.readyNodes.set(name, ready);
    this.nodeFs.set(name, { capacity: (o.fsCapacityGi ?? 200) * GiB, used: (o.fsUsedGi ?? 60) * GiB });
    const cond = ready
      ? { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: this.ago(1), lastTransitionTime: this.ago(60 * 24 * 20) }
      : { type: 'Ready', status: 'Unknown', reason: o.notReadyReason ?? 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: this.ago(47), lastTransitionTime: this.ago(43) };
    return this.add({
      apiVersion: 'v1', kind: 'Node',
      metadata: this.meta('Node', name, undefined, { labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...o.labels } }),
      spec: ready ? {} : { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' }] },
      status: { conditions: [cond], capacity: { cpu: '8', memory: '32Gi', 'ephemeral-storage': `${o.fsCapacityGi ?? 200}Gi` },
        nodeInfo: { kubeletVersion: 'v1.29.4', osImage: 'Ubuntu 22.04.4 LTS' } },
    });
  }

  storageClass(name: string, provisioner: string, parameters: Record<string, string> = {}, o: { isDefault?: boolean; expansion?: boolean; annotations?: Record<string, string>; binding?: string } = {}): KubeObject {
    const annotations = { ...o.annotations, ...(o.isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {}) };
    return this.add({
      apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
      metadata: this.meta('StorageClass', name, undefined, Object.keys(annotations).length ? { annotations } : {}),
      provisioner, parameters, reclaimPolicy: 'Delete', allowVolumeExpansion: o.expansion ?? false,
      volumeBindingMode: o.binding ?? 'Immediate',
    });
  }

  snapshotClass(name: string, driver: string, isDefault = true): KubeObject {
    return this.add({
      apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshotClass',
      metadata: this.meta('VolumeSnapshotClass', name, undefined, isDefault ? { annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } } : {}),
      driver, deletionPolicy: 'Delete',
    });
  }

  event(involved: { kind: string; name: string; namespace?: string; apiVersion?: string; uid?: string }, type: 'Normal' | 'Warning', reason: string, message: string, minutesAgo: number, count = 1, source = 'mulebot-demo'): KubeObject {
    const ns = involved.namespace ?? 'default';
    const name = `${involved.name}.${this.uid('ev', involved.kind, involved.name, reason, message).replace(/-/g, '').slice(0, 16)}`;
    const t = this.ago(minutesAgo);
    return this.add({
      apiVersion: 'v1', kind: 'Event', metadata: this.meta('Event', name, ns, { age: minutesAgo + 5 * (count - 1) }),
      involvedObject: { ...involved, namespace: involved.namespace },
      type, reason, message, count, source: { component: source },
      firstTimestamp: this.ago(minutesAgo + 5 * (count - 1)), lastTimestamp: t, eventTime: null, reportingComponent: source,
    });
  }

  /** a kubelet stats/summary entry: the pod on `node` mounting the PVC */
  kubeletVolume(node: string, pod: string, namespace: string, pvc: string, used: number, capacity: number): void {
    if (this.readyNodes.get(node) === false) return;   // a NotReady node's kubelet cannot be read
    const summary = (this.kubelet[node] ??= { node: { nodeName: node }, pods: [] });
    let p = summary.pods.find((x) => x.podRef.name === pod && x.podRef.namespace === namespace);
    if (!p) { p = { podRef: { name: pod, namespace }, volume: [] }; summary.pods.push(p); }
    p.volume!.push({ name: 'data', pvcRef: { name: pvc, namespace }, usedBytes: Math.round(used), capacityBytes: Math.round(capacity), availableBytes: Math.round(capacity - used) });
  }

  /** past usage of a PVC: [seconds before the dump is read (negative), usedBytes, capacityBytes] */
  usageSeries(namespace: string, pvc: string, points: [number, number, number][]): void {
    this.usage.push({ volume: `${namespace}/${pvc}`, points });
  }

  /** the dump as YAML documents */
  toYaml(header = ''): string {
    const docs: unknown[] = [...this.objects];
    for (const [name, summary] of Object.entries(this.kubelet)) {
      docs.push({ apiVersion: EXTRA_API_VERSION, kind: 'KubeletStatsSummary', metadata: { name }, summary });
    }
    if (this.mayastor.volumes.length || this.mayastor.pools.length) {
      docs.push({ apiVersion: EXTRA_API_VERSION, kind: 'MayastorRestState', metadata: { name: 'openebs-api-rest', namespace: OPENEBS_NS }, ...this.mayastor });
    }
    if (this.usage.length) docs.push({ apiVersion: EXTRA_API_VERSION, kind: 'UsageHistory', metadata: { name: 'usage-history' }, series: this.usage });
    const body = docs.map((d) => stringify(d, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
    return header + body;
  }
}
