// The PGlite template (src/store/template.ts): the first in-memory store saves a migrated, empty database; later
// stores, in memory or in a new data folder, start from it. It must carry no rows, no lock and no key.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openStore, StoreLockedError } from '../../src/store/index.js';

const root = mkdtempSync(join(tmpdir(), 'mulebot-template-'));
const saved = { cache: process.env.MULEBOT_CACHE_DIR, key: process.env.MULEBOT_ENCRYPTION_KEY };
test.before(() => { process.env.MULEBOT_CACHE_DIR = join(root, 'cache'); delete process.env.MULEBOT_ENCRYPTION_KEY; });
test.after(() => {
  for (const [k, v] of [['MULEBOT_CACHE_DIR', saved.cache], ['MULEBOT_ENCRYPTION_KEY', saved.key]] as const) {
    if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
  rmSync(root, { recursive: true, force: true });
});

const template = () => readdirSync(join(root, 'cache')).filter((f) => f.endsWith('.tar.gz'));

test('the first in-memory store saves the template; it holds no rows, no lock and no key file', async () => {
  const s = await openStore({ memory: true });
  await s.workspaces.ensure('T1');
  await s.close();
  assert.is(template().length, 1);
  // a tar: file names sit in 100-byte headers; the lock and the key file must not be among them
  const tar = gunzipSync(readFileSync(join(root, 'cache', template()[0]!))).toString('latin1');
  assert.not.match(tar, 'mulebot.lock');
  assert.not.match(tar, 'encryption.key');
});

test('a store from the template is migrated and empty', async () => {
  const s = await openStore({ memory: true });
  try {
    assert.equal(await s.workspaces.get('T1'), null, 'rows of the store that saved it are not in it');
    await s.workspaces.ensure('T2');
    assert.ok(await s.workspaces.get('T2'));
  } finally { await s.close(); }
});

test('new data folders from the template get their own key and their lock', async () => {
  const a = join(root, 'a'), b = join(root, 'b');
  const sa = await openStore({ dataDir: a });
  const sb = await openStore({ dataDir: b });
  try {
    assert.ok(existsSync(join(a, 'PG_VERSION')));
    assert.is.not(readFileSync(join(a, 'encryption.key'), 'utf8'), readFileSync(join(b, 'encryption.key'), 'utf8'));
    await openStore({ dataDir: a }).then(() => assert.unreachable('a second opener must be refused'), (e) => assert.instance(e, StoreLockedError));
    await sa.workspaces.ensure('TA');
  } finally { await sa.close(); await sb.close(); }
  const again = await openStore({ dataDir: a });
  try { assert.ok(await again.workspaces.get('TA'), 'the folder keeps its data'); } finally { await again.close(); }
});

test.run();
