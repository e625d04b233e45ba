// Which version of each resource of the table the cluster serves (DiskPool moved from v1alpha1 to v1beta3, ZFS
// from v1alpha1 to v1, ...), and which OpenEBS engine groups are missing (their engine is not installed).
import { RESOURCES, type ResourceKey, type ResourceType } from './resources.js';
import { ClusterError, type KubeRequester } from './request.js';

export interface DiscoveryResult {
  /** resource key -> the version to list and watch it at */
  served: Map<ResourceKey, string>;
  /** engine groups absent from the cluster (404) */
  missingGroups: string[];
  warnings: string[];
}

interface ApiResourceList { resources?: { name: string }[] }

export async function discover(req: KubeRequester): Promise<DiscoveryResult> {
  // /api first: it tells whether the cluster answers at all, with the error that says why not
  await req.request({ path: '/api', permission: 'get /api (discovery)' });
  const groupList = await req.request<{ groups?: { name: string; versions: { version: string }[] }[] }>({ path: '/apis', permission: 'get /apis (discovery)' });
  const groups = new Map((groupList.groups ?? []).map((g) => [g.name, g.versions.map((v) => v.version)]));
  const wanted = new Map<string, Set<string>>();
  const missing = new Set<string>();
  for (const r of RESOURCES as readonly ResourceType[]) {
    const candidates = r.versions ?? [r.version];
    if (r.group === '') { add(wanted, '', 'v1'); continue; }
    const served = groups.get(r.group);
    if (!served) { missing.add(r.group); continue; }
    for (const v of candidates) if (served.includes(v)) add(wanted, r.group, v);
  }
  const lists = new Map<string, Set<string>>();
  const warnings: string[] = [];
  await Promise.all([...wanted].flatMap(([group, versions]) => [...versions].map(async (version) => {
    const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
    try {
      const list = await req.request<ApiResourceList>({ path, permission: `get ${path} (discovery)` });
      lists.set(`${group}/${version}`, new Set((list.resources ?? []).map((r) => r.name)));
    } catch (err) {
      if (err instanceof ClusterError && err.kind === 'not-found') return;
      if (err instanceof ClusterError && err.kind === 'unreachable') throw err;
      warnings.push(err instanceof Error ? err.message : String(err));
    }
  })));
  const served = new Map<ResourceKey, string>();
  for (const r of RESOURCES as readonly ResourceType[]) {
    const version = (r.versions ?? [r.version]).find((v) => lists.get(`${r.group}/${v}`)?.has(r.plural));
    if (version) served.set(r.key, version);
  }
  const missingGroups: string[] = [];
  for (const g of missing) {
    const engine = RESOURCES.some((r) => r.group === g && 'engine' in r);
    if (engine) missingGroups.push(g);
    else warnings.push(`API group ${g} is not served: ${RESOURCES.filter((r) => r.group === g).map((r) => r.kind).join(', ')} cannot be read`);
  }
  return { served, missingGroups: missingGroups.sort(), warnings };
}

function add(m: Map<string, Set<string>>, k: string, v: string): void {
  if (!m.has(k)) m.set(k, new Set());
  m.get(k)!.add(v);
}
