// One conversation turn (resolve clusters, load state, understand, dialogue, command, render, save state) on a
// generated 5,000-volume cluster served by the simulator, and the memory 10,000 live conversations add.
//   node --import tsx scripts/bench-turn.ts [--volumes 5000] [--turns 2000] [--conversations 10000]
//     [--database-url URL | --data-dir DIR]   (default: the embedded store in memory)
// Prints the figures docs/benchmarks/dialogue.md reports.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../src/app/index.js';
import { buildBig } from '../src/openebs/demo/big.js';

function arg(name: string, def?: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : def;
}

const VOLUMES = Number(arg('--volumes', '5000'));
const TURNS = Number(arg('--turns', '2000'));
const CONVERSATIONS = Number(arg('--conversations', '10000'));

function pct(xs: number[], p: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const mb = (n: number) => (n / 2 ** 20).toFixed(1);

async function main(): Promise<void> {
  mkdirSync('.bench', { recursive: true });
  const file = join('.bench', `turn-${VOLUMES}.yaml`);
  let t0 = performance.now();
  writeFileSync(file, buildBig(VOLUMES, 42).toYaml('# bench-turn\n'));
  console.log(`dump: ${VOLUMES} volumes -> ${file} (${(performance.now() - t0).toFixed(0)} ms)`);

  t0 = performance.now();
  const dbUrl = arg('--database-url');
  const app = await createApp({ clusterDump: file, clusterName: 'bench', statsIntervalMs: 0, usageEveryMs: 0,
    ...(dbUrl ? { databaseUrl: dbUrl } : arg('--data-dir') ? { dataDir: arg('--data-dir') } : { memory: true }) });
  console.log(`store (${app.store.backend}) and NLU: ${(performance.now() - t0).toFixed(0)} ms`);
  t0 = performance.now();
  await app.defaultCluster!.ensure();
  const inv = app.defaultCluster!.state().inventory!;
  console.log(`cluster connected and normalized: ${inv.volumes.length} volumes, ${inv.pools.length} pools (${(performance.now() - t0).toFixed(0)} ms)`);

  // names people would ask about
  const names = inv.volumes.filter((v) => v.pvc).map((v) => v.pvc!.name);
  const pick = (i: number) => names[(i * 7919) % names.length]!;
  const turns: ((i: number) => string)[] = [
    (i) => `is ${pick(i)} healthy?`,
    () => 'and its replicas?',
    () => 'how full is it',
    (i) => `describe ${pick(i + 1)}`,
    (i) => `what about ${pick(i + 2)}?`,
    () => 'which volumes are degraded?',
    () => 'how is the storage doing?',
    (i) => `why is ${pick(i + 3)} degraded`,
    () => 'list pools',
    (i) => `is ${pick(i + 4).slice(0, -1)}x ok`,          // near miss: did you mean
  ];

  // first turn compiles the vocabulary for the inventory
  t0 = performance.now();
  await app.handle({ team: 'local', channel: 'warm', user: 'U', text: 'hi' });
  console.log(`first turn (vocabulary of ${names.length} PVCs compiled): ${(performance.now() - t0).toFixed(0)} ms`);
  for (let i = 0; i < 50; i++) await app.handle({ team: 'local', channel: `w${i % 5}`, user: 'U', text: turns[i % turns.length]!(i) });

  const times: number[] = [];
  const byKind = new Map<number, number[]>();
  for (let i = 0; i < TURNS; i++) {
    const k = i % turns.length;
    const text = turns[k]!(i);
    const s = performance.now();
    await app.handle({ team: 'local', channel: `c${Math.floor(i / turns.length) % 50}`, user: 'U', text });
    const d = performance.now() - s;
    times.push(d);
    (byKind.get(k) ?? byKind.set(k, []).get(k)!).push(d);
  }
  console.log(`\nturns: ${TURNS} on ${VOLUMES} volumes`);
  console.log(`  p50 ${pct(times, 50).toFixed(2)} ms  p90 ${pct(times, 90).toFixed(2)} ms  p99 ${pct(times, 99).toFixed(2)} ms  max ${Math.max(...times).toFixed(1)} ms`);
  // "why" questions read events from the API server (one list per related object): I/O, not the dialogue
  const local = [...byKind].filter(([k]) => k !== 7).flatMap(([, xs]) => xs);
  console.log(`  without the events question: p50 ${pct(local, 50).toFixed(2)} ms  p99 ${pct(local, 99).toFixed(2)} ms`);
  for (const [k, xs] of byKind) console.log(`  ${turns[k]!(0).padEnd(40)} p50 ${pct(xs, 50).toFixed(2)} ms  p99 ${pct(xs, 99).toFixed(2)} ms`);

  // 10,000 live conversations: each with context (a last volume) and half with a pending question
  global.gc?.();
  const before = process.memoryUsage();
  t0 = performance.now();
  for (let i = 0; i < CONVERSATIONS; i++) {
    await app.handle({ team: 'local', channel: `live${i}`, user: 'U', text: i % 2 ? `is ${pick(i)} healthy?` : 'is it healthy?' });
  }
  const secs = (performance.now() - t0) / 1000;
  global.gc?.();
  const after = process.memoryUsage();
  const live = await app.store.db('conversations').count<{ count: string }[]>({ count: '*' });
  console.log(`\n${CONVERSATIONS} conversations opened in ${secs.toFixed(1)} s (${live[0]!.count} live rows in the store)`);
  console.log(`  rss +${mb(after.rss - before.rss)} MB  heap +${mb(after.heapUsed - before.heapUsed)} MB  external+buffers +${mb(after.external + after.arrayBuffers - before.external - before.arrayBuffers)} MB`);
  console.log(`  (rss ${mb(after.rss)} MB total; gc ${global.gc ? 'forced' : 'not exposed: run with --expose-gc for steadier heap figures'})`);
  await app.close();
}

main().catch((err) => { console.error(err); process.exitCode = 1; });
