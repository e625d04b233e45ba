import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileVocabulary, extractEntities, extractEntitiesWith } from '../../src/nlu/entities/index.js';
import type { EntityType } from '../../src/nlu/types.js';

const vocab = compileVocabulary({ volume: ['pg-wal', 'pg-data', 'kafka-logs'], pool: ['zfspv-pool'], namespace: ['payments'] });
const values = (text: string, type: EntityType) => extractEntities(text, vocab).filter((e) => e.type === type).map((e) => e.value);

test('engine: canonical names and synonym families', () => {
  const cases: [string, string][] = [
    ['list cstor volumes', 'cstor'], ['any c-stor vols', 'cstor'], ['list cStor pools', 'cstor'],
    ['show jiva volumes', 'jiva'],
    ['list localpv-hostpath volumes', 'localpv-hostpath'], ['hostpath vols', 'localpv-hostpath'],
    ['local hostpath volumes', 'localpv-hostpath'], ['localpv hostpath volumes', 'localpv-hostpath'],
    ['device volumes in payments', 'localpv-device'], ['localpv-device volumes', 'localpv-device'],
    ['lvm volumes', 'localpv-lvm'], ['lvm-localpv vols', 'localpv-lvm'], ['localpv lvm volumes', 'localpv-lvm'],
    ['zfs volumes', 'localpv-zfs'], ['zfs-localpv vols', 'localpv-zfs'], ['zfspv volumes', 'localpv-zfs'],
    ['localpv-zfs please', 'localpv-zfs'],
    ['mayastor volumes', 'mayastor'], ['replicated pv volumes', 'mayastor'], ['all replicated volumes', 'mayastor'],
  ];
  for (const [text, engine] of cases) assert.equal(values(text, 'engine'), [engine], text);
});

test('engine: one entity for a multi-word synonym, none inside a name', () => {
  const es = extractEntities('list replicated pv volumes');
  assert.equal(es.map((e) => [e.type, e.text]), [['engine', 'replicated pv']]);
  assert.equal(values('volumes in zfspv-pool', 'engine'), []);
  assert.equal(values('attach a block device', 'engine'), []);
  assert.equal(values('what device is pg-data on', 'engine'), []);
  assert.equal(values('is pg-data replicated', 'engine'), []);
  assert.equal(values('volumes backed by device', 'engine'), ['localpv-device']);
});

test('health: canonical states as filters', () => {
  const cases: [string, string][] = [
    ['which volumes are degraded', 'degraded'], ['list offline volumes', 'offline'], ['show faulted pools', 'faulted'],
    ['what is rebuilding right now', 'rebuilding'], ['any pending pvcs', 'pending'], ['list healthy volumes', 'healthy'],
    ['list unhealthy vols', 'unhealthy'],
  ];
  for (const [text, h] of cases) assert.equal(values(text, 'health'), [h], text);
});

test('health: synonym families', () => {
  const cases: [string, string][] = [
    ['anything broken in payments', 'unhealthy'], ['which vols are in trouble', 'unhealthy'],
    ['list vols that are not ok', 'unhealthy'], ['which volumes are not healthy', 'unhealthy'],
    ['show bad volumes', 'unhealthy'], ['what is failing', 'unhealthy'], ['any sick volumes', 'unhealthy'],
    ['list problematic pvcs', 'unhealthy'],
    ['which nodes are down', 'offline'], ['list failed volumes', 'faulted'],
    ['which volumes are resyncing', 'rebuilding'], ['anything resilvering', 'rebuilding'], ['which are syncing', 'rebuilding'],
    ['which pvcs are stuck', 'pending'], ['list vols stuck provisioning', 'pending'],
    ['which volumes are ok', 'healthy'], ['list the fine ones', 'healthy'], ['show good volumes', 'healthy'],
  ];
  for (const [text, h] of cases) assert.equal(values(text, 'health'), [h], text);
});

test('health: the strict filter rule drops state words in yes/no and why questions about one object', () => {
  const strict = (t: string) => extractEntitiesWith(t, vocab, {}).filter((e) => e.type === 'health').map((e) => e.value);
  for (const t of ['is pg-wal healthy', 'is pg-wal ok', 'is it degraded', 'why is pg-wal degraded',
    'is zfspv-pool healthy', 'is pool zfspv-pool degraded', 'pg-wal healthy?', 'is this volume broken']) {
    assert.equal(strict(t), [], t);
  }
  // the default keeps strong state words in questions (the corpus convention); weak ones stay filters only
  assert.equal(values('is pg-wal healthy', 'health'), ['healthy']);
  assert.equal(values('is pg-wal ok', 'health'), []);
  // ...but the same words are filters when the question is about many
  assert.equal(values('is anything degraded', 'health'), ['degraded']);
  assert.equal(values('are any volumes degraded in payments', 'health'), ['degraded']);
  assert.equal(values('which volume is degraded', 'health'), ['degraded']);
  assert.equal(values('volumes in payments that are in trouble', 'health'), ['unhealthy']);
});

test('health: the option that keeps state words in questions too', () => {
  const h = (t: string) => extractEntitiesWith(t, vocab, { inQuestions: true }).filter((e) => e.type === 'health').map((e) => e.value);
  assert.equal(h('is pg-wal healthy'), ['healthy']);
  assert.equal(h('why is it faulted'), ['faulted']);
  assert.equal(h('is pg-wal ok'), []); // weak words stay filters only
});

test('health: chat and verbs are not health', () => {
  for (const t of ['ok thanks', 'good morning', 'fine', 'looks good to me', 'scale down the api', 'shut down worker-2',
    'it failed to connect', 'not bad', 'ok', 'good job', 'which clusters are online']) {
    assert.equal(values(t, 'health'), [], t);
  }
});

test('engine and health typos', () => {
  assert.equal(values('list mayastore volumes', 'engine'), ['mayastor']);
  assert.equal(values('which vols are degarded', 'health'), ['degraded']);
  assert.equal(values('list the kafka broker', 'health'), []);
});

test.run();
