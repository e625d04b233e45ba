// When will a volume be full? A least-squares line through the recent usage samples, after the last reset
// (a big drop: data deleted, a log rotated, a volume recreated), so old history does not drag the slope.
import type { Forecast, UsagePoint } from './types.js';

export const DAY = 86_400;

export interface ForecastOptions {
  now: Date;
  /** the volume's current figures, when the history lacks a capacity or is empty */
  capacityBytes?: number;
  usedBytes?: number;
  /** only samples this recent (seconds before the newest sample) are fitted; default 7 days */
  windowSeconds?: number;
  minSamples?: number;         // default 3
  minSpanSeconds?: number;     // default 1 hour
}

/** a drop bigger than this is a reset, not noise: 2 % of the capacity and 10 % of what was used */
function isReset(prev: UsagePoint, cur: UsagePoint, capacity: number): boolean {
  const drop = prev.usedBytes - cur.usedBytes;
  return drop > 0.02 * capacity && drop > 0.1 * prev.usedBytes;
}

export function forecastUsage(history: UsagePoint[], opts: ForecastOptions): Forecast {
  const minSamples = opts.minSamples ?? 3;
  const minSpan = opts.minSpanSeconds ?? 3600;
  const window = opts.windowSeconds ?? 7 * DAY;
  const all = history
    .filter((s) => Number.isFinite(s.usedBytes) && s.at instanceof Date && Number.isFinite(s.at.getTime()))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = all[all.length - 1];
  const capacity = (last?.capacityBytes ?? undefined) || opts.capacityBytes;
  const used = last?.usedBytes ?? opts.usedBytes;
  const base = { samples: 0, spanSeconds: 0, usedBytes: used, capacityBytes: capacity };
  if (!all.length && opts.usedBytes === undefined) return { status: 'no-usage', ...base };
  if (!capacity) return { status: 'no-usage', ...base };
  if (used !== undefined && used >= capacity) return { status: 'already-full', ...base, fullInSeconds: 0, fullAt: opts.now.toISOString() };

  let start = 0;
  for (let i = 1; i < all.length; i++) if (isReset(all[i - 1], all[i], all[i].capacityBytes ?? capacity)) start = i;
  const cutoff = last ? last.at.getTime() - window * 1000 : 0;
  const pts = all.slice(start).filter((s) => s.at.getTime() >= cutoff);
  const spanSeconds = pts.length ? (pts[pts.length - 1].at.getTime() - pts[0].at.getTime()) / 1000 : 0;
  const info = { ...base, samples: pts.length, spanSeconds };
  if (pts.length < minSamples) return { status: 'too-few-samples', ...info };
  if (spanSeconds < minSpan) return { status: 'too-short', ...info };

  const fit = leastSquares(pts);
  const bytesPerDay = fit.slope * DAY;
  // growth must stand out of the noise: slope above two standard errors
  if (fit.slope <= 0 || fit.slope <= 2 * fit.slopeStdErr) return { status: 'not-growing', ...info, bytesPerDay, confidence: round2(fit.r2) };

  const lastAt = pts[pts.length - 1].at.getTime();
  const remaining = capacity - pts[pts.length - 1].usedBytes;
  const fullInSeconds = Math.max(0, remaining / fit.slope - (opts.now.getTime() - lastAt) / 1000);
  const confidence = fit.r2 * Math.min(1, pts.length / 10) * Math.min(1, Math.sqrt(spanSeconds / DAY));
  return {
    status: 'ok', ...info, bytesPerDay, fullInSeconds: Math.round(fullInSeconds),
    fullAt: new Date(opts.now.getTime() + fullInSeconds * 1000).toISOString(), confidence: round2(confidence),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface Fit { slope: number; intercept: number; r2: number; slopeStdErr: number }

/** Ordinary least squares of usedBytes over seconds since the first sample. */
export function leastSquares(pts: UsagePoint[]): Fit {
  const t0 = pts[0].at.getTime();
  const n = pts.length;
  let sx = 0, sy = 0;
  for (const p of pts) { sx += (p.at.getTime() - t0) / 1000; sy += p.usedBytes; }
  const mx = sx / n, my = sy / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (const p of pts) {
    const dx = (p.at.getTime() - t0) / 1000 - mx, dy = p.usedBytes - my;
    sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
  }
  if (sxx === 0) return { slope: 0, intercept: my, r2: 0, slopeStdErr: Infinity };
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const sse = Math.max(0, syy - slope * sxy);
  const r2 = syy === 0 ? 1 : 1 - sse / syy;
  const slopeStdErr = n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : Infinity;
  return { slope, intercept, r2, slopeStdErr };
}
