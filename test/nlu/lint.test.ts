import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REPO_ROOT } from '../../src/nlu/index.js';
import { lintCorpus, lintKey } from '../../src/nlu/lint.js';
import { INTENTS } from '../../src/nlu/types.js';

function corpus(data: Record<string, string[]>, tests: { text: string; intent: string }[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'mulebot-lint-'));
  mkdirSync(join(dir, 'intents'));
  mkdirSync(join(dir, 'tests'));
  const { None, ...rest } = data;
  writeFileSync(join(dir, 'intents', 'all.json'), JSON.stringify({ name: 't', locale: 'en-US', data: Object.entries(rest).map(([intent, utterances]) => ({ intent, utterances })) }));
  writeFileSync(join(dir, 'none.json'), JSON.stringify({ name: 'n', locale: 'en-US', data: [{ intent: 'None', utterances: None ?? [] }] }));
  writeFileSync(join(dir, 'tests', 'heldout.jsonl'), tests.map((t) => JSON.stringify(t)).join('\n') + '\n');
  writeFileSync(join(dir, 'vocab-demo.json'), JSON.stringify({ volume: ['mysql-data'] }));
  return dir;
}

// A corpus that passes with tiny limits, then one rule broken at a time.
const ok: Record<string, string[]> = Object.fromEntries(INTENTS.map((i) => [i, [`alpha ${i.replace('.', ' ')}`, `beta ${i.replace('.', ' ')} %volume%`]]));
ok.None = ['weather in paris', 'tell me a joke'];
const okTests = [...INTENTS.map((i) => ({ text: `gamma ${i.replace('.', ' ')}`, intent: i })), { text: 'order a pizza', intent: 'None' }];
const small = { minPerIntent: 2, minNone: 2, minTestPerIntent: 1, minTestNone: 1 };

test('a clean corpus passes', () => {
  assert.equal(lintCorpus(corpus(ok, okTests), small).errors, []);
});

test('keys ignore case, punctuation, mentions and word endings', () => {
  assert.is(lintKey('<@U123ABC> List Volumes!'), lintKey('list volume'));
  assert.is(lintKey('is %volume% ok?'), lintKey('Is %volume% OK'));
});

test('flags duplicates, unknown placeholders, unknown intents', () => {
  const bad = { ...ok, 'volume.list': ['List volumes', 'list volumes?', 'vols on %disk%'], 'volume.fly': ['fly away'] };
  const errors = lintCorpus(corpus(bad, okTests), small).errors.join('\n');
  assert.match(errors, /duplicate: "list volumes\?"/);
  assert.match(errors, /unknown placeholder %disk%/);
  assert.match(errors, /unknown intent "volume.fly"/);
});

test('flags train/test overlap, also after masking the test entities', () => {
  const tests = [...okTests, { text: 'Beta volume status mysql-data', intent: 'volume.status' }, { text: 'alpha help', intent: 'help' }];
  const errors = lintCorpus(corpus(ok, tests), small).errors.join('\n');
  assert.match(errors, /held-out overlaps training: "Beta volume status mysql-data"/);
  assert.match(errors, /held-out overlaps training: "alpha help"/);
});

test('every test file in corpus/tests is checked, not only heldout.jsonl', () => {
  const dir = corpus(ok, okTests);
  writeFileSync(join(dir, 'tests', 'fresh.jsonl'), [...okTests.map((t) => ({ ...t, text: `delta ${t.text}` })),
    { text: 'alpha help', intent: 'help' }, { text: 'x', intent: 'volume.fly' }].map((t) => JSON.stringify(t)).join('\n') + '\n');
  const r = lintCorpus(dir, small);
  assert.match(r.errors.join('\n'), /fresh overlaps training: "alpha help"/);
  assert.match(r.errors.join('\n'), /fresh: unknown intent "volume.fly"/);
  assert.ok(!r.errors.some((e) => e.startsWith('held-out')), r.errors.join('\n'));
  assert.match(r.summary, /test files: \d+ fresh, \d+ held-out/);
});

test('flags too few utterances', () => {
  const errors = lintCorpus(corpus(ok, okTests)).errors.join('\n');
  assert.match(errors, /intent volume.list: 2 utterances, needs at least 40/);
  assert.match(errors, /None: 2 utterances, needs at least 300/);
  assert.match(errors, /held-out volume.list: 1 messages, needs at least 15/);
  assert.match(errors, /held-out None: 1 messages, needs at least 100/);
});

test('the project corpus passes `npm run lint:corpus`', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'scripts', 'lint-corpus.ts')], { cwd: REPO_ROOT, encoding: 'utf8' });
  assert.is(r.status, 0, `${r.stderr.split('\n').slice(0, 15).join('\n')}\n${r.stdout}`);
});

test.run();
