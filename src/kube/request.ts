// Raw JSON requests through @kubernetes/client-node's own HTTP layer (the KubeConfig's authentication, TLS agent
// and node-fetch), with a bounded timeout, and errors that name the cluster and the cause. The typed APIs of
// client-node turn objects into model classes (dates become Date, unknown fields go); the cache keeps the JSON the
// apiserver sent, as a dump has it.
import http from 'node:http';
import https from 'node:https';
import { HttpMethod, IsomorphicFetchHttpLibrary, KubeConfig, Observable, RequestContext, type ConfigurationOptions } from '@kubernetes/client-node';

/** A failed call to a cluster. `message` is the whole sentence a user sees. */
export class ClusterError extends Error {
  constructor(message: string, readonly cluster: string, readonly kind: 'unreachable' | 'forbidden' | 'not-found' | 'timeout' | 'http',
    readonly status?: number, readonly body?: any) {
    super(message);
    this.name = 'ClusterError';
  }
}

export interface RequestSpec {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  /** what the call does, for a 403: "list cstorvolumes.cstor.openebs.io" */
  permission?: string;
  timeoutMs?: number;
}

const fetcher = new IsomorphicFetchHttpLibrary();

/** The node-fetch/system error behind a failed request, as "ECONNREFUSED 127.0.0.1:6443". */
export function networkCause(err: any): string {
  const reason = /reason: (.*)$/s.exec(String(err?.message ?? ''))?.[1] ?? String(err?.message ?? err);
  return reason.replace(/^connect /, '').trim();
}

export function isNetworkError(err: any): boolean {
  return err?.name === 'FetchError' && (err?.type === 'system' || !!err?.code);
}

export class KubeRequester {
  private agent?: http.Agent;

  constructor(readonly kc: KubeConfig, readonly cluster: string, readonly timeoutMs = 10_000) {}

  /**
   * client-node makes a new agent (so a new TCP and TLS handshake) per request; the initial sync makes dozens of
   * requests, so keep one keep-alive agent with the same TLS options (proxy agents are left as they are).
   */
  private reuseAgent(ctx: RequestContext): void {
    const fresh = ctx.getAgent() as http.Agent | undefined;
    if (!fresh || (fresh.constructor !== https.Agent && fresh.constructor !== http.Agent)) return;
    this.agent ??= new (fresh.constructor as typeof http.Agent)({ ...(fresh as any).options, keepAlive: true, maxSockets: 16 });
    ctx.setAgent(this.agent as https.Agent);
  }

  close(): void { this.agent?.destroy(); this.agent = undefined; }

  get server(): string { return this.kc.getCurrentCluster()?.server ?? '(no server)'; }

  async request<T = any>(spec: RequestSpec): Promise<T> {
    const base = this.server.replace(/\/$/, '');
    const ctx = new RequestContext(base + spec.path, (spec.method ?? 'GET') as HttpMethod);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined && v !== '') ctx.setQueryParam(k, String(v));
    ctx.setHeaderParam('Accept', 'application/json');
    if (spec.body !== undefined) {
      ctx.setHeaderParam('Content-Type', spec.contentType ?? 'application/json');
      ctx.setBody(JSON.stringify(spec.body));
    }
    const timeoutMs = spec.timeoutMs ?? this.timeoutMs;
    ctx.setSignal(AbortSignal.timeout(timeoutMs));
    const what = `${spec.method ?? 'GET'} ${spec.path}`;
    let status: number, text: string;
    try {
      await this.kc.applySecurityAuthentication(ctx);
      this.reuseAgent(ctx);
      const res = await fetcher.send(ctx).toPromise();
      status = res.httpStatusCode;
      text = await res.body.text();
    } catch (err: any) {
      throw this.failure(err, what, timeoutMs);
    }
    let body: any;
    try { body = text ? JSON.parse(text) : undefined; } catch { body = text; }
    if (status >= 200 && status < 300) return body as T;
    throw this.httpError(status, body, spec.permission ?? what);
  }

  /** A thrown network error, abort or timeout as a ClusterError. */
  failure(err: any, what: string, timeoutMs: number): ClusterError {
    if (err instanceof ClusterError) return err;
    if (err?.name === 'AbortError' || err?.name === 'TimeoutError' || err?.type === 'aborted') {
      return new ClusterError(`cluster ${this.cluster}: ${what} timed out after ${timeoutMs} ms`, this.cluster, 'timeout');
    }
    if (isNetworkError(err)) {
      return new ClusterError(`cluster ${this.cluster} unreachable: ${networkCause(err)}`, this.cluster, 'unreachable');
    }
    return new ClusterError(`cluster ${this.cluster}: ${what} failed: ${err?.message ?? err}`, this.cluster, 'http');
  }

  httpError(status: number, body: any, permission: string): ClusterError {
    const message = typeof body === 'object' && body?.message ? body.message : typeof body === 'string' && body ? body.slice(0, 200) : `HTTP ${status}`;
    if (status === 403) return new ClusterError(`cluster ${this.cluster}: missing permission ${permission}`, this.cluster, 'forbidden', status, body);
    if (status === 404) return new ClusterError(`cluster ${this.cluster}: not found: ${message}`, this.cluster, 'not-found', status, body);
    if (status === 401) return new ClusterError(`cluster ${this.cluster}: not authorized (401): check the credentials in the kubeconfig`, this.cluster, 'http', status, body);
    return new ClusterError(`cluster ${this.cluster}: ${permission} failed (${status}): ${message}`, this.cluster, 'http', status, body);
  }

  /** Options for a typed client-node API call: a bounded timeout on the request. */
  typedOptions(timeoutMs = this.timeoutMs): ConfigurationOptions {
    return {
      middleware: [{
        pre: (ctx: RequestContext) => { ctx.setSignal(AbortSignal.timeout(timeoutMs)); return new Observable(Promise.resolve(ctx)); },
        post: (res: any) => new Observable(Promise.resolve(res)),
      }],
      middlewareMergeStrategy: 'append',
    } as ConfigurationOptions;
  }
}

/** The path of a resource collection: /api/v1/... or /apis/<group>/<version>/..., optionally in a namespace. */
export function collectionPath(group: string, version: string, plural: string, namespace?: string): string {
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  return namespace ? `${prefix}/namespaces/${encodeURIComponent(namespace)}/${plural}` : `${prefix}/${plural}`;
}
