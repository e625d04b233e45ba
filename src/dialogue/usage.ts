// Usage samples for volume.forecast: the used bytes of every volume with a figure of its own, recorded into the
// store on an interval (and once at start), per cluster of the store.
import type { Inventory } from '../openebs/types.js';
import type { Store } from '../store/index.js';

/** Records one sample per volume that has a usage figure; returns how many were written. */
export async function recordUsage(store: Store, team: string, clusterId: string, inv: Inventory, at: Date = new Date()): Promise<number> {
  const samples = inv.volumes
    .filter((v) => v.usedBytes !== undefined && v.usedSource !== 'kubelet-hostpath-fs')
    .map((v) => ({ volumeId: v.id, at, usedBytes: v.usedBytes!, capacityBytes: v.capacityBytes || null }));
  return samples.length ? store.usage.record(team, clusterId, samples) : 0;
}

export interface UsageTarget { team: string; clusterId: string; inventory(): Inventory | undefined }

/** Samples every target every `everyMs` (default 15 min); errors are reported, never thrown. */
export class UsageSampler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  constructor(private readonly store: Store, private readonly targets: () => UsageTarget[],
    private readonly opts: { everyMs?: number; onError?: (err: unknown) => void; now?: () => Date } = {}) {}

  start(): this {
    this.timer = setInterval(() => { void this.sampleOnce(); }, this.opts.everyMs ?? 15 * 60_000);
    this.timer.unref();
    return this;
  }

  /** One pass over every target (concurrent calls share the pass). */
  sampleOnce(): Promise<number> {
    this.running ??= (async () => {
      let n = 0;
      for (const t of this.targets()) {
        const inv = t.inventory();
        if (!inv) continue;
        try { n += await recordUsage(this.store, t.team, t.clusterId, inv, this.opts.now?.() ?? new Date()); } catch (err) { this.opts.onError?.(err); }
      }
      return n;
    })().finally(() => { this.running = undefined; });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}

export interface UsageSeriesInput { volume: string; points: [string | number, number, number?][] }

/**
 * Seeds the store with past usage shipped in a cluster dump (kind UsageHistory): for a dump examined offline, or the
 * demo, forecasts have a history from the first question. A volume that already has samples keeps its own.
 * Returns how many samples were written.
 */
export async function seedUsageHistory(store: Store, team: string, clusterId: string, inv: Inventory,
  series: UsageSeriesInput[], now: Date = new Date()): Promise<number> {
  const byKey = new Map<string, string>();
  for (const v of inv.volumes) {
    byKey.set(v.id, v.id);
    if (v.pvc) byKey.set(`${v.pvc.namespace}/${v.pvc.name}`, v.id);
  }
  let written = 0;
  for (const s of series) {
    const volumeId = byKey.get(s.volume);
    if (!volumeId || (await store.usage.window(team, clusterId, volumeId, { limit: 1 })).length) continue;
    const samples = s.points.map(([t, used, cap]) => ({
      volumeId, at: typeof t === 'number' ? new Date(now.getTime() + t * 1000) : new Date(t), usedBytes: used, capacityBytes: cap ?? null,
    })).filter((p) => !Number.isNaN(p.at.getTime()) && Number.isFinite(p.usedBytes));
    written += await store.usage.record(team, clusterId, samples);
  }
  return written;
}
