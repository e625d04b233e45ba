// A small multinomial logistic regression (softmax) on sparse features, trained by SGD in plain TypeScript.
// It is the second opinion next to NLP.js: calibrated probabilities over all labels, character n-grams for typos,
// and it scales to 150 intents where NLP.js's one-perceptron-per-intent scores become over-confident.
import { seededRandom } from '../util/random.js';

export interface LinearOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** 0: every example counts once; 1: every label counts as much as the median label (None is much larger) */
  balance: number;
}

export const DEFAULT_LINEAR: LinearOptions = { epochs: 24, learningRate: 0.6, l2: 1e-5, seed: 7, balance: 0.5 };

export interface LinearJSON {
  labels: string[];
  features: string[];
  /** weights [feature][label] as little-endian Int16 times `scale`, base64 (half the size of Float32, same answers) */
  weights: string;
  scale: number;
  bias: number[];
}

interface Vec { idx: Int32Array; val: Float32Array }

/** Deterministic PRNG so training is byte-for-byte repeatable. */
export const rng = seededRandom;

export class LinearModel {
  readonly labels: string[];
  private readonly featureIndex: Map<string, number>;
  private readonly features: string[];
  private readonly w: Float32Array;
  private readonly b: Float64Array;

  private constructor(labels: string[], features: string[], w: Float32Array, b: Float64Array) {
    this.labels = labels;
    this.features = features;
    this.featureIndex = new Map(features.map((f, i) => [f, i]));
    this.w = w;
    this.b = b;
  }

  static train(examples: { features: Map<string, number>; label: string }[], opts: Partial<LinearOptions> = {}): LinearModel {
    const o = { ...DEFAULT_LINEAR, ...opts };
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const features: string[] = [];
    const fIndex = new Map<string, number>();
    const data: { x: Vec; y: number }[] = examples.map((e) => {
      const idx: number[] = [];
      const val: number[] = [];
      for (const [k, v] of e.features) {
        let i = fIndex.get(k);
        if (i === undefined) { i = features.length; fIndex.set(k, i); features.push(k); }
        idx.push(i); val.push(v);
      }
      return { x: { idx: Int32Array.from(idx), val: Float32Array.from(val) }, y: labelIndex.get(e.label)! };
    });
    const C = labels.length;
    const counts = labels.map((l) => examples.filter((e) => e.label === l).length);
    const median = [...counts].sort((a, b) => a - b)[Math.floor(counts.length / 2)]!;
    const classWeight = counts.map((n) => Math.pow(median / n, o.balance));
    const w = new Float32Array(features.length * C);
    const b = new Float64Array(C);
    const model = new LinearModel(labels, features, w, b);
    const order = data.map((_d, i) => i);
    const rand = rng(o.seed);
    const p = new Float64Array(C);
    for (let epoch = 0; epoch < o.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const lr = o.learningRate / (1 + epoch * 0.15);
      for (const n of order) {
        const { x, y } = data[n]!;
        model.scores(x, p);
        const cw = classWeight[y]!;
        for (let c = 0; c < C; c++) {
          const g = (p[c]! - (c === y ? 1 : 0)) * cw;
          b[c] = b[c]! - lr * g * 0.1;
          for (let k = 0; k < x.idx.length; k++) {
            const at = x.idx[k]! * C + c;
            w[at] = w[at]! - lr * (g * x.val[k]! + o.l2 * w[at]!);
          }
        }
      }
    }
    return model;
  }

  /** Softmax probabilities into `out` (length = labels.length). */
  private scores(x: Vec, out: Float64Array): void {
    const C = this.labels.length;
    for (let c = 0; c < C; c++) out[c] = this.b[c]!;
    for (let k = 0; k < x.idx.length; k++) {
      const base = x.idx[k]! * C;
      const v = x.val[k]!;
      for (let c = 0; c < C; c++) out[c] = out[c]! + v * this.w[base + c]!;
    }
    let max = -Infinity;
    for (let c = 0; c < C; c++) if (out[c]! > max) max = out[c]!;
    let sum = 0;
    for (let c = 0; c < C; c++) { out[c] = Math.exp(out[c]! - max); sum += out[c]!; }
    for (let c = 0; c < C; c++) out[c] = out[c]! / sum;
  }

  /** Probability per label; unknown features are ignored. */
  predict(features: Map<string, number>): Record<string, number> {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [k, v] of features) {
      const i = this.featureIndex.get(k);
      if (i !== undefined) { idx.push(i); val.push(v); }
    }
    const p = new Float64Array(this.labels.length);
    this.scores({ idx: Int32Array.from(idx), val: Float32Array.from(val) }, p);
    const out: Record<string, number> = {};
    this.labels.forEach((l, i) => { out[l] = p[i]!; });
    return out;
  }

  /** Fraction of the input's features the model has seen in training (a cheap familiarity cue). */
  coverage(features: Map<string, number>): number {
    let known = 0;
    let total = 0;
    for (const [k, v] of features) {
      total += v * v;
      if (this.featureIndex.has(k)) known += v * v;
    }
    return total ? known / total : 0;
  }

  toJSON(): LinearJSON {
    let max = 0;
    for (const x of this.w) if (Math.abs(x) > max) max = Math.abs(x);
    const scale = max / 32767 || 1;
    const q = Buffer.alloc(this.w.length * 2);
    this.w.forEach((x, i) => q.writeInt16LE(Math.round(x / scale), i * 2));
    return { labels: this.labels, features: this.features, weights: q.toString('base64'), scale, bias: [...this.b].map((x) => Math.round(x * 1e6) / 1e6) };
  }

  static fromJSON(j: LinearJSON): LinearModel {
    const buf = Buffer.from(j.weights, 'base64');
    const w = new Float32Array(buf.length / 2);
    for (let i = 0; i < w.length; i++) w[i] = buf.readInt16LE(i * 2) * j.scale;
    return new LinearModel(j.labels, j.features, w, Float64Array.from(j.bias));
  }
}
