// The whole bot through its real parts: the trained NLU model, a real store (PostgreSQL test schema, or embedded),
// the demo dump served by the in-process simulator and read with @kubernetes/client-node.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp, type App, type AppOptions } from '../../src/app/index.js';
import type { Reply, Turn } from '../../src/dialogue/types.js';
import { loadNlu, type Nlu } from '../../src/nlu/index.js';
import { createTestStore, createEmbeddedTestStore, type TestStore } from '../helpers/db.js';

export const DEMO = fileURLToPath(new URL('../../examples/demo-cluster.yaml', import.meta.url));
let nlu: Nlu | undefined;
export const sharedNlu = (): Nlu => (nlu ??= loadNlu());

export interface Bot { app: App; db: TestStore; close(): Promise<void> }

/** The bot on the demo cluster (named prod-east, as in corpus/vocab-demo.json), connected and ready. */
export async function demoBot(o: { embedded?: boolean } & Partial<AppOptions> = {}): Promise<Bot> {
  const db = o.embedded ? await createEmbeddedTestStore() : await createTestStore();
  const app = await createApp({ clusterDump: DEMO, clusterName: 'prod-east', statsIntervalMs: 0, usageEveryMs: 0, nlu: sharedNlu(), ...o, store: db.store });
  await app.defaultCluster!.ensure();
  const err = app.defaultCluster!.state().error;
  if (err) throw new Error(`demo cluster: ${err}`);
  return { app, db, async close() { await app.close(); await db.close(); } };
}

export interface ScriptStep { team?: string; channel?: string; user?: string; thread?: string; text?: string;
  action?: { id: string; value: string };
  /** facts the reply text must contain (case-insensitive), or must not (prefixed with "!") */
  expect?: string[]; intent?: string }

/** Runs a script turn by turn; returns the replies of each turn. */
export async function play(app: App, steps: ScriptStep[], defaults: Partial<Turn> = {}): Promise<Reply[][]> {
  const out: Reply[][] = [];
  for (const s of steps) {
    const turn: Turn = { team: s.team ?? defaults.team ?? 'T1', channel: s.channel ?? defaults.channel ?? 'C1', user: s.user ?? defaults.user ?? 'U1',
      text: s.text ?? '', ...(s.thread ? { thread: s.thread } : {}), ...(s.action ? { action: s.action } : {}) };
    out.push(await app.handle(turn));
  }
  return out;
}

export const textOf = (rs: Reply[]): string => rs.map((r) => r.text).join('\n');

/** Missing facts of one reply ([] when all are there). */
export function missingFacts(text: string, facts: string[]): string[] {
  const low = text.toLowerCase();
  return facts.filter((f) => (f.startsWith('!') ? low.includes(f.slice(1).toLowerCase()) : !low.includes(f.toLowerCase())));
}

export function readJsonl<T>(file: string): T[] {
  return readFileSync(fileURLToPath(new URL(file, import.meta.url)), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('//')).map((l) => JSON.parse(l) as T);
}
