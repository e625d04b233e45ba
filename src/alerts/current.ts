// The current alerts of one cluster: what the alert watcher compares with what it sent, and what `mulebot alerts`
// prints. The alert.list derivation (inventory problems, then "full within 3 days" forecasts from the usage
// history), worst first, one alert per key. No mutes: those are per channel.
import { forecastAlerts, inventoryAlerts, THRESHOLDS } from '../commands/alerts.js';
import { volumeLabel } from '../commands/lookup.js';
import type { Alert, CommandContext } from '../commands/types.js';
import { forecastFor } from '../commands/volumes.js';
import { commandContext, type LiveCluster } from '../dialogue/clusters.js';
import type { Inventory } from '../openebs/types.js';
import type { Store } from '../store/index.js';

const SEVERITY = { critical: 0, warning: 1 };

export interface CurrentAlerts {
  alerts: Alert[];
  /** false when a usage history could not be read: the forecasts say nothing then */
  forecastOk: boolean;
  /** the command context the alerts were derived in (its usage history reads note failures in forecastOk) */
  ctx: CommandContext;
}

/** The cluster's alerts now (its inventory must be there: state().inventory). */
export async function currentAlerts(c: LiveCluster, o: { store: Store; team: string; now: Date; onError?: (err: unknown) => void }): Promise<CurrentAlerts> {
  const inv = c.state().inventory!;
  const ctx = await commandContext(c, { store: o.store, team: o.team, channel: '', now: o.now, all: [c], withMutes: false });
  const out: CurrentAlerts = { alerts: [], forecastOk: true, ctx };
  // forecastFor turns a failed history read into "history-unavailable": notice it here
  const history = ctx.usageHistory;
  ctx.usageHistory = async (id) => { try { return await history(id); } catch (err) { out.forecastOk = false; throw err; } };
  let forecasts: Alert[] = [];
  try { forecasts = await forecastAlerts(ctx, inv.volumes); } catch (err) { out.forecastOk = false; o.onError?.(err); }
  // one alert per key (the worst): the store's record is per key
  const sorted = [...inventoryAlerts(inv), ...forecasts].sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity]);
  const seen = new Set<string>();
  out.alerts = sorted.filter((a) => !seen.has(a.key) && !!seen.add(a.key));
  return out;
}

/** Whether a volume (by label) still fills up within the alert horizon, judged by its own forecast. */
export async function fillsFast(name: string, inv: Inventory, ctx: CommandContext): Promise<boolean> {
  const v = inv.volumes.find((x) => volumeLabel(x) === name);
  if (!v) return false;   // deleted: nothing left to fill
  const f = await forecastFor(v, ctx);
  if (f.status === 'history-unavailable' || f.status === 'already-full') return true;
  return f.status === 'ok' && (f.fullInSeconds ?? Infinity) <= THRESHOLDS.fillWithinSeconds;
}
