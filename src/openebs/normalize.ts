// normalize(): one RawCluster in, one Inventory out — the same record shapes for every engine.
// Pure: no I/O, no clock other than fetchedAt.
import { RESOURCES, type KubeObject, type RawCluster } from '../kube/resources.js';
import { buildCtx, type Ctx } from './context.js';
import { cstorUsed, cstorVolume } from './cstor.js';
import { detectEngine, engineOfStorageClass, isOpenEbsProvisioner } from './engine.js';
import { jivaVolume } from './jiva.js';
import { localPvVolume } from './localpv.js';
import { lvmErrorReason, lvmVolume } from './lvm.js';
import { mayastorAllocated, mayastorVolume } from './mayastor.js';
import { buildPools, countPoolReplicas, hostpathPool, hostpathPoolId } from './pools.js';
import { formatBytes, parseQuantity, pct } from './quantity.js';
import { buildSnapshots } from './snapshots.js';
import type { Engine, Inventory, Replica, StorageClassInfo, Volume } from './types.js';
import { ref } from './util.js';
import { zfsVolume } from './zfs.js';

/** usage at which a volume is called nearly full (the openebs/monitoring volume rule: used/size > 90 %) */
export const VOLUME_FULL_PCT = 90;

type Adapter = (ctx: Ctx, pv: KubeObject, v: Volume) => Replica[];
const ADAPTERS: Partial<Record<Engine, Adapter>> = {
  cstor: cstorVolume, jiva: jivaVolume, mayastor: mayastorVolume, 'localpv-lvm': lvmVolume, 'localpv-zfs': zfsVolume,
  'localpv-hostpath': localPvVolume, 'localpv-device': localPvVolume,
};
const LOCAL: Engine[] = ['localpv-hostpath', 'localpv-device', 'localpv-lvm', 'localpv-zfs'];
const PV_PHASES = ['Pending', 'Available', 'Bound', 'Released', 'Failed'] as const;

function baseVolume(ctx: Ctx, pv: KubeObject, engine: Engine): Volume {
  const claim = pv.spec?.claimRef;
  const pvc = claim?.name ? ctx.pvcs.get(`${claim.namespace}/${claim.name}`) : undefined;
  const phase = PV_PHASES.find((p) => p === pv.status?.phase) ?? 'Pending';
  const v: Volume = {
    id: pv.metadata.name, engineId: pv.metadata.name, engine,
    pvc: claim?.name ? { namespace: claim.namespace ?? 'default', name: claim.name } : undefined,
    storageClass: pv.spec?.storageClassName ?? pvc?.spec?.storageClassName,
    driver: pv.spec?.csi?.driver ?? pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'] ?? '',
    pvPhase: phase, health: 'Unknown', engineStatus: '', reasons: [],
    capacityBytes: parseQuantity(pv.spec?.capacity?.storage) ?? 0,
    replicas: { desired: 1, healthy: 0, total: 0 }, attachedNodes: [], poolIds: [],
    accessModes: pv.spec?.accessModes ?? [], volumeMode: pv.spec?.volumeMode ?? 'Filesystem',
    createdAt: pv.metadata.creationTimestamp, refs: [ref(pv)],
  };
  if (!v.pvc) delete v.pvc;
  if (pvc) {
    v.refs.unshift(ref(pvc));
    const req = parseQuantity(pvc.spec?.resources?.requests?.storage);
    if (req !== undefined) v.requestedBytes = req;
    if ((req ?? 0) > v.capacityBytes) v.resizing = true;
    if ((pvc.status?.conditions ?? []).some((c: any) => /Resizing|FileSystemResizePending/.test(c.type) && c.status === 'True')) v.resizing = true;
  }
  const attached = (ctx.vasByPv.get(v.id) ?? []).filter((va) => va.status?.attached !== false).map((va) => va.spec?.nodeName).filter(Boolean);
  v.attachedNodes = [...new Set<string>(attached)];
  return v;
}

/** A PVC of an OpenEBS StorageClass that has no PV yet: still a Volume, keyed "<ns>/<pvc>". */
function pendingVolume(ctx: Ctx, pvc: KubeObject, engine: Engine): Volume {
  const ns = pvc.metadata.namespace ?? 'default';
  const name = pvc.metadata.name;
  const sc = pvc.spec?.storageClassName;
  const v: Volume = {
    id: `${ns}/${name}`, engineId: '', engine, pvc: { namespace: ns, name }, storageClass: sc,
    driver: ctx.storageClasses.get(sc)?.provisioner ?? '', pvPhase: 'Pending', health: 'Pending', engineStatus: 'PVC Pending', reasons: [],
    capacityBytes: 0, replicas: { desired: 0, healthy: 0, total: 0 }, attachedNodes: [], poolIds: [],
    accessModes: pvc.spec?.accessModes ?? [], volumeMode: pvc.spec?.volumeMode ?? 'Filesystem', createdAt: pvc.metadata.creationTimestamp, refs: [ref(pvc)],
  };
  const req = parseQuantity(pvc.spec?.resources?.requests?.storage);
  if (req !== undefined) v.requestedBytes = req;
  // the engine CR is named after the PV to be: "pvc-<PVC uid>"
  const crName = `pvc-${pvc.metadata.uid}`;
  const lv = ctx.byName.lvmVolumes.get(crName);
  const zv = ctx.byName.zfsVolumes.get(crName);
  const cvc = ctx.byName.cstorVolumeConfigs.get(crName);
  if (lv) { v.engineId = crName; v.refs.push(ref(lv)); v.engineStatus = `PVC Pending, LVMVolume ${lv.status?.state ?? 'no state'}`; const r = lvmErrorReason(lv); if (r) v.reasons.push(r); }
  if (zv) { v.engineId = crName; v.refs.push(ref(zv)); v.engineStatus = `PVC Pending, ZFSVolume ${zv.status?.state ?? 'no state'}`; }
  if (cvc) { v.engineId = crName; v.refs.push(ref(cvc)); v.engineStatus = `PVC Pending, CVC ${cvc.status?.phase ?? 'no phase'}`; }
  const events = (ctx.warnings.get(`PersistentVolumeClaim/${ns}/${name}`) ?? [])
    .slice().sort((a, b) => String(b.lastTimestamp ?? b.eventTime ?? '').localeCompare(String(a.lastTimestamp ?? a.eventTime ?? '')));
  const last = events[0];
  if (last) {
    const msg = String(last.message ?? '');
    if (!v.reasons.length && /ResourceExhausted|no vg available|insufficient|capacity/i.test(msg)) v.reasons.push(`pending for capacity: ${msg.replace(/^.*desc = /, '')}`);
    v.reasons.push(`${last.reason}${last.count > 1 ? ` (x${last.count})` : ''}: ${msg}`);
  }
  if (!v.reasons.length) {
    const wffc = ctx.storageClasses.get(sc)?.volumeBindingMode === 'WaitForFirstConsumer';
    v.reasons.push(wffc && !(ctx.podsByPvc.get(`${ns}/${name}`)?.length) ? 'waiting for a pod to use it (WaitForFirstConsumer)' : 'PVC Pending: no PV provisioned yet');
  }
  return v;
}

function applyUsage(ctx: Ctx, v: Volume, replicas: Replica[]): void {
  const k = v.pvc ? ctx.kubeletByPvc.get(`${v.pvc.namespace}/${v.pvc.name}`) : undefined;
  if (k?.usedBytes !== undefined) {
    v.usedBytes = k.usedBytes;
    v.usedSource = v.engine === 'localpv-hostpath' ? 'kubelet-hostpath-fs' : 'kubelet';
    v.usedPct = pct(k.usedBytes, k.capacityBytes ?? v.capacityBytes);
  } else if (v.engine === 'cstor') {
    const used = cstorUsed(replicas);
    if (used !== undefined) { v.usedBytes = used; v.usedSource = 'cstor-cvr'; v.usedPct = pct(used, v.capacityBytes); }
  } else if (v.engine === 'mayastor') {
    const used = mayastorAllocated(ctx, v);
    if (used !== undefined) { v.usedBytes = used; v.usedSource = 'mayastor-allocated'; v.usedPct = pct(used, v.capacityBytes); }
  }
  if (v.usedPct !== undefined && v.usedPct >= VOLUME_FULL_PCT && v.usedSource !== 'kubelet-hostpath-fs' && v.usedSource !== 'mayastor-allocated') {
    v.reasons.push(`nearly full: ${Math.round(v.usedPct)}% used (${formatBytes(v.usedBytes)} of ${formatBytes(v.capacityBytes)})`);
  }
  if (v.usedSource === 'kubelet-hostpath-fs' && v.usedPct !== undefined && v.usedPct >= VOLUME_FULL_PCT) {
    v.reasons.push(`node filesystem ${Math.round(v.usedPct)}% full (shared by every hostpath volume on ${v.attachedNodes[0] ?? 'the node'})`);
  }
}

function nodeRule(ctx: Ctx, v: Volume): void {
  if (LOCAL.includes(v.engine)) {
    const node = ctx.dataNode.get(v.id);
    if (node && ctx.nodes.get(node)?.ready === false) {
      v.health = 'Offline';
      v.replicas.healthy = 0;
      v.reasons.unshift(`node ${node} is NotReady: the data is on that node`);
    }
    return;
  }
  for (const n of v.attachedNodes) {
    if (ctx.nodes.get(n)?.ready === false) v.reasons.push(`attached node ${n} is NotReady: the application cannot reach the volume from there`);
  }
}

function storageClassInfo(sc: KubeObject, counts: Map<string, number>): StorageClassInfo {
  const a = sc.metadata.annotations ?? {};
  return {
    name: sc.metadata.name, provisioner: sc.provisioner ?? '', engine: engineOfStorageClass(sc),
    isDefault: a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true',
    allowVolumeExpansion: sc.allowVolumeExpansion === true, reclaimPolicy: sc.reclaimPolicy ?? 'Delete', volumeBindingMode: sc.volumeBindingMode ?? 'Immediate',
    parameters: Object.fromEntries(Object.entries(sc.parameters ?? {}).map(([k, v]) => [k, String(v)])),
    volumeCount: counts.get(sc.metadata.name) ?? 0,
  };
}

export function normalize(raw: RawCluster, now: Date = new Date()): Inventory {
  const ctx = buildCtx(raw);
  buildPools(ctx);
  const volumes: Volume[] = [];
  const replicas: Replica[] = [];
  const warnings = [...raw.warnings];
  let skipped = 0;
  const boundPvcs = new Set<string>();
  for (const pv of raw.objects.pvs) {
    const sc = ctx.storageClasses.get(pv.spec?.storageClassName);
    const engine = detectEngine(pv, sc);
    const claim = pv.spec?.claimRef;
    if (claim?.name) boundPvcs.add(`${claim.namespace}/${claim.name}`);
    if (engine === 'unknown' && !isOpenEbsProvisioner(pv.spec?.csi?.driver ?? sc?.provisioner)) { skipped++; continue; }
    const v = baseVolume(ctx, pv, engine);
    const adapter = ADAPTERS[engine];
    let reps: Replica[] = [];
    if (adapter) reps = adapter(ctx, pv, v);
    else if (engine === 'legacy-cstor') {
      v.health = 'Unknown';
      v.engineStatus = 'legacy';
      v.reasons.push('legacy pre-CSI cStor volume (openebs.io/v1alpha1): unsupported, migrate it to cStor CSI');
    } else {
      v.engineStatus = 'unknown';
      v.reasons.push('OpenEBS engine not recognised');
    }
    nodeRule(ctx, v);
    applyUsage(ctx, v, reps);
    volumes.push(v);
    replicas.push(...reps);
    if (v.engine === 'localpv-hostpath') {
      const node = ctx.dataNode.get(v.id);
      const id = node && hostpathPoolId(node);
      if (node && id && !ctx.pools.has(id)) {
        const k = v.pvc ? ctx.kubeletByPvc.get(`${v.pvc.namespace}/${v.pvc.name}`) : undefined;
        ctx.pools.set(id, hostpathPool(ctx, node, k));
      }
    }
  }
  if (skipped) warnings.push(`${skipped} non-OpenEBS PersistentVolume(s) skipped`);
  for (const pvc of raw.objects.pvcs) {
    const key = `${pvc.metadata.namespace}/${pvc.metadata.name}`;
    const phase = pvc.status?.phase;
    if (boundPvcs.has(key) || (phase !== 'Lost' && (phase !== 'Pending' || pvc.spec?.volumeName))) continue;
    const engine = engineOfStorageClass(ctx.storageClasses.get(pvc.spec?.storageClassName));
    if (engine === 'unknown') continue;
    const v = pendingVolume(ctx, pvc, engine);
    if (phase === 'Lost') {
      // the claim is bound to a PV that no longer exists
      Object.assign(v, { health: 'Faulted', pvPhase: 'Failed', engineStatus: 'PVC Lost', reasons: [`PVC Lost: its PersistentVolume ${pvc.spec?.volumeName ?? ''} no longer exists`.replace('  ', ' ')] });
    }
    volumes.push(v);
  }

  const pvByPvc = new Map(volumes.filter((v) => v.pvc && !v.id.includes('/')).map((v) => [`${v.pvc!.namespace}/${v.pvc!.name}`, { id: v.id, engine: v.engine }]));
  // by id: the same order however the objects were listed (API pages, a dump's file order)
  const snapshots = buildSnapshots(raw, pvByPvc).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const snapCounts = new Map<string, number>();
  for (const s of snapshots) if (s.volumeId) snapCounts.set(s.volumeId, (snapCounts.get(s.volumeId) ?? 0) + 1);
  for (const v of volumes) {
    const n = snapCounts.get(v.id);
    if (n !== undefined || v.snapshotCount === undefined) v.snapshotCount = Math.max(n ?? 0, v.snapshotCount ?? 0);
  }
  countPoolReplicas(ctx.pools, volumes, replicas);
  const scCounts = new Map<string, number>();
  for (const v of volumes) if (v.storageClass) scCounts.set(v.storageClass, (scCounts.get(v.storageClass) ?? 0) + 1);

  // a missing group ("cstor.openebs.io") or a missing resource ("jivavolumes.openebs.io") means the engine is not installed
  const missingEngines = [...new Set(raw.missingGroups.flatMap((g) => RESOURCES
    .filter((r) => 'engine' in r && (r.group === g || `${r.plural}.${r.group}` === g)).map((r) => (r as { engine: string }).engine)))]
    .filter((e) => e !== 'ndm') as Engine[];
  return {
    cluster: raw.name, fetchedAt: now.toISOString(), volumes, replicas,
    pools: [...ctx.pools.values()],
    snapshots,
    storageClasses: raw.objects.storageClasses.filter((sc) => isOpenEbsProvisioner(sc.provisioner) || engineOfStorageClass(sc) !== 'unknown').map((sc) => storageClassInfo(sc, scCounts)),
    nodes: [...ctx.nodes.values()],
    missingEngines, warnings,
  };
}
