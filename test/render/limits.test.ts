// Slack's limits hold whatever the data: 5,000 volumes, very long names and messages, many clusters.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCommand } from '../../src/commands/index.js';
import type { CommandContext } from '../../src/commands/types.js';
import type { Health, Inventory, StorageEvent, Volume } from '../../src/openebs/types.js';
import { render } from '../../src/render/index.js';
import { demo, demoCtx, NOW } from '../commands/helpers.js';
import { validateMessage } from './validate.js';

const HEALTHS: Health[] = ['Healthy', 'Healthy', 'Healthy', 'Healthy', 'Healthy', 'Healthy', 'Degraded', 'Rebuilding', 'Offline', 'Pending'];

/** n volumes cloned from the demo's, with long names and long reasons */
async function bigCtx(n: number, nameLength = 60): Promise<CommandContext> {
  const { inventory } = await demo();
  const volumes: Volume[] = [];
  for (let i = 0; i < n; i++) {
    const base = inventory.volumes[i % inventory.volumes.length];
    const name = `${base.pvc?.name ?? 'v'}-${i}-`.padEnd(nameLength, 'x');
    const health = HEALTHS[i % HEALTHS.length];
    volumes.push({ ...base, id: `pvc-${i}`, pvc: { namespace: base.pvc?.namespace ?? 'default', name }, health,
      reasons: health === 'Healthy' ? [] : [`${health}: ${'a long explanation of what went wrong '.repeat(20)}`] });
  }
  const inv: Inventory = { ...inventory, volumes, replicas: [] };
  const ctx = await demoCtx();
  const events: StorageEvent[] = Array.from({ length: 200 }, (_, i) => ({ at: new Date(NOW.getTime() - i * 60_000).toISOString(), type: 'Warning',
    reason: 'ProvisioningFailed', message: 'x'.repeat(5000), count: i, object: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: volumes[0].pvc!.namespace, name: volumes[0].pvc!.name } }));
  return { ...ctx, cluster: { name: 'prod-east', inventory: inv, events: async () => events } };
}

function checkLimits(label: string, blocks: any[]): void {
  assert.equal(validateMessage(blocks), [], label);
  assert.ok(blocks.length <= 50, `${label}: ${blocks.length} blocks`);
}

test('a 5,000-volume list: within 50 blocks and 3,000 characters a section, summarised worst first', async () => {
  const ctx = await bigCtx(5000);
  const r = await runCommand({ intent: 'volume.list', filter: {} }, ctx);
  const out = render(r, { now: NOW });
  checkLimits('volume.list', out.blocks);
  for (const b of out.blocks as any[]) if (b.type === 'section' && b.text) assert.ok(b.text.text.length <= 3000);
  assert.match(out.text, /Volumes \(5000\)/);
  assert.match(out.text, /showing 20 of 5000; 500 offline, 500 degraded, 500 rebuilding, 500 pending \(worst first\)/);
  // worst first: the first rows are Offline
  const rows = out.text.split('\n').filter((l) => /^🔴|^🟡|^🔵|^⏳|^🟢/.test(l));
  assert.ok(rows[1].startsWith('🔴'), rows[1]);
});

test('every answer on 5,000 volumes with 250-character names stays valid', async () => {
  const ctx = await bigCtx(5000, 250);
  const name = ctx.cluster.inventory.volumes[8].pvc!.name;
  const commands = [
    { intent: 'volume.list', filter: {} }, { intent: 'volume.usage', limit: 500 }, { intent: 'cluster.health' }, { intent: 'alert.list' },
    { intent: 'volume.events', volume: { query: name } }, { intent: 'volume.status', volume: { query: name } },
    { intent: 'volume.describe', volume: { query: name } }, { intent: 'pool.list', filter: {} }, { intent: 'pool.status', pool: 'cstor-disk-pool-m2bd' },
    { intent: 'snapshot.list' }, { intent: 'volume.forecast' },
  ] as const;
  for (const c of commands) {
    const out = render(await runCommand(c as any, ctx), { now: NOW });
    checkLimits(c.intent, out.blocks);
  }
});

test('fifteen clusters of 5,000 volumes in one message: within 50 blocks', async () => {
  const ctx = await bigCtx(5000);
  const one = await runCommand({ intent: 'volume.list', filter: { health: 'unhealthy' } }, ctx);
  const many = Array.from({ length: 15 }, (_, i) => ({ ...one, cluster: `cluster-${i}` }));
  const out = render(many, { now: NOW });
  checkLimits('15 clusters', out.blocks);
  assert.match(out.text, /\(3 more clusters not shown\)/);
  const three = render(many.slice(0, 3), { now: NOW });
  checkLimits('3 clusters', three.blocks);
  assert.match(three.text, /\[cluster-2\]/);
});

test('a header of 400 characters is cut to 150; 40 choice buttons split in valid actions blocks', async () => {
  const r = { kind: 'ambiguous' as const, what: 'volume' as const, query: 'x'.repeat(400), cluster: 'c',
    candidates: Array.from({ length: 40 }, (_, i) => ({ value: `ns/v${i}`.padEnd(3000, 'v'), label: `v${i}`.padEnd(200, 'l') })) };
  checkLimits('ambiguous', render(r).blocks);
  const h = render({ kind: 'volume.status', cluster: 'c', volume: { ...(await demo()).inventory.volumes[0], pvc: { namespace: 'n', name: 'y'.repeat(400) } }, replicas: [], pools: [] });
  checkLimits('status', h.blocks);
});

test.run();
