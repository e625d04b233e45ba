// Reading the corpus (NLP.js corpus JSON, one file or a folder of them) and held-out JSONL files.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface CorpusFile {
  name?: string;
  locale?: string;
  data: { intent: string; utterances: string[] }[];
}

export interface Example { text: string; label: string; source?: string }

/** A corpus written with %entity% placeholders is MuleBot's own kind (entities, cues and domain rules apply). */
export function hasPlaceholders(examples: Example[]): boolean {
  return examples.some((e) => /%[a-z]+%/.test(e.text));
}

export interface TestCase {
  text: string;
  intent: string;
  entities?: { type: string; value: string | number; relative?: boolean }[];
}

/** The training files under a corpus folder: intents/*.json and none.json (or every *.json when there is no intents/). */
export function corpusFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const files: string[] = [];
  const intents = join(path, 'intents');
  if (existsSync(intents)) {
    for (const f of readdirSync(intents).sort()) if (f.endsWith('.json')) files.push(join(intents, f));
    if (existsSync(join(path, 'none.json'))) files.push(join(path, 'none.json'));
  } else {
    for (const f of readdirSync(path).sort()) if (f.endsWith('.json') && !f.startsWith('vocab')) files.push(join(path, f));
  }
  return files;
}

export function loadCorpus(path: string): Example[] {
  const out: Example[] = [];
  for (const file of corpusFiles(path)) {
    const json = JSON.parse(readFileSync(file, 'utf8')) as CorpusFile;
    if (!Array.isArray(json.data)) throw new Error(`${file}: no "data" array (expected NLP.js corpus JSON)`);
    for (const d of json.data) {
      for (const u of d.utterances ?? []) out.push({ text: u, label: d.intent, source: file });
    }
  }
  return out;
}

/** sha256 over the training files, the held-out files and the vocabulary, by relative path, in sorted order. */
export function corpusHash(dir: string): string {
  const h = createHash('sha256');
  const files = statSync(dir).isDirectory() ? [...corpusFiles(dir), ...extraFiles(dir)] : [dir];
  for (const f of [...new Set(files)].sort()) {
    h.update(relative(dir, f).split('\\').join('/'));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}

function extraFiles(dir: string): string[] {
  const out: string[] = [];
  const tests = join(dir, 'tests');
  if (existsSync(tests)) for (const f of readdirSync(tests).sort()) if (f.endsWith('.jsonl')) out.push(join(tests, f));
  if (existsSync(join(dir, 'vocab-demo.json'))) out.push(join(dir, 'vocab-demo.json'));
  return out;
}

export function loadTests(file: string): TestCase[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: TestCase[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const j = JSON.parse(line) as TestCase;
      if (typeof j.text !== 'string' || typeof j.intent !== 'string') throw new Error('needs "text" and "intent"');
      out.push(j);
    } catch (e) {
      throw new Error(`${file}:${i + 1}: ${(e as Error).message}`);
    }
  });
  return out;
}
