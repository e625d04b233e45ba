import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { KubeObject } from '../../src/kube/resources.js';
import { detectEngine, engineOfStorageClass, parseEngine } from '../../src/openebs/engine.js';
import { formatBytes, parseQuantity, parseZfsSize } from '../../src/openebs/quantity.js';

const pv = (o: { labels?: Record<string, string>; annotations?: Record<string, string>; spec?: any }): KubeObject =>
  ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pvc-1', labels: o.labels, annotations: o.annotations }, spec: o.spec ?? {} });
const sc = (provisioner: string, parameters: Record<string, string> = {}, annotations?: Record<string, string>): KubeObject =>
  ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'x', annotations }, provisioner, parameters });

test('engine from the CSI driver', () => {
  const cases: [string, string][] = [['cstor.csi.openebs.io', 'cstor'], ['jiva.csi.openebs.io', 'jiva'], ['local.csi.openebs.io', 'localpv-lvm'],
    ['zfs.csi.openebs.io', 'localpv-zfs'], ['io.openebs.csi-mayastor', 'mayastor']];
  for (const [driver, engine] of cases) assert.is(detectEngine(pv({ spec: { csi: { driver } } })), engine, driver);
});

test('openebsctl order: PV label before annotation before CSI attributes before driver before SC', () => {
  const csi = { driver: 'local.csi.openebs.io', volumeAttributes: { 'openebs.io/cas-type': 'localpv-zfs' } };
  assert.is(detectEngine(pv({ labels: { 'openebs.io/cas-type': 'jiva' }, annotations: { 'openebs.io/cas-type': 'mayastor' }, spec: { csi } })), 'jiva');
  assert.is(detectEngine(pv({ annotations: { 'openebs.io/cas-type': 'mayastor' }, spec: { csi } })), 'mayastor');
  assert.is(detectEngine(pv({ spec: { csi } })), 'localpv-zfs');
  assert.is(detectEngine(pv({ spec: { csi: { driver: 'local.csi.openebs.io' } } }), sc('zfs.csi.openebs.io')), 'localpv-lvm');
  assert.is(detectEngine(pv({}), sc('zfs.csi.openebs.io')), 'localpv-zfs');
  assert.is(detectEngine(pv({}), sc('x', { 'cas-type': 'jiva' })), 'jiva');
});

test('LocalPV hostpath and device', () => {
  assert.is(detectEngine(pv({ labels: { 'openebs.io/cas-type': 'local-hostpath' }, spec: { local: { path: '/var/openebs/local/pvc-1' } } })), 'localpv-hostpath');
  assert.is(detectEngine(pv({ labels: { 'openebs.io/cas-type': 'local-device' }, spec: { local: { path: '/dev/sdb' } } })), 'localpv-device');
  assert.is(detectEngine(pv({ annotations: { 'pv.kubernetes.io/provisioned-by': 'openebs.io/local', 'local.openebs.io/blockdeviceclaim': 'bdc-pvc-1' }, spec: { local: {} } })), 'localpv-device');
  assert.is(detectEngine(pv({ annotations: { 'pv.kubernetes.io/provisioned-by': 'openebs.io/local' }, spec: { local: {} } })), 'localpv-hostpath');
  const deviceSc = sc('openebs.io/local', {}, { 'cas.openebs.io/config': '- name: StorageType\n  value: "device"\n' });
  assert.is(engineOfStorageClass(deviceSc), 'localpv-device');
  assert.is(engineOfStorageClass(sc('openebs.io/local', {}, { 'cas.openebs.io/config': '- name: StorageType\n  value: hostpath\n' })), 'localpv-hostpath');
});

test('legacy cStor: cas-type cstor without CSI, or the iSCSI provisioner', () => {
  assert.is(detectEngine(pv({ labels: { 'openebs.io/cas-type': 'cstor' }, spec: { iscsi: {} } })), 'legacy-cstor');
  assert.is(detectEngine(pv({ annotations: { 'pv.kubernetes.io/provisioned-by': 'openebs.io/provisioner-iscsi' } })), 'legacy-cstor');
  assert.is(detectEngine(pv({ labels: { 'openebs.io/cas-type': 'cstor' }, spec: { csi: { driver: 'cstor.csi.openebs.io' } } })), 'cstor');
  assert.is(detectEngine(pv({ spec: { csi: { driver: 'ebs.csi.aws.com' } } })), 'unknown');
});

test('engine words', () => {
  assert.is(parseEngine('LVM'), 'localpv-lvm');
  assert.is(parseEngine('hostpath'), 'localpv-hostpath');
  assert.is(parseEngine('local pv zfs'), undefined);
  assert.is(parseEngine('local zfs'), 'localpv-zfs');
  assert.is(parseEngine('Replicated PV'), 'mayastor');
  assert.is(parseEngine('ceph'), undefined);
});

test('quantities', () => {
  assert.is(parseQuantity('10Gi'), 10 * 2 ** 30);
  assert.is(parseQuantity('5G'), 5e9);
  assert.is(parseQuantity('4294967296'), 4294967296);
  assert.is(parseQuantity('500m'), 1);
  assert.is(parseQuantity(12), 12);
  assert.is(parseQuantity('abc'), undefined);
  assert.is(parseZfsSize('1.5G'), 1.5 * 2 ** 30);
  assert.is(parseZfsSize('512K'), 512 * 1024);
  assert.is(parseZfsSize('0'), 0);
  assert.is(formatBytes(10 * 2 ** 30), '10Gi');
  assert.is(formatBytes(1.25 * 2 ** 30), '1.3Gi');
  assert.is(formatBytes(undefined), '-');
});

test.run();
