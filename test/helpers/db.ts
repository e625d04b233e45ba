// Test stores on real databases. createTestStore(): a fresh random schema on the real PostgreSQL
// (TEST_DATABASE_URL), migrated, dropped by close(). createEmbeddedTestStore(): PGlite in memory, or in a
// temporary folder removed by close().
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring, openStore, type Store } from '../../src/store/index.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStore { store: Store; schema?: string; dataDir?: string; keyring: Keyring; close(): Promise<void> }

export async function createTestStore(opts: { keyring?: Keyring } = {}): Promise<TestStore> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const keyring = opts.keyring ?? Keyring.random();
  const store = await openStore({ databaseUrl: TEST_DATABASE_URL, schema, encryptionKey: keyring, poolMax: 5 });
  return {
    store, schema, keyring,
    async close() {
      try { await store.db.raw(`drop schema if exists "${schema}" cascade`); } finally { await store.close(); }
    },
  };
}

/** A second store on an existing test schema, as another replica (or with another key) would see it. */
export async function openTestReplica(schema: string, keyring: Keyring): Promise<Store> {
  return openStore({ databaseUrl: TEST_DATABASE_URL, schema, encryptionKey: keyring, poolMax: 5, migrate: false });
}

export async function createEmbeddedTestStore(opts: { onDisk?: boolean; keyring?: Keyring } = {}): Promise<TestStore> {
  const keyring = opts.keyring ?? Keyring.random();
  if (!opts.onDisk) {
    const store = await openStore({ memory: true, encryptionKey: keyring });
    return { store, keyring, close: () => store.close() };
  }
  const dataDir = join(mkdtempSync(join(tmpdir(), 'mulebot-store-')), 'pglite');
  const store = await openStore({ dataDir, encryptionKey: keyring });
  return {
    store, dataDir, keyring,
    async close() {
      try { await store.close(); } finally { rmSync(join(dataDir, '..'), { recursive: true, force: true }); }
    },
  };
}
