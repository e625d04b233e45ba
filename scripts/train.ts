// npm run train [-- --corpus DIR --out DIR]: deterministic retrain from corpus/ into models/nlu.json and
// models/manifest.json (corpus sha256, library versions, settings, cross-validation and held-out scores).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { corpusHash, loadTests } from '../src/nlu/corpus.js';
import { entityScores, intentReport, pct } from '../src/nlu/evaluate.js';
import { DEFAULT_CORPUS, Nlu, REPO_ROOT, trainNlu, type NluModelJSON } from '../src/nlu/index.js';
import { DEFAULT_LINEAR } from '../src/nlu/linear.js';
import { NLPJS_SETTINGS } from '../src/nlu/nlpjs.js';
import { loadVocab } from '../src/nlu/run-eval.js';
import { MAX_CHARS } from '../src/nlu/text.js';

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const corpus = resolve(opt('corpus') ?? DEFAULT_CORPUS);
const out = resolve(opt('out') ?? join(REPO_ROOT, 'models'));
const FOLDS = 5;
const SEED = 1;

const t0 = Date.now();
const trained = await trainNlu(corpus, { folds: FOLDS, seed: SEED });
const trainMs = Date.now() - t0;
// Score what gets shipped: the model as it reads back from JSON (weights are stored as 16-bit integers).
const modelJson = JSON.stringify(trained.toJSON());
const nlu = Object.assign(Nlu.fromJSON(JSON.parse(modelJson) as NluModelJSON), { info: trained.info });
const oof = intentReport(nlu.info.oof ?? []);

const scores: Record<string, unknown> = {
  crossValidation: { folds: FOLDS, accuracy: oof.accuracy, inScopeAccuracy: oof.inScopeAccuracy, oosRecall: oof.oosRecall, falseReject: oof.falseReject },
};
// Every test file in corpus/tests (heldout.jsonl; fresh.jsonl, written blind) is scored, never trained on.
const testsDir = join(corpus, 'tests');
const testFiles = existsSync(testsDir) ? readdirSync(testsDir).filter((f) => f.endsWith('.jsonl')).sort() : [];
const vocab = testFiles.length ? loadVocab(join(corpus, 'vocab-demo.json')) : undefined;
for (const f of testFiles) {
  const name = f.replace(/\.jsonl$/, '');
  const cases = loadTests(join(testsDir, f));
  const results = cases.map((c) => nlu.understand(c.text, vocab));
  const r = intentReport(cases.map((c, i) => ({ gold: c.intent, pred: results[i]!.intent })));
  const e = entityScores(cases.map((c, i) => ({ gold: c.entities ?? [], pred: results[i]!.entities })));
  scores[name] = { n: r.n, accuracy: r.accuracy, inScopeAccuracy: r.inScopeAccuracy, oosRecall: r.oosRecall, falseReject: r.falseReject, entityF1: e.f1 };
  console.log(`${name}: accuracy ${pct(r.accuracy)}, in-scope ${pct(r.inScopeAccuracy)}, out-of-scope recall ${pct(r.oosRecall)}, ` +
    `false rejection ${pct(r.falseReject)}, entity F1 ${pct(e.f1)} (n=${r.n})`);
}

const require = createRequire(import.meta.url);
const version = (p: string) => {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${p}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown'; // @nlpjs/nlu and @nlpjs/neural come with @nlpjs/nlp and may not be hoisted
  }
};
const manifest = {
  format: 'mulebot-nlu/1',
  corpusSha256: corpusHash(corpus),
  libraries: Object.fromEntries(['@nlpjs/core', '@nlpjs/nlp', '@nlpjs/nlu', '@nlpjs/neural', '@nlpjs/lang-en-min'].map((p) => [p, version(p)])),
  settings: { nlpjs: NLPJS_SETTINGS, linear: DEFAULT_LINEAR, decision: nlu.decision, folds: FOLDS, foldSeed: SEED, maxChars: MAX_CHARS },
  examples: nlu.info.examples,
  scores,
};
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'nlu.json'), modelJson + '\n');
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
console.log(`trained on ${nlu.info.examples} utterances in ${trainMs} ms; decision ${JSON.stringify(nlu.decision)}; ` +
  `cross-validation in-scope ${pct(oof.inScopeAccuracy)}, OOS recall ${pct(oof.oosRecall)}; wrote ${join(out, 'nlu.json')} and manifest.json`);
