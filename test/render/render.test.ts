// The renderer: every result kind renders valid blocks and the same facts in text; health at a glance; sizes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCommand } from '../../src/commands/index.js';
import type { Command, CommandResult } from '../../src/commands/types.js';
import { ACTION_IDS, render, renderChoices, renderConfirm } from '../../src/render/index.js';
import { age, duration, percent, size } from '../../src/render/format.js';
import { demoCtx, GiB, linear, NOW } from '../commands/helpers.js';
import { validateMessage } from './validate.js';

const COMMANDS: Command[] = [
  { intent: 'volume.list', filter: {} }, { intent: 'volume.list', filter: { namespace: 'payments', health: 'unhealthy' } },
  { intent: 'volume.status', volume: { query: 'mysql-data' } }, { intent: 'volume.describe', volume: { query: 'kafka-logs' } },
  { intent: 'volume.usage', volume: { query: 'loki-chunks' } }, { intent: 'volume.usage' }, { intent: 'volume.usage', volume: { query: 'redis-cache' } },
  { intent: 'volume.replicas', volume: { query: 'kafka-logs' } }, { intent: 'volume.replicas', volume: { query: 'prometheus-db' } },
  { intent: 'volume.events', volume: { query: 'mysql-data' } }, { intent: 'volume.events', volume: { query: 'thanos-store' } },
  { intent: 'volume.forecast', volume: { query: 'loki-chunks' } }, { intent: 'volume.forecast' },
  { intent: 'pool.list', filter: {} }, { intent: 'pool.status', pool: 'cstor-disk-pool-m2bd' }, { intent: 'pool.status', pool: 'lvmvg' },
  { intent: 'cluster.health' }, { intent: 'cluster.list' }, { intent: 'snapshot.list' }, { intent: 'storageclass.list' },
  { intent: 'alert.list' }, { intent: 'help' }, { intent: 'volume.status', volume: { query: 'mysql-dta' } },
  { intent: 'snapshot.create', volume: { query: 'pg-wal' } }, { intent: 'snapshot.delete', snapshot: 'orders-db-snap' },
  { intent: 'volume.expand', volume: { query: 'redis-cache' }, sizeBytes: 20 * GiB, relative: false },
  { intent: 'alert.mute', target: { kind: 'all' }, durationSeconds: 3600 }, { intent: 'alert.unmute', target: { kind: 'pool', name: 'cstor-disk-pool-m2bd' } },
  { intent: 'manifest.generate', spec: { kind: 'pvc', engine: 'mayastor', sizeBytes: 20 * GiB } },
  { intent: 'volume.list', filter: { namespace: 'nope' } }, { intent: 'manifest.generate', spec: { kind: 'volumesnapshot', volume: 'redis-cache' } },
];

async function results(): Promise<CommandResult[]> {
  const ctx = await demoCtx();
  const loki = ctx.cluster.inventory.volumes.find((v) => v.pvc?.name === 'loki-chunks')!;
  const ctx2 = await demoCtx({ history: { [loki.id]: linear(48, 1800, loki.usedBytes! - GiB, GiB, loki.capacityBytes) } });
  const out = await Promise.all(COMMANDS.map((c) => runCommand(c, ctx2)));
  out.push({ kind: 'engine-not-installed', engine: 'localpv-zfs', cluster: 'prod-east' });
  out.push({ kind: 'cluster-unreachable', reason: 'connect ECONNREFUSED 10.0.0.1:6443', cluster: 'staging' });
  return out;
}

test('every result kind renders valid Block Kit and non-empty text', async () => {
  const kinds = new Set<string>();
  for (const r of await results()) {
    kinds.add(r.kind);
    const out = render(r, { now: NOW });
    assert.equal(validateMessage(out.blocks), [], `${r.kind}: ${JSON.stringify(out.blocks).slice(0, 400)}`);
    assert.ok(out.text.trim().length > 0, r.kind);
    assert.not.match(out.text, /[\u0001-\u0006]/, 'no markup marks left in text');
    assert.not.match(JSON.stringify(out.blocks), /\\u000[1-6]/, 'no markup marks left in blocks');
  }
  for (const k of ['volume.list', 'volume.status', 'volume.describe', 'volume.usage', 'volume.replicas', 'volume.events', 'volume.forecast',
    'pool.list', 'pool.status', 'cluster.health', 'cluster.list', 'snapshot.list', 'storageclass.list', 'alert.list', 'help', 'plan',
    'manifest', 'not-found', 'ambiguous', 'engine-not-installed', 'cluster-unreachable', 'unsupported']) assert.ok(kinds.has(k), `no ${k}`);
});

test('health at a glance: one emoji per state, unicode in text', async () => {
  const ctx = await demoCtx();
  const out = render(await runCommand({ intent: 'volume.list', filter: {} }, ctx), { now: NOW });
  const md = JSON.stringify(out.blocks);
  for (const e of [':large_green_circle:', ':large_yellow_circle:', ':large_blue_circle:', ':red_circle:', ':hourglass_flowing_sand:']) assert.ok(md.includes(e), e);
  assert.match(out.text, /🔴 spark-scratch \(analytics\)/);
  assert.match(out.text, /🟡 mysql-data \(data\) · cStor · 50 GiB · 44% used — 1 of 3 replicas offline/);
  assert.match(out.text, /🔵 kafka-logs/);
  assert.match(out.text, /⏳ thanos-store \(monitoring\) · LocalPV LVM · 500 GiB/);
  assert.match(out.text, /showing 20 of 42; 1 offline, 2 degraded, 1 rebuilding, 1 pending/);
  assert.match(md, /\*mysql-data\*/);
});

test('answers carry the facts: status, why, usage with forecast, not-found', async () => {
  const ctx = await demoCtx();
  const status = render(await runCommand({ intent: 'volume.status', volume: { query: 'mysql-data' } }, ctx), { now: NOW }).text;
  assert.match(status, /mysql-data is Degraded/);
  assert.match(status, /Offline on storage-3/);
  const why = render(await runCommand({ intent: 'volume.events', volume: { query: 'mysql-data' } }, ctx), { now: NOW }).text;
  assert.match(why, /Why mysql-data is Degraded/);
  assert.match(why, /25m ReplicaOffline \(x6\)/);
  const loki = ctx.cluster.inventory.volumes.find((v) => v.pvc?.name === 'loki-chunks')!;
  const perDay = 2.1 * GiB;
  const hist = linear(72, 3600, loki.capacityBytes - 3 * perDay - perDay * 71 / 24, perDay, loki.capacityBytes);
  const usage = render(await runCommand({ intent: 'volume.forecast', volume: { query: 'loki-chunks' } }, await demoCtx({ history: { [loki.id]: hist } })), { now: NOW }).text;
  assert.match(usage, /full in about 3 days at \+2\.1 GiB a day/);
  const nf = render(await runCommand({ intent: 'volume.status', volume: { query: 'mysql-dta' } }, ctx), { now: NOW });
  assert.match(nf.text, /I don't see volume mysql-dta on prod-east\. Did you mean mysql-data\?/);
  const buttons = nf.blocks.filter((b) => b.type === 'actions');
  assert.is(buttons.length, 1);
  assert.is((buttons[0] as any).elements[0].value, 'mysql-data');
  assert.ok((buttons[0] as any).elements[0].action_id.startsWith(ACTION_IDS.choicePrefix));
  const hostpath = render(await runCommand({ intent: 'volume.usage', volume: { query: 'redis-cache' } }, ctx), { now: NOW }).text;
  assert.match(hostpath, /node filesystem/);
  const plan = render(await runCommand({ intent: 'volume.expand', volume: { query: 'redis-cache' }, sizeBytes: 20 * GiB, relative: false }, ctx), { now: NOW }).text;
  assert.match(plan, /cannot be expanded/);
  assert.match(plan, /Not executed/);
});

test('renderChoices and renderConfirm: buttons with documented action ids', () => {
  const c = renderChoices('Which volume?', [{ label: 'pg-wal (payments)', value: 'payments/pg-wal' }, { label: 'pg-data (payments)', value: 'payments/pg-data' }]);
  assert.equal(validateMessage(c.blocks), []);
  const els = (c.blocks.find((b) => b.type === 'actions') as any).elements;
  assert.equal(els.map((e: any) => [e.action_id, e.value]), [[`${ACTION_IDS.choicePrefix}0`, 'payments/pg-wal'], [`${ACTION_IDS.choicePrefix}1`, 'payments/pg-data']]);
  assert.match(c.text, /Which volume\?\n {2}1\. pg-wal \(payments\)\n {2}2\. pg-data/);
  const plan = { action: 'alert.unmute' as const, target: { kind: 'all' as const } };
  const k = renderConfirm(plan, { value: 'plan-123' });
  assert.equal(validateMessage(k.blocks), []);
  const btn = (k.blocks.find((b) => b.type === 'actions') as any).elements;
  assert.equal(btn.map((e: any) => [e.action_id, e.value, e.style]), [[ACTION_IDS.confirm, 'plan-123', 'primary'], [ACTION_IDS.cancel, 'plan-123', undefined]]);
  assert.match(k.text, /Unmute all alerts/);
});

test('several clusters: each answer labelled, blocks within limits, block ids unique', async () => {
  const a = await runCommand({ intent: 'volume.status', volume: { query: 'mysql-dta' } }, await demoCtx());
  const b = { ...a, cluster: 'prod-west' };
  const c = await runCommand({ intent: 'volume.list', filter: {} }, await demoCtx());
  const out = render([a, b, { ...c, cluster: 'staging' }], { now: NOW });
  assert.equal(validateMessage(out.blocks), []);
  assert.match(out.text, /^\[prod-east\] /);
  assert.match(out.text, /\n\n\[prod-west\] /);
  assert.match(out.text, /\[staging\] Volumes \(42\)/);
  assert.ok(JSON.stringify(out.blocks).includes(':globe_with_meridians: *prod-west*'));
  const single = render(c, { now: NOW });
  assert.not.match(single.text, /\[prod-east\]/);
});

test('formats: sizes with binary units and one decimal, percents, durations, ages', () => {
  assert.is(size(50 * GiB), '50 GiB');
  assert.is(size(1.5 * GiB), '1.5 GiB');
  assert.is(size(2.25 * 1024 * GiB), '2.3 TiB');
  assert.is(size(1023.99 * GiB), '1 TiB');
  assert.is(size(512), '512 B');
  assert.is(size(undefined), '?');
  assert.is(percent(96.4), '96%');
  assert.is(percent(0.4), '0.4%');
  assert.is(duration(3 * 86_400), '3 days');
  assert.is(duration(5 * 3600), '5 hours');
  assert.is(duration(2 * 365 * 86_400), 'more than a year');
  assert.is(age('2026-11-20T08:25:00Z', NOW), '35m');
  assert.is(age('2026-11-17T09:00:00Z', NOW), '3d');
});

test('mrkdwn: user text is escaped, names bold', async () => {
  const r: CommandResult = { kind: 'not-found', what: 'volume', query: '<script>&', suggestions: [], cluster: 'prod-east' };
  const out = render(r);
  const text = (out.blocks[0] as any).text.text as string;
  assert.ok(text.includes('*&lt;script&gt;&amp;*'), text);
  assert.ok(out.text.includes('<script>&'));
});

test('a question with no options, or nothing at all, is still a valid message', () => {
  const q = renderChoices('Which cluster?', []);
  assert.equal(validateMessage(q.blocks), []);
  assert.is(q.text, 'Which cluster?');
  assert.equal(validateMessage(renderChoices('', []).blocks), []);
});

test('alert.list: a muted target with several alerts is named once, with its count', async () => {
  const until = new Date(NOW.getTime() + 3600_000);
  const ctx = await demoCtx({ alerts: { mutes: [{ target: { kind: 'volume', name: 'logging/loki-chunks' }, until }] } });
  const loki = ctx.cluster.inventory.volumes.find((v) => v.pvc?.name === 'loki-chunks')!;
  const ctx2 = await demoCtx({ alerts: ctx.alerts, history: { [loki.id]: linear(48, 1800, loki.usedBytes! - GiB, GiB, loki.capacityBytes) } });
  const r = await runCommand({ intent: 'alert.list' }, ctx2);
  assert.is(r.kind, 'alert.list');
  assert.is((r as Extract<CommandResult, { kind: 'alert.list' }>).muted.length, 2);
  const text = render(r, { now: NOW }).text;
  assert.match(text, /2 alerts muted: logging\/loki-chunks \(2\)/);
});

test.run();
