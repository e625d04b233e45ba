// A migrated, empty PGlite database kept as a tarball, so a new embedded store (the first `npm start`, every
// `--memory` CLI run, the embedded tests) loads it in ~0.6 s instead of running initdb and the migrations (~3-4 s).
// The tarball is a cache: made by the first in-memory store, keyed by the PGlite version and the migrations,
// written atomically, and ignored when unreadable. Nothing in it is secret: it is only ever saved from an in-memory
// database (a data folder also holds the lock file and the encryption key, which must never be copied).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { MIGRATION_NAMES } from './migrations/index.js';

const require = createRequire(import.meta.url);

function templateFile(): string | undefined {
  if (process.env.MULEBOT_PGLITE_TEMPLATE === 'off') return undefined;
  let version = 'unknown';
  try { version = (require('@electric-sql/pglite/package.json') as { version: string }).version; } catch { /* keyed as unknown */ }
  const key = createHash('sha256').update(`mulebot-pglite-template/2\0${version}\0${MIGRATION_NAMES.join('\0')}`).digest('hex').slice(0, 16);
  return join(process.env.MULEBOT_CACHE_DIR ?? join(tmpdir(), 'mulebot-cache'), `pglite-${key}.tar.gz`);
}

/** A PGlite (in memory when dataDir is undefined) started from the template, or null when there is none yet. */
export async function fromTemplate(dataDir: string | undefined): Promise<PGlite | null> {
  const file = templateFile();
  if (!file) return null;
  let bytes: Buffer;
  try { bytes = readFileSync(file); } catch { return null; }
  try {
    const pg = new PGlite({ ...(dataDir ? { dataDir } : {}), loadDataDir: new Blob([bytes]) });
    await pg.waitReady;
    return pg;
  } catch {
    return null; // a damaged or foreign tarball: start the slow way, and the next save replaces it
  }
}

/** Saves `pg` (just migrated, still empty) as the template, unless one is there. Best effort. */
export async function saveTemplate(pg: PGlite): Promise<void> {
  const file = templateFile();
  if (!file) return;
  try {
    readFileSync(file);
    return;
  } catch { /* none yet */ }
  try {
    const blob = await pg.dumpDataDir('gzip');
    mkdirSync(join(file, '..'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file); // atomic: a reader sees the old state or the whole file
  } catch { /* no cache: the next store is made the slow way again */ }
}
