// Confirmed actions: what was changed, on which cluster, for whom; or why nothing was, and what to do about it.
import type { ActionChange, ActionName, MuteTarget, ResultOf } from '../commands/types.js';
import type { Out } from './blocks.js';
import { b, code, user } from './format.js';

const VERB: Record<ActionName, string> = {
  'snapshot.create': 'create the snapshot of', 'snapshot.delete': 'delete the snapshot', 'volume.expand': 'expand',
  'alert.mute': 'mute', 'alert.unmute': 'unmute',
};

/** ... when the target is not named yet ("snapshot it" in a read-only channel) */
const VERB_ANY: Record<ActionName, string> = {
  'snapshot.create': 'create snapshots', 'snapshot.delete': 'delete snapshots', 'volume.expand': 'expand volumes',
  'alert.mute': 'mute alerts', 'alert.unmute': 'unmute alerts',
};

const muted = (t: MuteTarget) => (t.kind === 'all' ? 'every alert' : `alerts for ${t.kind} ${b(t.name)}`);
const utc = (iso: string) => iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');

function changed(c: ActionChange, cluster: string): string {
  switch (c.action) {
    case 'snapshot.create': {
      const s = c.snapshot;
      return `created VolumeSnapshot ${b(`${s.namespace}/${s.name}`)} of PVC ${b(s.pvc ?? '?')}${s.snapshotClass ? ` (class ${s.snapshotClass})` : ''} on ${b(cluster)}`;
    }
    case 'snapshot.delete': return `deleted VolumeSnapshot ${b(`${c.snapshot.namespace}/${c.snapshot.name}`)} on ${b(cluster)}`;
    case 'volume.expand':
      return `PVC ${b(`${c.namespace}/${c.pvc}`)} on ${b(cluster)} now asks for ${b(c.to)} (was ${c.from}): spec.resources.requests.storage patched`;
    case 'alert.mute': return `muted ${muted(c.target)} on ${b(cluster)} in this channel until ${utc(c.until)}`;
    case 'alert.unmute': return `unmuted ${muted(c.target)} on ${b(cluster)} in this channel`;
  }
}

export function renderActionDone(r: ResultOf<'action-done'>, out: Out): void {
  out.section(`:white_check_mark: Done: ${changed(r.change, r.cluster)}.`);
  out.context([`Requested by ${user(r.by)}`, ...r.notes].join(' · '));
}

export function renderActionFailed(r: ResultOf<'action-failed'>, out: Out): void {
  const what = `${VERB[r.action]} ${b(r.target)} on ${b(r.cluster)}`;
  if (r.stage === 'stale') {
    out.section(`:no_entry: I did not ${what}: the cluster changed since I asked, and the plan no longer holds.\n${r.problems.map((p) => `• ${p}`).join('\n')}`);
    out.context(`Nothing was changed. Ask again to plan against the cluster as it is now. (confirmed by ${user(r.by)})`);
    return;
  }
  const f = r.failure!;
  const unsure = f.kind === 'timeout' || f.kind === 'unreachable';
  const why = f.kind === 'forbidden' ? `missing permission ${code(f.permission ?? '?')}`
    : f.kind === 'not-found' ? `it is not there any more (404): ${f.message}`
      : f.kind === 'conflict' ? `conflict (409): ${f.message}` : f.message;
  out.section(`${unsure ? ':warning:' : ':x:'} I could not ${what}: ${why}`);
  if (r.hint) out.section(r.hint);
  out.context(`${unsure ? 'The outcome is unknown.' : 'Nothing was changed.'} (confirmed by ${user(r.by)})`);
}

/** A refused action: which rule, and the operator command that opens it. */
export function renderActionDenied(r: ResultOf<'action-denied'>, out: Out): void {
  // the dialogue's placeholder for a slot not filled yet is "(missing)"
  const what = r.target && r.target !== '(missing)' ? `${VERB[r.action]} ${b(r.target)}` : VERB_ANY[r.action];
  const where = `on cluster ${b(r.cluster)} from this channel (${r.channel})`;
  const why = r.rule === 'none' ? `Actions ${where} are turned off`
    : r.rule === 'alerts-only' ? `Actions ${where} are read-only (alert mutes only)`
      : `Cluster changes ${where} are limited to ${r.allowedUsers.map(user).join(', ')}`;
  const changed = r.stage === 'confirm' ? ' The channel\'s permissions changed since the plan, so I did not act on it.' : '';
  out.section(`:no_entry: ${why}: I cannot ${what} for ${user(r.by)}.${changed}`);
  const bind = r.source === 'default'
    ? ' (this channel has no binding of its own: it sees the workspace default cluster, whose actions MULEBOT_DEFAULT_ACTIONS sets; the command binds it)' : '';
  out.section(`An operator can run ${code(r.fix)}${bind}.`);
  out.context('Nothing was changed. Questions are answered as before.');
}
