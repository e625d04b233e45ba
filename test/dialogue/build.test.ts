// Understanding + context -> Command, with the real NLU and the demo vocabulary (no cluster needed).
import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildCommand, fill, MISSING, refersBack, subjectOf } from '../../src/dialogue/build.js';
import { vocabularyOf } from '../../src/dialogue/clusters.js';
import { compileVocabulary } from '../../src/nlu/entities/index.js';
import type { CommandIntent } from '../../src/commands/types.js';
import { sharedNlu } from '../e2e/helpers.js';

const vocab = compileVocabulary(JSON.parse(readFileSync(new URL('../../corpus/vocab-demo.json', import.meta.url), 'utf8')));
const understand = (t: string) => sharedNlu().understand(t, vocab);
const build = (t: string, state = {}) => {
  const u = understand(t);
  return buildCommand(u.intent as CommandIntent, u.entities, state, t);
};

test('a named volume fills the command', () => {
  const b = build('is mysql-data healthy?');
  assert.equal(b, { ok: true, command: { intent: 'volume.status', volume: { query: 'mysql-data' } } });
});

test('no name and no context: the volume slot is missing', () => {
  const b = build('is it healthy?');
  assert.is(b.ok, false);
  assert.is(!b.ok && b.missing, 'volume');
  assert.equal(fill(b.command, 'pg-wal'), { intent: 'volume.status', volume: { query: 'pg-wal' } });
});

test('the last volume fills "its replicas"', () => {
  const b = build('and its replicas?', { last: { intent: 'volume.status', volume: 'kafka-logs' } });
  assert.equal(b, { ok: true, command: { intent: 'volume.replicas', volume: { query: 'kafka-logs' } } });
});

test('fleet usage stays fleet-wide; "how full is it" uses the context', () => {
  const fleet = build('which volumes are fullest?', { last: { intent: 'volume.status', volume: 'kafka-logs' } });
  assert.ok(fleet.ok && !('volume' in fleet.command && fleet.command.volume));
  const one = build('how full is it', { last: { intent: 'volume.status', volume: 'kafka-logs' } });
  assert.ok(one.ok && one.command.intent === 'volume.usage' && one.command.volume?.query === 'kafka-logs');
  const none = build('how full is it');
  assert.is(none.ok, false);
});

test('filters: namespace from the message, else from context.use; engine and health', () => {
  const b = build('which mayastor volumes are degraded in payments?');
  assert.ok(b.ok && b.command.intent === 'volume.list');
  if (b.ok && b.command.intent === 'volume.list') {
    assert.is(b.command.filter.namespace, 'payments');
    assert.is(b.command.filter.engine, 'mayastor');
    assert.is(b.command.filter.health, 'Degraded');
  }
  const c = build('list volumes', { namespace: 'kafka' });
  assert.ok(c.ok && c.command.intent === 'volume.list' && c.command.filter.namespace === 'kafka');
});

test('actions: expand needs a size, mute defaults to all', () => {
  const e = build('expand mysql-data');
  assert.is(!e.ok && e.missing, 'size');
  const ok = build('expand mysql-data to 100Gi');
  assert.ok(ok.ok && ok.command.intent === 'volume.expand' && ok.command.sizeBytes === 100 * 2 ** 30);
  const m = build('mute all alerts for 2 hours');
  assert.ok(m.ok && m.command.intent === 'alert.mute' && m.command.target.kind === 'all');
});

test('subjects and back references', () => {
  assert.equal(subjectOf({ intent: 'pool.status', pool: 'lvmvg' }), { kind: 'pool', query: 'lvmvg' });
  assert.is(subjectOf({ intent: 'cluster.health' }), undefined);
  assert.ok(refersBack('how full is it'));
  assert.not.ok(refersBack('list volumes'));
  assert.is(MISSING.length > 0, true);
});

test('the vocabulary of an inventory: PVC and PV names, namespaces, pools with and without node', () => {
  const v = vocabularyOf([{ cluster: 'x', fetchedAt: '', volumes: [{ id: 'pvc-1', pvc: { namespace: 'ns1', name: 'data' } } as any],
    replicas: [], pools: [{ id: 'lvmvg@worker-1' } as any], snapshots: [], storageClasses: [], nodes: [{ name: 'worker-1' } as any],
    missingEngines: [], warnings: [] }], ['prod']);
  assert.equal(v.volume?.sort(), ['data', 'pvc-1']);
  assert.equal(v.namespace, ['ns1']);
  assert.equal(v.pool?.sort(), ['lvmvg', 'lvmvg@worker-1']);
  assert.equal(v.cluster, ['prod']);
});

test.run();
