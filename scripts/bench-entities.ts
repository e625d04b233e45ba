// Latency of entity extraction: compileVocabulary per 200 names, extractEntities with a 2,000-name vocabulary
// (p50/p99 over the held-out texts, repeated), misspelled names (the fuzzy path), and bad input (40 KB, control
// characters, emoji). Prints figures; asserts nothing. Run: node --import tsx scripts/bench-entities.ts
import { readFileSync, existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { compileVocabulary, extractEntities, suggestNames } from '../src/nlu/entities/index.js';
import type { Vocabulary } from '../src/nlu/types.js';

const demo: Vocabulary = JSON.parse(readFileSync(new URL('../corpus/vocab-demo.json', import.meta.url), 'utf8'));

/** The demo vocabulary plus generated names up to `n`, shaped like real ones (app-role-N, worker-N...). */
function bigVocab(n: number): Vocabulary {
  const apps = ['kafka', 'pg', 'mysql', 'redis', 'mongo', 'minio', 'es', 'loki', 'tempo', 'vault', 'nats', 'etcd',
    'orders', 'billing', 'ledger', 'search', 'cart', 'auth', 'session', 'media', 'jenkins', 'gitlab', 'harbor'];
  const roles = ['data', 'logs', 'wal', 'cache', 'store', 'index', 'backup', 'queue', 'blobs', 'archive', 'db'];
  const v: Required<Vocabulary> = { volume: [], namespace: [], node: [], pool: [], cluster: [], storageclass: [], snapshot: [] };
  for (const k of Object.keys(v) as (keyof Vocabulary)[]) v[k] = [...(demo[k] ?? [])];
  let i = 0;
  const total = () => Object.values(v).reduce((s, l) => s + l.length, 0);
  while (total() < n) {
    const a = apps[i % apps.length]!, r = roles[Math.floor(i / apps.length) % roles.length]!;
    const k = Math.floor(i / (apps.length * roles.length));
    v.volume.push(`${a}-${r}-${k}`);
    if (i % 5 === 0) v.snapshot.push(`${a}-${r}-snap-${k}`);
    if (i % 20 === 0) v.node.push(`node-${k}-${i}`);
    if (i % 25 === 0) v.namespace.push(`team-${a}-${k}`);
    if (i % 40 === 0) v.pool.push(`pool-${a}-${k}`);
    i++;
  }
  return v;
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const fmt = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

const texts = existsSync(new URL('../corpus/tests/heldout.jsonl', import.meta.url))
  ? readFileSync(new URL('../corpus/tests/heldout.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text.replace(/<@[A-Z0-9]+>\s*/g, ''))
  : ['grow kafka-logs-1 by 10Gi', 'which volumes are degraded in payments', 'is pg-wal healthy'];
const typos = ['status of mysql-dta', 'volumes in payemnts', 'grow kafak-logs by 5Gi', 'describe promethues-db',
  'list vols on node wroker-3', 'usage of grafana-storge', 'snapshots of ledgr-db', 'is orders-dbb ok'];

// compile
const v200 = bigVocab(200), v2000 = bigVocab(2000);
for (let i = 0; i < 200; i++) compileVocabulary(v200);
const compile200: number[] = [];
for (let i = 0; i < 500; i++) { const t = process.hrtime.bigint(); compileVocabulary(v200); compile200.push(Number(process.hrtime.bigint() - t) / 1e6); }
const compile2000: number[] = [];
for (let i = 0; i < 100; i++) { const t = process.hrtime.bigint(); compileVocabulary(v2000); compile2000.push(Number(process.hrtime.bigint() - t) / 1e6); }
const idx = compileVocabulary(v2000);
const t0 = process.hrtime.bigint();
extractEntities('status of mysql-dta', idx); // the first call on a fresh index
const firstFuzzy = Number(process.hrtime.bigint() - t0) / 1e6;

function run(list: string[], rounds: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const s of list) {
      const t = process.hrtime.bigint();
      extractEntities(s, idx);
      out.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  return out;
}
run(texts, 3); // warm-up
const all = run(texts, 10);
const fz = run(typos, 200);
const sugg: number[] = [];
for (let i = 0; i < 2000; i++) {
  const t = process.hrtime.bigint();
  suggestNames(typos[i % typos.length]!.split(' ').pop()!, 'volume', idx, 3);
  sugg.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const big = 'grow pg-data by 10Gi and check kafka-logs-1 degraded in payments '.repeat(700).slice(0, 40_000);
const ctrl = Array.from({ length: 40_000 }, (_, i) => String.fromCharCode(i % 32)).join('');
const emoji = '😀🔥💾'.repeat(5000);
const bad: Record<string, number> = {};
for (const [name, s] of Object.entries({ '40 KB text': big, '40 KB control chars': ctrl, '30 KB emoji': emoji })) {
  const t = process.hrtime.bigint();
  for (let i = 0; i < 20; i++) extractEntities(s, idx);
  bad[name] = Number(process.hrtime.bigint() - t) / 1e6 / 20;
}

const names = Object.values(v2000).reduce((s, l) => s + (l?.length ?? 0), 0);
console.log(`entity extraction, node ${process.version}, ${texts.length} held-out texts x 10, vocabulary ${names} names`);
console.log(`compileVocabulary 200 names:   p50 ${fmt(pct(compile200, 50))}  p99 ${fmt(pct(compile200, 99))}   (goal < 1 ms)`);
console.log(`compileVocabulary 2000 names:  p50 ${fmt(pct(compile2000, 50))}  p99 ${fmt(pct(compile2000, 99))}`);
console.log(`first extractEntities on a fresh 2000-name index: ${fmt(firstFuzzy)}`);
console.log(`(machine load average at start: ${loadavg().map((x) => x.toFixed(1)).join(' ')}; figures on a shared 2-core box are noisy)`);
console.log(`extractEntities held-out:      p50 ${fmt(pct(all, 50))}  p99 ${fmt(pct(all, 99))}  max ${fmt(Math.max(...all))}   (goal p50 <= 300 µs, p99 <= 2 ms)`);
console.log(`extractEntities misspelled:    p50 ${fmt(pct(fz, 50))}  p99 ${fmt(pct(fz, 99))}`);
console.log(`suggestNames (2000 names):     p50 ${fmt(pct(sugg, 50))}  p99 ${fmt(pct(sugg, 99))}`);
for (const [k, ms] of Object.entries(bad)) console.log(`${k.padEnd(30)} ${ms.toFixed(2)} ms per call`);
