// manifest.generate: real YAML for a PVC, a StorageClass or a VolumeSnapshot, from the slots and what the
// cluster has (its storage classes, pools and snapshot classes). Read-only: nothing is applied.
import { stringify } from 'yaml';
import type { Engine, Inventory, StorageClassInfo, Volume } from '../openebs/types.js';
import { answer, findVolume } from './lookup.js';
import type { CommandContext, CommandOf, CommandResult, ManifestSpec, SnapshotClassInfo } from './types.js';

const GI = 2 ** 30, MI = 2 ** 20;

export const PROVISIONER: Record<Exclude<Engine, 'unknown' | 'legacy-cstor'>, string> = {
  cstor: 'cstor.csi.openebs.io', jiva: 'jiva.csi.openebs.io', 'localpv-hostpath': 'openebs.io/local',
  'localpv-device': 'openebs.io/local', 'localpv-lvm': 'local.csi.openebs.io', 'localpv-zfs': 'zfs.csi.openebs.io',
  mayastor: 'io.openebs.csi-mayastor',
};

/** a Kubernetes quantity for bytes: whole Gi, else whole Mi, else bytes */
export function quantity(bytes: number): string {
  if (bytes % GI === 0) return `${bytes / GI}Gi`;
  if (bytes % MI === 0) return `${bytes / MI}Mi`;
  // decimal sizes ("100GB", "500 megs") stay decimal: 100G, not 107374182400
  if (bytes % 1e9 === 0) return `${bytes / 1e9}G`;
  if (bytes % 1e6 === 0) return `${bytes / 1e6}M`;
  return String(Math.ceil(bytes));
}

/** the replica count a storage class asks for, when it says */
export function scReplicas(sc: StorageClassInfo): number | undefined {
  const r = sc.parameters.repl ?? sc.parameters.replicaCount;
  return r ? Number(r) : undefined;
}

/** the storage class a new volume of this engine (and replica count) would use */
export function pickStorageClass(inv: Inventory, engine?: Engine, replicas?: number): StorageClassInfo | undefined {
  const scs = inv.storageClasses.filter((s) => !engine || s.engine === engine);
  if (!engine) return scs.find((s) => s.isDefault);
  return (replicas ? scs.find((s) => scReplicas(s) === replicas) : undefined) ?? scs.find((s) => s.isDefault) ?? scs[0];
}

export function snapshotClassFor(v: Volume, inv: Inventory, classes?: SnapshotClassInfo[]): { name?: string; inferred: boolean } {
  if (classes) {
    const mine = classes.filter((c) => c.driver === v.driver);
    return { name: (mine.find((c) => c.isDefault) ?? mine[0])?.name, inferred: false };
  }
  const used = inv.snapshots.find((s) => s.engine === v.engine && s.snapshotClass);
  return { name: used?.snapshotClass, inferred: true };
}

function storageClassYaml(spec: ManifestSpec, inv: Inventory, notes: string[]): { name: string; doc: object } {
  const engine = spec.engine ?? 'localpv-hostpath';
  if (!spec.engine) notes.push('no engine given: LocalPV Hostpath');
  const r = spec.replicas;
  const name = spec.name ?? `openebs-${engine.replace(/^localpv-/, '')}${r ? `-${r}` : ''}`;
  const doc: any = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner: PROVISIONER[engine as keyof typeof PROVISIONER] ?? 'openebs.io/local' };
  const replicated = engine === 'cstor' || engine === 'mayastor' || engine === 'jiva';
  if (r && !replicated) notes.push(`${engine} keeps one copy on one node: the replica count does not apply`);
  switch (engine) {
    case 'cstor': {
      const cspc = inv.pools.find((p) => p.engine === 'cstor' && p.cluster)?.cluster;
      if (!cspc) notes.push('no CStorPoolCluster found in this cluster: set cstorPoolCluster');
      doc.parameters = { 'cas-type': 'cstor', cstorPoolCluster: cspc ?? 'cstor-disk-pool', replicaCount: String(r ?? 3) };
      doc.allowVolumeExpansion = true;
      break;
    }
    case 'mayastor':
      doc.parameters = { repl: String(r ?? 3), protocol: 'nvmf', ioTimeout: '60' };
      doc.allowVolumeExpansion = true;
      break;
    case 'jiva':
      doc.parameters = { 'cas-type': 'jiva', policy: 'openebs-jiva-default-policy' };
      doc.allowVolumeExpansion = true;
      if (r) notes.push('Jiva takes its replica count from the JivaVolumePolicy (spec.target.replicationFactor), not the class');
      break;
    case 'localpv-lvm':
      doc.parameters = { storage: 'lvm', volgroup: inv.pools.find((p) => p.kind === 'lvm-vg')?.id.split('@')[0] ?? 'lvmvg' };
      doc.allowVolumeExpansion = true;
      doc.volumeBindingMode = 'WaitForFirstConsumer';
      break;
    case 'localpv-zfs':
      doc.parameters = { poolname: inv.pools.find((p) => p.kind === 'zfs-pool')?.id.split('@')[0] ?? 'zfspv-pool', fstype: 'zfs' };
      doc.allowVolumeExpansion = true;
      doc.volumeBindingMode = 'WaitForFirstConsumer';
      break;
    default: {
      const device = engine === 'localpv-device';
      doc.metadata.annotations = { 'openebs.io/cas-type': 'local', 'cas.openebs.io/config':
        device ? '- name: StorageType\n  value: "device"\n' : '- name: StorageType\n  value: "hostpath"\n- name: BasePath\n  value: "/var/openebs/local/"\n' };
      doc.volumeBindingMode = 'WaitForFirstConsumer';
      notes.push(`LocalPV ${device ? 'Device' : 'Hostpath'} volumes cannot be expanded or snapshotted`);
    }
  }
  doc.reclaimPolicy = 'Delete';
  return { name, doc };
}

function pvcYaml(spec: ManifestSpec, inv: Inventory, notes: string[]): { name: string; doc: object } | { error: string } {
  let sc = spec.storageClass ? inv.storageClasses.find((s) => s.name === spec.storageClass) : pickStorageClass(inv, spec.engine, spec.replicas);
  if (spec.storageClass && !sc) notes.push(`storage class ${spec.storageClass} is not in this cluster`);
  if (!spec.storageClass && !sc) {
    if (spec.engine) return { error: `this cluster has no storage class for ${spec.engine}; ask for a StorageClass manifest first` };
    notes.push('no default storage class: the cluster default (if any) will be used');
  }
  if (sc && spec.replicas && scReplicas(sc) !== undefined && scReplicas(sc) !== spec.replicas) {
    notes.push(`${sc.name} keeps ${scReplicas(sc)} replica(s), not ${spec.replicas}: create a class with ${spec.replicas} first`);
  }
  const name = spec.name ?? 'data';
  if (!spec.name) notes.push('no name given: "data"');
  const size = spec.sizeBytes ?? 10 * GI;
  if (!spec.sizeBytes) notes.push('no size given: 10Gi');
  const namespace = spec.namespace ?? 'default';
  const doc: any = {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace },
    spec: { accessModes: ['ReadWriteOnce'], ...(sc || spec.storageClass ? { storageClassName: sc?.name ?? spec.storageClass } : {}),
      resources: { requests: { storage: quantity(size) } } },
  };
  if (sc?.volumeBindingMode === 'WaitForFirstConsumer') notes.push(`${sc.name} binds when the first pod uses the claim (WaitForFirstConsumer)`);
  return { name, doc };
}

type Made = { name: string; doc: object } | { error: string; result?: CommandResult };

function snapshotYaml(spec: ManifestSpec, ctx: CommandContext, notes: string[]): Made {
  const inv = ctx.cluster.inventory;
  if (!spec.volume) return { error: 'a VolumeSnapshot needs the volume to snapshot' };
  const f = findVolume(inv, { query: spec.volume, namespace: spec.namespace });
  if (!f.ok) return { error: 'not found', result: answer(ctx, f.result) };
  const v = f.value;
  if (!v.pvc) return { error: `${v.id} has no claim to snapshot` };
  if (v.engine === 'localpv-hostpath' || v.engine === 'localpv-device' || v.engine === 'jiva') {
    return { error: `${v.pvc.name} is a ${v.engine} volume, which has no CSI snapshot support` };
  }
  const cls = snapshotClassFor(v, inv, ctx.snapshotClasses);
  if (!cls.name) notes.push(`no VolumeSnapshotClass for ${v.driver} found: create one, then set volumeSnapshotClassName`);
  else if (cls.inferred) notes.push(`class ${cls.name} taken from existing ${v.engine} snapshots`);
  const name = spec.name ?? `${v.pvc.name}-snap`;
  return { name, doc: {
    apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name, namespace: v.pvc.namespace },
    spec: { ...(cls.name ? { volumeSnapshotClassName: cls.name } : {}), source: { persistentVolumeClaimName: v.pvc.name } },
  } };
}

export function toYaml(doc: object): string {
  return stringify(doc, { lineWidth: 0 });
}

export async function manifestGenerate(cmd: CommandOf<'manifest.generate'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  const notes: string[] = [];
  const spec = cmd.spec;
  const made: Made = spec.kind === 'storageclass' ? storageClassYaml(spec, inv, notes)
    : spec.kind === 'volumesnapshot' ? snapshotYaml(spec, ctx, notes) : pvcYaml(spec, inv, notes);
  if ('error' in made) {
    if ('result' in made && made.result) return made.result;
    return answer(ctx, { kind: 'unsupported', intent: 'manifest.generate', reason: made.error });
  }
  return answer(ctx, { kind: 'manifest', manifestKind: spec.kind, name: made.name, yaml: toYaml(made.doc), notes });
}
