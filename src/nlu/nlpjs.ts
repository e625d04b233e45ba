// The NLP.js classifier (@nlpjs/nlp + lang-en-min, not the node-nlp bundle), trained on placeholder text.
// Inference calls the trained NeuralNlu's own synchronous steps on our stems, which skips three traps:
// the async per-text caches that grow for an hour, the stem-dictionary shortcut that scores 1, and the threshold.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface NluInput { text?: string; settings: Record<string, unknown>; tokens: Record<string, number>; classifications?: unknown }
interface NeuralNluLike {
  settings: Record<string, unknown>;
  textToFeatures(i: NluInput): NluInput;
  innerProcess(i: NluInput): NluInput;
  filterNonActivated(i: NluInput): NluInput;
  normalizeClassifications(i: NluInput): NluInput;
}
interface NlpLike {
  addLanguage(l: string): void;
  use(x: unknown): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  export(minified?: boolean): string;
  import(json: string): void;
  nluManager: { domainManagers: Record<string, { domains: Record<string, NeuralNluLike> }> };
}
type NlpCtor = new (settings: Record<string, unknown>) => NlpLike;

let cached: { Nlp: NlpCtor; LangEn: unknown } | undefined;
function lib() {
  cached ??= {
    Nlp: (require('@nlpjs/nlp') as { Nlp: NlpCtor }).Nlp,
    LangEn: (require('@nlpjs/lang-en-min') as { LangEn: unknown }).LangEn,
  };
  return cached;
}

/** Settings that switch off every side effect: no model.nlp in the CWD, no epoch log, no sentiment, no builtins. */
export const NLPJS_SETTINGS = {
  languages: ['en'],
  autoSave: false,
  autoLoad: false,
  calculateSentiment: false,
  forceNER: false,
  threshold: 0,
  nlu: { log: false },
  ner: { builtins: [], threshold: 1 },
};

function newNlp(): NlpLike {
  const { Nlp, LangEn } = lib();
  const nlp = new Nlp({ ...NLPJS_SETTINGS, nlu: { log: false } });
  nlp.use(LangEn);
  return nlp;
}

export class NlpjsClassifier {
  private constructor(private readonly nlp: NlpLike, private readonly domain: NeuralNluLike) {}

  /** `examples[].text` is already cleaned and uses placeholder words (xxvolumexx). */
  static async train(examples: { text: string; label: string }[]): Promise<NlpjsClassifier> {
    const nlp = newNlp();
    for (const e of examples) nlp.addDocument('en', e.text, e.label);
    await nlp.train();
    return new NlpjsClassifier(nlp, NlpjsClassifier.domainOf(nlp));
  }

  static fromJSON(json: string): NlpjsClassifier {
    const nlp = newNlp();
    nlp.import(json);
    return new NlpjsClassifier(nlp, NlpjsClassifier.domainOf(nlp));
  }

  private static domainOf(nlp: NlpLike): NeuralNluLike {
    const d = nlp.nluManager.domainManagers.en?.domains.master_domain;
    if (!d) throw new Error('NLP.js model has no English master domain');
    return d;
  }

  /** Minified export. export() sets RegExp.prototype.toJSON globally: put back whatever was there. */
  toJSON(): string {
    const proto = RegExp.prototype as { toJSON?: unknown };
    const had = Object.prototype.hasOwnProperty.call(proto, 'toJSON');
    const before = proto.toJSON;
    try {
      return this.nlp.export(true);
    } finally {
      if (had) proto.toJSON = before; else delete proto.toJSON;
    }
  }

  /** Probabilities per label (NLP.js: perceptrons, unknown-word None feature, squared and normalised). */
  classify(stems: Record<string, number>): Record<string, number> {
    const d = this.domain;
    let input: NluInput = { settings: d.settings, tokens: { ...stems } };
    input = d.textToFeatures(input);
    input = d.innerProcess(input);
    input = d.filterNonActivated(input);
    input = d.normalizeClassifications(input);
    const out: Record<string, number> = {};
    for (const c of input.classifications as { intent: string; score: number }[]) out[c.intent] = c.score;
    return out;
  }
}
