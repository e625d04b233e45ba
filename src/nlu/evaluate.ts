// Metrics and cross-validation, for any corpus in the NLP.js corpus format.
import { decide, IntentClassifier, NONE, type DecisionSettings, type Scores } from './classifier.js';
import { rng } from './linear.js';
import type { Example } from './corpus.js';

export interface Pair { gold: string; pred: string }

export interface IntentReport {
  n: number;
  accuracy: number;
  /** in-scope messages given their right intent */
  inScopeAccuracy: number;
  /** out-of-scope messages answered None */
  oosRecall: number;
  /** in-scope messages answered None */
  falseReject: number;
  /** micro F1 over the in-scope intents (None excluded) */
  inScopeMicroF1: number;
  perIntent: Record<string, { precision: number; recall: number; f1: number; support: number }>;
  confusions: { gold: string; pred: string; count: number }[];
}

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function intentReport(pairs: Pair[]): IntentReport {
  const labels = [...new Set(pairs.flatMap((p) => [p.gold, p.pred]))].sort();
  const perIntent: IntentReport['perIntent'] = {};
  for (const l of labels) {
    const tp = pairs.filter((p) => p.gold === l && p.pred === l).length;
    const predicted = pairs.filter((p) => p.pred === l).length;
    const support = pairs.filter((p) => p.gold === l).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    perIntent[l] = { precision: r4(precision), recall: r4(recall), f1: r4(precision + recall ? (2 * precision * recall) / (precision + recall) : 0), support };
  }
  const conf = new Map<string, number>();
  for (const p of pairs) if (p.gold !== p.pred) conf.set(`${p.gold}\t${p.pred}`, (conf.get(`${p.gold}\t${p.pred}`) ?? 0) + 1);
  const inScope = pairs.filter((p) => p.gold !== NONE);
  const oos = pairs.filter((p) => p.gold === NONE);
  let tp = 0; let fp = 0; let fn = 0;
  for (const p of pairs) {
    if (p.pred !== NONE && p.pred === p.gold) tp++;
    else { if (p.pred !== NONE) fp++; if (p.gold !== NONE) fn++; }
  }
  return {
    n: pairs.length,
    accuracy: r4(pairs.filter((p) => p.gold === p.pred).length / (pairs.length || 1)),
    inScopeAccuracy: r4(inScope.filter((p) => p.gold === p.pred).length / (inScope.length || 1)),
    oosRecall: r4(oos.filter((p) => p.pred === NONE).length / (oos.length || 1)),
    falseReject: r4(inScope.filter((p) => p.pred === NONE).length / (inScope.length || 1)),
    inScopeMicroF1: r4(tp ? (2 * tp) / (2 * tp + fp + fn) : 0),
    perIntent,
    confusions: [...conf].map(([k, count]) => { const [gold, pred] = k.split('\t') as [string, string]; return { gold, pred, count }; })
      .sort((a, b) => b.count - a.count || (a.gold + a.pred < b.gold + b.pred ? -1 : 1)),
  };
}

export interface EntityLike { type: string; value: string | number; relative?: boolean }

/** Exact match on (type, value, relative) as multisets; returns precision, recall, F1 and the counts. */
export function entityScores(items: { gold: EntityLike[]; pred: EntityLike[] }[]) {
  let tp = 0; let nGold = 0; let nPred = 0;
  const key = (e: EntityLike) => `${e.type}\t${typeof e.value === 'string' ? e.value.toLowerCase() : e.value}\t${e.relative ? 'rel' : ''}`;
  const misses: { gold: string[]; pred: string[] }[] = [];
  for (const it of items) {
    const g = it.gold.map(key);
    const p = it.pred.map(key);
    nGold += g.length; nPred += p.length;
    const left = [...g];
    let hit = 0;
    for (const k of p) { const i = left.indexOf(k); if (i >= 0) { left.splice(i, 1); hit++; } }
    tp += hit;
    if (hit !== g.length || hit !== p.length) misses.push({ gold: g, pred: p });
  }
  const precision = nPred ? tp / nPred : 1;
  const recall = nGold ? tp / nGold : 1;
  return { precision: r4(precision), recall: r4(recall), f1: r4(precision + recall ? (2 * precision * recall) / (precision + recall) : 0), gold: nGold, predicted: nPred, misses };
}

/** Stratified fold numbers, deterministic for a seed. */
export function folds(labels: string[], k: number, seed = 1): number[] {
  const rand = rng(seed);
  const out = new Array<number>(labels.length).fill(0);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => { if (!byLabel.has(l)) byLabel.set(l, []); byLabel.get(l)!.push(i); });
  let offset = 0;
  for (const l of [...byLabel.keys()].sort()) {
    const idx = byLabel.get(l)!;
    for (let i = idx.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [idx[i], idx[j]] = [idx[j]!, idx[i]!]; }
    idx.forEach((n, i) => { out[n] = (i + offset) % k; });
    offset += idx.length;
  }
  return out;
}

/** Out-of-fold scores for every example (k classifiers trained on the other folds). */
export async function outOfFold(examples: Example[], k: number, seed = 1): Promise<Scores[]> {
  const f = folds(examples.map((e) => e.label), k, seed);
  const out = new Array<Scores>(examples.length);
  for (let fold = 0; fold < k; fold++) {
    const train = examples.filter((_e, i) => f[i] !== fold);
    const clf = await IntentClassifier.train(train);
    examples.forEach((e, i) => { if (f[i] === fold) out[i] = clf.score(e.text); });
  }
  return out;
}

export function decideAll(scores: Scores[], cues: boolean[], d: DecisionSettings): string[] {
  return scores.map((s, i) => decide(s, cues[i] ?? false, d).intent);
}

export function formatReport(title: string, r: IntentReport, maxConfusions = 15): string {
  const lines = [`## ${title}`, `n=${r.n}  accuracy=${pct(r.accuracy)}  in-scope accuracy=${pct(r.inScopeAccuracy)}  ` +
    `in-scope micro-F1=${r.inScopeMicroF1.toFixed(3)}  out-of-scope recall=${pct(r.oosRecall)}  false rejection=${pct(r.falseReject)}`, '',
  `${'intent'.padEnd(22)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'F1'.padStart(6)} ${'n'.padStart(5)}`];
  for (const [l, m] of Object.entries(r.perIntent)) {
    lines.push(`${l.padEnd(22)} ${m.precision.toFixed(3).padStart(6)} ${m.recall.toFixed(3).padStart(6)} ${m.f1.toFixed(3).padStart(6)} ${String(m.support).padStart(5)}`);
  }
  if (r.confusions.length) {
    lines.push('', 'confusions (gold -> predicted: count):');
    for (const c of r.confusions.slice(0, maxConfusions)) lines.push(`  ${c.gold} -> ${c.pred}: ${c.count}`);
    if (r.confusions.length > maxConfusions) lines.push(`  ... ${r.confusions.length - maxConfusions} more pairs`);
  }
  return lines.join('\n');
}

export function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
