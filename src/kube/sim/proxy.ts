// What the simulator answers behind the apiserver proxies: kubelet stats/summary (nodes/{n}/proxy) and the
// Mayastor REST API v0 (namespaces/{ns}/services/{svc}:{port}/proxy).
import type { ServerResponse } from 'node:http';
import type { KubeObject, KubeletStats, MayastorRest } from '../resources.js';
import { notFound, sendJson, sendStatus, status } from './status.js';

export interface MayastorService { name: string; namespace: string }

export function serveKubelet(res: ServerResponse, stats: KubeletStats, nodeObj: KubeObject | undefined, node: string, rest: string[]): void {
  if (!nodeObj) return sendStatus(res, notFound('nodes', node));
  if (rest.join('/') !== 'stats/summary') return sendStatus(res, notFound('nodes'));
  const ready = (nodeObj.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
  // a dump has summaries for the nodes that mount volumes; another Ready node's kubelet answers with no pods
  const summary = stats[node] ?? (ready ? { pods: [] } : undefined);
  // a NotReady node's kubelet does not answer: the apiserver's proxy error
  if (!summary) return sendStatus(res, status(503, 'ServiceUnavailable', `error trying to reach service: dial tcp ${node}:10250: connect: connection refused`));
  sendJson(res, 200, { node: { nodeName: node, ...(summary.node ?? {}) }, pods: summary.pods ?? [] });
}

function restError(res: ServerResponse, code: number, kind: string, details: string): void {
  sendJson(res, code, { details, message: details, kind });
}

/** `svc` is "name", "name:port" or "scheme:name:port" as in the apiserver's service proxy path. */
export function serviceMatches(svc: string, ns: string, service: MayastorService | undefined): boolean {
  if (!service || ns !== service.namespace) return false;
  const parts = svc.split(':');
  const name = parts.length === 3 ? parts[1] : parts[0];
  const port = parts.length === 3 ? parts[2] : parts[1];
  return name === service.name && (port === undefined || port === '8081' || port === 'http' || port === 'rest');
}

export function serveMayastor(res: ServerResponse, state: MayastorRest, rest: string[], query: URLSearchParams): void {
  const [v0, what, id, ...more] = rest;
  if (v0 !== 'v0' || more.length) return restError(res, 404, 'NotFound', `no route for /${rest.join('/')}`);
  const collection = what === 'volumes' ? state.volumes : what === 'pools' ? state.pools : what === 'nodes' ? state.nodes : undefined;
  if (!collection) return restError(res, 404, 'NotFound', `no route for /${rest.join('/')}`);
  const idOf = (e: any): string => (what === 'volumes' ? e?.spec?.uuid ?? e?.state?.uuid : e?.id);
  if (id !== undefined) {
    const found = collection.find((e) => idOf(e) === id);
    if (!found) return restError(res, 404, 'NotFound', `${what.slice(0, -1)} '${id}' not found`);
    return sendJson(res, 200, found);
  }
  if (what !== 'volumes') return sendJson(res, 200, collection);
  // GET /v0/volumes is paged: max_entries (0 = all) and starting_token (an offset)
  const max = Number(query.get('max_entries') ?? 0);
  const start = Number(query.get('starting_token') ?? 0);
  const end = max > 0 ? start + max : collection.length;
  const body: { entries: unknown[]; next_token?: number } = { entries: collection.slice(start, end) };
  if (end < collection.length) body.next_token = end;
  sendJson(res, 200, body);
}
