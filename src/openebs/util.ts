import type { KubeObject } from '../kube/resources.js';
import type { ObjectRef } from './types.js';

export function ref(o: KubeObject): ObjectRef {
  // no object spread here: this runs for every object of every volume
  const r: ObjectRef = { kind: o.kind ?? '', apiVersion: o.apiVersion ?? '', name: o.metadata.name };
  if (o.metadata.namespace) r.namespace = o.metadata.namespace;
  return r;
}

/** counts of equal words, in first-seen order: ["offline","offline","rebuilding"] -> [["offline",2],["rebuilding",1]] */
export function countWords(words: string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
  return [...m];
}

/** the node names a local PV is pinned to (spec.nodeAffinity) */
export function affinityNodes(pv: KubeObject): string[] {
  const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [];
  const out: string[] = [];
  for (const t of terms) for (const e of t.matchExpressions ?? []) if (e.operator === 'In') out.push(...(e.values ?? []));
  return [...new Set(out)];
}
