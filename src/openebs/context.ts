// Indexes over one RawCluster, built once per normalize() so every join is a map lookup.
import type { KubeObject, RawCluster } from '../kube/resources.js';
import type { NodeInfo, Pool } from './types.js';

export interface KubeletVolume { node: string; pod: string; usedBytes?: number; capacityBytes?: number; availableBytes?: number }

export interface Ctx {
  raw: RawCluster;
  nodes: Map<string, NodeInfo>;
  storageClasses: Map<string, KubeObject>;
  pvcs: Map<string, KubeObject>;                 // "<ns>/<name>"
  byName: {
    cstorVolumes: Map<string, KubeObject>; cstorVolumeConfigs: Map<string, KubeObject>; jivaVolumes: Map<string, KubeObject>;
    lvmVolumes: Map<string, KubeObject>; zfsVolumes: Map<string, KubeObject>; cstorPoolInstances: Map<string, KubeObject>;
    blockDeviceClaims: Map<string, KubeObject>; blockDevices: Map<string, KubeObject>;
  };
  cvrsByPv: Map<string, KubeObject[]>;
  cvasByPv: Map<string, KubeObject[]>;
  vasByPv: Map<string, KubeObject[]>;
  podsByPvc: Map<string, KubeObject[]>;
  /** engine pods (cStor target, Jiva controller and replicas) by their openebs.io/persistent-volume label */
  enginePodsByPv: Map<string, KubeObject[]>;
  kubeletByPvc: Map<string, KubeletVolume>;
  mayastorByUuid: Map<string, any>;
  /** Warning events by "<Kind>/<namespace>/<name>" (for Pending PVC reasons) */
  warnings: Map<string, KubeObject[]>;
  pools: Map<string, Pool>;
  /** LocalPV volumes: the node that holds the data, by volume id */
  dataNode: Map<string, string>;
}

function byName(list: KubeObject[]): Map<string, KubeObject> {
  const m = new Map<string, KubeObject>();
  for (const o of list) m.set(o.metadata.name, o);
  return m;
}

function push<K, V>(m: Map<K, V[]>, k: K | undefined, v: V): void {
  if (k === undefined) return;
  const l = m.get(k);
  if (l) l.push(v); else m.set(k, [v]);
}

export function nodeInfo(n: KubeObject): NodeInfo {
  const ready = (n.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  const isReady = ready?.status === 'True';
  const reasons: string[] = [];
  if (!isReady) reasons.push(`node NotReady${ready?.reason ? ` (${ready.reason}` + (ready.lastTransitionTime ? ` since ${ready.lastTransitionTime})` : ')') : ''}`);
  for (const c of n.status?.conditions ?? []) {
    if (c.type !== 'Ready' && c.status === 'True' && /Pressure|Unavailable/.test(c.type)) reasons.push(`${c.type}: ${c.message ?? c.reason ?? ''}`.trim());
  }
  if (n.spec?.unschedulable) reasons.push('cordoned (unschedulable)');
  return { name: n.metadata.name, ready: isReady, reasons, labels: n.metadata.labels ?? {} };
}

export function buildCtx(raw: RawCluster): Ctx {
  const o = raw.objects;
  const ctx: Ctx = {
    raw,
    nodes: new Map(o.nodes.map((n) => [n.metadata.name, nodeInfo(n)])),
    storageClasses: byName(o.storageClasses),
    pvcs: new Map(o.pvcs.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p])),
    byName: {
      cstorVolumes: byName(o.cstorVolumes), cstorVolumeConfigs: byName(o.cstorVolumeConfigs), jivaVolumes: byName(o.jivaVolumes),
      lvmVolumes: byName(o.lvmVolumes), zfsVolumes: byName(o.zfsVolumes), cstorPoolInstances: byName(o.cstorPoolInstances),
      blockDeviceClaims: byName(o.blockDeviceClaims), blockDevices: byName(o.blockDevices),
    },
    cvrsByPv: new Map(), cvasByPv: new Map(), vasByPv: new Map(), podsByPvc: new Map(), enginePodsByPv: new Map(), kubeletByPvc: new Map(),
    mayastorByUuid: new Map((raw.mayastor?.volumes ?? []).map((v: any) => [v?.spec?.uuid ?? v?.state?.uuid, v])),
    warnings: new Map(), pools: new Map(), dataNode: new Map(),
  };
  for (const cvr of o.cstorVolumeReplicas) {
    push(ctx.cvrsByPv, cvr.metadata.labels?.['openebs.io/persistent-volume'] ?? cvr.metadata.labels?.['cstorvolume.openebs.io/name'], cvr);
  }
  for (const cva of o.cstorVolumeAttachments) push(ctx.cvasByPv, cva.metadata.labels?.Volname ?? cva.spec?.volume?.name, cva);
  for (const va of o.volumeAttachments) push(ctx.vasByPv, va.spec?.source?.persistentVolumeName, va);
  for (const pod of o.pods) {
    const pvLabel = pod.metadata.labels?.['openebs.io/persistent-volume'];
    if (pvLabel) push(ctx.enginePodsByPv, pvLabel, pod);
    for (const v of pod.spec?.volumes ?? []) {
      if (v.persistentVolumeClaim?.claimName) push(ctx.podsByPvc, `${pod.metadata.namespace}/${v.persistentVolumeClaim.claimName}`, pod);
    }
  }
  for (const [node, summary] of Object.entries(raw.kubeletStats ?? {})) {
    for (const p of summary?.pods ?? []) {
      for (const v of p.volume ?? []) {
        if (v.pvcRef) ctx.kubeletByPvc.set(`${v.pvcRef.namespace}/${v.pvcRef.name}`, { node, pod: p.podRef?.name, usedBytes: v.usedBytes, capacityBytes: v.capacityBytes, availableBytes: v.availableBytes });
      }
    }
  }
  for (const e of o.events) {
    if (e.type !== 'Warning') continue;
    const io = e.involvedObject ?? e.regarding;
    if (io?.kind && io?.name) push(ctx.warnings, `${io.kind}/${io.namespace ?? ''}/${io.name}`, e);
  }
  return ctx;
}

export function nodeReady(ctx: Ctx, name: string | undefined): boolean | undefined {
  if (!name) return undefined;
  return ctx.nodes.get(name)?.ready;
}
