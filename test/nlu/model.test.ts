import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { corpusHash } from '../../src/nlu/corpus.js';
import { DEFAULT_CORPUS, loadNlu, REPO_ROOT } from '../../src/nlu/index.js';

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'models', 'manifest.json'), 'utf8')) as {
  corpusSha256: string; settings: { decision: unknown }; scores: Record<string, unknown>;
};

test('the committed model was trained from the current corpus', () => {
  const now = corpusHash(DEFAULT_CORPUS);
  assert.is(now, manifest.corpusSha256,
    'models/ is stale: the corpus changed since the model was trained. Run `npm run train` and commit models/nlu.json and models/manifest.json.');
});

test('the committed model loads and matches its manifest', () => {
  const nlu = loadNlu();
  assert.equal(nlu.decision, manifest.settings.decision);
  assert.is(nlu.understand('is mysql-data healthy').intent, 'volume.status');
  assert.is(nlu.understand('what is the weather in paris').intent, 'None');
});

test.run();
