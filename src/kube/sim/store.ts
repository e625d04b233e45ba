// The simulator's object store: every object of the resource table, one global resourceVersion counter, and a
// bounded history of watch events so a watch can resume from a resourceVersion (or get 410 Gone when it is too old).
import { randomUUID } from 'node:crypto';
import { RESOURCES, type KubeObject, type ResourceKey, type ResourceType } from '../resources.js';
import type { Matcher } from './selectors.js';

export type WatchType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface StoreEvent { rv: number; key: ResourceKey; type: WatchType; object: KubeObject }
export interface Subscriber { key: ResourceKey; namespace?: string; match: Matcher; send(ev: StoreEvent): void }

/** How an object is addressed in tests: a kind (or plural or table key) plus namespace and name. */
export interface ObjectRef { kind: string; apiVersion?: string; namespace?: string; name: string }

const RT_BY_KEY = new Map<ResourceKey, ResourceType>(RESOURCES.map((r) => [r.key, r]));

export function resourceType(key: ResourceKey): ResourceType { return RT_BY_KEY.get(key)!; }

export function groupOf(apiVersion: string | undefined): string {
  if (!apiVersion || !apiVersion.includes('/')) return '';
  return apiVersion.slice(0, apiVersion.indexOf('/'));
}

/** The table entry for an object (kind + API group), or for a test's reference (kind, plural or key). */
export function resolveType(kindOrPlural: string, apiVersion?: string): ResourceType | undefined {
  const group = apiVersion === undefined ? undefined : groupOf(apiVersion);
  return RESOURCES.find((r) => (r.kind === kindOrPlural || r.plural === kindOrPlural || r.key === kindOrPlural)
    && (group === undefined || r.group === group));
}

export function nowStamp(): string { return new Date().toISOString().replace(/\.\d+Z$/, 'Z'); }

function id(ns: string | undefined, name: string): string { return `${ns ?? ''}/${name}`; }

export class SimStore {
  rv = 0;
  /** events after this resourceVersion are all in `history`; a watch from an older one gets 410 */
  oldestRv = 0;
  readonly objects = new Map<ResourceKey, Map<string, KubeObject>>();
  private history: StoreEvent[] = [];
  private subscribers = new Set<Subscriber>();
  /** objects of kinds the resource table does not list (Deployments, Services, ...): counted, not served */
  ignored = 0;

  constructor(readonly historyLimit = 10_000) {
    for (const r of RESOURCES) this.objects.set(r.key, new Map());
  }

  load(objects: KubeObject[]): void {
    for (const obj of objects) {
      const rt = resolveType(obj.kind ?? '', obj.apiVersion);
      if (!rt) { this.ignored++; continue; }
      const stored = this.stamp(rt, obj);
      this.objects.get(rt.key)!.set(id(stored.metadata.namespace, stored.metadata.name), stored);
    }
    this.oldestRv = this.rv;
  }

  /** A copy of `obj` with a new resourceVersion and, where missing, uid and creationTimestamp. */
  private stamp(rt: ResourceType, obj: KubeObject): KubeObject {
    const meta = { ...obj.metadata };
    if (!rt.namespaced) delete meta.namespace;
    else if (!meta.namespace) meta.namespace = 'default';
    meta.uid ??= randomUUID();
    meta.creationTimestamp ??= nowStamp();
    meta.resourceVersion = String(++this.rv);
    return { ...obj, apiVersion: obj.apiVersion ?? (rt.group ? `${rt.group}/${rt.version}` : rt.version), kind: rt.kind, metadata: meta };
  }

  get(key: ResourceKey, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(key)!.get(id(namespace, name));
  }

  list(key: ResourceKey, namespace?: string): KubeObject[] {
    const all = [...this.objects.get(key)!.values()];
    return namespace ? all.filter((o) => o.metadata.namespace === namespace) : all;
  }

  /** Create or replace; `silent` stores the change without a watch event (as if the event were lost). */
  upsert(obj: KubeObject, opts: { silent?: boolean } = {}): KubeObject {
    const rt = resolveType(obj.kind ?? '', obj.apiVersion);
    if (!rt) throw new Error(`simulator: kind ${obj.kind} (${obj.apiVersion}) is not in the resource table`);
    const map = this.objects.get(rt.key)!;
    const ns = rt.namespaced ? obj.metadata.namespace ?? 'default' : undefined;
    const old = map.get(id(ns, obj.metadata.name));
    const merged = old ? { ...obj, metadata: { ...obj.metadata, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp } } : obj;
    const stored = this.stamp(rt, merged);
    map.set(id(stored.metadata.namespace, stored.metadata.name), stored);
    this.emit({ rv: this.rv, key: rt.key, type: old ? 'MODIFIED' : 'ADDED', object: stored }, opts.silent);
    return stored;
  }

  remove(key: ResourceKey, namespace: string | undefined, name: string, opts: { silent?: boolean } = {}): KubeObject | undefined {
    const map = this.objects.get(key)!;
    const old = map.get(id(namespace, name));
    if (!old) return undefined;
    map.delete(id(namespace, name));
    const gone = { ...old, metadata: { ...old.metadata, resourceVersion: String(++this.rv) } };
    this.emit({ rv: this.rv, key, type: 'DELETED', object: gone }, opts.silent);
    return gone;
  }

  private emit(ev: StoreEvent, silent?: boolean): void {
    if (silent) return;
    this.history.push(ev);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      this.oldestRv = dropped[dropped.length - 1].rv;
    }
    for (const s of this.subscribers) {
      if (s.key === ev.key && (!s.namespace || s.namespace === ev.object.metadata.namespace) && s.match(ev.object)) s.send(ev);
    }
  }

  /** Forget the watch history: a watch that resumes from any earlier resourceVersion gets 410 Gone. */
  compact(): void { this.history = []; this.oldestRv = this.rv; }

  /** Events after `rv` for a subscriber, or undefined when they are no longer kept (410). */
  since(rv: number, sub: Omit<Subscriber, 'send'>): StoreEvent[] | undefined {
    if (rv < this.oldestRv) return undefined;
    return this.history.filter((ev) => ev.rv > rv && ev.key === sub.key
      && (!sub.namespace || sub.namespace === ev.object.metadata.namespace) && sub.match(ev.object));
  }

  subscribe(s: Subscriber): () => void {
    this.subscribers.add(s);
    return () => { this.subscribers.delete(s); };
  }
}
