// Carrying out a confirmed action. The dialogue calls executeAction only after the asker's explicit yes, with the
// command pinned to what the plan said (pinAction): the snapshot name, the absolute target size, the resolved
// mute target. The plan is checked again first, against the watch cache and then the live object on the
// apiserver, because the cluster may have changed between the question and the yes; a plan that no longer holds
// is refused with the reason. Failures of the write (403, 404, 409, unreachable) come back as data.
import type { StorageWrites, WriteFailure } from '../openebs/actions.js';
import { formatBytes } from '../openebs/quantity.js';
import { alertMute, alertUnmute, snapshotCreate as planSnapshot, snapshotDelete as planDelete, volumeExpand as planExpand } from './actions.js';
import { answer, volumeLabel } from './lookup.js';
import { quantity } from './manifest.js';
import type { ActionChange, ActionName, ActionPlan, Command, CommandContext, CommandIntent, CommandResult, MuteTarget } from './types.js';

/** intents whose command changes something: answered with a checked plan, carried out after an explicit yes */
export const ACTION_INTENTS: readonly CommandIntent[] = ['snapshot.create', 'snapshot.delete', 'volume.expand', 'alert.mute', 'alert.unmute'];

/** What the plan the user said yes to was built on, beyond the command: checked again before the write. */
export interface ActionPin {
  /** volume.expand: the requested size the plan started from */
  fromBytes?: number;
  /** snapshot.delete: the creation time of the snapshot the plan was about (a re-created one is another) */
  createdAt?: string;
}

export type ActionCommand = Extract<Command, { intent: ActionName }>;

export const isActionCommand = (c: Command): c is ActionCommand => ACTION_INTENTS.includes(c.intent);

const describeTarget = (t: MuteTarget) => (t.kind === 'all' ? 'all alerts' : `${t.kind} ${t.name}`);

/** The command that re-creates exactly this plan at execution time, and what it was built on. */
export function pinAction(plan: ActionPlan): { command: ActionCommand; pin: ActionPin } {
  switch (plan.action) {
    case 'snapshot.create':
      return { command: { intent: plan.action, volume: { query: `${plan.namespace}/${plan.pvc}` }, snapshotName: plan.snapshotName }, pin: {} };
    case 'snapshot.delete':
      return { command: { intent: plan.action, snapshot: plan.snapshot.name, namespace: plan.snapshot.namespace },
        pin: plan.snapshot.createdAt ? { createdAt: plan.snapshot.createdAt } : {} };
    case 'volume.expand':
      return { command: { intent: plan.action, volume: { query: volumeLabel(plan.volume) }, sizeBytes: plan.toBytes, relative: false },
        pin: { fromBytes: plan.fromBytes } };
    case 'alert.mute':
      return { command: { intent: plan.action, target: plan.target, durationSeconds: plan.durationSeconds }, pin: {} };
    case 'alert.unmute':
      return { command: { intent: plan.action, target: plan.target }, pin: {} };
  }
}

/** "payments/pg-wal", "payments/pg-wal-snap", "volume payments/pg-wal": what an action is about */
export function actionTarget(p: ActionPlan): string {
  switch (p.action) {
    case 'snapshot.create': return `${p.namespace}/${p.pvc}`;
    case 'snapshot.delete': return `${p.snapshot.namespace}/${p.snapshot.name}`;
    case 'volume.expand': return volumeLabel(p.volume);
    case 'alert.mute': case 'alert.unmute': return describeTarget(p.target);
  }
}

/** what an action command is about, before any plan: the words it names (for refusals and their audit rows) */
export function commandTarget(c: ActionCommand): string {
  switch (c.intent) {
    case 'snapshot.create': case 'volume.expand': return c.volume.query;
    case 'snapshot.delete': return c.namespace ? `${c.namespace}/${c.snapshot}` : c.snapshot;
    case 'alert.mute': case 'alert.unmute': return describeTarget(c.target);
  }
}

/** What to do about a refused write: for a 403, the rule that is missing. */
export function failureHint(f: WriteFailure): string | undefined {
  switch (f.kind) {
    case 'forbidden': {
      const [verb, resource] = (f.permission ?? '').split(' ');
      const [plural, ...group] = (resource ?? '').split('.');
      return `MuleBot's ClusterRole needs the verb ${verb ?? '?'} on ${plural || '?'} (API group "${group.join('.')}"): `
        + 'add it as in deploy/rbac.yaml and `kubectl apply -f deploy/rbac.yaml`.';
    }
    case 'conflict': return 'The object changed while I was writing: nothing was changed. Ask again to plan against its current state.';
    case 'timeout': case 'unreachable':
      return 'I could not hear back from the cluster, so I cannot tell whether the change was made: ask me about it again to see.';
    default: return undefined;
  }
}

export async function executeAction(command: Command, ctx: CommandContext, o: { by: string; pin?: ActionPin }): Promise<CommandResult> {
  if (!isActionCommand(command)) return answer(ctx, { kind: 'unsupported', intent: command.intent, reason: 'this is not an action' });
  const by = o.by;
  const stale = (target: string, problems: string[]): CommandResult =>
    answer(ctx, { kind: 'action-failed', action: command.intent, target, by, stage: 'stale', problems });
  const failed = (target: string, failure: WriteFailure): CommandResult =>
    answer(ctx, { kind: 'action-failed', action: command.intent, target, by, stage: 'write', problems: [], failure, ...hintOf(failure) });
  const done = (target: string, change: ActionChange, notes: string[]): CommandResult =>
    answer(ctx, { kind: 'action-done', action: command.intent, target, by, change, notes });

  // 1. the plan again, on the cluster as it is now
  const again = await replan(command, ctx);
  if (again.kind !== 'plan') return stale(commandTarget(command), [goneReason(again)]);
  const plan = again.plan;
  const target = actionTarget(plan);
  if (again.problems.length) return stale(target, again.problems);

  // 2. the live object, then the write
  switch (plan.action) {
    case 'alert.mute': case 'alert.unmute': {
      const w = ctx.alerts?.write;
      if (!w) return failed(target, { kind: 'http', message: `mutes cannot be kept for ${ctx.cluster.name}: it is not a cluster of the store` });
      try {
        if (plan.action === 'alert.mute') {
          await w.mute(plan.target, new Date(plan.until));
          return done(target, { action: plan.action, target: plan.target, until: plan.until }, []);
        }
        if (!(await w.unmute(plan.target))) return stale(target, [`${describeTarget(plan.target)} are not muted any more`]);
        return done(target, { action: plan.action, target: plan.target }, []);
      } catch (err: any) {
        return failed(target, { kind: 'http', message: `the store could not save it: ${err?.message ?? err}` });
      }
    }
    default: break;
  }
  const writes = ctx.writes;
  if (!writes) return failed(target, { kind: 'http', message: `${ctx.cluster.name} is read-only for MuleBot (no write access configured)` });
  switch (plan.action) {
    case 'snapshot.create': return snapshotCreate(plan, writes, { stale, failed, done, by });
    case 'snapshot.delete': return snapshotDelete(plan, writes, o.pin ?? {}, { stale, failed, done });
    case 'volume.expand': return volumeExpand(plan, writes, o.pin ?? {}, { stale, failed, done });
    default: return stale(target, ['unknown action']);
  }
}

interface Answers {
  stale(target: string, problems: string[]): CommandResult;
  failed(target: string, f: WriteFailure): CommandResult;
  done(target: string, change: ActionChange, notes: string[]): CommandResult;
}

async function snapshotCreate(p: Extract<ActionPlan, { action: 'snapshot.create' }>, w: StorageWrites, a: Answers & { by: string }): Promise<CommandResult> {
  const target = `${p.namespace}/${p.pvc}`;
  const pvc = await w.pvc(p.namespace, p.pvc);
  if (!pvc.ok) return a.failed(target, pvc.error);
  if (!pvc.value) return a.stale(target, [`the PVC ${target} is gone`]);
  if (pvc.value.phase && pvc.value.phase !== 'Bound') return a.stale(target, [`the PVC ${target} is ${pvc.value.phase}, not Bound`]);
  const existing = await w.snapshot(p.namespace, p.snapshotName);
  if (!existing.ok) return a.failed(target, existing.error);
  if (existing.value) return a.stale(target, [`a snapshot ${p.namespace}/${p.snapshotName} already exists`]);
  const made = await w.createSnapshot({ namespace: p.namespace, name: p.snapshotName, pvc: p.pvc, snapshotClass: p.snapshotClass, requestedBy: a.by });
  if (!made.ok) return a.failed(target, made.error);
  const notes = [`not ready to use yet: the CSI driver cuts it in the background; ask me "snapshots of ${p.pvc}" to see when it is`];
  if (p.volume.engine === 'localpv-lvm') notes.push('LVM snapshots need the dm-snapshot kernel module on the node');
  return a.done(target, { action: 'snapshot.create', snapshot: made.value }, notes);
}

async function snapshotDelete(p: Extract<ActionPlan, { action: 'snapshot.delete' }>, w: StorageWrites, pin: ActionPin, a: Answers): Promise<CommandResult> {
  const s = p.snapshot;
  const target = `${s.namespace}/${s.name}`;
  const live = await w.snapshot(s.namespace, s.name);
  if (!live.ok) return a.failed(target, live.error);
  if (!live.value) return a.stale(target, [`the snapshot ${target} is already gone`]);
  if (pin.createdAt && live.value.createdAt && live.value.createdAt !== pin.createdAt) {
    return a.stale(target, [`the snapshot ${target} was re-created (${live.value.createdAt}) since I asked: it is not the one you confirmed`]);
  }
  const gone = await w.deleteSnapshot(s.namespace, s.name, live.value.uid);
  if (!gone.ok) return a.failed(target, gone.error);
  return a.done(target, { action: 'snapshot.delete', snapshot: gone.value },
    ['the snapshot data goes with it when the class deletionPolicy is Delete (it stays with Retain)']);
}

async function volumeExpand(p: Extract<ActionPlan, { action: 'volume.expand' }>, w: StorageWrites, pin: ActionPin, a: Answers): Promise<CommandResult> {
  const target = volumeLabel(p.volume);
  if (!p.volume.pvc) return a.stale(target, ['the volume has no claim to resize']);
  const { namespace, name } = p.volume.pvc;
  const pvc = await w.pvc(namespace, name);
  if (!pvc.ok) return a.failed(target, pvc.error);
  if (!pvc.value) return a.stale(target, [`the PVC ${target} is gone`]);
  const now = pvc.value.requestedBytes;
  if (now !== undefined && now >= p.toBytes) return a.stale(target, [`the volume already asks for ${formatBytes(now)}`]);
  const from = pin.fromBytes ?? p.fromBytes;
  if (now !== undefined && now !== from) {
    return a.stale(target, [`the volume now asks for ${formatBytes(now)}, not ${formatBytes(from)} as when I planned it`]);
  }
  const to = quantity(p.toBytes);
  const patched = await w.resizePvc(namespace, name, to, pvc.value.resourceVersion);
  if (!patched.ok) return a.failed(target, patched.error);
  const notes = ['the resize is in progress: the CSI driver grows the volume, then the filesystem follows (FileSystemResizePending until a pod uses it)',
    `ask me "status of ${name}" to see when the new capacity shows`];
  if (p.volume.engine === 'mayastor') notes.push('Mayastor expands online from release 2.6');
  return a.done(target, { action: 'volume.expand', namespace, pvc: name, from: pvc.value.requested ?? quantity(from), to,
    ...(now !== undefined ? { fromBytes: now } : {}), toBytes: p.toBytes }, notes);
}

function hintOf(f: WriteFailure): { hint?: string } {
  const hint = failureHint(f);
  return hint ? { hint } : {};
}


function replan(c: ActionCommand, ctx: CommandContext): Promise<CommandResult> {
  switch (c.intent) {
    case 'snapshot.create': return planSnapshot(c, ctx);
    case 'snapshot.delete': return planDelete(c, ctx);
    case 'volume.expand': return planExpand(c, ctx);
    case 'alert.mute': return alertMute(c, ctx);
    case 'alert.unmute': return alertUnmute(c, ctx);
  }
}

/** why a re-planned action found nothing to act on */
function goneReason(r: CommandResult): string {
  switch (r.kind) {
    case 'not-found': return `${r.what} ${r.query} is no longer on ${r.cluster}`;
    case 'ambiguous': return `${r.query} now names more than one ${r.what} on ${r.cluster}`;
    case 'cluster-unreachable': return `${r.cluster} is not reachable: ${r.reason}`;
    default: return `the plan could not be made again (${r.kind})`;
  }
}
