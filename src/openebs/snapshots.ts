// Snapshots: VolumeSnapshot + VolumeSnapshotContent + VolumeSnapshotClass, plus the LVMSnapshot/ZFSSnapshot state
// for the local engines (the CR is named "snapshot-<uid>" and the content's snapshotHandle is "<pv>@snapshot-<uid>").
import type { KubeObject, RawCluster } from '../kube/resources.js';
import { DRIVER_ENGINE } from './engine.js';
import { parseQuantity } from './quantity.js';
import type { Engine, Snapshot } from './types.js';

export function buildSnapshots(raw: RawCluster, pvByPvc: Map<string, { id: string; engine: Engine }>): Snapshot[] {
  const o = raw.objects;
  const contents = new Map(o.volumeSnapshotContents.map((c) => [c.metadata.name, c]));
  const classes = new Map(o.volumeSnapshotClasses.map((c) => [c.metadata.name, c]));
  const engineSnaps = new Map<string, KubeObject>();
  for (const s of [...o.lvmSnapshots, ...o.zfsSnapshots]) engineSnaps.set(s.metadata.name, s);
  const out: Snapshot[] = [];
  for (const vs of o.volumeSnapshots) {
    const ns = vs.metadata.namespace ?? 'default';
    const st = vs.status ?? {};
    const content = st.boundVolumeSnapshotContentName ? contents.get(st.boundVolumeSnapshotContentName) : undefined;
    const clsName = vs.spec?.volumeSnapshotClassName ?? content?.spec?.volumeSnapshotClassName;
    const cls = clsName ? classes.get(clsName) : undefined;
    const sourcePvc: string | undefined = vs.spec?.source?.persistentVolumeClaimName;
    const source = sourcePvc ? pvByPvc.get(`${ns}/${sourcePvc}`) : undefined;
    const driver: string | undefined = cls?.driver ?? content?.spec?.driver;
    const engine: Engine = (driver && DRIVER_ENGINE[driver]) || source?.engine || 'unknown';
    const snap: Snapshot = {
      id: `${ns}/${vs.metadata.name}`, name: vs.metadata.name, namespace: ns, engine,
      readyToUse: st.readyToUse === true || (st.readyToUse === undefined && content?.status?.readyToUse === true),
      createdAt: st.creationTime ?? vs.metadata.creationTimestamp,
    };
    if (source) snap.volumeId = source.id;
    else if (content?.spec?.source?.volumeHandle) snap.volumeId = content.spec.source.volumeHandle;
    if (sourcePvc) snap.sourcePvc = sourcePvc;
    if (clsName) snap.snapshotClass = clsName;
    const size = parseQuantity(st.restoreSize ?? content?.status?.restoreSize);
    if (size !== undefined) snap.restoreSizeBytes = size;
    // LVM/ZFS: find the engine CR by the name inside the snapshot handle, or by the VolumeSnapshot uid
    const handle: string = content?.status?.snapshotHandle ?? '';
    const crName = handle.includes('@') ? handle.split('@').pop()! : `snapshot-${vs.metadata.uid}`;
    const cr = engineSnaps.get(crName) ?? (content?.metadata.uid ? engineSnaps.get(`snapshot-${content.metadata.uid}`) : undefined);
    if (cr) {
      snap.engineState = cr.status?.state;
      if (cr.status?.error?.message) snap.error = cr.status.error.message;
    }
    const err = st.error?.message ?? content?.status?.error?.message;
    if (err) snap.error = err;
    if (!snap.readyToUse && !snap.error && cr && cr.status?.state && cr.status.state !== 'Ready') snap.error = `${cr.kind} ${cr.status.state}`;
    out.push(snap);
  }
  return out;
}
