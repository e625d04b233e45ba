// Tokens and features, synchronous and cache-free (NLP.js's own tokenizer caches every text for an hour).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface NlpjsText {
  normalize(text: string): string;
}
interface NlpjsTokenizer {
  innerTokenize(text: string): string[];
}
interface NlpjsStemmer {
  stem(tokens: string[]): string[];
}
const langEn = require('@nlpjs/lang-en-min') as {
  NormalizerEn: new () => NlpjsText;
  TokenizerEn: new () => NlpjsTokenizer;
  StemmerEn: new () => NlpjsStemmer;
};
const normalizer = new langEn.NormalizerEn();
const tokenizer = new langEn.TokenizerEn();
const stemmer = new langEn.StemmerEn();

export interface Tokens {
  /** normalized (lowercase, no diacritics) words */
  words: string[];
  /** NLP.js English stems of the words; placeholder words (xxvolumexx) pass through */
  stems: string[];
}

const MAX_TOKENS = 80;

/** The same normalize -> tokenize -> stem chain NLP.js uses in training, run synchronously. */
export function tokenize(text: string): Tokens {
  const norm = normalizer.normalize(text);
  let words = tokenizer.innerTokenize(norm).map((w) => w.replace(/^[-_*#@%&+=<>~`|\\^$]+|[-_*#@%&+=<>~`|\\^$]+$/g, '')).filter(Boolean);
  if (words.length > MAX_TOKENS) words = words.slice(0, MAX_TOKENS);
  const stems = stemmer.stem(words.slice());
  return { words, stems };
}

/** NLP.js input: the set of stems. */
export function stemSet(tok: Tokens): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of tok.stems) out[s] = 1;
  return out;
}

/**
 * Sparse features for the linear model: stems, stem bigrams, and character trigrams of each word
 * (with boundary marks) so that typos such as "replcias" still share most features with "replicas".
 * Values are L2-normalised per feature family.
 */
export function sparseFeatures(tok: Tokens): Map<string, number> {
  const f = new Map<string, number>();
  const add = (k: string, v: number) => f.set(k, (f.get(k) ?? 0) + v);
  const { words, stems } = tok;
  const uni = new Map<string, number>();
  const bi = new Map<string, number>();
  const tri = new Map<string, number>();
  for (let i = 0; i < stems.length; i++) {
    uni.set(stems[i]!, 1);
    bi.set(`${i === 0 ? '^' : stems[i - 1]}_${stems[i]}`, 1);
    const w = words[i]!;
    if (w.startsWith('xx') && w.endsWith('xx')) continue;
    const p = `<${w}>`;
    for (let j = 0; j + 3 <= p.length; j++) tri.set(p.slice(j, j + 3), (tri.get(p.slice(j, j + 3)) ?? 0) + 1);
  }
  if (stems.length) bi.set(`${stems[stems.length - 1]}_$`, 1);
  const put = (m: Map<string, number>, prefix: string, weight: number) => {
    let n = 0;
    for (const v of m.values()) n += v * v;
    if (!n) return;
    const s = weight / Math.sqrt(n);
    for (const [k, v] of m) add(prefix + k, v * s);
  };
  put(uni, 'w:', 1);
  put(bi, 'b:', 0.7);
  put(tri, 'c:', 1.6); // weights picked by 5-fold cross-validation on the corpus
  return f;
}
