// A RawCluster straight from a dump, without the simulator: for unit tests and offline tools.
import { RESOURCES, type KubeObject, type RawCluster, type ResourceKey } from '../kube/resources.js';
import { loadDump, type Dump } from '../kube/dump.js';

// very old ZFS-LocalPV installs served the ZFS kinds from openebs.io/v1alpha1
const EXTRA_GROUPS: Partial<Record<string, string[]>> = { ZFSVolume: ['openebs.io'], ZFSNode: ['openebs.io'], ZFSSnapshot: ['openebs.io'] };

export function emptyObjects(): RawCluster['objects'] {
  return Object.fromEntries(RESOURCES.map((r) => [r.key, [] as KubeObject[]])) as unknown as RawCluster['objects'];
}

function keyOf(obj: KubeObject): ResourceKey | undefined {
  const apiVersion = obj.apiVersion ?? '';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  for (const r of RESOURCES) {
    if (r.kind !== obj.kind) continue;
    if (r.group === group || EXTRA_GROUPS[r.kind]?.includes(group)) return r.key;
  }
  return undefined;
}

export function rawClusterFromDump(dump: Dump, name: string): RawCluster {
  const objects = emptyObjects();
  const warnings: string[] = [];
  const skipped = new Map<string, number>();
  for (const obj of dump.objects) {
    const key = keyOf(obj);
    if (key) objects[key].push(obj);
    else skipped.set(`${obj.apiVersion}/${obj.kind}`, (skipped.get(`${obj.apiVersion}/${obj.kind}`) ?? 0) + 1);
  }
  // objects MuleBot does not read (Deployments, legacy openebs.io/v1alpha1 CStorVolumes, ...) are just noted
  for (const [kind, n] of skipped) warnings.push(`dump: ${n} ${kind} object(s) not read`);
  const missingGroups: string[] = Array.isArray(dump.simulator?.missingGroups) ? dump.simulator!.missingGroups : [];
  return {
    name, objects,
    mayastor: dump.mayastor ? { volumes: dump.mayastor.volumes, pools: dump.mayastor.pools, nodes: dump.mayastor.nodes } : undefined,
    kubeletStats: dump.kubeletStats, missingGroups, warnings,
  };
}

export async function rawClusterFromFile(path: string, name: string): Promise<RawCluster> {
  return rawClusterFromDump(await loadDump(path), name);
}
