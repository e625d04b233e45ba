// mulebot nlu [--vocab FILE] [--model FILE] (--json "TEXT" | --jsonl < messages)
// Prints {"text","intent","score","entities":[...]} for one text, or one object per stdin line, in order.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { compileVocabulary, type VocabIndex } from '../nlu/entities/index.js';
import { loadNlu, type Nlu } from '../nlu/index.js';
import type { Vocabulary } from '../nlu/types.js';

const USAGE = 'Usage: mulebot nlu [--vocab FILE] [--model FILE] (--json "TEXT" | --jsonl < messages)';

function output(nlu: Nlu, text: string, vocab?: VocabIndex) {
  const u = nlu.understand(text, vocab);
  return { text, intent: u.intent, score: u.score, entities: u.entities, alternatives: u.alternatives };
}

export async function run(args: string[], _command: string): Promise<number> {
  let vocabFile: string | undefined;
  let modelFile: string | undefined;
  let mode: 'json' | 'jsonl' | undefined;
  const texts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--vocab') vocabFile = args[++i];
    else if (a === '--model') modelFile = args[++i];
    else if (a === '--json') mode = 'json';
    else if (a === '--jsonl') mode = 'jsonl';
    else if (a.startsWith('--')) { console.error(`mulebot nlu: unknown option ${a}\n${USAGE}`); return 2; }
    else texts.push(a);
  }
  if (!mode && texts.length) mode = 'json';
  if (!mode || (mode === 'json' && !texts.length) || (mode === 'jsonl' && texts.length)) { console.error(USAGE); return 2; }
  let vocab: VocabIndex | undefined;
  if (vocabFile) {
    try {
      vocab = compileVocabulary(JSON.parse(readFileSync(vocabFile, 'utf8')) as Vocabulary);
    } catch (e) {
      console.error(`mulebot nlu: cannot read vocabulary ${vocabFile}: ${(e as Error).message}`);
      return 2;
    }
  }
  const nlu = modelFile ? loadNlu(modelFile) : loadNlu();
  if (mode === 'json') {
    process.stdout.write(JSON.stringify(output(nlu, texts.join(' '), vocab)) + '\n');
    return 0;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    let text = line;
    const t = line.trim();
    if (t.startsWith('{')) {
      try {
        const j = JSON.parse(t) as { text?: unknown };
        if (j && typeof j.text === 'string') text = j.text;
      } catch {
        // not JSON after all: understand the line as typed
      }
    }
    process.stdout.write(JSON.stringify(output(nlu, text, vocab)) + '\n');
  }
  return 0;
}
