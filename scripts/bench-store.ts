// Store figures: how long the embedded store takes to create and to reopen, PostgreSQL's open+migrate,
// and the latency of the queries a conversation turn makes (resolve the channel's clusters, read and
// write the conversation, claim the event) on both backends.
//   node --import tsx scripts/bench-store.ts [--n 2000] [--skip-pglite] [--skip-postgres]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring, openStore, type Store } from '../src/store/index.js';
import { TenancyService } from '../src/tenancy/service.js';

const args = process.argv.slice(2);
const N = Number(args[args.indexOf('--n') + 1] || 0) || 2000;
const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const f = (ms: number) => `${ms < 10 ? ms.toFixed(3) : ms.toFixed(0)} ms`;

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, performance.now() - t0];
}

async function latency(label: string, n: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(i);   // warm up
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    xs.push(performance.now() - t0);
  }
  console.log(`  ${label.padEnd(42)} p50 ${f(pct(xs, 50)).padStart(9)}  p99 ${f(pct(xs, 99)).padStart(9)}  (n=${n})`);
}

async function queries(store: Store): Promise<void> {
  // 200 workspaces, 2 clusters each, 5 bound channels each, one live conversation per channel
  for (let w = 0; w < 200; w++) {
    const team = `TB${w}`;
    await store.clusters.add(team, { name: 'prod', kind: 'in-cluster' });
    await store.clusters.add(team, { name: 'staging', kind: 'in-cluster' });
    for (let c = 0; c < 5; c++) {
      await store.bindings.bind(team, `C${c}`, c % 2 ? 'prod' : 'staging');
      await store.conversations.put({ teamId: team, channelId: `C${c}` }, { topic: 'pg-wal', turns: c });
    }
  }
  const svc = new TenancyService(store);
  const key = (i: number) => ({ teamId: `TB${i % 200}`, channelId: `C${i % 5}` });
  await latency('tenancy.resolve (bound channel)', N, (i) => svc.resolve(key(i)));
  await latency('conversations.get', N, (i) => store.conversations.get(key(i)));
  await latency('conversations.put (versioned update)', N, async (i) => {
    const k = key(i);
    const cur = await store.conversations.get(k);
    return store.conversations.put(k, { topic: 'pg-data', turns: i }, { expectedVersion: cur?.version ?? null });
  });
  const run = randomBytes(4).toString('hex');
  await latency('events.claim (new key)', N, (i) => store.events.claim(`${run}-${i}`));
  const kc = await store.clusters.add('TB0', { name: 'kc', kind: 'kubeconfig', kubeconfig: 'apiVersion: v1\n' + 'x'.repeat(4000) });
  await latency('clusters.kubeconfig (read + decrypt 4 KB)', N, () => store.clusters.kubeconfig('TB0', kc.id));
}

async function main(): Promise<void> {
  console.log(`bench-store: node ${process.version}, ${N} queries per figure`);
  if (!args.includes('--skip-pglite')) {
    const root = mkdtempSync(join(tmpdir(), 'mulebot-bench-'));
    const dir = join(root, 'pglite');
    try {
      const [created, tCreate] = await time(() => openStore({ dataDir: dir, encryptionKey: Keyring.random() }));
      console.log(`PGlite: create data folder + migrate ${f(tCreate)} (open ${f(created.timings.openMs)}, migrate ${f(created.timings.migrateMs)})`);
      await created.close();
      const [store, tOpen] = await time(() => openStore({ dataDir: dir, encryptionKey: Keyring.random() }));
      console.log(`PGlite: open existing data folder ${f(tOpen)} (open ${f(store.timings.openMs)}, migrations check ${f(store.timings.migrateMs)})`);
      await queries(store);
      await store.close();
      const [mem, tMem] = await time(() => openStore({ memory: true }));
      console.log(`PGlite: in memory, open + migrate ${f(tMem)}`);
      await mem.close();
    } finally { rmSync(root, { recursive: true, force: true }); }
  }
  if (!args.includes('--skip-postgres')) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const [store, tOpen] = await time(() => openStore({ databaseUrl: url, schema, encryptionKey: Keyring.random() }));
    try {
      console.log(`PostgreSQL: open + migrate a fresh schema ${f(tOpen)}`);
      await queries(store);
    } finally {
      await store.db.raw(`drop schema if exists "${schema}" cascade`);
      await store.close();
    }
  }
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
