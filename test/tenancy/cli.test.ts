// The operator commands, run in-process against a fresh PostgreSQL schema named through DATABASE_URL.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as cluster } from '../../src/cli/cluster.js';
import { run as bind } from '../../src/cli/bind.js';
import { createTestStore, type TestStore } from '../helpers/db.js';
import { capture, schemaUrl } from '../helpers/cli.js';

let t: TestStore;
let dir = '';
const saved = { url: process.env.DATABASE_URL, key: process.env.MULEBOT_ENCRYPTION_KEY };
const KEY = Buffer.alloc(32, 3).toString('base64');

test.before(async () => {
  t = await createTestStore();
  dir = mkdtempSync(join(tmpdir(), 'mulebot-cli-'));
  process.env.DATABASE_URL = schemaUrl(t.schema);
  process.env.MULEBOT_ENCRYPTION_KEY = KEY;
  writeFileSync(join(dir, 'kc.yaml'), ['apiVersion: v1', 'kind: Config', 'clusters:', '- name: east', '  cluster: {server: "https://10.0.0.1:6443"}',
    'contexts:', '- name: east-admin', '  context: {cluster: east, user: admin}', 'current-context: east-admin',
    'users:', '- name: admin', '  user: {token: cli-kube-secret}'].join('\n'));
  writeFileSync(join(dir, 'dump.yaml'), 'kind: List\nitems: []\n');
});
test.after(async () => {
  process.env.DATABASE_URL = saved.url; if (saved.url === undefined) delete process.env.DATABASE_URL;
  process.env.MULEBOT_ENCRYPTION_KEY = saved.key; if (saved.key === undefined) delete process.env.MULEBOT_ENCRYPTION_KEY;
  rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

test('cluster add (kubeconfig, in-cluster, dump), list, bind, unbind, remove', async () => {
  let r = await capture(() => cluster(['add', '--team', 'T1', '--name', 'prod-east', '--kubeconfig', join(dir, 'kc.yaml')], 'cluster'));
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /Added cluster prod-east .*context east-admin/);
  assert.not.match(r.out, /cli-kube-secret/);
  r = await capture(() => cluster(['add', '--team', 'T1', '--name', 'staging', '--in-cluster', '--default'], 'cluster'));
  assert.is(r.code, 0, r.err);
  r = await capture(() => cluster(['add', '--team', 'T1', '--name', 'demo', '--cluster-dump', join(dir, 'dump.yaml')], 'cluster'));
  assert.is(r.code, 0, r.err);
  r = await capture(() => bind(['--team', 'T1', '--channel', 'C1', '--cluster', 'prod-east'], 'bind'));
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /Channel C1 now sees prod-east/);
  r = await capture(() => cluster(['list', '--team', 'T1', '--json'], 'cluster'));
  const listed = JSON.parse(r.out);
  assert.equal(listed.map((c: any) => [c.name, c.kind, c.default, c.channels]),
    [['demo', 'dump', false, []], ['prod-east', 'kubeconfig', false, ['C1']], ['staging', 'in-cluster', true, []]]);
  r = await capture(() => cluster(['list', '--team', 'T1'], 'cluster'));
  assert.match(r.out, /staging \(default\)  in-cluster  channels: every unbound channel/);
  // what the CLI stored is readable with the key, and sealed at rest
  const c = (await t.store.clusters.get('T1', 'prod-east'))!;
  const raw = await t.store.db('clusters').where({ id: c.id }).first();
  assert.not.ok(raw.kubeconfig_enc.includes('cli-kube-secret'));
  r = await capture(() => bind(['--team', 'T1', '--channel', 'C1', '--cluster', 'prod-east'], 'unbind'));
  assert.is(r.code, 0, r.err);
  assert.equal(await t.store.bindings.clustersFor('T1', 'C1'), []);
  r = await capture(() => cluster(['remove', '--team', 'T1', '--name', 'demo'], 'cluster'));
  assert.is(r.code, 0, r.err);
  r = await capture(() => cluster(['remove', '--team', 'T1', '--name', 'demo'], 'cluster'));
  assert.is(r.code, 1);
});

test('mistakes give a usage error (2) or a clear failure (1), never a stack', async () => {
  const cases: [string[], number, RegExp, 'cluster' | 'bind'][] = [
    [['add', '--team', 'T1', '--name', 'x'], 2, /exactly one of/, 'cluster'],
    [['add', '--team', 'T1', '--name', 'x', '--in-cluster', '--cluster-dump', 'f'], 2, /exactly one of/, 'cluster'],
    [['add', '--name', 'x', '--in-cluster'], 2, /--team is required/, 'cluster'],
    [['add', '--team', 'T1', '--name', 'x', '--kubeconfig', join(dir, 'kc.yaml'), '--context', 'nope'], 2, /context "nope" is not in/, 'cluster'],
    [['add', '--team', 'T1', '--name', 'x', '--kubeconfig', join(dir, 'dump.yaml')], 2, /does not look like a kubeconfig/, 'cluster'],
    [['add', '--team', 'T1', '--name', 'x', '--cluster-dump', join(dir, 'missing.yaml')], 2, /not a readable file/, 'cluster'],
    [['add', '--team', 'T1', '--name', 'staging', '--in-cluster'], 1, /already exists/, 'cluster'],
    [['frobnicate', '--team', 'T1'], 2, /unknown subcommand/, 'cluster'],
    [['list', '--team', 'T1', '--bogus'], 2, /bogus/, 'cluster'],
    [['--team', 'T1', '--channel', 'C1'], 2, /required/, 'bind'],
    [['--team', 'T2', '--channel', 'C1', '--cluster', 'prod-east'], 1, /don't know a cluster called prod-east/, 'bind'],
  ];
  for (const [args, code, re, which] of cases) {
    const r = await capture(() => (which === 'cluster' ? cluster(args, 'cluster') : bind(args, 'bind')));
    assert.is(r.code, code, args.join(' '));
    assert.match(r.err, re);
  }
});

test.run();
