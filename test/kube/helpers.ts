// Shared by test/kube: the fixture dump and waiting on a connection's events (never on the clock).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDump, type Dump } from '../../src/kube/dump.js';
import type { ChangeEvent, ClusterConnection } from '../../src/kube/connection.js';

export const FIXTURE = fileURLToPath(new URL('../fixtures/kube/all-resources.yaml', import.meta.url));
export const PV = 'pvc-1b6f0e1c-3c39-4f0e-9d55-0f1a2b3c4d5e';

export function fixture(simulator?: Record<string, unknown>): Dump {
  const dump = parseDump(readFileSync(FIXTURE, 'utf8'), FIXTURE);
  if (simulator) dump.simulator = { ...dump.simulator, ...simulator };
  return dump;
}

/** Resolves with the first change event that matches. */
export function nextChange(conn: ClusterConnection, match: (ev: ChangeEvent) => boolean): Promise<ChangeEvent> {
  return new Promise((resolve) => {
    const cb = (ev: ChangeEvent): void => { if (match(ev)) { conn.off('change', cb); resolve(ev); } };
    conn.on('change', cb);
  });
}

/** Resolves when the connection relists a resource. */
export function nextList(conn: ClusterConnection, key: string): Promise<void> {
  return new Promise((resolve) => {
    const cb = (k: string): void => { if (k === key) { conn.off('list', cb); resolve(); } };
    conn.on('list', cb);
  });
}
