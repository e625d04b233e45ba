// The house rules, checked: imports run one way (receiver -> dialogue -> (nlu, commands) -> openebs -> kube; the
// store serves dialogue and tenancy; render turns results into blocks or text), no import cycles, files small
// enough to read at once. The alert watcher sits beside the dialogue: both feed a transport, neither knows which.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface Edge { from: string; to: string; typeOnly: boolean }
const IMPORT_RE = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
const DYNAMIC_RE = /import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

const all = files(SRC);
const edges: Edge[] = [];
for (const file of all) {
  const text = readFileSync(file, 'utf8');
  const rel = (spec: string) => relative(SRC, resolve(dirname(file), spec)).replace(/\.js$/, '.ts');
  for (const m of text.matchAll(IMPORT_RE)) edges.push({ from: relative(SRC, file), to: rel(m[3]!), typeOnly: !!m[2] });
  for (const m of text.matchAll(DYNAMIC_RE)) edges.push({ from: relative(SRC, file), to: rel(m[1]!), typeOnly: false });
}
const area = (path: string) => (path.includes('/') ? path.split('/')[0]! : path.replace(/\.ts$/, ''));

// area -> the areas it must never import (not even types: the contracts live where the data flows from)
const FORBIDDEN: Record<string, string[]> = {
  kube: ['openebs', 'nlu', 'commands', 'render', 'dialogue', 'slack', 'tenancy', 'store', 'app', 'cli'],
  openebs: ['nlu', 'commands', 'render', 'dialogue', 'slack', 'tenancy', 'store', 'app', 'cli'],
  nlu: ['openebs', 'kube', 'commands', 'render', 'dialogue', 'slack', 'tenancy', 'store', 'app', 'cli'],
  store: ['nlu', 'commands', 'render', 'dialogue', 'slack', 'openebs', 'app', 'cli'],
  tenancy: ['nlu', 'commands', 'render', 'dialogue', 'slack', 'app', 'cli'],
  commands: ['dialogue', 'slack', 'app', 'cli', 'store', 'tenancy'],
  render: ['dialogue', 'slack', 'app', 'cli', 'kube', 'store', 'tenancy'],
  dialogue: ['slack', 'app', 'cli', 'alerts'],
  alerts: ['slack', 'app', 'cli'],
  util: ['kube', 'openebs', 'nlu', 'commands', 'render', 'dialogue', 'slack', 'tenancy', 'store', 'app', 'cli', 'alerts'],
  slack: ['cli'],
  app: ['cli'],
};

test('imports run one way between the areas of src/', () => {
  const bad = edges.filter((e) => FORBIDDEN[area(e.from)]?.includes(area(e.to)))
    .map((e) => `${e.from} -> ${e.to}`);
  assert.equal(bad, [], `imports against the flow:\n${bad.join('\n')}`);
});

test('no import cycles (type-only imports excluded)', () => {
  const graph = new Map<string, string[]>();
  for (const e of edges) if (!e.typeOnly) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
  const state = new Map<string, 1 | 2>();
  const cycles: string[] = [];
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === 2) return;
    if (state.get(node) === 1) { cycles.push([...path.slice(path.indexOf(node)), node].join(' -> ')); return; }
    state.set(node, 1);
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, 2);
  };
  for (const node of graph.keys()) visit(node, []);
  assert.equal(cycles, [], `import cycles:\n${cycles.join('\n')}`);
});

test('every relative import points at a file that exists', () => {
  const known = new Set(all.map((f) => relative(SRC, f)));
  const missing = edges.filter((e) => !known.has(e.to) && !known.has(e.to.replace(/\.ts$/, '/index.ts')))
    .map((e) => `${e.from} -> ${e.to}`);
  assert.equal(missing, []);
});

test('source files stay small enough to read at once (<= 450 lines)', () => {
  const big = all.map((f) => [relative(SRC, f), readFileSync(f, 'utf8').split('\n').length] as const)
    .filter(([, n]) => n > 450).map(([f, n]) => `${f}: ${n} lines`);
  assert.equal(big, []);
});

test.run();
