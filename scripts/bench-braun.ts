// Braun et al. 2017 (Chatbot, AskUbuntu, WebApplications): train on the training split, report micro-F1
// (= accuracy, one label per sentence, None counted as a class) on the test split, per corpus and overall.
// Usage: node --import tsx scripts/bench-braun.ts [--folds K] [--verbose]
//        node --import tsx scripts/bench-braun.ts --cv   (development signal: 10x5-fold CV on the training splits only)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide, type DecisionSettings } from '../src/nlu/classifier.js';
import { outOfFold } from '../src/nlu/evaluate.js';
import { runEval } from '../src/nlu/run-eval.js';
import { cleanSlack } from '../src/nlu/text.js';
import { benchData, writeBenchCorpus } from './nlu-bench-data.js';

const dir = benchData('braun2017');
const folds = Number(process.argv[process.argv.indexOf('--folds') + 1]) || 5;
const verbose = process.argv.includes('--verbose');
if (process.argv.includes('--cv')) {
  // Each classifier and two blends, no threshold, scored out of fold on the training split: the test split is
  // never read here, so this is what choices (features, weights) may be made on.
  const configs: [string, DecisionSettings][] = [
    ['NLP.js', { weightNlpjs: 1, weightKnn: 0, threshold: 0, thresholdCue: 0 }],
    ['linear', { weightNlpjs: 0, weightKnn: 0, threshold: 0, thresholdCue: 0 }],
    ['neighbours', { weightNlpjs: 0, weightKnn: 1, threshold: 0, thresholdCue: 0 }],
    ['0.5 NLP.js + 0.5 linear', { weightNlpjs: 0.5, weightKnn: 0, threshold: 0, thresholdCue: 0 }],
    ['0.25/0.25/0.5', { weightNlpjs: 0.25, weightKnn: 0.25, threshold: 0, thresholdCue: 0 }],
  ];
  const sums = configs.map(() => 0);
  let n = 0;
  for (const name of ['ChatbotCorpus', 'AskUbuntuCorpus', 'WebApplicationsCorpus']) {
    const json = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { sentences: { text: string; intent: string; training: boolean }[] };
    const train = json.sentences.filter((s) => s.training).map((s) => ({ text: cleanSlack(s.text), label: s.intent }));
    const oof: { scores: Awaited<ReturnType<typeof outOfFold>>[number]; gold: string }[] = [];
    for (let seed = 1; seed <= 10; seed++) (await outOfFold(train, folds, seed)).forEach((scores, i) => oof.push({ scores, gold: train[i]!.label }));
    const accs = configs.map(([, d]) => oof.filter((o) => decide(o.scores, false, d).intent === o.gold).length / oof.length);
    accs.forEach((a, i) => { sums[i] = sums[i]! + a * train.length; });
    n += train.length;
    console.log(`${name.padEnd(24)} train ${String(train.length).padStart(3)}  ` + configs.map(([c], i) => `${c} ${accs[i]!.toFixed(3)}`).join(', '));
  }
  console.log(`${'Weighted'.padEnd(24)} train ${n}  ` + configs.map(([c], i) => `${c} ${(sums[i]! / n).toFixed(3)}`).join(', '));
  process.exit(0);
}
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
