// Shared by the benchmark scripts: find ../shared/bench-data and write corpora in our format to a temp folder.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../src/nlu/index.js';

export function benchData(sub: string): string {
  const candidates = [process.env.MULEBOT_BENCH_DATA, resolve(REPO_ROOT, '..', 'shared', 'bench-data'), '/work/shared/bench-data']
    .filter((x): x is string => !!x);
  for (const c of candidates) if (existsSync(join(c, sub))) return join(c, sub);
  console.error(`benchmark data not found: looked for ${sub} under ${candidates.join(', ')}.\n` +
    'Put the bench-data folder next to the repository (../shared/bench-data) or set MULEBOT_BENCH_DATA.');
  process.exit(2);
}

/** Writes {corpus.json, test.jsonl[, val.jsonl]} and returns their paths. */
export function writeBenchCorpus(name: string, train: { text: string; intent: string }[], test: { text: string; intent: string }[],
  val?: { text: string; intent: string }[]) {
  const dir = mkdtempSync(join(tmpdir(), `mulebot-${name}-`));
  mkdirSync(dir, { recursive: true });
  const byIntent = new Map<string, string[]>();
  for (const t of train) {
    if (!byIntent.has(t.intent)) byIntent.set(t.intent, []);
    byIntent.get(t.intent)!.push(t.text);
  }
  const corpus = { name, locale: 'en-US', data: [...byIntent].map(([intent, utterances]) => ({ intent, utterances })) };
  writeFileSync(join(dir, 'corpus.json'), JSON.stringify(corpus));
  const jsonl = (rows: { text: string; intent: string }[]) => rows.map((r) => JSON.stringify({ text: r.text, intent: r.intent })).join('\n') + '\n';
  writeFileSync(join(dir, 'test.jsonl'), jsonl(test));
  if (val) writeFileSync(join(dir, 'val.jsonl'), jsonl(val));
  return { dir, corpus: join(dir, 'corpus.json'), test: join(dir, 'test.jsonl'), val: val ? join(dir, 'val.jsonl') : undefined };
}
