// Small clusters for the engine tests: built with the demo builder, written as a dump, and read back the way a
// real cluster is read: served by the simulator, synced by the real @kubernetes/client-node (connectCluster).
import { connectCluster } from '../../src/kube/index.js';
import type { RawCluster } from '../../src/kube/resources.js';
import { parseDump } from '../../src/kube/dump.js';
import { DumpBuilder } from '../../src/openebs/demo/builder.js';
import { rawClusterFromDump } from '../../src/openebs/from-dump.js';
import { normalize } from '../../src/openebs/normalize.js';
import type { Inventory, Volume } from '../../src/openebs/types.js';

export { DumpBuilder };

export async function inventoryOf(b: DumpBuilder, name = 'test', mutate?: (raw: RawCluster) => void): Promise<Inventory> {
  const conn = await connectCluster({ name, clusterDump: parseDump(b.toYaml(), 'test'), statsIntervalMs: 0 });
  try {
    await conn.start();
    const raw = conn.snapshot();
    mutate?.(raw);
    return normalize(raw, new Date('2026-11-20T09:00:00Z'));
  } finally {
    await conn.stop();
  }
}

/** The same cluster read straight from the dump, without the API: for the test that both views agree. */
export function inventoryFromDump(b: DumpBuilder, name = 'test'): Inventory {
  return normalize(rawClusterFromDump(parseDump(b.toYaml(), 'test'), name), new Date('2026-11-20T09:00:00Z'));
}

export function vol(inv: Inventory, pvc: string): Volume {
  const v = inv.volumes.find((x) => x.pvc?.name === pvc);
  if (!v) throw new Error(`no volume for PVC ${pvc}`);
  return v;
}

/** a builder with Ready nodes n1..n3, s1..s3 and the usual storage classes */
export function baseCluster(): DumpBuilder {
  const b = new DumpBuilder('unit');
  for (const n of ['n1', 'n2', 'n3', 's1', 's2', 's3']) b.node(n);
  b.storageClass('hp', 'openebs.io/local', {}, { isDefault: true, annotations: { 'openebs.io/cas-type': 'local', 'cas.openebs.io/config': '- name: StorageType\n  value: "hostpath"\n' } });
  b.storageClass('dev', 'openebs.io/local', {}, { annotations: { 'openebs.io/cas-type': 'local', 'cas.openebs.io/config': '- name: StorageType\n  value: device\n' } });
  b.storageClass('lvm', 'local.csi.openebs.io', { volgroup: 'lvmvg' }, { expansion: true });
  b.storageClass('zfs', 'zfs.csi.openebs.io', { poolname: 'zfspv-pool' }, { expansion: true });
  b.storageClass('cstor', 'cstor.csi.openebs.io', { 'cas-type': 'cstor', cstorPoolCluster: 'cp', replicaCount: '3' }, { expansion: true });
  b.storageClass('jiva', 'jiva.csi.openebs.io', { 'cas-type': 'jiva' }, { expansion: true });
  b.storageClass('ms', 'io.openebs.csi-mayastor', { repl: '3' }, { expansion: true });
  return b;
}

export const CSTOR3 = [{ cspi: 'cp-aaaa', node: 's1' }, { cspi: 'cp-bbbb', node: 's2' }, { cspi: 'cp-cccc', node: 's3' }];
