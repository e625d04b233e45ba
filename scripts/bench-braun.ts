// Braun et al. 2017 (Chatbot, AskUbuntu, WebApplications): train on the training split, report micro-F1
// (= accuracy, one label per sentence, None counted as a class) on the test split, per corpus and overall.
// Usage: node --import tsx scripts/bench-braun.ts [--folds K]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runEval } from '../src/nlu/run-eval.js';
import { benchData, writeBenchCorpus } from './nlu-bench-data.js';

const dir = benchData('braun2017');
const folds = Number(process.argv[process.argv.indexOf('--folds') + 1]) || 5;
const verbose = process.argv.includes('--verbose');
let right = 0;
let total = 0;
const rows: string[] = [];
for (const name of ['ChatbotCorpus', 'AskUbuntuCorpus', 'WebApplicationsCorpus']) {
  const json = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { sentences: { text: string; intent: string; training: boolean }[] };
  const train = json.sentences.filter((s) => s.training);
  const test = json.sentences.filter((s) => !s.training);
  const files = writeBenchCorpus(name, train, test);
  const r = await runEval({ corpus: files.corpus, test: files.test, folds, objective: 'accuracy', mode: 'plain', log: verbose ? undefined : () => {} });
  const ok = Math.round(r.test!.accuracy * r.test!.n);
  right += ok;
  total += r.test!.n;
  rows.push(`${name.padEnd(24)} F1 ${r.test!.accuracy.toFixed(3)} (${ok}/${r.test!.n})  train ${train.length}, ${r.trainMs} ms  ` +
    `decision ${JSON.stringify(r.decision)}  | ` + r.ablation!.map((a) => `${a.name.split(' {')[0]}: ${a.report.accuracy.toFixed(3)}`).join(', '));
}
for (const r of rows) console.log(r);
console.log(`${'Overall'.padEnd(24)} F1 ${(right / total).toFixed(3)} (${right}/${total})`);
