// `mulebot sim`: serves a dump, writes a kubeconfig that the bot's --kubeconfig path (and kubectl) can use, stops on
// SIGINT.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/sim.js';
import { connectCluster } from '../../src/kube/connection.js';
import { FIXTURE } from './helpers.js';

test('serves the dump, prints the URL and kubeconfig, and stops on Ctrl-C', async () => {
  const kubeconfig = join(await mkdtemp(join(tmpdir(), 'mulebot-sim-test-')), 'kubeconfig');
  const lines: string[] = [];
  const log = console.log;
  let ready!: () => void;
  const started = new Promise<void>((resolve) => { ready = resolve; });
  console.log = (...args: unknown[]) => { lines.push(args.join(' ')); if (String(args[0]).includes('Ctrl-C')) ready(); };
  const exit = run(['--dump', FIXTURE, '--port', '0', '--kubeconfig-out', kubeconfig], 'sim');
  try {
    await started;
  } finally { console.log = log; }
  assert.match(lines[0], /^Serving .*all-resources\.yaml \(35 objects, 1 of kinds the bot does not read\) at http:\/\/127\.0\.0\.1:\d+$/);
  assert.is(lines[1], `kubeconfig: ${kubeconfig}`);
  const conn = await connectCluster({ name: 'from-file', kubeconfig, context: 'mulebot-sim', statsIntervalMs: 0 });
  await conn.start();
  assert.is(conn.snapshot().objects.pvs.length, 1);
  await conn.stop();
  const wrong = await connectCluster({ name: 'from-file', kubeconfig, context: 'nope' }).then(() => undefined, (e) => e);
  assert.match(wrong.message, /^cluster from-file: context "nope" is not in kubeconfig /);
  process.emit('SIGINT');
  assert.is(await exit, 0);
});

test('usage errors', async () => {
  const err = console.error;
  console.error = () => {};
  try {
    assert.is(await run([], 'sim'), 2);
    assert.is(await run(['--dump', FIXTURE, '--port', 'x'], 'sim'), 2);
  } finally { console.error = err; }
});

test.run();
