// Current problems derived from the inventory (there is no alert state to drift: what is wrong now is the
// alert list), with the channel's mutes applied. The same derivation serves alert.list and the notifier.
import type { Inventory, Volume } from '../openebs/types.js';
import { DAY } from './forecast.js';
import { answer, filterVolumes, healthRank, ownUsage, volumeKeys, volumeLabel as label } from './lookup.js';
import type { Alert, CommandContext, CommandOf, CommandResult, Forecast, Mute } from './types.js';
import { FORECAST_SCAN, forecastFor, fullest, hasFilter } from './volumes.js';

export const THRESHOLDS = {
  poolFillingPct: 80,          // the openebs/monitoring rule
  poolCriticalPct: 90,
  volumeFullPct: 90,
  volumeCriticalPct: 95,
  fillWithinSeconds: 3 * DAY,
  /** volumes below this are not forecast for alerts: one history read each, and doubling in 3 days is rare */
  forecastFromPct: 50,
  /** and at most this many of the fullest of them */
  forecastMax: FORECAST_SCAN,
};

const KIND_RANK = { volume: 0, pool: 1, node: 2, engine: 3 };
const SEVERITY = { critical: 0, warning: 1 };

/** problems visible in the inventory alone: volumes (worst health first), then pools, nodes and engines */
export function inventoryAlerts(inv: Inventory, volumes: Volume[] = inv.volumes): Alert[] {
  const out: Alert[] = [];
  const rank = new Map<Alert, number>();
  let health = 9;
  const add = (a: Omit<Alert, 'key'>) => { const x = { ...a, key: `${a.kind}/${a.target.name}` }; out.push(x); rank.set(x, health); };
  for (const v of volumes) {
    health = healthRank(v.health);
    const target = { kind: 'volume' as const, name: label(v) };
    const { desired, healthy } = v.replicas;
    if (v.health !== 'Pending' && desired > 1 && healthy < desired) {
      add({ kind: 'replica-lost', severity: healthy === 0 || v.health === 'Offline' || v.health === 'Faulted' ? 'critical' : 'warning',
        target, message: `${healthy} of ${desired} replicas healthy`, value: desired - healthy });
    } else if (v.health !== 'Healthy' && v.health !== 'Rebuilding') {
      const critical = v.health === 'Offline' || v.health === 'Faulted' || !!v.readOnly;
      add({ kind: 'volume-unhealthy', severity: critical ? 'critical' : 'warning', target,
        message: `${v.health}${v.reasons.length ? `: ${clip(v.reasons[0], 160)}` : ''}` });
    }
    // thin Mayastor "allocated" is not what the filesystem holds; hostpath figures are the node's (as normalize says)
    if (v.usedPct !== undefined && ownUsage(v) && v.usedSource !== 'mayastor-allocated' && v.usedPct >= THRESHOLDS.volumeFullPct) {
      add({ kind: 'volume-full', severity: v.usedPct >= THRESHOLDS.volumeCriticalPct ? 'critical' : 'warning', target,
        message: `${Math.round(v.usedPct!)}% full`, value: v.usedPct });
    }
  }
  health = 9;
  for (const p of inv.pools) {
    const target = { kind: 'pool' as const, name: p.id };
    if (p.readOnly) add({ kind: 'pool-read-only', severity: 'critical', target, message: `read-only${p.usedPct !== undefined ? ` at ${p.usedPct}%` : ''}`, value: p.usedPct });
    else if (p.usedPct !== undefined && p.usedPct >= THRESHOLDS.poolFillingPct) {
      add({ kind: 'pool-filling', severity: p.usedPct >= THRESHOLDS.poolCriticalPct ? 'critical' : 'warning', target, message: `${p.usedPct}% full`, value: p.usedPct });
    }
    if (p.status !== 'Online' && p.status !== 'Pending') {
      add({ kind: 'pool-unhealthy', severity: p.status === 'Degraded' ? 'warning' : 'critical', target,
        message: `${p.status}${p.reasons.length ? `: ${clip(p.reasons[0], 160)}` : ''}` });
    }
  }
  for (const n of inv.nodes) {
    if (!n.ready) add({ kind: 'node-not-ready', severity: 'warning', target: { kind: 'node', name: n.name }, message: n.reasons.join('; ') || 'NotReady' });
  }
  for (const e of inv.missingEngines) {
    const n = inv.volumes.filter((v) => v.engine === e).length;
    if (n) add({ kind: 'engine-missing', severity: 'critical', target: { kind: 'engine', name: e }, message: `${n} volume(s) use ${e} but its API is not installed` });
  }
  return out.sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity] || KIND_RANK[a.target.kind] - KIND_RANK[b.target.kind]
    || rank.get(a)! - rank.get(b)! || (a.target.name < b.target.name ? -1 : a.target.name > b.target.name ? 1 : 0));
}

/** "full within 3 days" alerts from the usage history of the fuller volumes */
export async function forecastAlerts(ctx: CommandContext, volumes: Volume[]): Promise<Alert[]> {
  const candidates = fullest(volumes.filter((v) => (v.usedPct ?? 0) < 100), THRESHOLDS.forecastMax, THRESHOLDS.forecastFromPct);
  const forecasts: [Volume, Forecast][] = await Promise.all(candidates.map(async (v) => [v, await forecastFor(v, ctx)] as [Volume, Forecast]));
  return forecasts
    .filter(([, f]) => f.status === 'ok' && (f.fullInSeconds ?? Infinity) <= THRESHOLDS.fillWithinSeconds)
    .sort((a, b) => (a[1].fullInSeconds ?? 0) - (b[1].fullInSeconds ?? 0))
    .map(([v, f]) => ({ key: `volume-filling/${label(v)}`, kind: 'volume-filling' as const,
      severity: (f.fullInSeconds ?? 0) <= DAY ? 'critical' as const : 'warning' as const,
      target: { kind: 'volume' as const, name: label(v) }, message: `full in ${Math.round((f.fullInSeconds ?? 0) / 3600)} h at the current rate`,
      value: f.fullInSeconds }));
}

/** the live mute covering an alert, if any ("all" covers everything; a volume mute matches any of its names) */
export function muteFor(alert: Alert, mutes: Mute[], now: Date, inv?: Inventory): Mute | undefined {
  return mutes.filter((m) => m.until > now).sort((a, b) => b.until.getTime() - a.until.getTime()).find((m) => {
    if (m.target.kind === 'all') return true;
    if (m.target.kind !== alert.target.kind) return false;
    if (m.target.name === alert.target.name) return true;
    if (alert.target.kind !== 'volume' || !inv) return false;
    const v = inv.volumes.find((x) => label(x) === alert.target.name);
    return !!v && volumeKeys(v).includes(m.target.name);
  });
}

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

export async function alertList(cmd: CommandOf<'alert.list'>, ctx: CommandContext): Promise<CommandResult> {
  const inv = ctx.cluster.inventory;
  const volumes = hasFilter(cmd.filter) ? filterVolumes(inv, cmd.filter!) : inv.volumes;
  let all = inventoryAlerts(inv, volumes);
  // a filter ("alerts in payments") narrows to volume alerts
  if (hasFilter(cmd.filter)) all = all.filter((a) => a.target.kind === 'volume');
  // critical first (a stable sort keeps each list's own order)
  all = [...all, ...await forecastAlerts(ctx, volumes)].sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity]);
  const alerts: Alert[] = [];
  const muted: Alert[] = [];
  for (const a of all) {
    const m = muteFor(a, ctx.alerts?.mutes ?? [], ctx.now, inv);
    if (m) muted.push({ ...a, mutedUntil: m.until.toISOString() }); else alerts.push(a);
  }
  return answer(ctx, { kind: 'alert.list', alerts, muted });
}
