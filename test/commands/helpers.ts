// The demo cluster (examples/demo-cluster.yaml) as a CommandContext, for the handler and renderer tests.
import { fileURLToPath } from 'node:url';
import { toStorageEvent } from '../../src/openebs/events.js';
import { rawClusterFromFile } from '../../src/openebs/from-dump.js';
import { normalize } from '../../src/openebs/normalize.js';
import type { Inventory, ObjectRef, StorageEvent } from '../../src/openebs/types.js';
import type { CommandContext, UsagePoint } from '../../src/commands/types.js';

export const DEMO = fileURLToPath(new URL('../../examples/demo-cluster.yaml', import.meta.url));
export const NOW = new Date('2026-11-20T09:00:00Z');
export const GiB = 2 ** 30;

let cached: Promise<{ inventory: Inventory; events: StorageEvent[] }> | undefined;

export function demo(): Promise<{ inventory: Inventory; events: StorageEvent[] }> {
  cached ??= rawClusterFromFile(DEMO, 'prod-east').then((raw) => ({
    inventory: normalize(raw, NOW),
    events: raw.objects.events.map(toStorageEvent),
  }));
  return cached;
}

/** events about any of the refs (namespace-less refs match on kind and name), like the cluster reader's */
export function eventsFor(events: StorageEvent[], refs: ObjectRef[]): StorageEvent[] {
  const keys = new Set(refs.map((r) => `${r.kind}/${r.namespace ?? '*'}/${r.name}`));
  return events.filter((e) => keys.has(`${e.object.kind}/${e.object.namespace ?? '*'}/${e.object.name}`) || keys.has(`${e.object.kind}/*/${e.object.name}`));
}

export async function demoCtx(over: Partial<CommandContext> & { history?: Record<string, UsagePoint[]> } = {}): Promise<CommandContext> {
  const { inventory, events } = await demo();
  const history = over.history ?? {};
  return {
    cluster: { name: 'prod-east', inventory, events: async (refs) => eventsFor(events, refs) },
    usageHistory: async (id) => history[id] ?? [],
    now: NOW,
    ...over,
  };
}

/** n samples, every `stepSeconds`, ending at NOW, growing by `perDay` bytes a day from `start` */
export function linear(n: number, stepSeconds: number, start: number, perDay: number, capacity: number): UsagePoint[] {
  const t0 = NOW.getTime() - (n - 1) * stepSeconds * 1000;
  return Array.from({ length: n }, (_, i) => ({ at: new Date(t0 + i * stepSeconds * 1000), usedBytes: start + (perDay * i * stepSeconds) / 86_400, capacityBytes: capacity }));
}
