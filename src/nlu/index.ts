// The understanding step: clean Slack text, find entities, classify the placeholder text, reject out-of-scope.
//
//   const nlu = loadNlu();                        // models/nlu.json, ~0.1 s
//   const u = nlu.understand('is mysql-data ok', compileVocabulary(vocab));
//
// understand() is synchronous (no promise, no I/O) so the bot can call it in a hot loop; trainNlu() is async.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decide, DEFAULT_DECISION, IntentClassifier, NONE, tune, type ClassifierJSON, type DecisionSettings, type Scores } from './classifier.js';
import { hasPlaceholders, loadCorpus, type Example } from './corpus.js';
import { hasCue } from './cues.js';
import { extractEntities, maskEntities, type VocabIndex } from './entities/index.js';
import { outOfFold } from './evaluate.js';
import { tokenize } from './featurize.js';
import { cleanSlack, hasLetters, placeholdersToWords } from './text.js';
import { INTENTS, type Entity, type InScopeIntent, type Intent, type Understanding } from './types.js';

export type { Understanding } from './types.js';

/** The repository root, found from this file in src/nlu or dist/nlu. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_MODEL = join(REPO_ROOT, 'models', 'nlu.json');
export const DEFAULT_CORPUS = join(REPO_ROOT, 'corpus');

export interface NluModelJSON {
  format: 'mulebot-nlu/1';
  decision: DecisionSettings;
  classifier: ClassifierJSON;
}

const IN_SCOPE: ReadonlySet<string> = new Set(INTENTS);

export class Nlu {
  constructor(readonly classifier: IntentClassifier, readonly decision: DecisionSettings) {}

  /**
   * Synchronous; never throws on user text. `result.text` is the input as given; entity start/end point into it
   * (they are left out when Slack markup made the span unrecoverable).
   */
  understand(text: string, vocab?: VocabIndex): Understanding {
    const input = typeof text === 'string' ? text : '';
    const x = this.explain(input, vocab);
    if (!x.scores) return { text: input, intent: NONE, score: 1, entities: [], alternatives: [] };
    return { text: input, ...this.decideFrom(x.scores, x.cue), entities: remapOffsets(input, x.entities) };
  }

  /** The steps of understand(), with the raw scores: for evaluation and debugging. */
  explain(text: string, vocab?: VocabIndex): { text: string; masked: string; entities: Entity[]; cue: boolean; scores?: Scores } {
    const clean = cleanSlack(typeof text === 'string' ? text : '');
    if (!hasLetters(clean)) return { text: clean, masked: clean, entities: [], cue: false };
    let entities: Entity[] = [];
    let masked = clean;
    try {
      entities = extractEntities(clean, vocab);
      masked = maskEntities(clean, entities);
    } catch {
      // an entity bug must not take the bot down: classify the plain text
      entities = [];
      masked = clean;
    }
    const scores = this.classifier.score(masked);
    // every mention is masked, but a name said twice ("the logging team ... the logging ns") is one entity
    const seen = new Set<string>();
    entities = entities.filter((e) => { const k = `${e.type}\0${e.value}\0${e.relative ?? ''}`; return !seen.has(k) && !!seen.add(k); });
    return { text: clean, masked, entities, cue: entities.length > 0 || hasCue(scores.tokens), scores };
  }

  /** Classify text that already has %type% placeholders in place of entities. */
  classify(masked: string): { intent: Intent; score: number; alternatives: Understanding['alternatives'] } {
    const scores = this.classifier.score(masked);
    return this.decideFrom(scores, hasCue(scores.tokens));
  }

  private decideFrom(scores: Scores, cue: boolean): { intent: Intent; score: number; alternatives: Understanding['alternatives'] } {
    const d = decide(scores, cue, this.decision);
    const alternatives = d.ranked.filter((r) => IN_SCOPE.has(r.intent)).slice(0, 3)
      .map((r) => ({ intent: r.intent as InScopeIntent, score: Math.round(r.score * 1e4) / 1e4 }));
    const intent = (IN_SCOPE.has(d.intent) ? d.intent : NONE) as Intent;
    return { intent, score: d.score, alternatives };
  }

  toJSON(): NluModelJSON {
    return { format: 'mulebot-nlu/1', decision: this.decision, classifier: this.classifier.toJSON() };
  }

  static fromJSON(j: NluModelJSON): Nlu {
    if (j?.format !== 'mulebot-nlu/1') throw new Error('not a MuleBot NLU model (format mulebot-nlu/1)');
    return new Nlu(IntentClassifier.fromJSON(j.classifier), j.decision);
  }
}

/** Entities were found in the cleaned text: point their offsets back into the original message. */
function remapOffsets(original: string, entities: Entity[]): Entity[] {
  let cursor = 0;
  return entities.map((e) => {
    const at = original.indexOf(e.text, cursor);
    const { start: _s, end: _e, ...rest } = e;
    if (at < 0) return rest;
    cursor = at + e.text.length;
    return { ...rest, start: at, end: at + e.text.length };
  });
}

/** Loads a trained model (default models/nlu.json). */
export function loadNlu(modelPath = DEFAULT_MODEL): Nlu {
  if (!existsSync(modelPath)) throw new Error(`no NLU model at ${modelPath}: run \`npm run train\``);
  return Nlu.fromJSON(JSON.parse(readFileSync(modelPath, 'utf8')) as NluModelJSON);
}

/** True when a training utterance carries a cue the way a live message would (placeholder or storage word). */
export function exampleCue(text: string): boolean {
  return hasCue(tokenize(placeholdersToWords(text)));
}

export interface TrainInfo {
  examples: number;
  folds: number;
  decision: DecisionSettings;
  /** out-of-fold scores and labels on the training corpus, used to pick `decision` */
  oof?: { gold: string; pred: string }[];
}

/** Trains from a corpus folder or file; thresholds are picked by k-fold cross-validation on the training data. */
export async function trainNlu(corpus: string | Example[] = DEFAULT_CORPUS, opts: { folds?: number; seed?: number } = {}): Promise<Nlu & { info: TrainInfo }> {
  const examples = typeof corpus === 'string' ? loadCorpus(corpus) : corpus;
  const k = opts.folds ?? 5;
  const cues = examples.map((e) => exampleCue(e.text));
  // a corpus with %placeholders% is MuleBot's own kind: its domain rules apply (see decide())
  const domainRules = hasPlaceholders(examples);
  let decision: DecisionSettings = { ...DEFAULT_DECISION, ...(domainRules ? { domainRules } : {}) };
  let oof: TrainInfo['oof'];
  if (k >= 2) {
    const scores = await outOfFold(examples, k, opts.seed ?? 1);
    decision = tune(scores.map((s, i) => ({ scores: s, label: examples[i]!.label, cue: cues[i]! })), { domainRules });
    oof = scores.map((s, i) => ({ gold: examples[i]!.label, pred: decide(s, cues[i]!, decision).intent }));
  }
  const classifier = await IntentClassifier.train(examples);
  const nlu = new Nlu(classifier, decision) as Nlu & { info: TrainInfo };
  nlu.info = { examples: examples.length, folds: k, decision, oof };
  return nlu;
}
