// Follow-ups of confirmed actions through real parts: the dialogue (trained NLU) creates a snapshot or expands a PVC
// on the demo cluster served by the simulator (its controllers off, so nothing finishes by itself), the store on the
// real PostgreSQL records the follow-up, the status is then changed through the simulator and the alert watcher's
// check() must post exactly one answer to the channel (and thread) it was asked in, once, even with two replicas.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAlertWatcher, CollectingSink, type AlertWatcher } from '../../src/alerts/index.js';
import type { App } from '../../src/app/index.js';
import type { PooledCluster } from '../../src/app/pool.js';
import type { ChangeEvent } from '../../src/kube/connection.js';
import type { KubeObject } from '../../src/kube/resources.js';
import type { Store } from '../../src/store/index.js';
import { demoBot, DEMO, textOf, type Bot } from '../e2e/helpers.js';
import { openTestReplica } from '../helpers/db.js';

const dir = mkdtempSync(join(tmpdir(), 'mulebot-followups-'));
// the demo cluster with the simulator's snapshot controller and resizer off: the test says when things finish
const DUMP = join(dir, 'demo-still.yaml');
writeFileSync(DUMP, `${readFileSync(DEMO, 'utf8')}\n---\napiVersion: mulebot.openebs.io/v1\nkind: SimulatorConfig\ncontrollers: false\n`);

let bot: Bot;
let east: PooledCluster;
let staging: PooledCluster;
let replica: Store;
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
const sink = new CollectingSink();
let w: AlertWatcher;
let w2: AlertWatcher;

/** the follow-up answers so far (the sink also gets the channels' alerts) */
const answers = () => sink.messages.filter((m) => m.reply.intent === 'snapshot.create' || m.reply.intent === 'volume.expand');

function changed(c: PooledCluster, key: string, name: string): Promise<ChangeEvent> {
  return new Promise((resolve) => {
    const cb = (ev: ChangeEvent): void => {
      if (ev.key === key && ev.object.metadata.name === name) { c.conn!.off('change', cb); resolve(ev); }
    };
    c.conn!.on('change', cb);
  });
}

/** a conversation in a channel (and thread) bound to a cluster with actions open */
async function chat(app: App, o: { team?: string; channel: string; thread?: string; cluster?: string }) {
  const team = o.team ?? 'local';
  const r = await app.tenancy.connect({ teamId: team, channelId: o.channel, isAdmin: true }, o.cluster ?? 'prod-east', { actions: 'all' });
  assert.ok(r.ok, JSON.stringify(r));
  return async (text: string): Promise<string> => textOf(await app.handle({ team, channel: o.channel, user: 'U1', text, ...(o.thread ? { thread: o.thread } : {}) }));
}

/** snapshot a PVC through the dialogue; the new snapshot's name */
async function snapshot(say: (t: string) => Promise<string>, pvc: string): Promise<string> {
  const plan = await say(`snapshot ${pvc}`);
  assert.match(plan, /Go ahead\?/);
  const name = new RegExp(`as (${pvc}-\\d{8}-\\d{4})`).exec(plan)![1]!;
  assert.match(await say('yes'), /Done: created VolumeSnapshot/);
  return name;
}

async function makeReady(c: PooledCluster, ns: string, name: string, status: Record<string, unknown>): Promise<void> {
  const sim = c.conn!.simulator!;
  const cur = sim.get({ kind: 'VolumeSnapshot', namespace: ns, name })!;
  const seen = changed(c, 'volumeSnapshots', name);
  sim.upsert({ ...cur, status } as KubeObject);
  await seen;
}

test.before(async () => {
  bot = await demoBot({ clusterDump: DUMP, clusterName: 'prod-east' });
  east = bot.app.defaultCluster!;
  const { store } = bot.app;
  await store.workspaces.ensure('T2');
  const rec = await store.clusters.add('T2', { name: 'staging', kind: 'dump', dumpPath: DUMP });
  staging = bot.app.pool.forRecord(rec);
  await staging.ensure();
  replica = await openTestReplica(bot.db.schema!, bot.db.keyring);
  // no debounced or timed checks: only check() runs, so each step is deterministic
  const opts = { pool: bot.app.pool, sink, everyMs: 0, scanMs: 0, debounceMs: 3_600_000, now };
  w = createAlertWatcher({ ...opts, store });
  w2 = createAlertWatcher({ ...opts, store: replica });
});
test.after(async () => {
  await w?.stop(); await w2?.stop();
  await replica?.close();
  await bot?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('snapshot in a thread: recorded, not ready -> nothing; ready -> one answer in that thread, from one of two replicas', async () => {
  const say = await chat(bot.app, { channel: 'C-f1', thread: '1763900000.000100' });
  const name = await snapshot(say, 'pg-wal');
  const open = await bot.app.store.followups.open('local', east.id!);
  const f = open.find((x) => x.target === `payments/${name}`)!;
  assert.ok(f, 'recorded');
  assert.equal([f.kind, f.channelId, f.threadTs, f.userId, f.postTeam, f.source, f.clusterName, f.done], ['snapshot-ready', 'C-f1', '1763900000.000100', 'U1', 'local', 'pg-wal', 'prod-east', false]);
  assert.is(f.deadline.getTime() - f.createdAt.getTime(), 30 * 60_000);

  await w.check();
  assert.is(answers().length, 0, 'not ready yet: nothing said');

  await makeReady(east, 'payments', name, { readyToUse: true, restoreSize: '20Gi', creationTime: new Date().toISOString() });
  // two replicas check at once: one closes the follow-up and posts, the other sees it closed
  await Promise.all([w.check(), w2.check()]);
  await Promise.all([w.check(), w2.check()]);
  assert.is(answers().length, 1, answers().map((m) => m.reply.text).join('\n'));
  const [m] = answers();
  assert.equal(m!.target, { team: 'local', channel: 'C-f1', thread: '1763900000.000100' });
  assert.is(m!.reply.text, `✅ Snapshot payments/${name} of pg-wal is ready to use (20 GiB), as U1 asked`);
  assert.ok(JSON.stringify(m!.reply.blocks).includes('as <@U1> asked'), 'a mention in Slack');
  const rows = await bot.app.store.followups.list('local', { clusterId: east.id! });
  assert.equal(rows.filter((x) => x.id === f.id).map((x) => [x.done, x.outcome]), [[true, 'ready']]);
});

test('deadline passed: one "still not ready" answer in the channel, with the reason; a failed snapshot says why', async () => {
  const say = await chat(bot.app, { channel: 'C-f2' });
  const name = await snapshot(say, 'kafka-logs');
  const from = answers().length;
  await w.check();
  assert.is(answers().length, from);
  offsetMs = 31 * 60_000;
  try {
    await Promise.all([w.check(), w2.check()]);
    await w.check();
  } finally { offsetMs = 0; }
  const got = answers().slice(from);
  assert.is(got.length, 1, got.map((m) => m.reply.text).join('\n'));
  assert.equal(got[0]!.target, { team: 'local', channel: 'C-f2' });
  assert.match(got[0]!.reply.text, new RegExp(`^⏳ Snapshot kafka/${name} of kafka-logs on prod-east is still not ready to use after 30 minutes: the snapshot controller has not marked it ready`));
  assert.match(got[0]!.reply.text, /asked by U1 at/);

  // an error reported by the snapshot controller is a failure, said at once
  const say3 = await chat(bot.app, { channel: 'C-f3' });
  const bad = await snapshot(say3, 'loki-chunks');
  await makeReady(east, 'logging', bad, { readyToUse: false, error: { message: 'csi: snapshot quota exceeded' } });
  await w.check(); await w.check();
  const failed = answers().slice(from + 1);
  assert.is(failed.length, 1);
  assert.match(failed[0]!.reply.text, new RegExp(`^❌ Snapshot logging/${bad} of loki-chunks on prod-east failed: csi: snapshot quota exceeded`));
});

test('expansion: in progress -> nothing; file system resize pending -> nothing; done -> "✅ pg-data now has 220 GiB", once', async () => {
  const say = await chat(bot.app, { channel: 'C-f4' });
  assert.match(await say('expand pg-data to 220Gi'), /Go ahead\?/);
  assert.match(await say('yes'), /resize is in progress/);
  const f = (await bot.app.store.followups.open('local', east.id!)).find((x) => x.target === 'payments/pg-data')!;
  assert.equal([f.kind, f.fromBytes, f.expectedBytes, f.threadTs], ['resize-done', 200 * 2 ** 30, 220 * 2 ** 30, null]);
  const from = answers().length;
  await w.check();
  assert.is(answers().length, from, 'the PV has not grown');

  const sim = east.conn!.simulator!;
  const pvc = sim.get({ kind: 'PersistentVolumeClaim', namespace: 'payments', name: 'pg-data' })!;
  const pv = sim.get({ kind: 'PersistentVolume', name: pvc.spec.volumeName })!;
  const pending = [{ type: 'FileSystemResizePending', status: 'True' }];
  let seen = Promise.all([changed(east, 'pvs', pv.metadata.name), changed(east, 'pvcs', 'pg-data')]);
  sim.upsert({ ...pv, spec: { ...pv.spec, capacity: { storage: '220Gi' } } } as KubeObject);
  sim.upsert({ ...pvc, status: { ...pvc.status, conditions: pending } } as KubeObject);
  await seen;
  await w.check();
  assert.is(answers().length, from, 'the file system has not grown yet');

  const cur = sim.get({ kind: 'PersistentVolumeClaim', namespace: 'payments', name: 'pg-data' })!;
  seen = Promise.all([changed(east, 'pvcs', 'pg-data')]) as typeof seen;
  sim.upsert({ ...cur, status: { ...cur.status, capacity: { storage: '220Gi' }, conditions: [] } } as KubeObject);
  await seen;
  await Promise.all([w.check(), w2.check()]);
  await w2.check();
  const got = answers().slice(from);
  assert.is(got.length, 1, got.map((m) => m.reply.text).join('\n'));
  assert.equal(got[0]!.target, { team: 'local', channel: 'C-f4' });
  assert.is(got[0]!.reply.text, '✅ pg-data now has 220 GiB (was 200 GiB), as U1 asked');
});

test('two workspaces: a follow-up is read and closed only under its own team, and answered only in its own workspace', async () => {
  const say = await chat(bot.app, { team: 'T2', channel: 'C-t2', cluster: 'staging' });
  const name = await snapshot(say, 'pg-wal');
  const mine = (await bot.app.store.followups.open('T2', staging.id!)).find((x) => x.target === `payments/${name}`)!;
  assert.ok(mine, 'recorded under T2');
  assert.is(mine.postTeam, 'T2');
  assert.equal(await bot.app.store.followups.open('local', staging.id!), [], 'another team reads none of them');
  assert.not.ok((await bot.app.store.followups.open('local', east.id!)).some((x) => x.id === mine.id));
  assert.not.ok(await bot.app.store.followups.finish('local', mine.id, 'ready'), 'another team cannot close it');
  assert.not.ok((await bot.app.store.followups.list('local')).some((x) => x.id === mine.id));
  const refused = await bot.app.store.followups.record({ ...mine, teamId: 'local', clusterId: staging.id! }).then(() => 'recorded', (e: Error) => e.message);
  assert.is(refused, 'no such cluster in this workspace', 'a follow-up cannot point at another team\'s cluster');

  const from = answers().length;
  // the same snapshot name on prod-east's copy of the data is not the one T2 waits for
  await w.check(east.id!);
  assert.is(answers().length, from);
  await makeReady(staging, 'payments', name, { readyToUse: true, restoreSize: '20Gi' });
  await w.check();
  const got = answers().slice(from);
  assert.is(got.length, 1);
  assert.equal(got[0]!.target, { team: 'T2', channel: 'C-t2' });
});

test('housekeeping drops follow-ups closed more than a week ago, never open ones', async () => {
  const f = bot.app.store.followups;
  const base = { teamId: 'T2', clusterId: staging.id!, clusterName: 'staging', postTeam: 'T2', channelId: 'C-purge', userId: 'U1',
    kind: 'snapshot-ready' as const, target: 'payments/purge-me', deadline: new Date(Date.now() + 60_000) };
  const old = await f.record(base);
  const open = await f.record({ ...base, target: 'payments/keep-me' });
  assert.ok(await f.finish('T2', old.id, 'ready'));
  await bot.app.store.db('action_followups').where({ team_id: 'T2', id: old.id }).update({ done_at: new Date(Date.now() - 8 * 86_400_000) });
  assert.ok((await bot.app.store.maintain()).followups! >= 1);
  const left = (await f.list('T2')).map((x) => x.id);
  assert.not.ok(left.includes(old.id));
  assert.ok(left.includes(open.id));
});

test.run();
