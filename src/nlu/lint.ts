// Corpus lint: train/test overlap (by stemmed key, after masking the test's entities), duplicates, unknown
// placeholders, too few utterances. Used by scripts/lint-corpus.ts and its test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NONE } from './classifier.js';
import { loadCorpus, loadTests } from './corpus.js';
import { compileVocabulary, extractEntities, maskEntities } from './entities/index.js';
import { tokenize } from './featurize.js';
import { cleanSlack, placeholdersToWords } from './text.js';
import { ENTITY_TYPES, INTENTS, type Vocabulary } from './types.js';

export interface LintLimits { minPerIntent: number; minNone: number; minTestPerIntent: number; minTestNone: number }
export const LIMITS: LintLimits = { minPerIntent: 40, minNone: 300, minTestPerIntent: 15, minTestNone: 100 };

/** Case, punctuation, mentions and word endings do not make two utterances different. */
export function lintKey(text: string): string {
  return tokenize(placeholdersToWords(cleanSlack(text))).stems.join(' ');
}

export function lintCorpus(dir: string, limits: LintLimits = LIMITS): { errors: string[]; summary: string } {
  const errors: string[] = [];
  const examples = loadCorpus(dir);
  const known = new Set<string>(ENTITY_TYPES);
  const intents = new Set<string>([...INTENTS, NONE]);
  const seen = new Map<string, { label: string; text: string }>();
  const counts = new Map<string, number>();
  for (const e of examples) {
    counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
    if (!intents.has(e.label)) errors.push(`unknown intent "${e.label}" ("${e.text}")`);
    for (const m of e.text.matchAll(/%([^%\s]*)%/g)) if (!known.has(m[1]!)) errors.push(`unknown placeholder %${m[1]}% in ${e.label}: "${e.text}"`);
    const key = lintKey(e.text);
    if (!key) { errors.push(`empty utterance in ${e.label}: "${e.text}"`); continue; }
    const prev = seen.get(key);
    if (prev) errors.push(`duplicate: "${e.text}" (${e.label}) = "${prev.text}" (${prev.label})`);
    else seen.set(key, { label: e.label, text: e.text });
  }
  for (const i of INTENTS) {
    const n = counts.get(i) ?? 0;
    if (n < limits.minPerIntent) errors.push(`intent ${i}: ${n} utterances, needs at least ${limits.minPerIntent}`);
  }
  if ((counts.get(NONE) ?? 0) < limits.minNone) errors.push(`None: ${counts.get(NONE) ?? 0} utterances, needs at least ${limits.minNone}`);

  // Every test file in corpus/tests: heldout.jsonl (required) and fresh.jsonl (written blind, session 2).
  const testsDir = join(dir, 'tests');
  const testFiles = existsSync(testsDir) ? readdirSync(testsDir).filter((f) => f.endsWith('.jsonl')).sort() : [];
  if (!testFiles.includes('heldout.jsonl')) errors.push(`no held-out file at ${join(testsDir, 'heldout.jsonl')}`);
  const vocabFile = join(dir, 'vocab-demo.json');
  const vocab = existsSync(vocabFile) ? compileVocabulary(JSON.parse(readFileSync(vocabFile, 'utf8')) as Vocabulary) : undefined;
  const nTests: string[] = [];
  for (const f of testFiles) {
    const name = f === 'heldout.jsonl' ? 'held-out' : f.replace(/\.jsonl$/, '');
    nTests.push(`${lintTests(join(testsDir, f), name, seen, intents, vocab, limits, errors)} ${name}`);
  }
  return { errors, summary: `${examples.length} training utterances in ${counts.size} intents (None ${counts.get(NONE) ?? 0}); test files: ${nTests.join(', ') || 'none'}` };
}

/** One test file: known intents, no overlap with training (also after masking entities), no duplicates, counts. */
function lintTests(file: string, name: string, seen: Map<string, { label: string; text: string }>, intents: Set<string>,
  vocab: ReturnType<typeof compileVocabulary> | undefined, limits: LintLimits, errors: string[]): number {
  const tests = loadTests(file);
  const tCounts = new Map<string, number>();
  const tSeen = new Map<string, string>();
  for (const t of tests) {
    tCounts.set(t.intent, (tCounts.get(t.intent) ?? 0) + 1);
    if (!intents.has(t.intent)) errors.push(`${name}: unknown intent "${t.intent}" ("${t.text}")`);
    const clean = cleanSlack(t.text);
    const keys = new Set([lintKey(t.text), lintKey(maskEntities(clean, extractEntities(clean, vocab)))]);
    for (const k of keys) {
      const hit = seen.get(k);
      if (hit) errors.push(`${name} overlaps training: "${t.text}" (${t.intent}) ~ "${hit.text}" (${hit.label})`);
    }
    const k0 = lintKey(t.text);
    if (tSeen.has(k0)) errors.push(`${name} duplicate: "${t.text}" = "${tSeen.get(k0)}"`);
    tSeen.set(k0, t.text);
  }
  // the minimum counts bind the held-out set; fresh.jsonl lost its lines that overlap training (short ones: "yes")
  if (name !== 'held-out') return tests.length;
  for (const i of INTENTS) {
    const n = tCounts.get(i) ?? 0;
    if (n < limits.minTestPerIntent) errors.push(`${name} ${i}: ${n} messages, needs at least ${limits.minTestPerIntent}`);
  }
  if ((tCounts.get(NONE) ?? 0) < limits.minTestNone) errors.push(`${name} None: ${tCounts.get(NONE) ?? 0} messages, needs at least ${limits.minTestNone}`);
  return tests.length;
}
