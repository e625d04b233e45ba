// deploy/rbac.yaml grants what the cluster reader and the confirmed actions use, and no more verbs than they need.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { RESOURCES } from '../../src/kube/resources.js';

const docs = parseAllDocuments(readFileSync(new URL('../../deploy/rbac.yaml', import.meta.url), 'utf8')).map((d) => d.toJS());
const role = docs.find((d) => d.kind === 'ClusterRole');
const allows = (group: string, resource: string, verb: string): boolean =>
  role.rules.some((r: any) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb));

test('the ClusterRole reads every resource of the table', () => {
  for (const r of RESOURCES) for (const verb of ['get', 'list', 'watch']) assert.ok(allows(r.group, r.plural, verb), `${verb} ${r.plural}.${r.group}`);
});

test('proxies and the writes of the actions, and no other write', () => {
  assert.ok(allows('', 'nodes/proxy', 'get'));
  assert.ok(allows('', 'services/proxy', 'get'));
  assert.ok(allows('snapshot.storage.k8s.io', 'volumesnapshots', 'create'));
  assert.ok(allows('snapshot.storage.k8s.io', 'volumesnapshots', 'delete'));
  assert.ok(allows('', 'persistentvolumeclaims', 'patch'));
  const verbs = new Set(role.rules.flatMap((r: any) => r.verbs));
  assert.equal([...verbs].sort(), ['create', 'delete', 'get', 'list', 'patch', 'watch']);
  // the only write verbs are on the objects the actions change: no deletes of PVCs, PVs, contents or pools
  const writes = role.rules.filter((r: any) => r.verbs.some((v: string) => !['get', 'list', 'watch'].includes(v)));
  assert.equal(writes.flatMap((r: any) => r.verbs.filter((v: string) => !['get', 'list', 'watch'].includes(v))
    .flatMap((v: string) => r.resources.map((res: string) => `${v} ${res}`))).sort(),
    ['create volumesnapshots', 'delete volumesnapshots', 'patch persistentvolumeclaims']);
  assert.not.ok(role.rules.some((r: any) => r.resources.includes('secrets') || r.resources.includes('*')));
  const binding = docs.find((d) => d.kind === 'ClusterRoleBinding');
  assert.is(binding.subjects[0].name, docs.find((d) => d.kind === 'ServiceAccount').metadata.name);
});

test.run();
