// The simulator's HTTP side: the Kubernetes REST API (discovery, list, get, watch, create, patch, update,
// delete) over the store, plus the kubelet and Mayastor proxies. See ./index.ts for the controls.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { KubeObject, KubeletStats, MayastorRest, ResourceType } from '../resources.js';
import type { Discovery } from './discovery.js';
import { jsonPatch, mergePatch } from './patch.js';
import { serveKubelet, serveMayastor, serviceMatches, type MayastorService } from './proxy.js';
import { fieldMatcher, labelMatcher, type Matcher } from './selectors.js';
import { forbidden, notFound, sendJson, sendStatus, status } from './status.js';
import type { SimStore, StoreEvent } from './store.js';

export interface Rule { verb: string; resource: string }

export interface ServerState {
  store: SimStore;
  discovery: Discovery;
  forbidden: Rule[];
  hung: { prefixes: string[]; responses: Set<ServerResponse> };
  kubeletStats: KubeletStats;
  mayastor?: MayastorRest;
  mayastorService?: MayastorService;
  watches: Set<ServerResponse>;
  bookmarkMs: number;
  /** called after an API create or patch, for the simulator's small controllers */
  afterWrite(rt: ResourceType, before: KubeObject | undefined, after: KubeObject): void;
  /** called after an API delete */
  afterDelete?(rt: ResourceType, gone: KubeObject): void;
}

function isForbidden(state: ServerState, verb: string, resource: string, group: string): boolean {
  const full = group ? `${resource}.${group}` : resource;
  return state.forbidden.some((r) => (r.verb === verb || r.verb === '*') && (r.resource === full || r.resource === resource || r.resource === '*'));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sim');
  if (state.hung.prefixes.some((p) => url.pathname.startsWith(p))) { state.hung.responses.add(res); return; }
  const segs = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const d = state.discovery;
  if (segs.length === 0) return sendJson(res, 200, { paths: ['/api', '/api/v1', '/apis', '/version'] });
  if (segs[0] === 'version') return sendJson(res, 200, { major: '1', minor: '30', gitVersion: 'v1.30.0-mulebot-sim', platform: 'linux/amd64' });
  if (segs[0] === 'api') {
    if (segs.length === 1) return sendJson(res, 200, d.apiVersions());
    if (segs[1] !== 'v1') return sendStatus(res, notFound(''));
    if (segs.length === 2) return sendJson(res, 200, d.resourceList('', 'v1'));
    return resource(state, '', 'v1', segs.slice(2), req, res, url);
  }
  if (segs[0] === 'apis') {
    if (segs.length === 1) return sendJson(res, 200, d.apiGroupList());
    const doc = segs.length === 2 ? d.apiGroup(segs[1]) : segs.length === 3 ? d.resourceList(segs[1], segs[2]) : undefined;
    if (segs.length <= 3) return doc ? sendJson(res, 200, doc) : sendStatus(res, notFound(''));
    return resource(state, segs[1], segs[2], segs.slice(3), req, res, url);
  }
  sendStatus(res, notFound(''));
}

function namespacesList(state: ServerState): KubeObject[] {
  const names = new Set<string>(['default', 'kube-system']);
  for (const map of state.store.objects.values()) for (const o of map.values()) if (o.metadata.namespace) names.add(o.metadata.namespace);
  return [...names].sort().map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase: 'Active' } }));
}

async function resource(state: ServerState, group: string, version: string, rest: string[], req: IncomingMessage,
  res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  let ns: string | undefined;
  if (group === '' && rest[0] === 'namespaces' && rest.length <= 2) {
    if (method !== 'GET') return sendStatus(res, status(405, 'MethodNotAllowed', 'the simulator serves namespaces read-only'));
    const all = namespacesList(state);
    if (rest.length === 1) return sendJson(res, 200, { kind: 'NamespaceList', apiVersion: 'v1', metadata: { resourceVersion: String(state.store.rv) }, items: all });
    const found = all.find((n) => n.metadata.name === rest[1]);
    return found ? sendJson(res, 200, found) : sendStatus(res, notFound('namespaces', rest[1]));
  }
  if (rest[0] === 'namespaces') { ns = rest[1]; rest = rest.slice(2); }
  const [plural, name, sub, ...subRest] = rest;

  if (group === '' && plural === 'nodes' && sub === 'proxy' && !ns && name) {
    if (isForbidden(state, 'get', 'nodes/proxy', '')) return sendStatus(res, forbidden('get', 'nodes/proxy', '', undefined, name));
    return serveKubelet(res, state.kubeletStats, state.store.get('nodes', undefined, name), name, subRest);
  }
  if (group === '' && plural === 'services' && sub === 'proxy' && ns && name) {
    if (isForbidden(state, 'get', 'services/proxy', '')) return sendStatus(res, forbidden('get', 'services/proxy', '', ns, name));
    if (!state.mayastor || !serviceMatches(name, ns, state.mayastorService)) return sendStatus(res, notFound('services', name.split(':')[0]));
    return serveMayastor(res, state.mayastor, subRest, url.searchParams);
  }

  const rt = state.discovery.find(group, version, plural);
  if (!rt || sub !== undefined || (!rt.namespaced && ns)) return sendStatus(res, notFound(''));
  const gv = group ? `${group}/${version}` : version;
  const q = url.searchParams;
  const verb = method === 'GET' ? (name ? 'get' : q.get('watch') === 'true' || q.get('watch') === '1' ? 'watch' : 'list')
    : method === 'POST' ? 'create' : method === 'PATCH' ? 'patch' : method === 'PUT' ? 'update' : method === 'DELETE' ? 'delete' : method.toLowerCase();
  if (isForbidden(state, verb, rt.plural, rt.group)) return sendStatus(res, forbidden(verb, rt.plural, rt.group, ns, name));
  const atVersion = (o: KubeObject): KubeObject => (o.apiVersion === gv ? o : { ...o, apiVersion: gv });

  let match: Matcher;
  try {
    const byLabel = labelMatcher(q.get('labelSelector')), byField = fieldMatcher(q.get('fieldSelector'));
    match = (o) => byLabel(o) && byField(o);
  } catch (err: any) {
    return sendStatus(res, status(400, 'BadRequest', err.message));
  }

  switch (verb) {
    case 'get': {
      const obj = state.store.get(rt.key, ns, name);
      return obj ? sendJson(res, 200, atVersion(obj)) : sendStatus(res, notFound(rt.plural, name, rt.group));
    }
    case 'list': return list(state, rt, ns, match, q, res, atVersion, gv);
    case 'watch': return watch(state, rt, ns, match, q, res, atVersion, gv);
    case 'delete': return remove(state, rt, ns, name, req, res, atVersion);
    case 'create': case 'patch': case 'update': return write(state, rt, verb, ns, name, req, res, atVersion);
    default: return sendStatus(res, status(405, 'MethodNotAllowed', `method ${method} is not supported`));
  }
}

function list(state: ServerState, rt: ResourceType, ns: string | undefined, match: Matcher, q: URLSearchParams,
  res: ServerResponse, atVersion: (o: KubeObject) => KubeObject, gv: string): void {
  const all = state.store.list(rt.key, ns).filter(match);
  // limit/continue paging; the token is an offset (the simulator does not keep list snapshots)
  const limit = Number(q.get('limit') ?? 0);
  const offset = q.get('continue') ? Number(Buffer.from(q.get('continue')!, 'base64url').toString()) : 0;
  const end = limit > 0 ? offset + limit : all.length;
  const metadata: Record<string, unknown> = { resourceVersion: String(state.store.rv) };
  if (end < all.length) { metadata.continue = Buffer.from(String(end)).toString('base64url'); metadata.remainingItemCount = all.length - end; }
  // objects are immutable once stored, so each one's JSON is made once and reused by every list that returns it
  const items = all.slice(offset, end).map((o) => encoded(atVersion(o))).join(',');
  const head = JSON.stringify({ kind: `${rt.kind}List`, apiVersion: gv, metadata });
  const text = `${head.slice(0, -1)},"items":[${items}]}`;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const json = new WeakMap<KubeObject, string>();
function encoded(o: KubeObject): string {
  let text = json.get(o);
  if (text === undefined) { text = JSON.stringify(o); json.set(o, text); }
  return text;
}

function watch(state: ServerState, rt: ResourceType, ns: string | undefined, match: Matcher, q: URLSearchParams,
  res: ServerResponse, atVersion: (o: KubeObject) => KubeObject, gv: string): void {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' });
  res.flushHeaders(); // the client waits for the headers before it reads events
  const line = (obj: unknown): void => { if (!res.writableEnded && !res.destroyed) res.write(JSON.stringify(obj) + '\n'); };
  res.on('error', () => {}); // a client that went away: the close handler cleans up
  const send = (ev: StoreEvent): void => line({ type: ev.type, object: atVersion(ev.object) });
  const fromRv = q.get('resourceVersion');
  const sub = { key: rt.key, namespace: ns, match };
  if (!fromRv || fromRv === '0') {
    for (const o of state.store.list(rt.key, ns)) if (match(o)) line({ type: 'ADDED', object: atVersion(o) });
  } else {
    const missed = state.store.since(Number(fromRv), sub);
    if (!missed) {
      // as the apiserver does: 200, one ERROR event with a 410 Status, then the end of the stream
      line({ type: 'ERROR', object: status(410, 'Expired', `too old resource version: ${fromRv} (${state.store.oldestRv + 1})`) });
      res.end();
      return;
    }
    for (const ev of missed) send(ev);
  }
  const unsubscribe = state.store.subscribe({ ...sub, send });
  state.watches.add(res);
  const timers: NodeJS.Timeout[] = [];
  const bookmark = (): void => line({ type: 'BOOKMARK', object: { kind: rt.kind, apiVersion: gv, metadata: { resourceVersion: String(state.store.rv) } } });
  const bookmarks = q.get('allowWatchBookmarks') === 'true';
  if (bookmarks) timers.push(setInterval(bookmark, state.bookmarkMs));
  const timeout = Number(q.get('timeoutSeconds') ?? 0);
  if (timeout > 0) timers.push(setTimeout(() => { if (bookmarks) bookmark(); res.end(); }, timeout * 1000));
  const cleanup = (): void => { unsubscribe(); state.watches.delete(res); for (const t of timers) clearTimeout(t); };
  res.on('close', cleanup);
  res.on('finish', cleanup);
}

/** DELETE, with the DeleteOptions preconditions (uid, resourceVersion) the apiserver checks (409 Conflict) */
async function remove(state: ServerState, rt: ResourceType, ns: string | undefined, name: string | undefined, req: IncomingMessage,
  res: ServerResponse, atVersion: (o: KubeObject) => KubeObject): Promise<void> {
  if (!name) return sendStatus(res, status(405, 'MethodNotAllowed', 'deleting a collection is not supported'));
  const text = await readBody(req);
  let pre: { uid?: string; resourceVersion?: string } = {};
  try { pre = (text ? JSON.parse(text) : {})?.preconditions ?? {}; } catch (err: any) {
    return sendStatus(res, status(400, 'BadRequest', `invalid JSON body: ${err.message}`));
  }
  const current = state.store.get(rt.key, ns, name);
  if (!current) return sendStatus(res, notFound(rt.plural, name, rt.group));
  const stale = (pre.uid && pre.uid !== current.metadata.uid) ? `UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`
    : (pre.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion)
      ? `ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}` : undefined;
  if (stale) return sendStatus(res, status(409, 'Conflict', `Operation cannot be fulfilled on ${rt.plural}${rt.group ? '.' + rt.group : ''} "${name}": Precondition failed: ${stale}`));
  const gone = state.store.remove(rt.key, ns, name)!;
  state.afterDelete?.(rt, gone);
  sendJson(res, 200, atVersion(gone));
}

async function write(state: ServerState, rt: ResourceType, verb: 'create' | 'patch' | 'update', ns: string | undefined,
  name: string | undefined, req: IncomingMessage, res: ServerResponse, atVersion: (o: KubeObject) => KubeObject): Promise<void> {
  let body: any;
  try { body = JSON.parse(await readBody(req)); } catch (err: any) {
    return sendStatus(res, status(400, 'BadRequest', `invalid JSON body: ${err.message}`));
  }
  const store = state.store;
  if (verb === 'create') {
    if (name) return sendStatus(res, status(405, 'MethodNotAllowed', 'create goes to the collection'));
    if (!body || typeof body !== 'object' || body.kind !== rt.kind) return sendStatus(res, status(400, 'BadRequest', `the body must be a ${rt.kind}`));
    const meta = { ...(body.metadata ?? {}) };
    if (ns && meta.namespace && meta.namespace !== ns) return sendStatus(res, status(400, 'BadRequest', 'the namespace of the object does not match the namespace of the request'));
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomBytes(3).toString('hex').slice(0, 5);
    if (!meta.name) return sendStatus(res, status(422, 'Invalid', `${rt.kind}.${rt.group} is invalid: metadata.name: Required value`));
    if (store.get(rt.key, ns, meta.name)) return sendStatus(res, status(409, 'AlreadyExists', `${rt.plural}${rt.group ? '.' + rt.group : ''} "${meta.name}" already exists`));
    delete meta.resourceVersion; delete meta.uid; delete meta.creationTimestamp;
    const stored = store.upsert({ ...body, metadata: { ...meta, namespace: ns } });
    state.afterWrite(rt, undefined, stored);
    return sendJson(res, 201, atVersion(stored));
  }
  const current = store.get(rt.key, ns, name!);
  if (!current) return sendStatus(res, notFound(rt.plural, name, rt.group));
  let next: any;
  if (verb === 'update') {
    if (body?.metadata?.resourceVersion && body.metadata.resourceVersion !== current.metadata.resourceVersion) {
      return sendStatus(res, status(409, 'Conflict', `Operation cannot be fulfilled on ${rt.plural} "${name}": the object has been modified; please apply your changes to the latest version and try again`));
    }
    next = body;
  } else {
    // a patch that names a resourceVersion applies to that version only, as on the apiserver
    const rv = body?.metadata?.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) {
      return sendStatus(res, status(409, 'Conflict', `Operation cannot be fulfilled on ${rt.plural}${rt.group ? '.' + rt.group : ''} "${name}": the object has been modified; please apply your changes to the latest version and try again`));
    }
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim();
    try {
      if (type === 'application/json-patch+json') next = jsonPatch(current, body);
      else if (type === 'application/merge-patch+json' || type === 'application/strategic-merge-patch+json') next = mergePatch(current, body);
      else return sendStatus(res, status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`));
    } catch (err: any) {
      return sendStatus(res, status(422, 'Invalid', `the patch could not be applied: ${err.message}`));
    }
  }
  // identity fields are the server's
  next = { ...next, apiVersion: current.apiVersion, kind: current.kind,
    metadata: { ...(next?.metadata ?? {}), name: current.metadata.name, namespace: current.metadata.namespace, uid: current.metadata.uid, creationTimestamp: current.metadata.creationTimestamp } };
  const stored = store.upsert(next);
  state.afterWrite(rt, current, stored);
  sendJson(res, 200, atVersion(stored));
}
