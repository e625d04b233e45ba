import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { compileVocabulary, extractEntities, maskEntities, suggestNames } from '../../src/nlu/entities/index.js';
import type { Entity, Vocabulary } from '../../src/nlu/types.js';

const demo: Vocabulary = JSON.parse(readFileSync(new URL('../../corpus/vocab-demo.json', import.meta.url), 'utf8'));
const vocab = compileVocabulary(demo);

test('maskEntities: each span becomes %type%', () => {
  const text = 'grow pg-data by 10Gi';
  assert.is(maskEntities(text, extractEntities(text, vocab)), 'grow %volume% by %size%');
  const t2 = 'list degraded cstor vols in payments on worker-2';
  assert.is(maskEntities(t2, extractEntities(t2, vocab)), 'list %health% %engine% vols in %namespace% on %node%');
  const t3 = 'mute for 2h, alert at 85%, keep three copies';
  assert.is(maskEntities(t3, extractEntities(t3, vocab)), 'mute for %duration%, alert at %percent%, keep %replicas%');
});

test('maskEntities: entities without offsets are found by text; unknown ones are ignored', () => {
  const es: Entity[] = [
    { type: 'volume', value: 'pg-data', text: 'pg-data' },
    { type: 'size', value: 1, text: '10Gi' },
    { type: 'node', value: 'x', text: 'not-there' },
  ];
  assert.is(maskEntities('grow pg-data by 10Gi', es), 'grow %volume% by %size%');
  assert.is(maskEntities('nothing here', []), 'nothing here');
  // overlapping spans: the first wins
  const over: Entity[] = [
    { type: 'volume', value: 'a', text: 'kafka-logs-1', start: 5, end: 17 },
    { type: 'volume', value: 'b', text: 'kafka-logs', start: 5, end: 15 },
  ];
  assert.is(maskEntities('grow kafka-logs-1 now', over), 'grow %volume% now');
});

test('compileVocabulary: tolerates junk and duplicates', () => {
  const v = compileVocabulary({
    volume: ['pg-data', 'PG-DATA', '', '  ', 'has space', 42 as unknown as string, 'ok-name '],
    node: undefined,
    namespace: ['pg-data'],
  });
  assert.is(v.size, 2);
  assert.equal(v.exact.get('pg-data')!.types, ['volume', 'namespace']);
  assert.ok(v.exact.has('ok-name'));
  assert.is(compileVocabulary({}).size, 0);
  assert.equal(extractEntities('grow pg-data', compileVocabulary({})).map((e) => e.source), ['pattern']);
});

test('suggestNames: did-you-mean, best first, of the asked type', () => {
  assert.is(suggestNames('kafak-logs', 'volume', vocab)[0], 'kafka-logs');
  assert.is(suggestNames('mysql-dta', 'volume', vocab)[0], 'mysql-data');
  assert.is(suggestNames('promethues', 'volume', vocab)[0], 'prometheus-db');
  assert.is(suggestNames('wroker-3', 'node', vocab)[0], 'worker-3');
  assert.is(suggestNames('prod-est', 'cluster', vocab)[0], 'prod-east');
  // a fragment suggests the names it starts
  const es = suggestNames('es-data', 'volume', vocab, 5);
  assert.ok(['es-data-0', 'es-data-1', 'es-data-2'].every((n) => es.includes(n)), JSON.stringify(es));
  // type filter and k
  assert.ok(!suggestNames('kafka', 'volume', vocab).includes('kafka'));
  assert.equal(suggestNames('kafka', 'namespace', vocab, 1), ['kafka']);
  assert.is(suggestNames('es-data', 'volume', vocab, 2).length, 2);
  assert.equal(suggestNames('', 'volume', vocab), []);
  assert.equal(suggestNames('x', 'volume', vocab), []);
  assert.equal(suggestNames('zzzzzzzzzzzzzzzz', 'volume', vocab), []);
  assert.equal(suggestNames('pg-data', 'volume', compileVocabulary({})), []);
  assert.equal(suggestNames('pg-data', 'volume', vocab, 0), []);
});

test('suggestNames: uses only the tenant vocabulary', () => {
  const a = compileVocabulary({ volume: ['alpha-store'] });
  const b = compileVocabulary({ volume: ['beta-store'] });
  assert.equal(suggestNames('alpha-stor', 'volume', a), ['alpha-store']);
  assert.ok(!suggestNames('alpha-stor', 'volume', b).includes('alpha-store'));
});

test('bad input: empty, huge, control characters, emoji, other scripts', () => {
  assert.equal(extractEntities('', vocab), []);
  assert.equal(extractEntities('   \n\t ', vocab), []);
  assert.equal(extractEntities('😀🔥💾'.repeat(5000), vocab), []);
  assert.equal(extractEntities(Array.from({ length: 40_000 }, (_, i) => String.fromCharCode(i % 32)).join(''), vocab), []);
  const big = 'grow pg-data by 10Gi '.repeat(2000);
  const es = extractEntities(big, vocab);
  assert.ok(es.length > 0 && es.length < 1000);
  assert.equal(es.slice(0, 2).map((e) => e.type), ['volume', 'size']);
  // a single 40 KB token
  assert.equal(extractEntities('a'.repeat(40_000), vocab), []);
  assert.equal(extractEntities('x-'.repeat(20_000), vocab).length <= 1, true);
  assert.equal(extractEntities('состояние тома pg-data', vocab).map((e) => e.value), ['pg-data']);
  assert.equal(extractEntities('ボリュームの状態', vocab), []);
  assert.equal(extractEntities('pg-data\u0000\u0007 by 10Gi', vocab).map((e) => e.type), ['volume', 'size']);
});

test.run();
