// A real-cluster start (--kubeconfig) through the simulator's kubeconfig: kept sealed in the store when there is
// an encryption key (and another process then connects from the stored record), served from this process only
// when there is none.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createApp } from '../../src/app/index.js';
import { loadDump, startSimulator, type Simulator } from '../../src/kube/index.js';
import { openStore } from '../../src/store/index.js';
import { createTestStore, TEST_DATABASE_URL, type TestStore } from '../helpers/db.js';
import { DEMO, sharedNlu, textOf } from '../e2e/helpers.js';

let sim: Simulator;
let dir: string;
let kubeconfig: string;

test.before(async () => {
  sim = await startSimulator(await loadDump(DEMO));
  dir = mkdtempSync(join(tmpdir(), 'mulebot-kc-'));
  kubeconfig = join(dir, 'config');
  writeFileSync(kubeconfig, sim.kubeConfig.exportConfig());
});
test.after(async () => { await sim?.close(); rmSync(dir, { recursive: true, force: true }); });

const ask = { team: 'T1', channel: 'C1', user: 'U1', text: 'is pg-wal healthy?' };

test('with a key: the kubeconfig is sealed in the store and another process connects from it', async () => {
  const db: TestStore = await createTestStore();
  try {
    const a = await createApp({ store: db.store, nlu: sharedNlu(), kubeconfig, clusterName: 'real', statsIntervalMs: 0, usageEveryMs: 0 });
    assert.is(a.defaultRecord?.kind, 'kubeconfig');
    assert.match(textOf(await a.handle(ask)), 'pg-wal is Healthy');
    await a.close();
    const b = await createApp({ store: db.store, nlu: sharedNlu(), statsIntervalMs: 0, usageEveryMs: 0 });
    assert.is(b.defaultCluster, undefined);
    const t = textOf(await b.handle(ask));
    assert.match(t, 'pg-wal is Healthy');
    await b.close();
  } finally { await db.close(); }
});

test('without a key: served from this process, said nowhere in the store', async () => {
  const schema = `t_kc_${process.pid}`;
  const saved = process.env.MULEBOT_ENCRYPTION_KEY;
  delete process.env.MULEBOT_ENCRYPTION_KEY;
  const store = await openStore({ databaseUrl: TEST_DATABASE_URL, schema, poolMax: 2 });
  try {
    const a = await createApp({ store, nlu: sharedNlu(), kubeconfig, clusterName: 'real', statsIntervalMs: 0, usageEveryMs: 0 });
    assert.is(a.defaultRecord, undefined);
    assert.match(textOf(await a.handle(ask)), 'pg-wal is Healthy');
    assert.equal(await store.clusters.list('local'), []);
    await a.close();
  } finally {
    if (saved !== undefined) process.env.MULEBOT_ENCRYPTION_KEY = saved;
    await store.db.raw(`drop schema if exists "${schema}" cascade`);
    await store.close();
  }
});

test.run();
