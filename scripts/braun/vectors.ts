// Pretrained word vectors in a compact file (the most frequent words of GloVe 6B 100-d, unit length, int8 with a
// scale per word: 60,000 words in 6.7 MB, read in ~20 ms) and SIF sentence vectors built from them. Used by the
// Braun embedding experiments (scripts/bench-braun-embeddings.ts); the bot does not ship them (see
// docs/benchmarks/nlu.md: they did not move the MuleBot or Braun cross-validation).

const MAGIC = 'MBWV1\n';

export interface WordVectors {
  dims: number;
  size: number;
  /** unit vector of a word, or undefined */
  get(word: string): Float32Array | undefined;
  /** 0-based frequency rank (0 = most frequent), or -1 */
  rank(word: string): number;
  /** the word of a rank */
  word(rank: number): string;
}

/** Layout: magic, u32 count, u16 dims, u32 byte length of the "\n"-joined words, the words, f32 scales, i8 values. */
export function encodeWordVectors(words: string[], vectors: Float32Array[], dims: number): Buffer {
  const wordBytes = Buffer.from(words.join('\n'), 'utf8');
  const head = Buffer.alloc(MAGIC.length + 10);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(words.length, MAGIC.length);
  head.writeUInt16LE(dims, MAGIC.length + 4);
  head.writeUInt32LE(wordBytes.length, MAGIC.length + 6);
  const scales = Buffer.alloc(words.length * 4);
  const values = Buffer.alloc(words.length * dims);
  vectors.forEach((v, i) => {
    let n = 0;
    for (let d = 0; d < dims; d++) n += v[d]! * v[d]!;
    n = Math.sqrt(n) || 1;
    let max = 0;
    for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(v[d]! / n));
    const scale = max / 127 || 1;
    scales.writeFloatLE(scale, i * 4);
    for (let d = 0; d < dims; d++) values.writeInt8(Math.round(v[d]! / n / scale), i * dims + d);
  });
  return Buffer.concat([head, wordBytes, scales, values]);
}

export function decodeWordVectors(buf: Buffer): WordVectors {
  if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error('not a MuleBot word-vector file');
  const count = buf.readUInt32LE(MAGIC.length);
  const dims = buf.readUInt16LE(MAGIC.length + 4);
  const wordLen = buf.readUInt32LE(MAGIC.length + 6);
  let at = MAGIC.length + 10;
  const words = buf.toString('utf8', at, at + wordLen).split('\n');
  at += wordLen;
  const index = new Map<string, number>();
  words.forEach((w, i) => index.set(w, i));
  const scales = new Float32Array(count);
  for (let i = 0; i < count; i++) scales[i] = buf.readFloatLE(at + i * 4);
  at += count * 4;
  const values = new Int8Array(buf.buffer, buf.byteOffset + at, count * dims);
  const cache = new Map<number, Float32Array>();
  return {
    dims,
    size: count,
    rank: (w) => index.get(w) ?? -1,
    word: (r) => words[r]!,
    get(w) {
      const i = index.get(w);
      if (i === undefined) return undefined;
      let v = cache.get(i);
      if (!v) {
        v = new Float32Array(dims);
        // re-normalise after quantisation so every vector is exactly unit length
        let n = 0;
        for (let d = 0; d < dims; d++) { v[d] = values[i * dims + d]! * scales[i]!; n += v[d]! * v[d]!; }
        n = Math.sqrt(n) || 1;
        for (let d = 0; d < dims; d++) v[d] = v[d]! / n;
        if (cache.size < 50_000) cache.set(i, v);
      }
      return v;
    },
  };
}

/**
 * A sentence vector: the average of its words' unit vectors, each weighted a / (a + p(w)) with p(w) estimated
 * from the word's frequency rank (Zipf), so "the", "how", "is" count little and rare words much (Arora et al.'s
 * SIF weighting, without the principal-component removal). Undefined when no word is known.
 */
export function sentenceVector(vectors: WordVectors, words: string[], a = 1e-3): Float32Array | undefined {
  const out = new Float32Array(vectors.dims);
  const harmonic = Math.log(vectors.size) + 0.5772;
  let any = false;
  for (const w of words) {
    const v = vectors.get(w);
    if (!v) continue;
    const p = 1 / ((vectors.rank(w) + 1) * harmonic);
    const weight = a / (a + p);
    for (let d = 0; d < out.length; d++) out[d] = out[d]! + weight * v[d]!;
    any = true;
  }
  if (!any) return undefined;
  let n = 0;
  for (let d = 0; d < out.length; d++) n += out[d]! * out[d]!;
  n = Math.sqrt(n) || 1;
  for (let d = 0; d < out.length; d++) out[d] = out[d]! / n;
  return out;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
