// Shared by the operator commands (mulebot cluster ..., mulebot bind|unbind): open the store the
// environment names, and read a kubeconfig the way the cluster reader will use it.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { openStoreFromEnv, type Store } from '../store/index.js';

export class UsageError extends Error {}

/** A bad command line (ours, or node:util parseArgs's ERR_PARSE_ARGS_*): said with the usage, exit 2. Else undefined. */
export function usageFailure(err: any, command: string, usage: string): 2 | undefined {
  if (!(err instanceof UsageError) && !String(err?.code).startsWith('ERR_PARSE_ARGS')) return undefined;
  console.error(`mulebot ${command}: ${err.message}\n\n${usage}`);
  return 2;
}

export async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStoreFromEnv();
  try { return await fn(store); } finally { await store.close(); }
}

export function describeStore(store: Store): string {
  return store.backend === 'postgres' ? `PostgreSQL (${store.location})` : `embedded store (${store.location})`;
}

/** Reads and checks a kubeconfig file: YAML with at least one cluster, and the context if one is named. */
export function readKubeconfig(file: string, context?: string): { text: string; context: string | undefined } {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (err: any) { throw new UsageError(`cannot read kubeconfig ${file}: ${err.code ?? err.message}`); }
  let doc: any;
  try { doc = parseYaml(text); } catch (err: any) { throw new UsageError(`${file} is not valid YAML: ${err.message}`); }
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.clusters) || !doc.clusters.length) {
    throw new UsageError(`${file} does not look like a kubeconfig (no clusters)`);
  }
  const contexts: string[] = Array.isArray(doc.contexts) ? doc.contexts.map((c: any) => c?.name).filter(Boolean) : [];
  if (context && !contexts.includes(context)) {
    throw new UsageError(`context "${context}" is not in ${file} (contexts: ${contexts.join(', ') || 'none'})`);
  }
  return { text, context: context ?? (doc['current-context'] || undefined) };
}

export function checkDumpFile(file: string): string {
  const path = resolve(file);
  try {
    if (!statSync(path).isFile()) throw new Error('not a file');
  } catch {
    throw new UsageError(`cluster dump ${file} is not a readable file`);
  }
  return path;
}
