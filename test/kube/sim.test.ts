// The simulator through the real @kubernetes/client-node: discovery, list/get with selectors, watch with
// resourceVersion and 410, writes (create, merge/strategic/JSON patch, delete), the proxies, 403 and 404.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ApisApi, CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, Watch } from '@kubernetes/client-node';
import { startSimulator, type Simulator } from '../../src/kube/sim/index.js';
import { fixture, PV } from './helpers.js';

let sim: Simulator;
test.before(async () => { sim = await startSimulator(fixture()); });
test.after(async () => { await sim.close(); });

function raw(path: string): Promise<{ status: number; body: any }> {
  return fetch(sim.url + path).then(async (r) => ({ status: r.status, body: await r.json() }));
}

test('discovery lists the groups, versions and resources of the table', async () => {
  const groups = await sim.kubeConfig.makeApiClient(ApisApi).getAPIVersions();
  const names = groups.groups.map((g) => g.name);
  for (const g of ['storage.k8s.io', 'snapshot.storage.k8s.io', 'cstor.openebs.io', 'openebs.io', 'local.openebs.io', 'zfs.openebs.io']) assert.ok(names.includes(g), g);
  const openebs = groups.groups.find((g) => g.name === 'openebs.io')!;
  assert.equal(openebs.versions.map((v) => v.version).sort(), ['v1', 'v1alpha1', 'v1beta2']);
  const core = await sim.kubeConfig.makeApiClient(CoreV1Api).getAPIResources();
  assert.ok(core.resources.some((r) => r.name === 'persistentvolumeclaims' && r.namespaced));
  const dsp = await raw('/apis/openebs.io/v1beta2');
  assert.equal(dsp.body.resources.map((r: any) => r.name), ['diskpools']);
});

test('list and get: core typed API, custom objects, selectors', async () => {
  const core = sim.kubeConfig.makeApiClient(CoreV1Api);
  const pvcs = await core.listPersistentVolumeClaimForAllNamespaces();
  assert.is(pvcs.items.length, 2);
  const one = await core.readNamespacedPersistentVolumeClaim({ name: 'pg-data', namespace: 'payments' });
  assert.is(one.spec?.volumeName, PV);
  const byLabel = await core.listPersistentVolumeClaimForAllNamespaces({ labelSelector: 'app in (kafka,zookeeper)' });
  assert.equal(byLabel.items.map((p) => p.metadata?.name), ['kafka-logs']);
  const events = await core.listNamespacedEvent({ namespace: 'openebs', fieldSelector: `involvedObject.kind=CStorVolume,involvedObject.name=${PV}` });
  assert.equal(events.items.map((e) => e.reason), ['Degraded']);
  const custom = sim.kubeConfig.makeApiClient(CustomObjectsApi);
  const cvrs: any = await custom.listClusterCustomObject({ group: 'cstor.openebs.io', version: 'v1', plural: 'cstorvolumereplicas',
    labelSelector: `openebs.io/persistent-volume=${PV},cstorpoolinstance.openebs.io/name!=cstor-disk-pool-7xkq` });
  assert.is(cvrs.items.length, 2);
  const named: any = await custom.listNamespacedCustomObject({ group: 'cstor.openebs.io', version: 'v1', namespace: 'openebs', plural: 'cstorvolumes', fieldSelector: `metadata.name=${PV}` });
  assert.is(named.items.length, 1);
  const missing = await raw('/api/v1/namespaces/payments/persistentvolumeclaims/nope');
  assert.is(missing.status, 404);
  assert.is(missing.body.reason, 'NotFound');
});

test('paging with limit and continue', async () => {
  const first = await raw('/apis/cstor.openebs.io/v1/cstorvolumereplicas?limit=2');
  assert.is(first.body.items.length, 2);
  const rest = await raw(`/apis/cstor.openebs.io/v1/cstorvolumereplicas?limit=2&continue=${first.body.metadata.continue}`);
  assert.is(rest.body.items.length, 1);
  assert.is(rest.body.metadata.continue, undefined);
});

test('watch: events from a resourceVersion, mutations, and 410 for a compacted one', async () => {
  const list = await raw('/api/v1/persistentvolumeclaims');
  const rv = list.body.metadata.resourceVersion;
  const seen: string[] = [];
  let controller: AbortController | undefined;
  const done = new Promise<void>((resolve) => {
    new Watch(sim.kubeConfig).watch('/api/v1/persistentvolumeclaims', { resourceVersion: rv }, (type, obj) => {
      seen.push(`${type} ${obj.metadata.name}`);
      if (seen.length === 3) resolve();
    }, () => {}).then((c) => { controller = c; });
  });
  const pvc = sim.get({ kind: 'PersistentVolumeClaim', namespace: 'kafka', name: 'kafka-logs' })!;
  sim.upsert({ ...pvc, status: { phase: 'Bound' } });
  sim.upsert({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'new-claim', namespace: 'web' }, spec: {} });
  sim.remove({ kind: 'PersistentVolumeClaim', namespace: 'web', name: 'new-claim' });
  await done;
  controller?.abort();
  assert.equal(seen, ['MODIFIED kafka-logs', 'ADDED new-claim', 'DELETED new-claim']);

  sim.compact();
  const gone = await new Promise<any>((resolve) => {
    new Watch(sim.kubeConfig).watch('/api/v1/persistentvolumeclaims', { resourceVersion: rv }, (type, obj) => resolve({ type, obj }), () => {});
  });
  assert.is(gone.type, 'ERROR');
  assert.is(gone.obj.code, 410);
});

test('writes: create a VolumeSnapshot, merge, strategic and JSON patch a PVC, delete', async () => {
  const custom = sim.kubeConfig.makeApiClient(CustomObjectsApi);
  const created: any = await custom.createNamespacedCustomObject({ group: 'snapshot.storage.k8s.io', version: 'v1', namespace: 'payments', plural: 'volumesnapshots',
    body: { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'orders-db-snap' }, spec: { source: { persistentVolumeClaimName: 'pg-data' } } } });
  assert.is(created.metadata.namespace, 'payments');
  assert.ok(created.metadata.uid);
  const core = sim.kubeConfig.makeApiClient(CoreV1Api);
  const patch = (body: any, type: string) => core.patchNamespacedPersistentVolumeClaim({ name: 'pg-data', namespace: 'payments', body }, setHeaderOptions('Content-Type', type));
  let pvc = await patch({ spec: { resources: { requests: { storage: '20Gi' } } } }, PatchStrategy.MergePatch);
  assert.is(pvc.spec?.resources?.requests?.storage, '20Gi');
  pvc = await patch({ metadata: { labels: { tier: 'gold' } } }, PatchStrategy.StrategicMergePatch);
  assert.is(pvc.metadata?.labels?.tier, 'gold');
  pvc = await patch([{ op: 'replace', path: '/spec/resources/requests/storage', value: '30Gi' }, { op: 'remove', path: '/metadata/labels/tier' }], PatchStrategy.JsonPatch);
  assert.is(pvc.spec?.resources?.requests?.storage, '30Gi');
  assert.is(pvc.metadata?.labels?.tier, undefined);
  await custom.deleteNamespacedCustomObject({ group: 'snapshot.storage.k8s.io', version: 'v1', namespace: 'payments', plural: 'volumesnapshots', name: 'orders-db-snap' });
  assert.is(sim.get({ kind: 'VolumeSnapshot', namespace: 'payments', name: 'orders-db-snap' }), undefined);
  const again = await fetch(`${sim.url}/api/v1/namespaces/payments/persistentvolumeclaims`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'pg-data' } }) });
  assert.is(again.status, 409);
});

test('proxies: kubelet stats/summary and the Mayastor REST API', async () => {
  const stats = await raw('/api/v1/nodes/worker-1/proxy/stats/summary');
  assert.is(stats.body.pods[0].volume[0].usedBytes, 9000000000);
  assert.equal((await raw('/api/v1/nodes/worker-2/proxy/stats/summary')).body.pods, [], 'a Ready node without a summary in the dump');
  const node = sim.get({ kind: 'Node', name: 'worker-2' })!;
  sim.upsert({ ...node, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } });
  assert.is((await raw('/api/v1/nodes/worker-2/proxy/stats/summary')).status, 503, 'a NotReady node');
  sim.upsert(node);
  const base = '/api/v1/namespaces/openebs/services/openebs-api-rest:8081/proxy/v0';
  const page = await raw(`${base}/volumes?max_entries=2`);
  assert.is(page.body.entries.length, 2);
  const rest = await raw(`${base}/volumes?max_entries=2&starting_token=${page.body.next_token}`);
  assert.is(rest.body.entries.length, 1);
  assert.is(rest.body.next_token, undefined);
  const one = await raw(`${base}/volumes/00000000-0000-0000-0000-000000000001`);
  assert.is(one.body.state.status, 'Degraded');
  assert.is((await raw(`${base}/pools`)).body[0].id, 'pool-storage-1');
  assert.is((await raw(`${base}/nodes`)).body[0].id, 'storage-1');
  assert.is((await raw('/api/v1/namespaces/openebs/services/other:8081/proxy/v0/volumes')).status, 404);
});

test('403 names the verb and resource; a missing group answers 404', async () => {
  sim.forbid('list', 'cstorvolumes.cstor.openebs.io');
  const denied = await raw('/apis/cstor.openebs.io/v1/cstorvolumes');
  sim.allow('list', 'cstorvolumes.cstor.openebs.io');
  assert.is(denied.status, 403);
  assert.is(denied.body.kind, 'Status');
  assert.is(denied.body.reason, 'Forbidden');
  assert.match(denied.body.message, /cannot list resource "cstorvolumes" in API group "cstor.openebs.io"/);
  sim.setGroupMissing('zfs.openebs.io');
  assert.is((await raw('/apis/zfs.openebs.io')).status, 404);
  assert.is((await raw('/apis/zfs.openebs.io/v1/zfsvolumes')).status, 404);
  assert.not.ok((await raw('/apis')).body.groups.some((g: any) => g.name === 'zfs.openebs.io'));
  sim.setGroupMissing('zfs.openebs.io', false);
  assert.is((await raw('/apis/zfs.openebs.io/v1/zfsvolumes')).status, 200);
});

test.run();
