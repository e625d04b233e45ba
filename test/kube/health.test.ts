// Failure states of a live connection through fault injection in the simulator: a watch refused with 403 after a
// successful list is retried with backoff (not given up), surfaced as a warning while it lasts and cleared when it
// answers again; an apiserver that goes away makes the connection unreachable (with the cause and since when),
// and reachable again when it is back. No sleeps: every step awaits the connection's own events.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { backoff, connectCluster, type ClusterConnection, type ClusterHealth } from '../../src/kube/connection.js';
import { startSimulator } from '../../src/kube/sim/index.js';
import { fixture, nextChange, PV } from './helpers.js';

const RETRY = { baseMs: 20, maxMs: 100 };

/** Resolves with the args of the next `event` that matches. */
function next<T extends unknown[]>(conn: ClusterConnection, event: string, match: (...args: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const cb = (...args: any[]) => { if (match(...(args as T))) { conn.off(event, cb); resolve(args as T); } };
    conn.on(event as any, cb);
  });
}

test('backoff: exponential, jittered within +-25%, never above the cap', () => {
  assert.is(backoff(0, {}, () => 0.5), 500);
  assert.is(backoff(3, {}, () => 0.5), 4000);
  assert.is(backoff(3, {}, () => 0), 3000);
  assert.is(backoff(3, {}, () => 1), 5000);
  assert.is(backoff(10, {}, () => 1), 15_000);
  assert.is(backoff(500, { baseMs: 20, maxMs: 100 }, () => 0.99), 100);
  const seen = new Set(Array.from({ length: 20 }, () => backoff(2)));
  assert.ok(seen.size > 1, 'jittered');
});

test('a watch refused with 403 after a successful list is retried with backoff, surfaced, and recovers', async () => {
  const conn = await connectCluster({ name: 'prod-east', clusterDump: fixture(), statsIntervalMs: 0, retry: RETRY });
  try {
    await conn.start();
    const sim = conn.simulator!;
    const resource = 'cstorvolumes.cstor.openebs.io';
    sim.forbid('watch', resource);
    // two refusals in a row: the first is not the end of it
    let refusals = 0;
    const twice = next<[string, any]>(conn, 'watch-error', (key, err) => key === 'cstorVolumes' && err.kind === 'forbidden' && ++refusals === 2);
    assert.ok(sim.dropWatches() > 0);
    const [, err] = await twice;
    assert.is(err.message, `cluster prod-east: missing permission watch ${resource}`);
    const warned = conn.snapshot().warnings;
    assert.ok(warned.includes(`cluster prod-east: missing permission watch ${resource} (the cached list may be stale; retrying)`), warned.join('\n'));
    const h = conn.health();
    assert.ok(h.reachable, 'one refused watch is not an unreachable cluster');
    assert.equal(h.retrying, ['cstorVolumes']);
    assert.is(conn.snapshot().objects.cstorVolumes.length, 1, 'the cached list is kept meanwhile');

    // the permission comes back (RBAC rolled out): the same retry path reconnects and the cache catches up
    const back = next<[string]>(conn, 'recovered', (key) => key === 'cstorVolumes');
    sim.allow('watch', resource);
    await back;
    assert.not.ok(conn.snapshot().warnings.some((w) => w.includes('watch')), conn.snapshot().warnings.join('\n'));
    assert.equal(conn.health().retrying, []);
    const seen = nextChange(conn, (ev) => ev.key === 'cstorVolumes' && ev.object.status?.phase === 'Offline');
    const cv = sim.get({ kind: 'CStorVolume', namespace: 'openebs', name: PV })!;
    sim.upsert({ ...cv, status: { phase: 'Offline' } });
    await seen;
  } finally { await conn.stop(); }
});

test('a 403 on the first list is a missing permission: not retried, the cluster stays reachable', async () => {
  const conn = await connectCluster({ name: 'prod-east', clusterDump: fixture({ forbidden: [{ verb: 'list', resource: 'cstorvolumes.cstor.openebs.io' }] }),
    statsIntervalMs: 0, retry: RETRY });
  try {
    await conn.start();
    assert.ok(conn.health().reachable);
    assert.equal(conn.health().retrying, []);
    assert.ok(conn.snapshot().warnings.includes('cluster prod-east: missing permission list cstorvolumes.cstor.openebs.io'));
  } finally { await conn.stop(); }
});

test('every read refused is as good as unreachable', async () => {
  const conn = await connectCluster({ name: 'prod-east', clusterDump: fixture({ forbidden: [{ verb: 'list', resource: '*' }] }), statsIntervalMs: 0, retry: RETRY });
  try {
    await conn.start();
    const h = conn.health();
    assert.is(h.reachable, false);
    assert.match(h.reason!, /^missing permission list /);
  } finally { await conn.stop(); }
});

test('the apiserver goes away: unreachable with the cause and since when; back when it answers again', async () => {
  let sim = await startSimulator(fixture());
  const port = sim.port;
  // the retry timers are unref'd (they never hold a process open): while no server is up, something must
  const keepAlive = setInterval(() => {}, 60_000);
  const conn = await connectCluster({ name: 'prod-eu', kubeConfig: sim.kubeConfig, statsIntervalMs: 0, retry: RETRY });
  try {
    await conn.start();
    assert.equal(conn.health(), { reachable: true, retrying: [] });
    const before = Date.now();
    const down = next<[ClusterHealth]>(conn, 'health', (h) => !h.reachable);
    await sim.close();
    const [h] = await down;
    assert.is(h.reason, `ECONNREFUSED 127.0.0.1:${port}`);
    assert.ok(h.since!.getTime() >= before - 1000 && h.since!.getTime() <= Date.now());
    assert.ok(h.retrying.length > 0);
    assert.ok(conn.snapshot().warnings.some((w) => w.startsWith('cluster prod-eu unreachable since ') && w.includes('ECONNREFUSED')), conn.snapshot().warnings.join('\n'));
    assert.ok(conn.snapshot().objects.pvs.length > 0, 'the last known state stays');

    const up = next<[ClusterHealth]>(conn, 'health', (x) => x.reachable);
    sim = await startSimulator(fixture(), { port });
    await up;
    assert.is(conn.health().reachable, true);
    assert.not.ok(conn.snapshot().warnings.some((w) => w.includes('unreachable')));
  } finally { clearInterval(keepAlive); await conn.stop(); await sim.close(); }
});

test.run();
