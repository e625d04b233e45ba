import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadDump } from '../../src/kube/dump.js';
import type { RawCluster } from '../../src/kube/resources.js';
import { eventsForPool, eventsForSnapshot, eventsForVolume, podRefsOfPvc, toStorageEvent } from '../../src/openebs/events.js';
import { rawClusterFromDump } from '../../src/openebs/from-dump.js';
import { findPool, findVolume } from '../../src/openebs/lookup.js';
import { normalize } from '../../src/openebs/normalize.js';
import type { Inventory, Volume } from '../../src/openebs/types.js';

let raw: RawCluster;
let inv: Inventory;
test.before(async () => {
  raw = rawClusterFromDump(await loadDump(new URL('../../examples/demo-cluster.yaml', import.meta.url).pathname), 'prod-east');
  inv = normalize(raw);
});
const vol = (q: string): Volume => { const r = findVolume(inv, q); if (r.kind !== 'found') throw new Error(q); return r.item; };

test('a cStor volume: its replica, target and pool events, newest first', () => {
  const ev = eventsForVolume(inv, vol('mysql-data'), raw.objects.events);
  // storage-3 holds the offline replica: its reboot is part of the story
  assert.equal(ev.map((e) => e.reason), ['ReplicaOffline', 'ReplicaDisconnected', 'NodeReady', 'Rebooted', 'PoolReadOnly']);
  assert.is(ev[0].type, 'Warning');
  assert.is(ev[0].count, 6);
  assert.is(ev[0].object.kind, 'CStorVolumeReplica');
  assert.ok(ev.every((e, i) => i === 0 || (ev[i - 1].at ?? '') >= (e.at ?? '')));
});

test('a Mayastor volume: the reboot of a replica node explains the rebuild', () => {
  const ev = eventsForVolume(inv, vol('kafka-logs'), raw.objects.events);
  assert.equal(ev.map((e) => e.reason), ['NodeReady', 'Rebooted', 'ProvisioningSucceeded']);
  assert.equal(eventsForVolume(inv, vol('kafka-logs'), raw.objects.events, { nodes: false }).map((e) => e.reason), ['ProvisioningSucceeded']);
  assert.equal(eventsForVolume(inv, vol('kafka-logs'), raw.objects.events, { normal: false }).map((e) => e.reason), ['Rebooted']);
});

test('a pending PVC: its events, and its pod with extra refs', () => {
  const v = vol('thanos-store');
  const plain = eventsForVolume(inv, v, raw.objects.events);
  // same second: the Warning first
  assert.equal(plain.map((e) => e.reason), ['ProvisioningFailed', 'Provisioning', 'WaitForFirstConsumer']);
  const pods = podRefsOfPvc(raw.objects.pods, 'monitoring', 'thanos-store');
  assert.equal(pods.map((p) => p.name), ['thanos-store-0']);
  const withPods = eventsForVolume(inv, v, raw.objects.events, { extra: pods });
  assert.ok(withPods.some((e) => e.reason === 'FailedScheduling'));
  assert.is(eventsForVolume(inv, v, raw.objects.events, { limit: 1 }).length, 1);
});

test('a hostpath volume on a NotReady node: the node event', () => {
  const ev = eventsForVolume(inv, vol('spark-scratch'), raw.objects.events, { extra: podRefsOfPvc(raw.objects.pods, 'analytics', 'spark-scratch') });
  assert.equal(ev.map((e) => `${e.object.kind}:${e.reason}`).sort(), ['Node:NodeNotReady', 'Pod:NodeNotReady']);
});

test('pools and snapshots', () => {
  const p = findPool(inv, 'cstor-disk-pool-m2bd');
  assert.ok(p.kind === 'found');
  if (p.kind === 'found') assert.equal(eventsForPool(p.item, raw.objects.events).map((e) => e.reason), ['PoolReadOnly']);
  const s = eventsForSnapshot('platform', 'vault-raft-daily', raw.objects.events);
  assert.is(s.length, 1);
  assert.match(s[0].message, /dm-snapshot/);
  assert.is(eventsForSnapshot('default', 'vault-raft-daily', raw.objects.events).length, 0);
});

test('toStorageEvent reads core/v1 and events.k8s.io shapes; StorageEvents pass through', () => {
  const e = toStorageEvent({ apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'x' }, regarding: { kind: 'PersistentVolumeClaim', name: 'a', namespace: 'n' },
    type: 'Warning', reason: 'R', note: 'msg', eventTime: '2026-01-01T00:00:00Z', series: { count: 3 } });
  assert.equal(e, { at: '2026-01-01T00:00:00Z', type: 'Warning', reason: 'R', message: 'msg', count: 3, object: { kind: 'PersistentVolumeClaim', apiVersion: '', namespace: 'n', name: 'a' } });
  const v = vol('mysql-data');
  const mine = { ...e, object: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: 'data', name: 'mysql-data' } };
  assert.equal(eventsForVolume(inv, v, [mine]), [mine]);
});

test.run();
