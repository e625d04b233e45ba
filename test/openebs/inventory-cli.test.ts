// `mulebot inventory` on the demo dump, through connectCluster and the in-process simulator (the real client).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { run } from '../../src/cli/inventory.js';
import type { Inventory } from '../../src/openebs/types.js';

const DEMO = new URL('../../examples/demo-cluster.yaml', import.meta.url).pathname;

async function capture(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const write = process.stdout.write.bind(process.stdout);
  const log = console.log; const error = console.error;
  process.stdout.write = ((chunk: any) => { out += String(chunk); return true; }) as typeof process.stdout.write;
  console.log = (...a: unknown[]) => { out += a.join(' ') + '\n'; };
  console.error = (...a: unknown[]) => { err += a.join(' ') + '\n'; };
  try {
    return { code: await run(args, 'inventory'), out, err };
  } finally {
    process.stdout.write = write; console.log = log; console.error = error;
  }
}

test('--json prints the Inventory read through the simulator', async () => {
  const { code, out } = await capture(['--cluster-dump', DEMO, '--json', '--name', 'prod-east']);
  assert.is(code, 0);
  const inv = JSON.parse(out) as Inventory;
  assert.is(inv.cluster, 'prod-east');
  assert.is(inv.volumes.length, 42);
  assert.is(inv.volumes[0].health, 'Offline');                       // worst first
  const kafka = inv.volumes.find((v) => v.pvc?.name === 'kafka-logs')!;
  assert.is(kafka.health, 'Rebuilding');                              // Mayastor REST through the service proxy
  assert.is(inv.volumes.find((v) => v.pvc?.name === 'loki-chunks')!.usedSource, 'kubelet');   // nodes/proxy stats
  assert.is(inv.snapshots.length, 5);
});

test('a filtered table; usage errors exit 2', async () => {
  const { code, out } = await capture(['--cluster-dump', DEMO, '--health', 'unhealthy']);
  assert.is(code, 0);
  const lines = out.split('\n');
  assert.ok(lines[0].startsWith('Cluster demo-cluster: 42 volumes'));
  assert.match(out, /mysql-data\s+cstor\s+Degraded/);
  assert.not.match(out, /payments\s+pg-wal\s+mayastor/);
  const bad = await capture(['--json']);
  assert.is(bad.code, 2);
  assert.match(bad.err, /--kubeconfig FILE or --cluster-dump FILE/);
  assert.is((await capture(['--cluster-dump'])).code, 2);
});

test.run();
