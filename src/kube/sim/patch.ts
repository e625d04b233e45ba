// Patch bodies the simulator accepts: JSON merge patch (RFC 7386; strategic merge is treated the same) and
// JSON patch (RFC 6902).

export function mergePatch(target: any, patch: any): any {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const out: any = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

export interface JsonPatchOp { op: string; path: string; value?: unknown; from?: string }

function unescape(token: string): string { return token.replace(/~1/g, '/').replace(/~0/g, '~'); }

function parent(doc: any, pointer: string): { container: any; key: string } {
  if (!pointer.startsWith('/')) throw new Error(`invalid JSON pointer "${pointer}"`);
  const tokens = pointer.slice(1).split('/').map(unescape);
  const key = tokens.pop()!;
  let cur = doc;
  for (const t of tokens) {
    if (cur == null || typeof cur !== 'object' || !(t in cur)) throw new Error(`path ${pointer} does not exist`);
    cur = cur[t];
  }
  if (cur == null || typeof cur !== 'object') throw new Error(`path ${pointer} does not exist`);
  return { container: cur, key };
}

function getAt(doc: any, pointer: string): unknown {
  const { container, key } = parent(doc, pointer);
  if (!(key in container)) throw new Error(`path ${pointer} does not exist`);
  return container[key];
}

function remove(doc: any, pointer: string): unknown {
  const { container, key } = parent(doc, pointer);
  if (!(key in container)) throw new Error(`path ${pointer} does not exist`);
  const old = container[key];
  if (Array.isArray(container)) container.splice(Number(key), 1); else delete container[key];
  return old;
}

function add(doc: any, pointer: string, value: unknown): void {
  const { container, key } = parent(doc, pointer);
  if (Array.isArray(container)) {
    const idx = key === '-' ? container.length : Number(key);
    if (!Number.isInteger(idx) || idx < 0 || idx > container.length) throw new Error(`index ${key} out of range at ${pointer}`);
    container.splice(idx, 0, value);
  } else container[key] = value;
}

export function jsonPatch(target: any, ops: JsonPatchOp[]): any {
  if (!Array.isArray(ops)) throw new Error('a JSON patch must be an array of operations');
  const doc = structuredClone(target);
  for (const op of ops) {
    switch (op.op) {
      case 'add': add(doc, op.path, structuredClone(op.value)); break;
      case 'remove': remove(doc, op.path); break;
      case 'replace': remove(doc, op.path); add(doc, op.path, structuredClone(op.value)); break;
      case 'move': { const v = remove(doc, op.from!); add(doc, op.path, v); break; }
      case 'copy': add(doc, op.path, structuredClone(getAt(doc, op.from!))); break;
      case 'test':
        if (JSON.stringify(getAt(doc, op.path)) !== JSON.stringify(op.value)) throw new Error(`test failed at ${op.path}`);
        break;
      default: throw new Error(`unknown JSON patch operation "${op.op}"`);
    }
  }
  return doc;
}
