// Action intents: build the typed plan and check it against the cluster. `problems` lists why it would be refused;
// `steps` what would be done. A plan changes nothing: the dialogue asks "Go ahead?", and on the asker's yes
// execute.ts plans it again on the cluster as it is then and carries it out.
import type { Volume } from '../openebs/types.js';
import { formatBytes } from '../openebs/quantity.js';
import { answer, findPool, findSnapshot, findVolume, volumeKeys } from './lookup.js';
import { quantity, snapshotClassFor, toYaml } from './manifest.js';
import type { ActionPlan, CommandContext, CommandOf, CommandResult, MuteTarget } from './types.js';

const plan = (ctx: CommandContext, p: ActionPlan, problems: string[], steps: string[]): CommandResult =>
  answer(ctx, { kind: 'plan', plan: p, problems, executed: false, steps });

const NO_SNAPSHOTS: Partial<Record<Volume['engine'], string>> = {
  'localpv-hostpath': 'LocalPV Hostpath volumes cannot be snapshotted (no CSI driver)',
  'localpv-device': 'LocalPV Device volumes cannot be snapshotted (no CSI driver)',
  jiva: 'Jiva volumes have no CSI snapshot support',
  'legacy-cstor': 'legacy (non-CSI) cStor volumes are not supported',
  unknown: 'the engine of this volume is not known',
};

function stamp(d: Date): string {
  return d.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

export async function snapshotCreate(cmd: CommandOf<'snapshot.create'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  const f = findVolume(inv, cmd.volume);
  if (!f.ok) return answer(ctx, f.result);
  const v = f.value;
  const problems: string[] = [];
  if (NO_SNAPSHOTS[v.engine]) problems.push(NO_SNAPSHOTS[v.engine]!);
  if (!v.pvc || v.pvPhase !== 'Bound') problems.push(`the volume is ${v.pvPhase}, not Bound: there is nothing to snapshot yet`);
  const namespace = v.pvc?.namespace ?? 'default';
  const pvc = v.pvc?.name ?? v.id;
  const snapshotName = cmd.snapshotName ?? `${pvc}-${stamp(ctx.now)}`;
  if (inv.snapshots.some((s) => s.namespace === namespace && s.name === snapshotName)) problems.push(`a snapshot ${namespace}/${snapshotName} already exists`);
  const cls: { name?: string } = NO_SNAPSHOTS[v.engine] ? {} : snapshotClassFor(v, inv, ctx.snapshotClasses);
  if (!NO_SNAPSHOTS[v.engine] && !cls.name) problems.push(`no VolumeSnapshotClass for the driver ${v.driver}`);
  const manifest = toYaml({ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: snapshotName, namespace },
    spec: { ...(cls.name ? { volumeSnapshotClassName: cls.name } : {}), source: { persistentVolumeClaimName: pvc } } });
  const steps = [`create VolumeSnapshot ${namespace}/${snapshotName} of PVC ${pvc}${cls.name ? ` with class ${cls.name}` : ''}`,
    'wait until status.readyToUse is true'];
  if (v.engine === 'localpv-lvm') steps.push('LVM snapshots need the dm-snapshot kernel module on the node');
  return plan(ctx, { action: 'snapshot.create', volume: v, namespace, pvc, snapshotName, snapshotClass: cls.name, manifest }, problems, steps);
}

export async function snapshotDelete(cmd: CommandOf<'snapshot.delete'>, ctx: CommandContext): Promise<CommandResult> {
  const f = findSnapshot(ctx.cluster.inventory, cmd.snapshot, cmd.namespace);
  if (!f.ok) return answer(ctx, f.result);
  const s = f.value;
  return plan(ctx, { action: 'snapshot.delete', snapshot: s }, [],
    [`delete VolumeSnapshot ${s.namespace}/${s.name}`, 'the snapshot data goes with it when the class deletionPolicy is Delete']);
}

export async function volumeExpand(cmd: CommandOf<'volume.expand'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  const f = findVolume(inv, cmd.volume);
  if (!f.ok) return answer(ctx, f.result);
  const v = f.value;
  const from = v.requestedBytes ?? v.capacityBytes;
  // "200Gi by 10 gigs" is 224748364800 bytes: round a sum of mixed units up to whole MiB (never below what was asked)
  const MiB = 1024 ** 2;
  const to = cmd.relative ? Math.ceil((from + cmd.sizeBytes) / MiB) * MiB : cmd.sizeBytes;
  const problems: string[] = [];
  const sc = inv.storageClasses.find((s) => s.name === v.storageClass);
  if (v.engine === 'localpv-hostpath' || v.engine === 'localpv-device') problems.push(`LocalPV ${v.engine === 'localpv-device' ? 'Device' : 'Hostpath'} volumes cannot be expanded`);
  else if (!sc) problems.push(`the storage class ${v.storageClass ?? '(none)'} is not in the cluster, so expansion cannot be checked`);
  else if (!sc.allowVolumeExpansion) problems.push(`the storage class ${sc.name} does not set allowVolumeExpansion`);
  if (to < from) problems.push(`${formatBytes(to)} is smaller than the current ${formatBytes(from)}: volumes cannot shrink`);
  else if (to === from) problems.push(`the volume is already ${formatBytes(from)}`);
  if (v.resizing || (v.requestedBytes !== undefined && v.requestedBytes !== v.capacityBytes)) problems.push('a resize is already in progress');
  if (!v.pvc || v.pvPhase !== 'Bound') problems.push(`the volume is ${v.pvPhase}, not Bound`);
  if (v.engine === 'localpv-lvm' && (v.snapshotCount ?? inv.snapshots.filter((s) => s.volumeId === v.id).length) > 0) {
    problems.push('LVM volumes cannot be expanded while they have snapshots');
  }
  // thick engines need the room now: compare with the free space of the pool(s) holding the volume
  if (to > from && (v.engine === 'localpv-lvm' || v.engine === 'localpv-zfs')) {
    const pools = inv.pools.filter((p) => v.poolIds.includes(p.id) && p.freeBytes !== undefined);
    const short = pools.find((p) => p.freeBytes! < to - from);
    if (short) problems.push(`pool ${short.id} on ${short.node} has only ${formatBytes(short.freeBytes)} free, ${formatBytes(to - from)} needed`);
  }
  const ns = v.pvc?.namespace ?? 'default';
  const steps = [`patch PVC ${ns}/${v.pvc?.name ?? v.id} spec.resources.requests.storage: ${quantity(from)} -> ${quantity(to)}`,
    'follow the PVC conditions (Resizing, FileSystemResizePending) until the new capacity shows'];
  if (v.engine === 'mayastor') steps.push('Mayastor expands online from release 2.6');
  return plan(ctx, { action: 'volume.expand', volume: v, fromBytes: from, toBytes: to, storageClass: sc?.name }, problems, steps);
}

/** a named target must exist (a typo would silently mute nothing) */
function checkTarget(ctx: CommandContext, t: MuteTarget): CommandResult | MuteTarget {
  if (t.kind === 'all') return t;
  const inv = ctx.cluster.inventory;
  if (t.kind === 'pool') {
    const f = findPool(inv, t.name);
    return f.ok ? { kind: 'pool', name: f.value.id } : answer(ctx, f.result);
  }
  const f = findVolume(inv, { query: t.name });
  return f.ok ? { kind: 'volume', name: f.value.pvc ? `${f.value.pvc.namespace}/${f.value.pvc.name}` : f.value.id } : answer(ctx, f.result);
}

export const DEFAULT_MUTE_SECONDS = 3600;
const describe = (t: MuteTarget) => (t.kind === 'all' ? 'every alert' : `alerts for ${t.kind} ${t.name}`);

export async function alertMute(cmd: CommandOf<'alert.mute'>, ctx: CommandContext): Promise<CommandResult> {
  const target = checkTarget(ctx, cmd.target);
  if ('cluster' in target) return target;
  const seconds = cmd.durationSeconds ?? DEFAULT_MUTE_SECONDS;
  const problems = seconds <= 0 ? ['the mute needs a positive duration'] : seconds > 30 * 86_400 ? ['mutes last at most 30 days'] : [];
  const until = new Date(ctx.now.getTime() + seconds * 1000).toISOString();
  return plan(ctx, { action: 'alert.mute', target, until, durationSeconds: seconds }, problems,
    [`mute ${describe(target)} in this channel on ${ctx.cluster.name} until ${until}`]);
}

export async function alertUnmute(cmd: CommandOf<'alert.unmute'>, ctx: CommandContext): Promise<CommandResult> {
  const target = checkTarget(ctx, cmd.target);
  if ('cluster' in target) return target;
  const problems: string[] = [];
  const live = ctx.alerts?.mutes.filter((m) => m.until > ctx.now) ?? [];
  // the mute as stored may name the volume another way ("pg-wal" for "payments/pg-wal"): unmute that one
  const found = target.kind === 'volume' ? findVolume(ctx.cluster.inventory, { query: target.name }) : undefined;
  const keys = found?.ok ? volumeKeys(found.value) : [];
  const match = live.find((m) => m.target.kind === target.kind
    && (target.kind === 'all' || (m.target.kind !== 'all' && (m.target.name === target.name || keys.includes(m.target.name)))));
  if (ctx.alerts && !match) problems.push(`${describe(target)} are not muted`);
  const exact = match?.target ?? target;
  return plan(ctx, { action: 'alert.unmute', target: exact }, problems, [`unmute ${describe(exact)} in this channel on ${ctx.cluster.name}`]);
}
