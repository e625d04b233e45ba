// Answers that are not lists: help, action plans, manifests, and the "I can't" family (not found, ambiguous,
// engine not installed, cluster unreachable).
import type { ActionPlan, MuteTarget, ResultOf } from '../commands/types.js';
import { ACTION_IDS, type Out } from './blocks.js';
import { b, code, engineLabel, pre, size } from './format.js';

const target = (t: MuteTarget) => (t.kind === 'all' ? 'all alerts' : `alerts for ${t.kind} ${t.name}`);

/** one line saying what a plan would do */
export function planTitle(p: ActionPlan): string {
  switch (p.action) {
    case 'snapshot.create': return `Snapshot ${p.pvc} (${p.namespace}) as ${p.snapshotName}`;
    case 'snapshot.delete': return `Delete snapshot ${p.snapshot.name} (${p.snapshot.namespace})`;
    case 'volume.expand': return `Expand ${p.volume.pvc?.name ?? p.volume.id} from ${size(p.fromBytes)} to ${size(p.toBytes)}`;
    case 'alert.mute': return `Mute ${target(p.target)} until ${p.until.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC')}`;
    case 'alert.unmute': return `Unmute ${target(p.target)}`;
  }
}

export function renderPlan(r: ResultOf<'plan'>, out: Out): void {
  out.header(planTitle(r.plan));
  if (r.problems.length) out.section(`:no_entry: ${b('This would be refused:')}\n${r.problems.map((x) => `• ${x}`).join('\n')}`);
  out.section(`${b(r.problems.length ? 'What it would take' : 'What would be done')}\n${r.steps.map((x, i) => `${i + 1}. ${x}`).join('\n')}`);
  out.context(r.problems.length ? ':information_source: Not executed: nothing was changed.'
    : ':information_source: Not executed yet: it runs only after your explicit yes.');
}

export function renderManifest(r: ResultOf<'manifest'>, out: Out): void {
  const kind = { pvc: 'PersistentVolumeClaim', storageclass: 'StorageClass', volumesnapshot: 'VolumeSnapshot' }[r.manifestKind];
  out.header(`:page_facing_up: ${kind} ${r.name}`);
  out.section(pre(r.yaml.trimEnd()));
  if (r.notes.length) out.context(r.notes.join(' · '));
  out.context('Review, then `kubectl apply -f` it yourself: nothing was applied.');
}

export function choiceButtons(out: Out, options: { label: string; value: string }[], blockId = 'mulebot.choices'): void {
  out.buttons(options.map((o, i) => ({ text: o.label, actionId: `${ACTION_IDS.choicePrefix}${i}`, value: o.value })), blockId);
  out.textLine(options.map((o, i) => `  ${i + 1}. ${o.label}`).join('\n'));
}

export function renderNotFound(r: ResultOf<'not-found'>, out: Out): void {
  const what = r.what === 'storageclass' ? 'storage class' : r.what;
  if (!r.suggestions.length) { out.section(`:mag: I don't see ${what} ${b(r.query)} on ${r.cluster}.`); return; }
  const list = r.suggestions.map((s) => b(s));
  const alt = list.length === 1 ? list[0] : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
  out.section(`:mag: I don't see ${what} ${b(r.query)} on ${r.cluster}. Did you mean ${alt}?`);
  choiceButtons(out, r.suggestions.map((s) => ({ label: s, value: s })), `mulebot.didyoumean.${r.what}`);
}

export function renderAmbiguous(r: ResultOf<'ambiguous'>, out: Out): void {
  out.section(`More than one ${r.what} is called ${b(r.query)}. Which one?`);
  choiceButtons(out, r.candidates.slice(0, 25), `mulebot.which.${r.what}`);
}

export function renderHelp(r: ResultOf<'help'>, out: Out): void {
  out.header('What you can ask me');
  out.section(r.topics.map((t) => `${b(t.title)}: ${t.examples.map((e) => `"${e}"`).join(', ')}`).join('\n'));
  out.context('Ask in your own words; I understand storage questions about OpenEBS volumes, pools, snapshots and alerts.');
}

export function renderEngineMissing(r: ResultOf<'engine-not-installed'>, out: Out): void {
  out.section(`:white_circle: ${engineLabel(r.engine)} is not installed on ${r.cluster} (its API group is not served).`);
}

export function renderUnreachable(r: ResultOf<'cluster-unreachable'>, out: Out): void {
  out.section(`:red_circle: I can't reach ${b(r.cluster)} right now: ${r.reason}`);
}

export function renderUnsupported(r: ResultOf<'unsupported'>, out: Out): void {
  out.section(`:information_source: I can't do that yet (${code(r.intent)}): ${r.reason}`);
}
