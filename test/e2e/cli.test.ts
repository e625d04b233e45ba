// The CLIs as users run them: `mulebot chat --script FILE --json` (one JSON object a reply, in order) and
// `mulebot chat` with piped (non-interactive) stdin, `mulebot ask --json`, each on its own fresh schema of the test PostgreSQL (the
// embedded store has its own smoke test: smoke-embedded.test.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexPkg from 'knex';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TEST_DATABASE_URL } from '../helpers/db.js';
import { mulebot, ROOT, schemaUrl as urlFor } from '../helpers/cli.js';
import { simKubeConfig } from '../../src/kube/sim/index.js';
import { createServer } from 'node:net';

const schemas = ['a', 'b', 'c', 'd', 'e', 'f'].map((x) => `t_cli_${x}_${process.pid}`);
const admin = knexPkg({ client: 'pg', connection: TEST_DATABASE_URL, pool: { min: 0, max: 1 } });

test.before(async () => { for (const s of schemas) await admin.raw(`create schema if not exists "${s}"`); });
test.after(async () => {
  for (const s of schemas) await admin.raw(`drop schema if exists "${s}" cascade`);
  await admin.destroy();
});

test('chat --script --json, piped chat, ask --json', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mulebot-cli-'));
  const script = join(dir, 'script.jsonl');
  writeFileSync(script, [
    { team: 'T1', channel: 'C1', user: 'U1', text: 'is mysql-data healthy?' },
    { team: 'T1', channel: 'C1', user: 'U1', text: 'and its replicas?' },
    { team: 'T1', channel: 'C2', user: 'U1', text: 'and its replicas?' },
    { team: 'T1', channel: 'C1', user: 'U1', thread: '1.2', text: 'list pools' },
  ].map((l) => JSON.stringify(l)).join('\n') + '\n');
  const [scripted, piped, asked] = await Promise.all([
    mulebot(['chat', '--script', script, '--json', '--database-url', urlFor(schemas[0]!)]),
    mulebot(['chat', '--database-url', urlFor(schemas[1]!)], 'how is the storage doing?\nis it healthy?\n2\n'),
    mulebot(['ask', '--json', '--database-url', urlFor(schemas[2]!), 'is pg-wal healthy?']),
  ]);
  assert.is(asked.code, 0, asked.stderr);
  const one = JSON.parse(asked.stdout.trim());
  assert.is(one.intent, 'volume.status');
  assert.match(one.text, 'pg-wal is Healthy');
  assert.ok(one.blocks.length > 0);
  assert.is(scripted.code, 0, scripted.stderr);
  const lines = scripted.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.is(lines.length, 4);
  for (const l of lines) assert.equal(Object.keys(l).sort(), ['blocks', 'entities', 'intent', 'text']);
  assert.is(lines[0].intent, 'volume.status');
  assert.match(lines[0].text, 'mysql-data is Degraded');
  assert.is(lines[1].intent, 'volume.replicas');
  assert.match(lines[1].text, 'storage-3');
  assert.match(lines[2].text, 'Which volume?');
  assert.is(lines[3].intent, 'pool.list');
  assert.ok(lines[0].entities.some((e: any) => e.type === 'volume' && e.value === 'mysql-data'));

  assert.is(piped.code, 0, piped.stderr);
  assert.match(piped.stdout, 'spark-scratch');
  assert.match(piped.stdout, 'Which volume?');
  assert.match(piped.stdout, 'gitlab-repos is Degraded');
});

test('alerts --dump: the current alerts as the watcher derives them (text and --json); bad options and unreachable clusters', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mulebot-cli-'));
  // a kubeconfig for a port nobody listens on
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as any).port; s.close(() => resolve(p)); });
  });
  const kubeconfig = join(dir, 'dead.yaml');
  writeFileSync(kubeconfig, simKubeConfig(`http://127.0.0.1:${port}`, 'dead').exportConfig());
  const dump = join(ROOT, 'examples/demo-cluster.yaml');
  const [json, text, none, bad, dead] = await Promise.all([
    mulebot(['alerts', '--dump', dump, '--json', '--database-url', urlFor(schemas[3]!)]),
    mulebot(['alerts', `--dump=${dump}`, '--name', 'prod-east', '--database-url', urlFor(schemas[4]!)]),
    mulebot(['alerts']),
    mulebot(['alerts', '--dump', dump, '--bogus']),
    mulebot(['alerts', '--kubeconfig', kubeconfig, '--name', 'dead', '--json', '--database-url', urlFor(schemas[5]!)]),
  ]);
  assert.is(json.code, 0, json.stderr);
  const out = JSON.parse(json.stdout);
  assert.is(out.cluster, 'demo-cluster');
  assert.is(out.reachable, true);
  const keys = out.alerts.map((a: any) => a.key);
  for (const k of ['replica-lost/data/mysql-data', 'pool-read-only/cstor-disk-pool-m2bd', 'volume-filling/monitoring/prometheus-db']) assert.ok(keys.includes(k), k);
  assert.is(new Set(keys).size, keys.length, 'one alert per key');
  assert.equal(out.alerts.map((a: any) => a.severity), [...out.alerts.map((a: any) => a.severity)].sort(), 'critical first');

  assert.is(text.code, 0, text.stderr);
  assert.match(text.stdout, /alerts on prod-east \(\d+ critical\)/);
  assert.match(text.stdout, /mysql-data/);
  assert.match(text.stdout, /prometheus-db \(volume\) — full in/);

  assert.is(none.code, 2);
  assert.match(none.stderr, /which cluster\?/);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /unknown option --bogus/);
  assert.is(dead.code, 1, dead.stderr);
  const d = JSON.parse(dead.stdout);
  assert.equal([d.reachable, d.error], [false, `cluster dead unreachable: ECONNREFUSED 127.0.0.1:${port}`]);
});

test.run();
