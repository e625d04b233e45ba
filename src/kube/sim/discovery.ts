// Which groups, versions and resources the simulator serves, and the discovery documents that describe them.
import { RESOURCES, type ResourceKey, type ResourceType } from '../resources.js';

/** Groups every cluster the bot talks to has (core, storage, the CSI snapshot CRDs). */
export const ALWAYS_SERVED = new Set(['', 'storage.k8s.io', 'snapshot.storage.k8s.io']);

const VERB_ALL = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/** kubectl's short names (`kubectl get cvr`), as the real CRDs declare them */
const SHORT: Partial<Record<ResourceKey, string[]>> = {
  nodes: ['no'], pvs: ['pv'], pvcs: ['pvc'], pods: ['po'], events: ['ev'], storageClasses: ['sc'],
  volumeSnapshots: ['vs'], volumeSnapshotClasses: ['vsclass', 'vsclasses'], volumeSnapshotContents: ['vsc', 'vscs'],
  cstorVolumes: ['cv'], cstorVolumeReplicas: ['cvr'], cstorVolumeConfigs: ['cvc'], cstorVolumeAttachments: ['cva'],
  cstorPoolInstances: ['cspi'], cstorPoolClusters: ['cspc'], jivaVolumes: ['jv'], blockDevices: ['bd'],
  blockDeviceClaims: ['bdc'], diskPools: ['dsp'], lvmVolumes: ['lvmvol'], lvmNodes: ['lvmnode'], lvmSnapshots: ['lvmsnap'],
  zfsVolumes: ['zfsvol', 'zv'], zfsNodes: ['zfsnode'], zfsSnapshots: ['zfssnap'],
};

/** Kubernetes version priority: GA > beta > alpha, higher numbers first. */
export function versionRank(v: string): number {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return 0;
  const major = Number(m[1]), stage = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1, minor = Number(m[3] ?? 0);
  return major * 10_000 + stage * 1000 + minor;
}

export class Discovery {
  /** resource key -> versions it is served at */
  readonly served = new Map<ResourceKey, string[]>();
  readonly missingGroups = new Set<string>();

  constructor(versionsSeen: Map<ResourceKey, Set<string>>, extraGroups: string[], missingGroups: string[]) {
    for (const g of missingGroups) this.missingGroups.add(g);
    const groups = new Set([...ALWAYS_SERVED, ...extraGroups]);
    for (const [key, versions] of versionsSeen) if (versions.size) groups.add(RESOURCES.find((r) => r.key === key)!.group);
    for (const r of RESOURCES) {
      if (!groups.has(r.group)) continue;
      const seen = versionsSeen.get(r.key);
      this.served.set(r.key, seen?.size ? [...seen].sort((a, b) => versionRank(b) - versionRank(a)) : [r.version]);
    }
  }

  isGroupServed(group: string): boolean {
    if (this.missingGroups.has(group)) return false;
    return RESOURCES.some((r) => r.group === group && this.served.has(r.key));
  }

  /** The table entry served at group/version under this plural, if any. */
  find(group: string, version: string, plural: string): ResourceType | undefined {
    if (!this.isGroupServed(group)) return undefined;
    return RESOURCES.find((r) => r.group === group && r.plural === plural && this.served.get(r.key)?.includes(version));
  }

  versionsOf(group: string): string[] {
    const vs = new Set<string>();
    for (const r of RESOURCES) if (r.group === group) for (const v of this.served.get(r.key) ?? []) vs.add(v);
    return [...vs].sort((a, b) => versionRank(b) - versionRank(a));
  }

  apiVersions(): object {
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] };
  }

  private groupDoc(group: string): object {
    const versions = this.versionsOf(group).map((version) => ({ groupVersion: `${group}/${version}`, version }));
    return { name: group, versions, preferredVersion: versions[0] };
  }

  apiGroupList(): object {
    const groups = [...new Set(RESOURCES.map((r) => r.group))].filter((g) => g !== '' && this.isGroupServed(g));
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.map((g) => this.groupDoc(g)) };
  }

  apiGroup(group: string): object | undefined {
    if (group === '' || !this.isGroupServed(group)) return undefined;
    return { kind: 'APIGroup', apiVersion: 'v1', ...this.groupDoc(group) };
  }

  resourceList(group: string, version: string): object | undefined {
    if (!this.isGroupServed(group)) return undefined;
    const rts = RESOURCES.filter((r) => r.group === group && this.served.get(r.key)?.includes(version));
    if (!rts.length) return undefined;
    const resources: object[] = rts.map((r) => ({
      name: r.plural, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: VERB_ALL,
      ...(SHORT[r.key] ? { shortNames: SHORT[r.key] } : {}),
    }));
    if (group === '') {
      resources.push({ name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['get', 'list'] });
      resources.push({ name: 'nodes/proxy', singularName: '', namespaced: false, kind: 'NodeProxyOptions', verbs: ['get'] });
      resources.push({ name: 'services/proxy', singularName: '', namespaced: true, kind: 'ServiceProxyOptions', verbs: ['get'] });
    }
    return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
  }
}
