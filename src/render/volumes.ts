// Answers about volumes: lists (worst first, summarised when long), one volume, usage, replicas, "why", forecasts.
import type { Forecast, ResultOf, VolumeFilter } from '../commands/types.js';
import type { Health, Pool, Replica, StorageEvent, Volume } from '../openebs/types.js';
import type { Out } from './blocks.js';
import {
  age, b, bar, clip, code, duration, engineLabel, healthEmoji, percent, plural, poolEmoji, size,
} from './format.js';

export interface RenderOptions { now: Date; maxRows: number }

const HEALTH_ORDER: Health[] = ['Faulted', 'Offline', 'Degraded', 'Rebuilding', 'Pending', 'Unknown', 'Healthy'];

export const vname = (v: Volume): string => v.pvc?.name ?? v.id;

/** "🟢 38 healthy · 🟡 2 degraded", worst first */
export function healthCounts(counts: Partial<Record<Health, number>>): string {
  return HEALTH_ORDER.filter((h) => counts[h]).map((h) => `${healthEmoji(h)} ${counts[h]} ${h.toLowerCase()}`).join(' · ');
}

/** "3 degraded, 1 offline" (the not-healthy part, for summaries) */
export function troubleSummary(counts: Partial<Record<Health, number>>): string {
  return HEALTH_ORDER.filter((h) => h !== 'Healthy' && counts[h]).map((h) => `${counts[h]} ${h.toLowerCase()}`).join(', ');
}

/** the PV capacity, or the request while there is no PV yet (Pending) */
export const volumeSize = (v: Volume): number => v.capacityBytes || v.requestedBytes || 0;

export function volumeRow(v: Volume): string {
  const parts = [`${healthEmoji(v.health)} ${b(vname(v))}${v.pvc ? ` (${v.pvc.namespace})` : ''}`, engineLabel(v.engine), size(volumeSize(v))];
  if (v.usedPct !== undefined) parts.push(v.usedSource === 'kubelet-hostpath-fs' ? `node fs ${percent(v.usedPct)} used` : `${percent(v.usedPct)} used`);
  const row = parts.join(' · ');
  return v.reasons.length ? `${row} — ${clip(v.reasons[0], 100)}` : row;
}

export function filterWords(f: VolumeFilter | undefined): string {
  if (!f) return 'volumes';
  const w: string[] = [];
  if (f.health && f.health !== 'attention') w.push(f.health === 'unhealthy' ? 'unhealthy' : f.health.toLowerCase());
  if (f.engine) w.push(engineLabel(f.engine));
  const where: string[] = [];
  if (f.namespace) where.push(`in ${f.namespace}`);
  if (f.node) where.push(`on ${f.node}`);
  if (f.pool) where.push(`on pool ${f.pool}`);
  if (f.storageClass) where.push(`of class ${f.storageClass}`);
  return [...w, 'volumes', ...(f.health === 'attention' ? ['needing attention'] : []), ...where].join(' ');
}

/** rows as sections (the Out splits them under 3,000 characters), then "showing 20 of 143; 3 degraded" */
export function rows(out: Out, lines: string[], total: number, shownNote: string, opts: RenderOptions): void {
  const shown = lines.slice(0, opts.maxRows);
  if (shown.length) out.section(shown.join('\n'));
  if (total > shown.length) out.context(`showing ${shown.length} of ${total}${shownNote ? `; ${shownNote}` : ''} (worst first)`);
}

export function renderVolumeList(r: ResultOf<'volume.list'>, out: Out, opts: RenderOptions): void {
  const what = filterWords(r.filter);
  if (!r.total) { out.section(`No ${what} found.`); return; }
  out.header(`${what[0].toUpperCase()}${what.slice(1)} (${r.total})`);
  out.section(healthCounts(r.countsByHealth));
  rows(out, r.volumes.slice(0, opts.maxRows).map(volumeRow), r.total, troubleSummary(r.countsByHealth), opts);
}

function replicaRow(x: Replica, pools: Pool[]): string {
  const pool = pools.find((p) => p.id === x.poolId);
  const where = [x.node ? `on ${b(x.node)}` : '', x.poolId ? `pool ${code(x.poolId)}` : ''].filter(Boolean).join(' ');
  const reason = x.reasons?.[0];
  const extra = reason ? [reason] : [x.rebuildProgressPct !== undefined ? `rebuilding: ${Math.round(x.rebuildProgressPct)}% done` : '',
    pool?.readOnly ? `pool read-only at ${percent(pool.usedPct)}` : ''].filter(Boolean);
  return `${healthEmoji(x.state)} ${x.state}${x.engineState && x.engineState !== x.state ? ` (${x.engineState})` : ''} ${where}${extra.length ? ` — ${extra.join('; ')}` : ''}`;
}

function usageLine(v: Volume): string {
  if (v.usedBytes === undefined) return v.engine === 'localpv-hostpath' ? 'no per-volume usage (hostpath shares the node filesystem)' : 'no usage figures';
  if (v.usedSource === 'kubelet-hostpath-fs') return `node filesystem ${percent(v.usedPct)} used (${size(v.usedBytes)}); hostpath volumes have no usage of their own`;
  return `${bar(v.usedPct)} ${percent(v.usedPct)} — ${size(v.usedBytes)} of ${size(v.capacityBytes)}`;
}

function volumeFields(v: Volume, full: boolean): [string, string][] {
  const f: [string, string][] = [
    ['Health', `${healthEmoji(v.health)} ${v.health}${v.engineStatus && v.engineStatus !== v.health ? ` (engine reports ${v.engineStatus})` : ''}`],
    ['Namespace', v.pvc?.namespace ?? '-'],
    ['Engine', engineLabel(v.engine)],
    ['Size', `${size(volumeSize(v))}${v.capacityBytes ? '' : ' requested'}${v.requestedBytes && v.requestedBytes !== v.capacityBytes ? ` (resizing to ${size(v.requestedBytes)})` : ''}`],
    ['Used', usageLine(v)],
    ['Replicas', `${v.replicas.healthy} of ${v.replicas.desired || v.replicas.total} healthy`],
    ['Node', [...new Set([...v.attachedNodes, ...(v.targetNode && full ? [`target ${v.targetNode}`] : [])])].join(', ') || '-'],
  ];
  if (full) {
    f.push(['Storage class', v.storageClass ?? '-'], ['PV', code(v.id)], ['Access', [...v.accessModes, v.volumeMode ?? ''].filter(Boolean).join(', ') || '-']);
    if (v.readOnly) f.push(['Read-only', 'yes']);
  }
  return f;
}

export function renderVolumeStatus(r: ResultOf<'volume.status'> | ResultOf<'volume.describe'>, out: Out, opts: RenderOptions): void {
  const v = r.volume;
  const full = r.kind === 'volume.describe';
  out.header(`${healthEmoji(v.health)} ${vname(v)} is ${v.health}`);
  if (v.reasons.length) out.section(v.reasons.map((x) => `• ${x}`).join('\n'));
  out.fields(volumeFields(v, full));
  if (r.replicas.length && (full || r.replicas.some((x) => x.state !== 'Healthy'))) {
    out.section(`${b('Replicas')}\n${r.replicas.slice(0, opts.maxRows).map((x) => replicaRow(x, r.pools)).join('\n')}`);
  }
  if (full && r.kind === 'volume.describe') {
    if (r.pools.length) out.section(`${b('Pools')}\n${r.pools.slice(0, opts.maxRows).map((p) => `${poolEmoji(p.status, p.readOnly)} ${code(p.id)} on ${p.node} · ${percent(p.usedPct)} used${p.readOnly ? ' · read-only' : ''}`).join('\n')}`);
    if (r.snapshots.length) out.section(`${b('Snapshots')}\n${r.snapshots.slice(0, opts.maxRows).map((s) => `${s.readyToUse ? ':white_check_mark:' : ':x:'} ${s.name} · ${age(s.createdAt, opts.now)} old`).join('\n')}`);
    if (r.storageClass) out.context(`class ${r.storageClass.name}: ${r.storageClass.provisioner}, expansion ${r.storageClass.allowVolumeExpansion ? 'allowed' : 'not allowed'}`);
  }
}

export function forecastSentence(f: Forecast, v?: Volume): string {
  switch (f.status) {
    case 'ok': {
      const rate = `+${size(f.bytesPerDay)} a day`;
      const when = `in about ${duration(f.fullInSeconds ?? 0)}`;
      const conf = f.confidence !== undefined && f.confidence < 0.5 ? ' (low confidence)' : '';
      return `:chart_with_upwards_trend: full ${when} at ${rate}${conf}`;
    }
    case 'already-full': return ':red_circle: already full';
    case 'history-unavailable': return 'cannot tell right now: the usage history could not be read';
    case 'not-growing': return 'not growing: no fill date';
    case 'too-few-samples': return `cannot tell yet: ${plural(f.samples, 'usage sample')} so far, 3 needed`;
    case 'too-short': return `cannot tell yet: samples cover ${duration(f.spanSeconds)}, at least an hour needed`;
    case 'no-usage': return v?.engine === 'localpv-hostpath'
      ? 'cannot tell: hostpath volumes have no usage figures of their own' : 'cannot tell: no usage figures for this volume';
  }
}

export function renderVolumeUsage(r: ResultOf<'volume.usage'>, out: Out, opts: RenderOptions): void {
  if (r.single) {
    const { volume: v, forecast } = r.volumes[0];
    out.header(`${vname(v)}: ${v.usedPct !== undefined ? `${percent(v.usedPct)} used` : 'usage unknown'}`);
    out.section(`${usageLine(v)}${forecast ? `\n${forecastSentence(forecast, v)}` : ''}`);
    return;
  }
  const what = filterWords(r.filter).replace(/^volumes/, 'volumes');
  if (!r.total) { out.section(`No usage figures for ${what}.`); return; }
  out.header(`Fullest ${what}`);
  rows(out, r.volumes.slice(0, opts.maxRows).map(({ volume: v }) => `${bar(v.usedPct)} ${percent(v.usedPct)} ${b(vname(v))}${v.pvc ? ` (${v.pvc.namespace})` : ''} · ${size(v.usedBytes)} of ${size(v.capacityBytes)}`),
    r.total, '', opts);
}

export function renderVolumeReplicas(r: ResultOf<'volume.replicas'>, out: Out, opts: RenderOptions): void {
  const v = r.volume;
  out.header(`${healthEmoji(v.health)} ${vname(v)}: ${v.replicas.healthy} of ${v.replicas.desired || v.replicas.total} replicas healthy`);
  if (!r.replicas.length) {
    out.section(v.engine.startsWith('localpv') ? `${engineLabel(v.engine)} keeps a single copy on ${v.attachedNodes[0] ?? v.poolIds[0] ?? 'one node'}.` : 'No replicas found.');
    return;
  }
  out.section(r.replicas.slice(0, opts.maxRows).map((x) => replicaRow(x, r.pools)).join('\n'));
}

function eventRow(e: StorageEvent, now: Date): string {
  const mark = e.type === 'Warning' ? ':warning:' : ':information_source:';
  return `${mark} ${code(age(e.at, now))} ${b(e.reason)}${e.count && e.count > 1 ? ` (x${e.count})` : ''} ${e.object.kind}/${e.object.name}: ${clip(e.message, 220)}`;
}

export function renderVolumeEvents(r: ResultOf<'volume.events'>, out: Out, opts: RenderOptions): void {
  const v = r.volume;
  // "Why X is Healthy" reads oddly: a healthy volume with notes ("nearly full") is "X is Healthy, but ..."
  out.header(v.health !== 'Healthy' ? `${healthEmoji(v.health)} Why ${vname(v)} is ${v.health}`
    : `${healthEmoji(v.health)} ${vname(v)} is Healthy${r.reasons.length ? `, ${r.reasons.length === 1 ? 'one thing' : `${r.reasons.length} things`} to watch` : ''}`);
  if (r.reasons.length) out.section(r.reasons.map((x) => `• ${x}`).join('\n'));
  else out.section('Nothing wrong is known about this volume.');
  if (r.replicas.length) out.section(`${b('Replicas not healthy')}\n${r.replicas.map((x) => replicaRow(x, r.pools)).join('\n')}`);
  if (r.events.length) out.section(`${b('Recent events')} (newest first)\n${r.events.slice(0, opts.maxRows).map((e) => eventRow(e, opts.now)).join('\n')}`);
  else if (r.eventsError) out.context(`:warning: the events could not be read: ${clip(r.eventsError, 200)}`);
  else out.context('No recent events about this volume.');
}

export function renderVolumeForecast(r: ResultOf<'volume.forecast'>, out: Out, opts: RenderOptions): void {
  if (r.single) {
    const { volume: v, forecast: f } = r.volumes[0];
    out.header(`${vname(v)}: ${v.usedPct !== undefined ? `${percent(v.usedPct)} used` : 'usage unknown'}`);
    out.section(forecastSentence(f, v));
    if (f.status === 'ok') out.context(`fit over ${plural(f.samples, 'sample')} in the last ${duration(f.spanSeconds)}; confidence ${Math.round((f.confidence ?? 0) * 100)}%`);
    return;
  }
  if (!r.total) { out.section('No volume is filling up at a rate I can measure yet.'); return; }
  out.header(`Volumes filling up soonest (${r.total})`);
  rows(out, r.volumes.slice(0, opts.maxRows).map(({ volume: v, forecast: f }) => `${b(vname(v))}${v.pvc ? ` (${v.pvc.namespace})` : ''} · ${percent(v.usedPct)} used · ${forecastSentence(f, v)}`), r.total, '', opts);
}
