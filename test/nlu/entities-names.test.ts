import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { compileVocabulary, extractEntities, type VocabIndex } from '../../src/nlu/entities/index.js';
import type { Entity, Vocabulary } from '../../src/nlu/types.js';

const demo: Vocabulary = JSON.parse(readFileSync(new URL('../../corpus/vocab-demo.json', import.meta.url), 'utf8'));
const vocab = compileVocabulary(demo);
const names = (text: string, v: VocabIndex | null = vocab) => extractEntities(text, v ?? undefined)
  .filter((e) => ['volume', 'namespace', 'cluster', 'node', 'pool', 'storageclass', 'snapshot'].includes(e.type))
  .map((e) => `${e.type}=${e.value}/${e.source}`);

test('vocabulary: exact, case-insensitive, value is the vocabulary spelling', () => {
  assert.equal(names('grow kafka-logs by 5Gi'), ['volume=kafka-logs/vocab']);
  assert.equal(names('status of KAFKA-LOGS'), ['volume=kafka-logs/vocab']);
  assert.equal(names('vols on worker-3 in monitoring'), ['node=worker-3/vocab', 'namespace=monitoring/vocab']);
  assert.equal(names('pools on storage-2'), ['node=storage-2/vocab']);
  assert.equal(names('which pvcs use openebs-lvmpv'), ['storageclass=openebs-lvmpv/vocab']);
  assert.equal(names('delete snapshot pg-wal-snap-1'), ['snapshot=pg-wal-snap-1/vocab']);
  assert.equal(names('use prod-east'), ['cluster=prod-east/vocab']);
  assert.equal(names('pool cstor-disk-pool-7xkq status'), ['pool=cstor-disk-pool-7xkq/vocab']);
});

test('vocabulary: longest match wins, on token boundaries', () => {
  assert.equal(names('grow kafka-logs-1 by 5Gi'), ['volume=kafka-logs-1/vocab']);
  assert.equal(names('kafka-logs-1, kafka-logs.'), ['volume=kafka-logs-1/vocab', 'volume=kafka-logs/vocab']);
  // a longer unknown token is not the known name inside it
  assert.ok(!names('status of kafka-logs-10').some((n) => n.startsWith('volume=kafka-logs/') || n.startsWith('volume=kafka-logs-1/')));
  assert.ok(!names('status of xkafka-logs').includes('volume=kafka-logs/vocab'));
  // a volume name is not the engine or the pool it contains
  assert.equal(extractEntities('describe mayastor-3', vocab).map((e) => e.type), ['storageclass']);
});

test('vocabulary: names that are also common words need a cue', () => {
  assert.equal(names('list vols in data'), ['namespace=data/vocab']);
  assert.equal(names('volumes in the default namespace'), ['namespace=default/vocab']);
  assert.equal(names('show data for pg-wal'), ['volume=pg-wal/vocab']);
  assert.equal(names('set the default ns to logging'), ['namespace=logging/vocab']);
});

test('vocabulary: namespace/name is one volume, as written', () => {
  assert.equal(names('is payments/orders-db ok'), ['volume=payments/orders-db/vocab']);
  assert.equal(names('describe payments/ledger-x'), ['volume=payments/ledger-x/vocab']);
});

test('PV names', () => {
  const pv = 'pvc-0b6f7c2e-1f1a-4f57-9a3c-3c7e0d5e2a11';
  assert.equal(names(`status of ${pv}`), [`volume=${pv}/pattern`]);
  assert.equal(names(`status of ${pv.toUpperCase()}`), [`volume=${pv.toUpperCase()}/pattern`]);
});

test('fuzzy: a unique close name, with the vocabulary spelling', () => {
  assert.equal(names('status of mysql-dta'), ['volume=mysql-data/fuzzy']);
  assert.equal(names('grow kafak-logs by 5Gi'), ['volume=kafka-logs/fuzzy']);
  assert.equal(names('volumes in payemnts'), ['namespace=payments/fuzzy']);
  assert.equal(names('volumes in kafak namespace'), ['namespace=kafka/fuzzy']);
  assert.equal(names('list vols in namespace logigng'), ['namespace=logging/fuzzy']);
  assert.equal(names('describe promethues-db'), ['volume=prometheus-db/fuzzy']);
  assert.equal(names('use prod-eats'), ['cluster=prod-east/fuzzy']);
});

test('fuzzy: ambiguous or different names are not forced onto the vocabulary', () => {
  // es-data-0/1/2 are all one edit away: ambiguous, and digits differ anyway
  assert.equal(names('status of es-data-7'), ['volume=es-data-7/pattern']);
  assert.equal(names('status of kafka-logs-2'), ['volume=kafka-logs-2/pattern']);
  assert.equal(names('usage for vol media-cache'), ['volume=media-cache/phrase']);
  // English words are not misspelled names ("date" vs the namespace "data")
  assert.equal(names('what is the date'), []);
  // two candidates at the same distance: no fuzzy match
  const v = compileVocabulary({ volume: ['app-blue', 'app-glue'] });
  assert.ok(!names('status of app-flue', v).some((n) => n.endsWith('/fuzzy')));
  assert.equal(names('status of app-bleu', v), ['volume=app-blue/fuzzy']);
});

test('phrasing alone, with no vocabulary', () => {
  const p = (t: string) => names(t, null);
  assert.equal(p('status of volume foo-bar'), ['volume=foo-bar/phrase']);
  assert.equal(p('describe pvc foo-bar'), ['volume=foo-bar/phrase']);
  assert.equal(p('how full is vol scratch'), ['volume=scratch/phrase']);
  assert.equal(p('list volumes in ns payments'), ['namespace=payments/phrase']);
  assert.equal(p('namespace shop'), ['namespace=shop/phrase']);
  assert.equal(p('what is in the billing namespace'), ['namespace=billing/phrase']);
  assert.equal(p('kubectl -n shop volumes'), ['namespace=shop/phrase']);
  assert.equal(p('volumes on node worker-9'), ['node=worker-9/phrase']);
  assert.equal(p('node gpu-2 volumes'), ['node=gpu-2/phrase']);
  assert.equal(p('pool tank-a status'), ['pool=tank-a/phrase']);
  assert.equal(p('health of cluster qa-central'), ['cluster=qa-central/phrase']);
  assert.equal(p('volumes using sc fast-ssd'), ['storageclass=fast-ssd/phrase']);
  assert.equal(p('volumes using storage class fast-ssd'), ['storageclass=fast-ssd/phrase']);
  assert.equal(p('delete snapshot nightly-42'), ['snapshot=nightly-42/phrase']);
  assert.equal(p('snapshot web-cache'), ['volume=web-cache/phrase']);
  assert.equal(p('pvc web-cache in ns shop'), ['volume=web-cache/phrase', 'namespace=shop/phrase']);
  assert.equal(p('pvc web-cache in shop'), ['volume=web-cache/phrase', 'namespace=shop/phrase']);
  assert.equal(p('snap data/minio-store called minio-before-gc'), ['volume=data/minio-store/pattern', 'snapshot=minio-before-gc/phrase']);
});

test('bare k8s-looking names in a storage sentence', () => {
  const p = (t: string) => names(t, null);
  assert.equal(p('how full is cart-db-0'), ['volume=cart-db-0/pattern']);
  assert.equal(p('grow cart-db by 5Gi'), ['volume=cart-db/pattern']);
  assert.equal(p('what happened to shop/cart-db'), ['volume=shop/cart-db/pattern']);
  // an unknown name shaped like known nodes is a node
  assert.equal(names('volumes on worker-12'), ['node=worker-12/pattern']);
});

test('near misses: no volume for other Kubernetes work or plain words', () => {
  for (const t of ['logs of pod web-1', 'restart deployment api-2', 'scale api to 5 replicas', 'tail logs for api-2',
    'show me the volume groups', 'what zfs pools exist', 'show connected clusters', 'enumerate clusters',
    'the sales volume for this year', 'turn the volume up', 'follow-up on that', 'rm snap old-snap-42',
    'trash snapshot old-snap-42', 'are we good storage-wise', 're-enable alerting']) {
    const got = extractEntities(t).filter((e) => e.type === 'volume' || e.type === 'cluster' || (e.type === 'snapshot' && !e.text.includes('old-snap')));
    assert.equal(got, [], t);
  }
});

test('other infrastructure work gets no entities at all, storage words keep them', () => {
  for (const t of ['cpu of node worker-2', 'show me pods in payments', 'scale api to 5 replicas', 'drain node storage-3',
    'kubectl get deployments in kafka', 'list services in default', 'use the staging branch in git',
    'tail the logs of the kafka broker', 'restart deployment api-2 in payments']) {
    assert.equal(extractEntities(t, vocab), [], t);
  }
  assert.equal(names('which pods use volume pg-data'), ['volume=pg-data/vocab']);
  assert.equal(names('restart the pod using pg-data'), ['volume=pg-data/vocab']);
  assert.equal(names('volumes of the api deployment in payments'), ['namespace=payments/vocab']);
});

test('a name is never a number or a size', () => {
  const v = compileVocabulary({ volume: ['10gi', '42', 'pg-data'] });
  const es = extractEntities('grow pg-data to 10gi, 42 of them', v);
  assert.equal(es.map((e) => e.type), ['volume', 'size']);
  assert.equal(names('volume 50Gi', null), []);
  assert.equal(names('volume 42', null), []);
});

test('per-tenant isolation and rebuilding', () => {
  const a = compileVocabulary({ volume: ['alpha-store'], namespace: ['acme'] });
  const b = compileVocabulary({ volume: ['beta-store'], namespace: ['bolt'] });
  assert.equal(names('status of alpha-store in acme', a), ['volume=alpha-store/vocab', 'namespace=acme/vocab']);
  // tenant b never sees tenant a's names as vocabulary (a k8s-looking name is still read from phrasing)
  assert.equal(names('status of alpha-store in acme', b), ['volume=alpha-store/pattern']);
  assert.equal(names('status of alpha-stor', a), ['volume=alpha-store/fuzzy']);
  assert.ok(!names('status of alpha-stor', b).some((n) => n.includes('alpha-store')));
  // names change: rebuild, and the new index knows the new names only
  const a2 = compileVocabulary({ volume: ['alpha-store', 'gamma-logs'], namespace: [] });
  assert.equal(names('grow gamma-logs by 1Gi', a2), ['volume=gamma-logs/vocab']);
  assert.equal(names('grow gamma-logs by 1Gi', a), ['volume=gamma-logs/pattern']);
  assert.equal(names('status of gama-logs', a2), ['volume=gamma-logs/fuzzy']);
  assert.equal(names('volumes in acme', a2), ['namespace=acme/phrase']); // from phrasing now, not the vocabulary
});

test('one name in two types: the phrasing picks the type', () => {
  const v = compileVocabulary({ namespace: ['staging'], cluster: ['staging'] });
  assert.equal(names('switch to cluster staging', v), ['cluster=staging/vocab']);
  assert.equal(names('volumes in the staging namespace', v), ['namespace=staging/vocab']);
});

test('invariants over the held-out texts: sorted, non-overlapping, spans match the text', () => {
  const url = new URL('../../corpus/tests/heldout.jsonl', import.meta.url);
  let lines: string[] = [];
  try { lines = readFileSync(url, 'utf8').split('\n').filter(Boolean); } catch { /* not there yet */ }
  const texts = lines.map((l) => (JSON.parse(l) as { text: string }).text);
  texts.push('grow kafka-logs-1 by 10Gi and mute for 2h at 85% with 3 replicas on worker-2 in payments');
  for (const text of texts) {
    const es: Entity[] = extractEntities(text, vocab);
    for (let i = 0; i < es.length; i++) {
      const e = es[i]!;
      assert.is(text.slice(e.start!, e.end!), e.text, text);
      if (i > 0) assert.ok(e.start! >= es[i - 1]!.end!, `overlap in ${text}`);
    }
  }
});

test('English words are not names: -ed/-ly after a noun, clitics, -ing typos with no cue', () => {
  assert.equal(names('so the orders-db volume flapped a few times'), ['volume=orders-db/vocab']);
  assert.equal(names('mute warnings for spark-scratch, it is a scratch vol anyway'), ['volume=spark-scratch/vocab']);
  assert.equal(names("what sc's can i pick from"), []);
  assert.equal(names("it's the pvc definition i need"), []);
  // "lagging" is one letter from the namespace "logging", but it is a word here
  assert.equal(names('where is each replica of keycloak-db and is any lagging behind'), ['volume=keycloak-db/vocab']);
  assert.equal(names('vols in loging'), ['namespace=logging/fuzzy']);
});

test('"change namespace to x" and "switch the cluster to x" name the new context', () => {
  assert.equal(names('change namespace to checkout-v2'), ['namespace=checkout-v2/phrase']);
  assert.equal(names('switch the cluster to dev-7'), ['cluster=dev-7/phrase']);
});

test('typos of common words, short codes and verbs are not names; "ctx" is a cluster noun', () => {
  assert.equal(names('pool staus cstor-disk-pool-z9rt pls'), ['pool=cstor-disk-pool-z9rt/vocab']);
  assert.equal(names('summarize cluster helth pls'), []);
  assert.equal(names('which cluster environments can you see'), []);
  assert.equal(names('which storage classes allow volume expansion'), []);
  assert.equal(names("what's the p99 latency of the checkout api"), []);
  assert.equal(names('roll a d20'), []);
  assert.equal(names("what's the connection pool size for pgbouncer"), []);
  assert.equal(names('write a pvc asking for 2Ti with sc openebs-lvmpv'), ['storageclass=openebs-lvmpv/vocab']);
  assert.equal(names('switch ctx to qa-2'), ['cluster=qa-2/phrase']);
  assert.equal(names('create volumesnapshot of pg-wal called pm-before-vacuum'), ['volume=pg-wal/vocab', 'snapshot=pm-before-vacuum/phrase']);
});

test.run();
