// CLINC150 (Larson et al. 2019): train on train + oos_train (oos = None), pick the weights and threshold on the
// validation split (never on test), report in-scope accuracy and out-of-scope recall on the test split.
// Usage: node --import tsx scripts/bench-clinc.ts [full|small] [--verbose]   (full takes a few minutes)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runEval } from '../src/nlu/run-eval.js';
import { benchData, writeBenchCorpus } from './nlu-bench-data.js';

const which = process.argv[2] === 'small' ? 'small' : 'full';
const dir = benchData('clinc150');
type Row = [string, string];
const d = JSON.parse(readFileSync(join(dir, `data_${which}.json`), 'utf8')) as Record<'train' | 'val' | 'test' | 'oos_train' | 'oos_val' | 'oos_test', Row[]>;
const rows = (r: Row[]) => r.map(([text, intent]) => ({ text, intent: intent === 'oos' ? 'None' : intent }));
const files = writeBenchCorpus(`clinc-${which}`, rows([...d.train, ...d.oos_train]), rows([...d.test, ...d.oos_test]), rows([...d.val, ...d.oos_val]));
const t0 = Date.now();
const r = await runEval({ corpus: files.corpus, test: files.test, val: files.val, folds: 0, objective: 'balanced', mode: 'plain',
  log: process.argv.includes('--verbose') ? undefined : () => {} });
const t = r.test!;
console.log(`CLINC150 ${which}: in-scope accuracy ${(t.inScopeAccuracy * 100).toFixed(1)}%, out-of-scope recall ${(t.oosRecall * 100).toFixed(1)}% ` +
  `(test ${t.n}; decision ${JSON.stringify(r.decision)} picked on val; train ${r.trainMs} ms, total ${Date.now() - t0} ms)`);
for (const a of r.ablation ?? []) {
  console.log(`  ${a.name}: in-scope ${(a.report.inScopeAccuracy * 100).toFixed(1)}%, OOS recall ${(a.report.oosRecall * 100).toFixed(1)}%`);
}
