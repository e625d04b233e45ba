// npm run eval [-- --corpus DIR|FILE --test FILE --val FILE --folds K --objective balanced|accuracy --mode plain|entities --vocab FILE --json]
// Per-intent precision/recall/F1, confusions, out-of-scope recall and false rejection, entity F1 (held-out file)
// and k-fold cross-validation, for the MuleBot corpus or any corpus in the NLP.js corpus format.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_CORPUS } from '../src/nlu/index.js';
import { runEval, type EvalOptions } from '../src/nlu/run-eval.js';

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
if (args.includes('--help')) {
  console.log('Usage: npm run eval -- [--corpus DIR|FILE] [--test FILE] [--val FILE] [--folds K] [--objective balanced|accuracy] [--mode plain|entities] [--vocab FILE] [--errors] [--json]');
  process.exit(0);
}
const corpus = resolve(opt('corpus') ?? DEFAULT_CORPUS);
if (!existsSync(corpus)) { console.error(`eval: no corpus at ${corpus}`); process.exit(2); }
const defaultTest = join(corpus, 'tests', 'heldout.jsonl');
const test = opt('test') ? resolve(opt('test')!) : existsSync(defaultTest) ? defaultTest : undefined;
const json = args.includes('--json');
const o: EvalOptions = {
  corpus, test, val: opt('val') ? resolve(opt('val')!) : undefined,
  folds: opt('folds') !== undefined ? Number(opt('folds')) : 5,
  objective: opt('objective') === 'accuracy' ? 'accuracy' : 'balanced',
  mode: (opt('mode') as EvalOptions['mode']) ?? 'auto',
  vocab: opt('vocab') ? resolve(opt('vocab')!) : undefined,
  errors: args.includes('--errors'),
  log: json ? () => {} : undefined,
};
const r = await runEval(o);
if (json) {
  const trimmed = { ...r, entities: r.entities && { ...r.entities, misses: r.entities.misses.length } };
  console.log(JSON.stringify(trimmed, null, 2));
}
