// Prints understand() p50/p99 with a 2,000-name vocabulary, model load time, memory, and the CLI's ready time.
// Usage: node --import tsx scripts/bench-nlu.ts [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTests } from '../src/nlu/corpus.js';
import { compileVocabulary } from '../src/nlu/entities/index.js';
import { DEFAULT_CORPUS, DEFAULT_MODEL, loadNlu, REPO_ROOT } from '../src/nlu/index.js';
import type { Vocabulary } from '../src/nlu/types.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const mb = (x: number) => `${(x / 1048576).toFixed(1)} MB`;
const rss0 = process.memoryUsage().rss;

let t = performance.now();
const nlu = loadNlu();
const loadMs = performance.now() - t;
const rssModel = process.memoryUsage().rss;

// 2,000 names: the demo vocabulary plus generated ones of every type.
const demo = JSON.parse(readFileSync(join(DEFAULT_CORPUS, 'vocab-demo.json'), 'utf8')) as Vocabulary;
const vocab: Vocabulary = { ...demo };
const words = ['orders', 'billing', 'search', 'metrics', 'auth', 'cart', 'ledger', 'media', 'chat', 'geo'];
const add = (type: keyof Vocabulary, name: string) => { (vocab[type] ??= []).push(name); };
let n = Object.values(vocab).reduce((s, v) => s + (v?.length ?? 0), 0);
for (let i = 0; n < 2000; i++, n++) {
  const w = words[i % words.length]!;
  const kind = i % 10;
  if (kind < 6) add('volume', `${w}-data-${i}`);
  else if (kind === 6) add('namespace', `${w}-ns-${i}`);
  else if (kind === 7) add('node', `node-${i}`);
  else if (kind === 8) add('snapshot', `${w}-snap-${i}`);
  else add('pool', `pool-${w}-${i}`);
}
t = performance.now();
const index = compileVocabulary(vocab);
const compileMs = performance.now() - t;

const texts = loadTests(join(DEFAULT_CORPUS, 'tests', 'heldout.jsonl')).map((c) => c.text);
for (let i = 0; i < 200; i++) texts.push(`is ${words[i % 10]}-data-${i * 10} healthy`, `expand ${words[i % 10]}-data-${i * 10} by 10Gi`);
for (const x of texts.slice(0, 300)) nlu.understand(x, index); // warm-up (JIT)
const times: number[] = [];
for (let r = 0; r < runs; r++) {
  for (const x of texts) {
    const s = performance.now();
    nlu.understand(x, index);
    times.push(performance.now() - s);
  }
}
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
const rssAfter = process.memoryUsage().rss;
console.log(`understand() with ${n} names: p50 ${q(0.5).toFixed(3)} ms, p99 ${q(0.99).toFixed(3)} ms, max ${q(1).toFixed(1)} ms (${times.length} calls)`);
console.log(`model load ${loadMs.toFixed(0)} ms (${DEFAULT_MODEL}), vocabulary compile ${compileMs.toFixed(1)} ms, ` +
  `RSS ${mb(rss0)} -> ${mb(rssModel)} after load -> ${mb(rssAfter)} after ${times.length} calls; heap ${mb(process.memoryUsage().heapUsed)}`);

// CLI ready time: a fresh process answering one message (the compiled CLI when built, else through tsx).
const built = existsSync(join(REPO_ROOT, 'dist', 'cli.js')) && existsSync(join(REPO_ROOT, 'dist', 'cli', 'nlu.js'));
const cmd = built ? [join(REPO_ROOT, 'bin', 'mulebot.js')] : ['--import', 'tsx', join(REPO_ROOT, 'src', 'cli.ts')];
const cli: number[] = [];
for (let i = 0; i < 5; i++) {
  const s = performance.now();
  const r = spawnSync(process.execPath, [...cmd, 'nlu', '--json', 'is mysql-data healthy'], { cwd: REPO_ROOT, encoding: 'utf8' });
  cli.push(performance.now() - s);
  if (r.status !== 0) { console.error(r.stderr); break; }
}
cli.sort((a, b) => a - b);
console.log(`CLI \`mulebot nlu --json\` (${built ? 'compiled dist/' : 'tsx, not built'}): median ${cli[Math.floor(cli.length / 2)]!.toFixed(0)} ms, best ${cli[0]!.toFixed(0)} ms (5 runs, process start to exit)`);
