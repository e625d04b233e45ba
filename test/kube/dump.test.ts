import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDump } from '../../src/kube/dump.js';

test('a List and separate documents both flatten into objects; extra kinds are split out', () => {
  const dump = parseDump([
    'apiVersion: v1', 'kind: List', 'items:',
    '- {apiVersion: v1, kind: Node, metadata: {name: worker-1, creationTimestamp: 2026-11-20T10:00:00Z}}',
    '---',
    'apiVersion: v1', 'kind: PersistentVolume', 'metadata: {name: pvc-1, labels: {on: "yes"}}', 'spec: {capacity: {storage: 10Gi}}',
    '---',
    'apiVersion: mulebot.openebs.io/v1', 'kind: KubeletStatsSummary', 'metadata: {name: worker-1}', 'summary: {pods: []}',
  ].join('\n'));
  assert.equal(dump.objects.map((o) => o.metadata.name), ['worker-1', 'pvc-1']);
  assert.equal(Object.keys(dump.kubeletStats), ['worker-1']);
});

test('timestamps and yes/no stay strings, as the apiserver serves them (the core schema)', () => {
  const dump = parseDump('apiVersion: v1\nkind: Event\nmetadata: {name: e1, creationTimestamp: 2026-11-20T10:00:00Z}\nlastTimestamp: 2026-11-21T09:30:00Z\nreason: no\n');
  const ev = dump.objects[0]!;
  assert.is(ev.metadata.creationTimestamp, '2026-11-20T10:00:00Z');
  assert.is(ev.lastTimestamp, '2026-11-21T09:30:00Z');
  assert.is(ev.reason, 'no');
});

test('invalid YAML and objects without a name are refused with the file named', () => {
  assert.throws(() => parseDump('kind: [', 'bad.yaml'), /bad\.yaml: invalid YAML/);
  assert.throws(() => parseDump('kind: Node\nmetadata: {}\n', 'x.yaml'), /x\.yaml: an object without kind or metadata.name/);
});

test.run();
