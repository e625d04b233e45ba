import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { extractEntities } from '../../src/nlu/entities/index.js';
import type { Entity, EntityType } from '../../src/nlu/types.js';

const of = (text: string, type: EntityType): Entity[] => extractEntities(text).filter((e) => e.type === type);
const one = (text: string, type: EntityType): Entity => {
  const es = of(text, type);
  assert.is(es.length, 1, `${text}: one ${type}, got ${JSON.stringify(extractEntities(text))}`);
  return es[0]!;
};
const none = (text: string, type: EntityType) => assert.equal(of(text, type), [], `${text}: no ${type}`);

const GI = 1024 ** 3;

test('size: binary Kubernetes quantities', () => {
  assert.is(one('expand pg-data to 50Gi', 'size').value, 50 * GI);
  assert.is(one('expand pg-data to 50 Gi', 'size').value, 50 * GI);
  assert.is(one('make it 512Mi', 'size').value, 512 * 1024 ** 2);
  assert.is(one('1.5 TiB please', 'size').value, 1649267441664);
  assert.is(one('set it to 2TiB', 'size').value, 2 * 1024 ** 4);
  assert.is(one('resize to 100 GiB', 'size').value, 100 * GI);
  assert.is(one('just 4Ki', 'size').value, 4096);
});

test('size: decimal units and casual words', () => {
  assert.is(one('grow to 100GB', 'size').value, 100e9);
  assert.is(one('grow to 10G', 'size').value, 10e9);
  assert.is(one('grow to 30M', 'size').value, 30e6);
  assert.is(one('add 500 megs', 'size').value, 500e6);
  assert.is(one('give it 20 gigs', 'size').value, 20e9);
  assert.is(one('1 gig is enough', 'size').value, 1e9);
  assert.is(one('2 terabytes', 'size').value, 2e12);
  assert.is(one('5 gigabytes', 'size').value, 5e9);
  assert.is(one('100 mb', 'size').value, 100e6);
  assert.ok(Number.isInteger(one('1.5 gb', 'size').value));
});

test('size: relative only when written as an amount to add', () => {
  for (const t of ['grow pg-data by 10Gi', 'add 10Gi to pg-data', 'pg-data +10Gi', 'give pg-data 10Gi more',
    'another 10Gi for pg-data', 'increase pg-data by 10Gi']) {
    const e = one(t, 'size');
    assert.is(e.value, 10 * GI, t);
    assert.is(e.relative, true, t);
  }
  for (const t of ['grow pg-data to 10Gi', 'resize pg-data 10Gi', 'set pg-data size 10Gi']) {
    assert.is(one(t, 'size').relative, undefined, t);
  }
  assert.is(one('pg-data +10Gi', 'size').text, '+10Gi');
});

test('size: not a size', () => {
  none('mute for 30m', 'size');
  none('3 replicas', 'size');
  none('85%', 'size');
  none('50 things', 'size');
});

test('duration: seconds', () => {
  assert.is(one('mute for 3 days', 'duration').value, 259200);
  assert.is(one('mute for a week', 'duration').value, 604800);
  assert.is(one('silence it for an hour', 'duration').value, 3600);
  assert.is(one('mute 2h', 'duration').value, 7200);
  assert.is(one('snooze 30m', 'duration').value, 1800);
  assert.is(one('mute for 90 minutes', 'duration').value, 5400);
  assert.is(one('mute 1d', 'duration').value, 86400);
  assert.is(one('growth over the last 2 weeks', 'duration').value, 1209600);
  assert.is(one('for a month', 'duration').value, 2592000);
  assert.is(one('for half an hour', 'duration').value, 1800);
  assert.is(one('for two hours', 'duration').value, 7200);
});

test('duration: not a duration', () => {
  none('mute until tomorrow', 'duration');
  none('good day', 'duration');
  none('per day growth', 'duration');
  none('30M', 'duration');
});

test('percent: 0-100', () => {
  assert.is(one('alert at 85%', 'percent').value, 85);
  assert.is(one('alert at 85 %', 'percent').value, 85);
  assert.is(one('over 90 percent', 'percent').value, 90);
  assert.is(one('above 85 pct', 'percent').value, 85);
  assert.is(one('above 85pct', 'percent').value, 85);
  assert.is(one('above 12.5%', 'percent').value, 12.5);
  assert.is(one('85%', 'percent').text, '85%');
  none('150% growth', 'percent');
  none('85 volumes', 'percent');
});

test('replicas: integer', () => {
  assert.is(one('set 3 replicas', 'replicas').value, 3);
  assert.is(one('keep three copies', 'replicas').value, 3);
  assert.is(one('replica count 2', 'replicas').value, 2);
  assert.is(one('set pg-data to 3 replicas', 'replicas').value, 3);
  assert.is(one('replicas: 4', 'replicas').value, 4);
  assert.is(one('replication factor of 3', 'replicas').value, 3);
  assert.is(one('one replica is enough', 'replicas').value, 1);
  assert.is(one('3-way replicated', 'replicas').value, 3);
  none('replica 1 of pg-data is offline', 'replicas');
  none('how many replicas does pg-data have', 'replicas');
});

test('numbers are claimed once: spans never overlap', () => {
  const es = extractEntities('grow by 10Gi, mute 2h, alert at 85%, 3 replicas');
  assert.equal(es.map((e) => e.type), ['size', 'duration', 'percent', 'replicas']);
  for (let i = 1; i < es.length; i++) assert.ok(es[i]!.start! >= es[i - 1]!.end!);
});

test('duration: "when you get a sec", "give me a minute" are a moment, not an amount', () => {
  none('could you expand nexus-blobs to 1.5Ti when you get a sec', 'duration');
  none('give me a minute', 'duration');
  none('wait a second, cancel that', 'duration');
  assert.is(one('mute pg-wal for a day', 'duration').value, 86400);
  assert.is(one('snooze it for an hour', 'duration').value, 3600);
  assert.is(one('mute pg-wal for a minute', 'duration').value, 60);
});

test.run();
