// Benchmark of the normalized model on a generated cluster:
//   node --expose-gc --import tsx scripts/bench-openebs.ts [--volumes 5000] [--seed 42] [--yaml | --dump FILE]
// By default the generated objects go straight into a Dump (as plain JSON); --yaml writes and parses the YAML text
// first (slow: the YAML parser, not the model, dominates), --dump reads a file made by scripts/gen-dump.ts.
// Prints normalize() time, lookup / filtered-list latency (p50, p99, max) and memory per 1,000 volumes.
import { performance } from 'node:perf_hooks';
import { loadDump, parseDump, type Dump } from '../src/kube/dump.js';
import { buildBig } from '../src/openebs/demo/big.js';
import { rawClusterFromDump } from '../src/openebs/from-dump.js';
import { normalize } from '../src/openebs/normalize.js';
import { findPool, findVolume, indexOf, listPools, listSnapshots, listVolumes, type VolumeFilter } from '../src/openebs/lookup.js';
import type { Inventory } from '../src/openebs/types.js';

function arg(name: string, dflt?: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

function stats(samples: number[], cpu?: number[]): string {
  const fmt = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
    return `p50 ${q(0.5).toFixed(3)}, p99 ${q(0.99).toFixed(3)}, max ${s[s.length - 1].toFixed(3)} ms`;
  };
  return `wall ${fmt(samples)}${cpu ? `; cpu ${fmt(cpu)}` : ''} (n=${samples.length})`;
}

/** wall and CPU time of one call: on a shared machine the CPU time shows the work, the wall time the wait too */
function timed<T>(fn: () => T, wall: number[], cpu: number[]): T {
  const c = process.cpuUsage();
  const s = performance.now();
  const out = fn();
  wall.push(performance.now() - s);
  const d = process.cpuUsage(c);
  cpu.push((d.user + d.system) / 1000);
  return out;
}

function heap(): number {
  (globalThis as any).gc?.();
  (globalThis as any).gc?.();
  return process.memoryUsage().heapUsed;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => { a = (a * 1664525 + 1013904223) >>> 0; return a / 4294967296; };
}

async function main(): Promise<void> {
  const volumes = Number(arg('--volumes', '5000'));
  const seed = Number(arg('--seed', '42'));
  const file = arg('--dump');
  if (!(globalThis as any).gc) console.log('(run with node --expose-gc for memory figures)');

  let t = performance.now();
  let dump: Dump;
  if (file) dump = await loadDump(file);
  else if (process.argv.includes('--yaml')) {
    const text = buildBig(volumes, seed).toYaml();
    console.log(`generated ${volumes} volumes: ${(text.length / 1e6).toFixed(1)} MB of YAML in ${(performance.now() - t).toFixed(0)} ms`);
    t = performance.now();
    dump = parseDump(text, 'bench');
  } else {
    const b = buildBig(volumes, seed);
    dump = JSON.parse(JSON.stringify({ objects: b.objects, kubeletStats: b.kubelet, mayastor: b.mayastor }));
    console.log(`generated ${volumes} volumes in memory in ${(performance.now() - t).toFixed(0)} ms`);
  }
  if (file || process.argv.includes('--yaml')) console.log(`parsed dump: ${dump.objects.length} objects in ${(performance.now() - t).toFixed(0)} ms`);
  console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} CPUs`);
  const raw = rawClusterFromDump(dump, 'bench');

  const h0 = heap();
  const times: number[] = [];
  const ctimes: number[] = [];
  let inv!: Inventory;
  for (let i = 0; i < 7; i++) inv = timed(() => normalize(raw), times, ctimes);
  console.log(`normalize(): ${inv.volumes.length} volumes, ${inv.replicas.length} replicas, ${inv.pools.length} pools, ${inv.snapshots.length} snapshots`);
  console.log(`  ${stats(times.slice(1), ctimes.slice(1))}; first run ${times[0].toFixed(0)} ms`);
  const iw: number[] = []; const ic: number[] = [];
  timed(() => indexOf(inv), iw, ic);
  console.log(`index build (once per Inventory): wall ${iw[0].toFixed(1)} ms, cpu ${ic[0].toFixed(1)} ms`);

  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const vols = inv.volumes;
  const queries: string[] = [];
  for (let i = 0; i < 4000; i++) {
    const v = pick(vols);
    const kind = i % 5;
    if (kind === 0) queries.push(v.id);
    else if (kind === 1) queries.push(`${v.pvc!.namespace}/${v.pvc!.name}`.toUpperCase());
    else if (kind === 2) queries.push(v.pvc!.name);
    else if (kind === 3) queries.push(v.pvc!.name.slice(0, -1) + 'x');         // a typo: not found, suggestions
    else queries.push(v.pvc!.name.replace(/-\d+$/, ''));                       // a bare app name: not found, suggestions
  }
  const found: number[] = []; const foundCpu: number[] = [];
  const missed: number[] = []; const missedCpu: number[] = [];
  for (const q of queries) {
    const w: number[] = []; const c: number[] = [];
    const res = timed(() => findVolume(inv, q), w, c);
    (res.kind === 'not-found' ? missed : found).push(w[0]);
    (res.kind === 'not-found' ? missedCpu : foundCpu).push(c[0]);
  }
  console.log(`findVolume hit/ambiguous: ${stats(found, foundCpu)}`);
  console.log(`findVolume miss + suggestions: ${stats(missed, missedCpu)}`);

  const namespaces = [...new Set(vols.map((v) => v.pvc!.namespace))];
  const nodes = inv.nodes.map((n) => n.name);
  const filters: VolumeFilter[] = [];
  for (let i = 0; i < 300; i++) {
    filters.push({ health: 'unhealthy' }, { namespace: pick(namespaces) }, { engine: pick(['lvm', 'mayastor', 'cstor', 'hostpath']) },
      { node: pick(nodes) }, { pool: pick(inv.pools).id }, { namespace: pick(namespaces), engine: 'zfs', health: 'attention' });
  }
  const listed: number[] = []; const listedCpu: number[] = [];
  for (const f of filters) timed(() => listVolumes(inv, f), listed, listedCpu);
  console.log(`listVolumes (filtered, sorted worst first): ${stats(listed, listedCpu)}`);
  const whole: number[] = []; const wholeCpu: number[] = [];
  for (let i = 0; i < 100; i++) timed(() => listVolumes(inv), whole, wholeCpu);
  console.log(`listVolumes (all ${vols.length}, sorted): ${stats(whole, wholeCpu)}`);
  const other: number[] = []; const otherCpu: number[] = [];
  for (let i = 0; i < 500; i++) {
    timed(() => { findPool(inv, pick(inv.pools).id); listPools(inv, { status: 'attention' }); listSnapshots(inv, { ready: false }); }, other, otherCpu);
  }
  console.log(`findPool + listPools + listSnapshots: ${stats(other, otherCpu)}`);

  if ((globalThis as any).gc) {
    const keep: Inventory[] = [];
    const before = heap();
    for (let i = 0; i < 3; i++) { const x = normalize(raw); indexOf(x); keep.push(x); }
    const per = (heap() - before) / 3;
    console.log(`memory: Inventory + index ${(per / 1e6).toFixed(1)} MB for ${vols.length} volumes = ${(per / 1e6 / (vols.length / 1000)).toFixed(2)} MB per 1,000 volumes`);
    console.log(`memory: raw objects (the watch cache's share) ${(h0 / 1e6).toFixed(0)} MB heap in total while loaded (${(h0 / 1e6 / (vols.length / 1000)).toFixed(1)} MB per 1,000 volumes, parser garbage excluded)`);
    keep.length = 0;
  }
}

await main();
