// npm run lint:corpus [-- DIR]: fails (exit 1) on train/test overlap, duplicates, unknown placeholders or
// intents, and too few utterances (40 per intent, 300 None; held-out 15 per intent, 100 None).
import { resolve } from 'node:path';
import { DEFAULT_CORPUS } from '../src/nlu/index.js';
import { lintCorpus } from '../src/nlu/lint.js';

const dir = resolve(process.argv[2] ?? DEFAULT_CORPUS);
const { errors, summary } = lintCorpus(dir);
for (const e of errors) console.error(`lint: ${e}`);
console.log(`${summary}: ${errors.length ? `${errors.length} problem(s)` : 'ok'}`);
process.exit(errors.length ? 1 : 0);
