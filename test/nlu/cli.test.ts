import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO_ROOT } from '../../src/nlu/index.js';

// Runs the real CLI entry (src/cli.ts through tsx) as a child process.
function cli(args: string[], stdin?: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src', 'cli.ts'), 'nlu', ...args], { cwd: REPO_ROOT });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out, err }));
    p.stdin.end(stdin ?? '');
  });
}

const vocabFile = join(mkdtempSync(join(tmpdir(), 'mulebot-nlu-')), 'vocab.json');
writeFileSync(vocabFile, JSON.stringify({ volume: ['zz-orders-vol'], namespace: ['shop'] }));

test('--json prints one object with text, intent, score and entities', async () => {
  const r = await cli(['--vocab', vocabFile, '--json', 'is zz-orders-vol healthy']);
  assert.is(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.is(lines.length, 1);
  const j = JSON.parse(lines[0]!) as { text: string; intent: string; score: number; entities: { type: string; value: string; text: string }[] };
  assert.is(j.text, 'is zz-orders-vol healthy');
  assert.is(j.intent, 'volume.status');
  assert.ok(j.score > 0 && j.score <= 1);
  assert.ok(j.entities.some((e) => e.type === 'volume' && e.value === 'zz-orders-vol' && e.text === 'zz-orders-vol'));
});

test('--jsonl answers every line in order, plain text or {"text"}', async () => {
  const input = ['list volumes in shop', '', JSON.stringify({ text: 'what is the weather in paris' }), 'thanks!'].join('\n');
  const r = await cli(['--vocab', vocabFile, '--jsonl'], input);
  assert.is(r.code, 0, r.err);
  const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as { text: string; intent: string });
  assert.equal(rows.map((x) => x.text), ['list volumes in shop', '', 'what is the weather in paris', 'thanks!']);
  assert.equal(rows.map((x) => x.intent), ['volume.list', 'None', 'None', 'thanks']);
});

test('usage errors exit 2', async () => {
  assert.is((await cli([])).code, 2);
  assert.is((await cli(['--json'])).code, 2);
  assert.is((await cli(['--vocab', '/nonexistent.json', '--json', 'hi'])).code, 2);
});

test.run();
