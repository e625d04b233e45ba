// Follow-ups of confirmed actions, checked by the alert watcher with each cluster's alerts: a snapshot MuleBot created
// is ready to use (or failed, or still not ready at the deadline); an expansion reached the size asked for (the PV's
// capacity is there and the PVC no longer resizes) or not by the deadline. Each answer goes to the channel, and the
// thread, the action was asked in. Mutes do not apply: these are answers the user asked for. A follow-up is closed in
// the store first (atomic: of two replicas only one closes it, and only that one posts); an answer that could not be
// delivered opens it again for the next check.
import type { Inventory, Snapshot, StorageEvent, Volume } from '../openebs/types.js';
import type { Followup, Store } from '../store/index.js';
import { followupMessage, type FollowupFinding } from './message.js';
import type { AlertSink, AlertTarget, CheckReport, WatchedCluster } from './types.js';

/** an object the store says was made or changed but the inventory does not show is gone only after this long (cache lag) */
const MISSING_GRACE_MS = 60_000;

export interface FollowupCheck {
  store: Store;
  sink: AlertSink;
  cluster: WatchedCluster;
  /** the cluster's team (its store record's) */
  team: string;
  now: Date;
  /** the cluster's inventory; absent when it does not answer (then only deadlines are judged) */
  inventory?: Inventory;
  /** why the cluster does not answer */
  down?: { since: Date; reason: string };
  onError(err: unknown): void;
}

/** Checks a cluster's open follow-ups; what was closed goes into the report. */
export async function checkFollowups(o: FollowupCheck, report: CheckReport): Promise<void> {
  const open = await o.store.followups.open(o.team, o.cluster.id!);
  for (const f of open) {
    try {
      const found = await judge(f, o);
      if (!found) continue;
      if (!(await o.store.followups.finish(o.team, f.id, found.outcome))) continue;   // another replica answered it
      const to: AlertTarget = { team: f.postTeam, channel: f.channelId, ...(f.threadTs ? { thread: f.threadTs } : {}) };
      let delivered = true;
      try {
        await o.sink.post(to, followupMessage(f, found, o.now));
      } catch (err) {
        delivered = false;
        await o.store.followups.reopen(o.team, f.id).catch(() => {});
        o.onError(err);
      }
      (report.followups ??= []).push({ id: f.id, kind: f.kind, target: f.target, outcome: found.outcome, to, delivered });
    } catch (err) { o.onError(err); }
  }
}

/** The finding for one follow-up, or undefined while it is still under way. */
async function judge(f: Followup, o: FollowupCheck): Promise<FollowupFinding | undefined> {
  const late = o.now.getTime() >= f.deadline.getTime();
  if (!o.inventory) return late ? { outcome: 'timeout', reason: `cluster ${o.cluster.name} does not answer (${o.down?.reason ?? 'not connected'})` } : undefined;
  const missing = o.now.getTime() - f.createdAt.getTime() >= MISSING_GRACE_MS;
  return f.kind === 'snapshot-ready' ? snapshotFinding(f, o.inventory, late, missing) : resizeFinding(f, o, late, missing);
}

function snapshotFinding(f: Followup, inv: Inventory, late: boolean, missing: boolean): FollowupFinding | undefined {
  const s: Snapshot | undefined = inv.snapshots.find((x) => `${x.namespace}/${x.name}` === f.target);
  if (!s) return missing || late ? { outcome: 'failed', reason: 'it is gone from the cluster (deleted before it was ready)' } : undefined;
  if (s.readyToUse) return { outcome: 'ready', ...(s.restoreSizeBytes ? { sizeBytes: s.restoreSizeBytes } : {}) };
  if (s.error) return { outcome: 'failed', reason: s.error };
  if (!late) return undefined;
  return { outcome: 'timeout', reason: s.engineState ? `the engine reports it ${s.engineState}` : 'the snapshot controller has not marked it ready to use (check the CSI snapshotter)' };
}

async function resizeFinding(f: Followup, o: FollowupCheck, late: boolean, missing: boolean): Promise<FollowupFinding | undefined> {
  const v: Volume | undefined = o.inventory!.volumes.find((x) => x.pvc && `${x.pvc.namespace}/${x.pvc.name}` === f.target);
  if (!v) return missing || late ? { outcome: 'failed', reason: 'the PVC is gone from the cluster' } : undefined;
  const expected = f.expectedBytes ?? 0;
  if (v.capacityBytes >= expected && !v.resizing) return { outcome: 'ready', sizeBytes: v.capacityBytes };
  if (!late) return undefined;
  const why = v.capacityBytes >= expected
    ? 'the volume has grown but the file system resize has not finished (it may wait for the pod to restart)'
    : `the PVC asks for ${v.requestedBytes !== undefined && v.requestedBytes < expected ? 'less than that now' : 'it, but the resize has not happened'}`;
  const warning = await lastWarning(o.cluster, v).catch(() => undefined);
  return { outcome: 'timeout', sizeBytes: v.capacityBytes, reason: warning ? `${why}; last warning: ${warning.reason}: ${warning.message}` : why };
}

/** The newest warning event of a volume's objects (why a resize stalls: VolumeResizeFailed ...). */
async function lastWarning(c: WatchedCluster, v: Volume): Promise<StorageEvent | undefined> {
  const events = (await c.events(v.refs)).filter((e) => e.type === 'Warning');
  return events.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''))[0];
}
