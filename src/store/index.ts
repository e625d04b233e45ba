// openStore: one PostgreSQL dialect on two backends. DATABASE_URL picks a real server (pg); otherwise an
// embedded PGlite (PostgreSQL compiled to WASM, no server, no native build) keeps its files in a data
// folder, or in memory. Both run the same migrations and the same repository SQL.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import knexPkg, { type Knex } from 'knex';
import ClientPgLite from 'knex-pglite';
import { PGlite } from '@electric-sql/pglite';
import { EncryptionError, Keyring, KEY_FILE_NAME } from './crypto.js';
import { StaticMigrationSource } from './migrations/index.js';
import { lockDataDir } from './lock.js';
import { fromTemplate, saveTemplate } from './template.js';
import { Workspaces, Clusters } from './clusters.js';
import { Bindings } from './bindings.js';
import { Installations } from './installations.js';
import { Conversations } from './conversations.js';
import { ProcessedEvents } from './events.js';
import { UsageSamples } from './usage.js';
import { Alerts } from './alerts.js';
import { ActionAudit } from './audit.js';
import { ActionFollowups } from './followups.js';

export { Secret, redact, redactText, PINO_REDACT_PATHS } from './secret.js';
export { Keyring, EncryptionError } from './crypto.js';
export { StoreLockedError } from './lock.js';
export type * from './records.js';
export { ACTIONS_LEVELS } from './records.js';
export type { AuditEntry, AuditOutcome, AuditRecord } from './audit.js';
export type { Followup, FollowupKind, FollowupOutcome, NewFollowup } from './followups.js';

export const DEFAULT_DATA_DIR = '.data/pglite';

export interface StoreOptions {
  /** postgres://...; when absent the embedded PGlite backend is used */
  databaseUrl?: string;
  /** PGlite data folder (default MULEBOT_DATA_DIR or .data/pglite) */
  dataDir?: string;
  /** PGlite in memory: nothing written to disk */
  memory?: boolean;
  /** key text as in MULEBOT_ENCRYPTION_KEY, or a Keyring; default: the env, else the data folder's key file */
  encryptionKey?: string | Keyring;
  /** PostgreSQL schema to create and use (tests give each file its own) */
  schema?: string;
  /** run migrations to the latest (default true) */
  migrate?: boolean;
  /** pg pool size (default 10) */
  poolMax?: number;
}

export interface StoreTimings { openMs: number; migrateMs: number }

export class Store {
  readonly workspaces: Workspaces;
  readonly clusters: Clusters;
  readonly bindings: Bindings;
  readonly installations: Installations;
  readonly conversations: Conversations;
  readonly events: ProcessedEvents;
  readonly usage: UsageSamples;
  readonly alerts: Alerts;
  readonly audit: ActionAudit;
  readonly followups: ActionFollowups;
  timings: StoreTimings = { openMs: 0, migrateMs: 0 };
  #keyring: Keyring | undefined;
  #keyProblem: string;
  /** called after the database closes (the embedded folder's lock) */
  onClose: (() => void) | undefined;

  constructor(readonly db: Knex, readonly backend: 'postgres' | 'pglite', keyring: Keyring | undefined,
    readonly location: string, keyProblem = 'no encryption key configured: set MULEBOT_ENCRYPTION_KEY (openssl rand -base64 32)') {
    this.#keyring = keyring;
    this.#keyProblem = keyProblem;
    const key = () => this.keyring;
    this.workspaces = new Workspaces(db);
    this.clusters = new Clusters(db, key);
    this.bindings = new Bindings(db);
    this.installations = new Installations(db, key);
    this.conversations = new Conversations(db);
    this.events = new ProcessedEvents(db);
    this.usage = new UsageSamples(db);
    this.alerts = new Alerts(db);
    this.audit = new ActionAudit(db);
    this.followups = new ActionFollowups(db);
  }

  /** The keyring; throws a clear error only when a secret is actually sealed or opened without one. */
  get keyring(): Keyring {
    if (!this.#keyring) throw new EncryptionError(this.#keyProblem, 'NO_KEY');
    return this.#keyring;
  }
  get hasKey(): boolean { return this.#keyring !== undefined; }

  async migrate(schema?: string): Promise<void> {
    await this.db.migrate.latest({ migrationSource: new StaticMigrationSource(), schemaName: schema });
  }

  /**
   * Housekeeping any replica may run on a timer: expired conversations and mutes, old event keys and
   * sent-alert records, follow-ups closed a week ago, and usage history thinned to hourly after 2 days and dropped after 90.
   */
  async maintain(opts: { eventsMs?: number; alertsMs?: number } = {}): Promise<Record<string, number>> {
    const DAY = 24 * 3600_000;
    return {
      conversations: await this.conversations.purgeExpired(),
      events: await this.events.purge(opts.eventsMs ?? DAY),
      mutes: await this.alerts.purgeExpiredMutes(),
      alertsSent: await this.alerts.purgeSent(opts.alertsMs ?? 7 * DAY),
      followups: await this.followups.purgeDone(7 * DAY),
      usage: await this.usage.compact({ olderThanMs: 2 * DAY, bucketMs: 3600_000, retainMs: 90 * DAY }),
    };
  }

  async close(): Promise<void> {
    try { await this.db.destroy(); } finally { this.onClose?.(); this.onClose = undefined; }
  }
}

function keyFromOption(k: string | Keyring | undefined): Keyring | undefined {
  if (k instanceof Keyring) return k;
  if (typeof k === 'string' && k.trim()) return Keyring.fromText(k);
  return undefined;
}

export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  const t0 = performance.now();
  const envKey = process.env.MULEBOT_ENCRYPTION_KEY;
  let keyring = keyFromOption(opts.encryptionKey) ?? keyFromOption(envKey);
  let store: Store;
  let fresh: PGlite | undefined;   // an in-memory database created from nothing in this call
  const schema = opts.schema;
  if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`bad schema name "${schema}"`);

  if (opts.databaseUrl) {
    const db = knexPkg.knex({
      client: 'pg', connection: opts.databaseUrl,
      searchPath: schema ? [schema] : undefined,
      pool: { min: 0, max: opts.poolMax ?? 10 },
    });
    if (schema) await db.raw(`create schema if not exists "${schema}"`);
    store = new Store(db, 'postgres', keyring, redactUrl(opts.databaseUrl));
  } else if (opts.memory) {
    const pg = await fromTemplate(undefined);
    fresh = pg ? undefined : new PGlite();
    const db = knexPkg.knex({ client: ClientPgLite, connection: { pglite: pg ?? fresh } as unknown as Knex.ConnectionConfig });
    await db.raw('select 1');
    // nothing outlives the process, so a key that dies with it is the right one
    store = new Store(db, 'pglite', keyring ?? Keyring.random(), 'memory');
  } else {
    const dir = resolve(opts.dataDir ?? process.env.MULEBOT_DATA_DIR ?? DEFAULT_DATA_DIR);
    mkdirSync(dir, { recursive: true });
    const release = lockDataDir(dir);
    try {
      // a new folder starts from the template when there is one (the first `npm start`)
      const created = existsSync(join(dir, 'PG_VERSION'));
      // (a folder is never saved as the template: it holds the lock and the encryption key file)
      const pg = created ? null : await fromTemplate(dir);
      const connection = pg ? { pglite: pg } : { filename: dir };
      const db = knexPkg.knex({ client: ClientPgLite, connection: connection as unknown as Knex.ConnectionConfig });
      await db.raw('select 1');   // PGlite creates the cluster on first use; the key file goes in after it
      keyring ??= Keyring.fromKeyFile(join(dir, KEY_FILE_NAME));
      store = new Store(db, 'pglite', keyring, dir);
      store.onClose = release;
    } catch (err) { release(); throw err; }
  }
  const t1 = performance.now();
  if (opts.migrate !== false) {
    try { await store.migrate(schema); } catch (err) { await store.close().catch(() => undefined); throw err; }
    // a database made the slow way, migrated and still empty: the template for the next one
    if (fresh && !schema) await saveTemplate(fresh);
  }
  store.timings = { openMs: t1 - t0, migrateMs: performance.now() - t1 };
  return store;
}

/** The store the environment asks for: DATABASE_URL, else the embedded data folder. */
export function openStoreFromEnv(extra: Partial<StoreOptions> = {}): Promise<Store> {
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  return openStore({ databaseUrl, ...extra });
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:[redacted]@');
}

export function dataDirExists(dir = process.env.MULEBOT_DATA_DIR ?? DEFAULT_DATA_DIR): boolean {
  return existsSync(join(resolve(dir), 'PG_VERSION'));
}
