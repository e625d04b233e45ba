// The one renderer: every CommandResult -> { text, blocks }. Blocks for Slack (within its limits), text for the
// terminal and Slack notifications. With several results (one per cluster) each is labelled with its cluster.
import type { ActionPlan, CommandResult, ResultBody } from '../commands/types.js';
import { renderActionDenied, renderActionDone, renderActionFailed } from './actions.js';
import { ACTION_IDS, LIMITS, Out, type Rendered } from './blocks.js';
import {
  renderAlertList, renderClusterHealth, renderClusterList, renderPoolList, renderPoolStatus, renderSnapshotList,
  renderStorageClassList,
} from './cluster.js';
import { b } from './format.js';
import {
  choiceButtons, planTitle, renderAmbiguous, renderEngineMissing, renderHelp, renderManifest, renderNotFound, renderPlan,
  renderUnreachable, renderUnsupported,
} from './misc.js';
import {
  renderVolumeEvents, renderVolumeForecast, renderVolumeList, renderVolumeReplicas, renderVolumeStatus, renderVolumeUsage,
  type RenderOptions,
} from './volumes.js';

export { ACTION_IDS, LIMITS, type Rendered };

export interface RenderOpts {
  /** for ages ("35m ago"); default: the current time */
  now?: Date;
  /** rows of a list before it is summarised; default 20 */
  maxRows?: number;
  /** label the answer with its cluster (on by default when several results are rendered together) */
  showCluster?: boolean;
  maxBlocks?: number;
}

function body(r: CommandResult, out: Out, o: RenderOptions): void {
  switch (r.kind) {
    case 'volume.list': return renderVolumeList(r, out, o);
    case 'volume.status': case 'volume.describe': return renderVolumeStatus(r, out, o);
    case 'volume.usage': return renderVolumeUsage(r, out, o);
    case 'volume.replicas': return renderVolumeReplicas(r, out, o);
    case 'volume.events': return renderVolumeEvents(r, out, o);
    case 'volume.forecast': return renderVolumeForecast(r, out, o);
    case 'pool.list': return renderPoolList(r, out, o);
    case 'pool.status': return renderPoolStatus(r, out, o);
    case 'cluster.health': return renderClusterHealth(r, out, o);
    case 'cluster.list': return renderClusterList(r, out, o);
    case 'snapshot.list': return renderSnapshotList(r, out, o);
    case 'storageclass.list': return renderStorageClassList(r, out, o);
    case 'alert.list': return renderAlertList(r, out, o);
    case 'help': return renderHelp(r, out);
    case 'plan': return renderPlan(r, out);
    case 'action-done': return renderActionDone(r, out);
    case 'action-failed': return renderActionFailed(r, out);
    case 'action-denied': return renderActionDenied(r, out);
    case 'manifest': return renderManifest(r, out);
    case 'not-found': return renderNotFound(r, out);
    case 'ambiguous': return renderAmbiguous(r, out);
    case 'engine-not-installed': return renderEngineMissing(r, out);
    case 'cluster-unreachable': return renderUnreachable(r, out);
    case 'unsupported': return renderUnsupported(r, out);
    default: {
      const never: never = r;
      out.section(`(no renderer for ${(never as ResultBody).kind})`);
    }
  }
}

function renderOne(r: CommandResult, opts: RenderOpts, maxBlocks: number): Rendered {
  const out = new Out(maxBlocks);
  // the cluster label: a context line on top in Slack, a "[cluster]" prefix in text
  if (opts.showCluster) out.blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `:globe_with_meridians: *${r.cluster}*` }] });
  body(r, out, { now: opts.now ?? new Date(), maxRows: opts.maxRows ?? 20 });
  const done = out.done();
  return opts.showCluster ? { text: `[${r.cluster}] ${done.text}`, blocks: done.blocks } : done;
}

/** One answer, or several (one per cluster) stacked with dividers, always within 50 blocks in all. */
export function render(results: CommandResult | CommandResult[], opts: RenderOpts = {}): Rendered {
  const list = Array.isArray(results) ? results : [results];
  const maxBlocks = opts.maxBlocks ?? LIMITS.blocks;
  if (list.length === 1) return renderOne(list[0], opts, maxBlocks);
  if (!list.length) return { text: 'Nothing to show.', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Nothing to show.' } }] };
  const shown = list.slice(0, Math.floor((maxBlocks + 1) / 4));     // at least 3 blocks and a divider each
  const each = Math.floor((maxBlocks - (shown.length - 1)) / shown.length);
  const maxRows = Math.min(opts.maxRows ?? 20, Math.max(3, 10 - shown.length));
  const parts = shown.map((r) => renderOne(r, { ...opts, showCluster: opts.showCluster ?? true, maxRows }, each));
  // block_id must be unique within a message: number them per cluster
  const blocks = parts.flatMap((p, i) => {
    const own = p.blocks.map((x) => ('block_id' in x && x.block_id ? { ...x, block_id: `${x.block_id}.${i}` } : x));
    return i ? [{ type: 'divider' as const }, ...own] : own;
  });
  let text = parts.map((p) => p.text).join('\n\n');
  if (shown.length < list.length) text += `\n(${list.length - shown.length} more clusters not shown)`;
  return { text, blocks };
}

/** "Which volume?" / "Did you mean …?" with one button per option (action ids ACTION_IDS.choicePrefix + index). */
export function renderChoices(question: string, options: { label: string; value: string }[], opts: { blockId?: string } = {}): Rendered {
  const out = new Out();
  out.section(question);
  if (options.length) choiceButtons(out, options.slice(0, 25), opts.blockId);
  return out.done();
}

/**
 * A plan with Confirm and Cancel buttons (ACTION_IDS.confirm / ACTION_IDS.cancel). `value` goes into both buttons
 * so the dialogue can match the press to its pending plan (default: the plan's action).
 */
export function renderConfirm(plan: ActionPlan | Extract<CommandResult, { kind: 'plan' }>, opts: { value?: string; question?: string } = {}): Rendered {
  const p = 'kind' in plan ? plan.plan : plan;
  const steps = 'kind' in plan ? plan.steps : [];
  const out = new Out();
  out.section(`${b(planTitle(p))}${steps.length ? `\n${steps.map((s, i) => `${i + 1}. ${s}`).join('\n')}` : ''}`);
  // say which cluster is about to change: a channel may see several
  out.section(opts.question ?? ('kind' in plan ? `Cluster ${b(plan.cluster)}. Go ahead?` : 'Go ahead?'));
  const value = opts.value ?? p.action;
  out.buttons([
    { text: 'Confirm', actionId: ACTION_IDS.confirm, value, style: 'primary' },
    { text: 'Cancel', actionId: ACTION_IDS.cancel, value },
  ], 'mulebot.confirm');
  out.textLine('(reply "yes" to confirm or "cancel")');
  return out.done();
}
