// Label and field selectors as the apiserver understands them, for the simulator's list and watch.
import type { KubeObject } from '../resources.js';

export type Matcher = (obj: KubeObject) => boolean;

type LabelReq =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

/** Split on commas that are not inside parentheses ("a in (x,y),b=c"). */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') depth--;
    else if (s[i] === ',' && depth === 0) { out.push(s.slice(start, i)); start = i + 1; }
  }
  out.push(s.slice(start));
  return out.map((p) => p.trim()).filter(Boolean);
}

export function parseLabelSelector(sel: string): LabelReq[] {
  return splitTop(sel).map((part): LabelReq => {
    let m = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(part);
    if (m) return { op: m[2] as 'in' | 'notin', key: m[1], values: m[3].split(',').map((v) => v.trim()) };
    m = /^([^!=\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(part);
    if (m) return { op: m[2] === '!=' ? 'neq' : 'eq', key: m[1], value: m[3] };
    if (part.startsWith('!')) return { op: 'notexists', key: part.slice(1).trim() };
    if (/^[\w./-]+$/.test(part)) return { op: 'exists', key: part };
    throw new Error(`unable to parse requirement: ${part}`);
  });
}

export function labelMatcher(sel: string | null | undefined): Matcher {
  if (!sel) return () => true;
  const reqs = parseLabelSelector(sel);
  return (obj) => {
    const labels = obj.metadata.labels ?? {};
    return reqs.every((r) => {
      const has = Object.prototype.hasOwnProperty.call(labels, r.key);
      switch (r.op) {
        case 'eq': return has && labels[r.key] === r.value;
        case 'neq': return !has || labels[r.key] !== r.value;
        case 'in': return has && r.values.includes(labels[r.key]);
        case 'notin': return !has || !r.values.includes(labels[r.key]);
        case 'exists': return has;
        case 'notexists': return !has;
      }
    });
  };
}

function path(obj: any, dotted: string): unknown {
  let cur = obj;
  for (const key of dotted.split('.')) {
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = cur[key];
  }
  return cur;
}

/** Field selectors: `a.b=c`, `a.b==c`, `a.b!=c`, comma-joined; any dotted path (metadata.name, involvedObject.kind, ...). */
export function fieldMatcher(sel: string | null | undefined): Matcher {
  if (!sel) return () => true;
  const reqs = splitTop(sel).map((part) => {
    const m = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw new Error(`invalid field selector: ${part}`);
    return { key: m[1], neq: m[2] === '!=', value: m[3] };
  });
  return (obj) => reqs.every((r) => {
    const v = path(obj, r.key);
    const s = v == null ? '' : String(v);
    return r.neq ? s !== r.value : s === r.value;
  });
}
