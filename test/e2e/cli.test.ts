// The CLIs as users run them: `mulebot chat --script FILE --json` (one JSON object a reply, in order) and
// `mulebot chat` with piped (non-interactive) stdin, `mulebot ask --json`, each on its own fresh schema of the test PostgreSQL (the
// embedded store has its own smoke test: smoke-embedded.test.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import knexPkg from 'knex';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TEST_DATABASE_URL } from '../helpers/db.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function mulebot(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
    p.stdin.end(stdin);
  });
}

const schemas = ['a', 'b', 'c'].map((x) => `t_cli_${x}_${process.pid}`);
const admin = knexPkg({ client: 'pg', connection: TEST_DATABASE_URL, pool: { min: 0, max: 1 } });
const urlFor = (schema: string) => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

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

test.run();
