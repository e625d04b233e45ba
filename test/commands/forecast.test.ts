// The forecast fit on synthetic samples: slope, time to full, resets, and the reasons it cannot tell.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DAY, forecastUsage, leastSquares } from '../../src/commands/forecast.js';
import type { UsagePoint } from '../../src/commands/types.js';
import { GiB, linear, NOW } from './helpers.js';

const at = (secondsAgo: number) => new Date(NOW.getTime() - secondsAgo * 1000);

test('least squares: exact line', () => {
  const fit = leastSquares([0, 1, 2, 3].map((i) => ({ at: at((3 - i) * 3600), usedBytes: 100 + 10 * i * 3600, capacityBytes: null })));
  assert.ok(Math.abs(fit.slope - 10) < 1e-9);
  assert.ok(Math.abs(fit.r2 - 1) < 1e-12);
  assert.is(fit.slopeStdErr, 0);
});

test('a steady +2.1 GiB a day on a 100 GiB volume at 93.7 GiB: full in about 3 days', () => {
  const perDay = 2.1 * GiB;
  const pts = linear(7 * 24, 3600, 93.7 * GiB - perDay * (7 * 24 - 1) / 24, perDay, 100 * GiB);
  const f = forecastUsage(pts, { now: NOW });
  assert.is(f.status, 'ok');
  assert.ok(Math.abs(f.bytesPerDay! - perDay) / perDay < 1e-6);
  assert.ok(Math.abs(f.fullInSeconds! - (6.3 / 2.1) * DAY) < 60, `fullIn ${f.fullInSeconds}`);
  assert.ok(Math.abs(Date.parse(f.fullAt!) - (NOW.getTime() + f.fullInSeconds! * 1000)) < 1000);
  assert.ok(f.confidence! > 0.95);
  assert.is(f.samples, 7 * 24);
});

test('time since the last sample is taken off the time to full', () => {
  const pts = linear(10, 3600, 50 * GiB, 10 * GiB, 100 * GiB).map((p) => ({ ...p, at: new Date(p.at.getTime() - DAY * 1000) }));
  const fresh = forecastUsage(pts, { now: new Date(NOW.getTime() - DAY * 1000) });
  const later = forecastUsage(pts, { now: NOW });
  assert.ok(Math.abs(fresh.fullInSeconds! - later.fullInSeconds! - DAY) < 2);
});

test('a reset (data deleted) starts the fit again after the drop', () => {
  const before = linear(24, 3600, 40 * GiB, 20 * GiB, 100 * GiB).map((p) => ({ ...p, at: new Date(p.at.getTime() - 2 * DAY * 1000) }));
  const after = linear(24, 3600, 10 * GiB, 1 * GiB, 100 * GiB);
  const f = forecastUsage([...before, ...after], { now: NOW });
  assert.is(f.status, 'ok');
  assert.is(f.samples, 24);
  assert.ok(Math.abs(f.bytesPerDay! - GiB) / GiB < 1e-6, `rate ${f.bytesPerDay! / GiB}`);
});

test('small dips are noise, not resets', () => {
  const pts: UsagePoint[] = linear(20, 3600, 40 * GiB, 4 * GiB, 100 * GiB).map((p, i) => ({ ...p, usedBytes: p.usedBytes + (i % 2 ? -0.1 * GiB : 0.1 * GiB) }));
  const f = forecastUsage(pts, { now: NOW });
  assert.is(f.status, 'ok');
  assert.is(f.samples, 20);
  assert.ok(Math.abs(f.bytesPerDay! / GiB - 4) < 1);
});

test('cannot tell: too few samples, too short, not growing, no usage', () => {
  assert.is(forecastUsage(linear(2, 3600, GiB, GiB, 10 * GiB), { now: NOW }).status, 'too-few-samples');
  assert.is(forecastUsage(linear(10, 60, GiB, GiB, 10 * GiB), { now: NOW }).status, 'too-short');
  assert.is(forecastUsage(linear(10, 3600, 5 * GiB, 0, 10 * GiB), { now: NOW }).status, 'not-growing');
  assert.is(forecastUsage(linear(10, 3600, 5 * GiB, -GiB / 10, 10 * GiB), { now: NOW }).status, 'not-growing');
  // flat with noise: no significant slope
  const noisy = linear(30, 3600, 5 * GiB, 0, 10 * GiB).map((p, i) => ({ ...p, usedBytes: p.usedBytes + ((i * 7919) % 13 - 6) * 1e6 }));
  assert.is(forecastUsage(noisy, { now: NOW }).status, 'not-growing');
  assert.is(forecastUsage([], { now: NOW }).status, 'no-usage');
  assert.is(forecastUsage([], { now: NOW, usedBytes: GiB, capacityBytes: 10 * GiB }).status, 'too-few-samples');
});

test('already full, and samples older than the window are ignored', () => {
  assert.is(forecastUsage(linear(5, 3600, 10 * GiB, GiB, 10 * GiB), { now: NOW }).status, 'already-full');
  const old = linear(48, 3600, 10 * GiB, 30 * GiB, 100 * GiB).map((p) => ({ ...p, at: new Date(p.at.getTime() - 30 * DAY * 1000) }));
  const recent = linear(24, 3600, 50 * GiB, 2 * GiB, 100 * GiB);
  const f = forecastUsage([...old, ...recent], { now: NOW });
  assert.is(f.samples, 24);
  assert.ok(Math.abs(f.bytesPerDay! / GiB - 2) < 1e-6);
});

test('capacity from the newest sample, else from the volume', () => {
  const pts = linear(5, 3600, GiB, GiB, 10 * GiB).map((p) => ({ ...p, capacityBytes: null }));
  assert.is(forecastUsage(pts, { now: NOW }).status, 'no-usage');
  const f = forecastUsage(pts, { now: NOW, capacityBytes: 10 * GiB });
  assert.is(f.status, 'ok');
  assert.is(f.capacityBytes, 10 * GiB);
});

test.run();
