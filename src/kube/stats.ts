// Data that is not a Kubernetes object: kubelet stats/summary per node (through nodes/{n}/proxy) and the Mayastor
// REST API (through the apiserver's service proxy).
import type { KubeletStats, KubeObject, MayastorRest } from './resources.js';
import { ClusterError, type KubeRequester } from './request.js';

export interface MayastorServiceRef { namespace: string; name: string; port: string | number }

export const DEFAULT_MAYASTOR_SERVICE: MayastorServiceRef = { namespace: 'openebs', name: 'openebs-api-rest', port: 8081 };

export interface StatsResult { stats: KubeletStats; warning?: string }

/** Read stats/summary of every node, a few at a time; nodes that do not answer are left out and named. */
export async function readKubeletStats(req: KubeRequester, nodes: KubeObject[], timeoutMs: number, concurrency = 8): Promise<StatsResult> {
  const stats: KubeletStats = {};
  const failed: string[] = [];
  let forbidden: string | undefined;
  const queue = nodes.map((n) => n.metadata.name);
  const worker = async (): Promise<void> => {
    for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
      if (forbidden) return;
      try {
        stats[node] = await req.request({ path: `/api/v1/nodes/${encodeURIComponent(node)}/proxy/stats/summary`, permission: 'get nodes/proxy', timeoutMs });
      } catch (err) {
        if (err instanceof ClusterError && err.kind === 'forbidden') forbidden = err.message;
        else if (err instanceof ClusterError && err.kind === 'unreachable') throw err;
        else failed.push(node);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  if (forbidden) return { stats, warning: `${forbidden} (volume usage from kubelet stats is unavailable)` };
  return { stats, warning: failed.length ? `cluster ${req.cluster}: kubelet stats unavailable for ${failed.sort().join(', ')}` : undefined };
}

export interface MayastorResult { state?: MayastorRest; warning?: string }

/** GET /v0/volumes (all pages), /v0/pools and /v0/nodes through services/proxy. */
export async function readMayastor(req: KubeRequester, svc: MayastorServiceRef, timeoutMs: number): Promise<MayastorResult> {
  const base = `/api/v1/namespaces/${svc.namespace}/services/${svc.name}:${svc.port}/proxy/v0`;
  const get = <T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> =>
    req.request<T>({ path: base + path, query, permission: 'get services/proxy', timeoutMs });
  try {
    const volumes: any[] = [];
    let token: string | number | undefined;
    for (let page = 0; page < 10_000; page++) {
      const body = await get<{ entries?: any[]; next_token?: number | string }>('/volumes', { max_entries: 500, starting_token: token });
      volumes.push(...(body.entries ?? []));
      if (body.next_token === undefined || body.next_token === null) break;
      token = body.next_token;
    }
    const [pools, nodes] = await Promise.all([get<any[]>('/pools'), get<any[]>('/nodes')]);
    return { state: { volumes, pools: pools ?? [], nodes: nodes ?? [] } };
  } catch (err) {
    if (err instanceof ClusterError && err.kind === 'unreachable') throw err;
    if (err instanceof ClusterError && err.kind === 'forbidden') return { warning: `${err.message} (Mayastor volumes come from its REST API)` };
    const cause = err instanceof Error ? err.message : String(err);
    return { warning: `cluster ${req.cluster}: Mayastor REST API at ${svc.namespace}/${svc.name}:${svc.port} unavailable (${cause.replace(/^cluster \S+: /, '')})` };
  }
}
