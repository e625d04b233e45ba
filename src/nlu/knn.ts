// Nearest neighbours over the training utterances (cosine on the linear model's sparse features): the third
// opinion. It is strong where a message is a close paraphrase of a training line, and its best similarity tells
// how far a message is from everything the bot was taught.
import { sparseFeatures, tokenize } from './featurize.js';

export interface KnnJSON {
  labels: string[];
  /** label index per training line */
  docLabels: number[];
  keys: string[];
  counts: number[];
  /** Uint16 line numbers and Uint16 values (x 65535), base64, postings of `keys` in order */
  docs: string;
  vals: string;
  k: number;
}

export class KnnIndex {
  /** feature -> (documents, normalised values); features in more than maxDf lines are left out */
  private readonly postings = new Map<string, { docs: Int32Array; vals: Float32Array }>();
  private readonly labels: string[] = [];

  /** Stored postings: building them from the lines at load would cost a quarter of a second. */
  static fromJSON(j: KnnJSON): KnnIndex {
    const index = new KnnIndex([], j.k);
    for (const l of j.docLabels) index.labels.push(j.labels[l]!);
    const docs = Buffer.from(j.docs, 'base64');
    const vals = Buffer.from(j.vals, 'base64');
    let at = 0;
    j.keys.forEach((key, i) => {
      const n = j.counts[i]!;
      const p = { docs: new Int32Array(n), vals: new Float32Array(n) };
      for (let m = 0; m < n; m++, at++) { p.docs[m] = docs.readUInt16LE(at * 2); p.vals[m] = vals.readUInt16LE(at * 2) / 65535; }
      index.postings.set(key, p);
    });
    return index;
  }

  toJSON(): KnnJSON {
    const labels = [...new Set(this.labels)].sort();
    const keys = [...this.postings.keys()];
    const total = keys.reduce((s, k) => s + this.postings.get(k)!.docs.length, 0);
    if (this.labels.length > 65535) throw new Error('nearest-neighbour index: more than 65,535 training lines');
    const docs = Buffer.alloc(total * 2);
    const vals = Buffer.alloc(total * 2);
    let at = 0;
    for (const key of keys) {
      const p = this.postings.get(key)!;
      for (let m = 0; m < p.docs.length; m++, at++) {
        docs.writeUInt16LE(p.docs[m]!, at * 2);
        vals.writeUInt16LE(Math.round(Math.min(1, p.vals[m]!) * 65535), at * 2);
      }
    }
    return { labels, docLabels: this.labels.map((l) => labels.indexOf(l)), keys, counts: keys.map((k) => this.postings.get(k)!.docs.length),
      docs: docs.toString('base64'), vals: vals.toString('base64'), k: this.k };
  }

  constructor(examples: { text: string; label: string }[], private readonly k = 5) {
    const vectors = examples.map((e) => sparseFeatures(tokenize(e.text)));
    // Features found in more than a tenth of the lines ("<th", "the") say little and cost most: skip them.
    const maxDf = Math.max(30, examples.length / 10);
    const df = new Map<string, number>();
    for (const f of vectors) for (const key of f.keys()) df.set(key, (df.get(key) ?? 0) + 1);
    const fill = new Map<string, number>();
    for (const [key, n] of df) {
      if (n > maxDf) continue;
      this.postings.set(key, { docs: new Int32Array(n), vals: new Float32Array(n) });
      fill.set(key, 0);
    }
    vectors.forEach((f, doc) => {
      this.labels.push(examples[doc]!.label);
      let n = 0;
      for (const v of f.values()) n += v * v;
      const s = n ? 1 / Math.sqrt(n) : 0;
      for (const [key, v] of f) {
        const p = this.postings.get(key);
        if (!p) continue;
        const at = fill.get(key)!;
        p.docs[at] = doc;
        p.vals[at] = v * s;
        fill.set(key, at + 1);
      }
    });
  }

  /** Label distribution from the k most similar training lines (similarity-weighted), plus the best similarity. */
  query(features: Map<string, number>): { probs: Record<string, number>; best: number } {
    let n = 0;
    for (const v of features.values()) n += v * v;
    if (!n) return { probs: {}, best: 0 };
    const s = 1 / Math.sqrt(n);
    if (!this.sims || this.sims.length < this.labels.length) this.sims = new Float64Array(this.labels.length);
    const sims = this.sims;
    const touched: number[] = [];
    for (const [key, v] of features) {
      const p = this.postings.get(key);
      if (!p) continue;
      for (let i = 0; i < p.docs.length; i++) {
        const doc = p.docs[i]!;
        if (sims[doc] === 0) touched.push(doc);
        sims[doc] += v * s * p.vals[i]!;
      }
    }
    const top: [number, number][] = [];
    for (const doc of touched) {
      const sim = sims[doc]!;
      sims[doc] = 0;
      if (top.length < this.k || sim > top[top.length - 1]![1] || (sim === top[top.length - 1]![1] && doc < top[top.length - 1]![0])) {
        top.push([doc, sim]);
        top.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
        if (top.length > this.k) top.pop();
      }
    }
    const probs: Record<string, number> = {};
    let total = 0;
    for (const [doc, sim] of top) {
      const w = sim * sim;
      probs[this.labels[doc]!] = (probs[this.labels[doc]!] ?? 0) + w;
      total += w;
    }
    if (total) for (const l of Object.keys(probs)) probs[l] = probs[l]! / total;
    return { probs, best: top[0]?.[1] ?? 0 };
  }

  private sims?: Float64Array;
}
