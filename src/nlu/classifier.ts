// Intent classification without entities: NLP.js and the linear model side by side, their probabilities
// averaged, then the out-of-scope rules (a None class in both, a score threshold that is stricter when the
// message has no storage cue). Works on any corpus, so the benchmarks exercise the same code as the bot.
import { sparseFeatures, stemSet, tokenize, type Tokens } from './featurize.js';
import { KnnIndex, type KnnJSON } from './knn.js';
import { LinearModel, type LinearJSON, type LinearOptions } from './linear.js';
import { NlpjsClassifier } from './nlpjs.js';
import { foreignWork } from './cues.js';
import { placeholdersToWords } from './text.js';

export const NONE = 'None';
const CHAT_INTENTS: ReadonlySet<string> = new Set(['greeting', 'thanks', 'help', 'confirm', 'cancel']);

export interface DecisionSettings {
  /** weight of NLP.js in the average; nearest neighbours get weightKnn, the linear model the rest */
  weightNlpjs: number;
  weightKnn?: number;
  /** minimum combined score of the best in-scope intent when the message has a domain cue */
  thresholdCue: number;
  /** ... and when it has none (stricter: "what is the weather in paris") */
  threshold: number;
  /** MuleBot's own rules on top (other infrastructure objects are out of scope: see foreignWork); off for benchmarks */
  domainRules?: boolean;
}

export const DEFAULT_DECISION: DecisionSettings = { weightNlpjs: 0.5, thresholdCue: 0.3, threshold: 0.5 };

export interface Scores {
  nlpjs: Record<string, number>;
  linear: Record<string, number>;
  knn?: Record<string, number>;
  tokens: Tokens;
}

export interface Decision {
  intent: string;
  score: number;
  /** in-scope labels by combined score, best first */
  ranked: { intent: string; score: number }[];
}

export interface ClassifierJSON {
  nlpjs: string;
  linear: LinearJSON;
  knn: KnnJSON;
}

export class IntentClassifier {
  private constructor(private readonly nlpjs: NlpjsClassifier, private readonly linear: LinearModel, private readonly knn: KnnIndex) {}

  get labels(): string[] { return this.linear.labels; }

  /** `text` may contain %type% placeholders; it should already be cleaned. */
  static async train(examples: { text: string; label: string }[], linearOptions?: Partial<LinearOptions>): Promise<IntentClassifier> {
    const prepared = examples.map((e) => ({ text: placeholdersToWords(e.text), label: e.label }));
    const nlpjs = await NlpjsClassifier.train(prepared);
    const linear = LinearModel.train(prepared.map((e) => ({ features: sparseFeatures(tokenize(e.text)), label: e.label })), linearOptions);
    return new IntentClassifier(nlpjs, linear, new KnnIndex(prepared));
  }

  static fromJSON(j: ClassifierJSON): IntentClassifier {
    return new IntentClassifier(NlpjsClassifier.fromJSON(j.nlpjs), LinearModel.fromJSON(j.linear), KnnIndex.fromJSON(j.knn));
  }

  toJSON(): ClassifierJSON {
    return { nlpjs: this.nlpjs.toJSON(), linear: this.linear.toJSON(), knn: this.knn.toJSON() };
  }

  score(text: string): Scores {
    const tokens = tokenize(placeholdersToWords(text));
    if (!tokens.stems.length) return { nlpjs: { [NONE]: 1 }, linear: { [NONE]: 1 }, tokens };
    const features = sparseFeatures(tokens);
    return { nlpjs: this.nlpjs.classify(stemSet(tokens)), linear: this.linear.predict(features), knn: this.knn.query(features).probs, tokens };
  }
}

/** Combines the two classifiers' scores and applies the out-of-scope rules. */
export function decide(s: Scores, cue: boolean, d: DecisionSettings): Decision {
  const labels = new Set([...Object.keys(s.nlpjs), ...Object.keys(s.linear)]);
  const ranked: { intent: string; score: number }[] = [];
  let none = 0;
  const wk = s.knn ? d.weightKnn ?? 0 : 0;
  const wl = 1 - d.weightNlpjs - wk;
  for (const l of labels) {
    const p = d.weightNlpjs * (s.nlpjs[l] ?? 0) + wk * (s.knn?.[l] ?? 0) + wl * (s.linear[l] ?? 0);
    if (l === NONE) none = p; else ranked.push({ intent: l, score: p });
  }
  ranked.sort((a, b) => b.score - a.score || (a.intent < b.intent ? -1 : 1));
  const top = ranked[0];
  const limit = cue ? d.thresholdCue : d.threshold;
  // a storage question or action about a pod, a VM or a namespace's life is other work (see foreignWork)
  const foreign = !!d.domainRules && !!top && !CHAT_INTENTS.has(top.intent) && foreignWork(s.tokens);
  if (!top || top.score <= none || top.score < limit || foreign) {
    return { intent: NONE, score: round(Math.max(none, 1 - (top?.score ?? 0))), ranked };
  }
  return { intent: top.intent, score: round(top.score), ranked };
}

export function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/**
 * Picks the decision settings on out-of-fold or validation scores (never on a test split). 'balanced' (default):
 * maximise in-scope accuracy plus out-of-scope recall, with at most `maxFalseReject` of in-scope messages rejected.
 */
export function tune(
  oof: { scores: Scores; label: string; cue: boolean }[],
  opts: { maxFalseReject?: number; weights?: number[]; knnWeights?: number[]; useCue?: boolean; objective?: 'balanced' | 'accuracy'; domainRules?: boolean } = {},
): DecisionSettings {
  const maxFR = opts.maxFalseReject ?? 0.02;
  const weights = opts.weights ?? [0, 0.25, 0.5, 0.75, 1];
  const grid: number[] = [];
  for (let t = 0; t <= 0.95; t += 0.025) grid.push(round(t));
  const nIn = oof.filter((o) => o.label !== NONE).length || 1;
  const nOut = oof.filter((o) => o.label === NONE).length || 1;
  let best: DecisionSettings = DEFAULT_DECISION;
  let bestJ = -Infinity;
  const combos: [number, number][] = [];
  for (const w of weights) for (const k of opts.knnWeights ?? [0, 0.25, 0.5]) if (w + k <= 1 + 1e-9) combos.push([w, k]);
  for (const [w, k] of combos) {
    // decide() once per example with no threshold; a threshold then only turns answers into None
    const base = oof.map((o) => {
      const r = decide(o.scores, o.cue, { weightNlpjs: w, weightKnn: k, threshold: 0, thresholdCue: 0, domainRules: opts.domainRules });
      return { intent: r.intent, top: r.ranked[0]?.score ?? 0, label: o.label, cue: o.cue };
    });
    for (const t of grid) {
      for (const tc of opts.useCue === false ? [t] : grid.filter((x) => x <= t)) {
        let ok = 0; let rejected = 0; let caught = 0;
        for (const b of base) {
          const none = b.intent === NONE || b.top < (b.cue ? tc : t);
          if (b.label === NONE) { if (none) caught++; } else if (none) rejected++; else if (b.intent === b.label) ok++;
        }
        const fr = rejected / nIn;
        // 'accuracy' counts None as one more class (the CLINC paper's rule); 'balanced' weighs both sides equally
        const j = opts.objective === 'accuracy'
          ? (ok + caught) / oof.length
          : ok / nIn + caught / nOut - (fr > maxFR ? 10 * (fr - maxFR) : 0);
        if (j > bestJ + 1e-9) {
          bestJ = j;
          best = { weightNlpjs: w, weightKnn: k, threshold: t, thresholdCue: opts.useCue === false ? t : tc, ...(opts.domainRules ? { domainRules: true } : {}) };
        }
      }
    }
  }
  return best;
}
