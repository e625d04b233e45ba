import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { compileVocabulary } from '../../src/nlu/entities/index.js';
import { DEFAULT_CORPUS, loadNlu } from '../../src/nlu/index.js';
import { cleanSlack } from '../../src/nlu/text.js';
import type { Vocabulary } from '../../src/nlu/types.js';

const nlu = loadNlu();
const vocab = compileVocabulary(JSON.parse(readFileSync(join(DEFAULT_CORPUS, 'vocab-demo.json'), 'utf8')) as Vocabulary);

test('Slack formatting is stripped before understanding', () => {
  assert.is(cleanSlack('<@U123ABC> is <#C42|general> *ok*'), 'is general ok');
  assert.is(cleanSlack('see <https://example.com/x|the docs> and `kubectl get pv`'), 'see the docs and kubectl get pv');
  assert.is(cleanSlack('<!here> _resize_ ~it~ &amp; go'), 'resize it & go');
  assert.is(cleanSlack('<@U9|bob> ```list vols```'), 'list vols');
});

test('in-scope questions with vocabulary names', () => {
  const u = nlu.understand('<@U123ABC> which volumes are degraded in payments', vocab);
  assert.is(u.intent, 'volume.list');
  assert.ok(u.entities.some((e) => e.type === 'namespace' && e.value === 'payments'));
  assert.is(nlu.understand('how full is `kafka-logs`', vocab).intent, 'volume.usage');
  assert.is(nlu.understand('*list storage classes*', vocab).intent, 'storageclass.list');
});

test('entity offsets point into the text as given', () => {
  const text = '<@U1> is *mysql-data* healthy';
  const u = nlu.understand(text, vocab);
  const e = u.entities.find((x) => x.type === 'volume');
  assert.ok(e);
  assert.is(text.slice(e!.start, e!.end), 'mysql-data');
  assert.is(u.text, text);
});

test('out-of-scope questions get None', () => {
  for (const t of ['what is the weather in paris', 'tell me a joke about cats', 'restart the nginx deployment', 'order me a pizza']) {
    assert.is(nlu.understand(t, vocab).intent, 'None', t);
  }
});

// Conversational shorthand and the close pairs (none of these lines is in the training corpus).
test('shorthand replies and close pairs', () => {
  const cases: [string, string][] = [
    ['yup, go for it', 'confirm'], ['kk, do it', 'confirm'],
    ['nah, forget it then', 'cancel'], ['nvm, leave it', 'cancel'], ['nope, abort', 'cancel'],
    ['tysm!!', 'thanks'], ['thx a lot mate', 'thanks'],
    ['halp plz', 'help'], ['what can u do for me', 'help'],
    ['alerts for mysql-data please', 'alert.list'], ['mute mysql-data alerts for 2h', 'alert.mute'],
    ['latest snap of mysql-data', 'snapshot.list'], ['snapshot mysql-data now', 'snapshot.create'],
    ['pvs in namespace payments pls', 'volume.list'], ['from now on work in payments', 'context.use'],
    ['cancel my netflix', 'None'], ['stop the nginx container', 'None'], ['help me with css', 'None'],
  ];
  for (const [t, intent] of cases) assert.is(nlu.understand(t, vocab).intent, intent, t);
});

test('alternatives are in-scope intents, best first', () => {
  const u = nlu.understand('is mysql-data ok', vocab);
  assert.ok(u.alternatives.length > 0);
  assert.ok(u.alternatives.every((a) => a.intent !== ('None' as string)));
  for (let i = 1; i < u.alternatives.length; i++) assert.ok(u.alternatives[i - 1]!.score >= u.alternatives[i]!.score);
});

// Bad input: None (or help) in bounded time, never a throw. Bounded = no pathological slowdown; the bench
// script measures latency, here only the outcome is asserted.
const NONE_OR_HELP = new Set(['None', 'help']);

test('empty and whitespace input', () => {
  for (const t of ['', '   ', '\n\t', '<@U123ABC>', '``', '**']) {
    const u = nlu.understand(t, vocab);
    assert.is(u.intent, 'None', JSON.stringify(t));
    assert.equal(u.entities, []);
  }
  assert.is(nlu.understand(undefined as unknown as string).intent, 'None');
});

test('40 KB of text', () => {
  const big = 'lorem ipsum dolor sit amet volume '.repeat(1200);
  assert.ok(big.length > 40_000);
  const u = nlu.understand(big, vocab);
  assert.ok(NONE_OR_HELP.has(u.intent) || typeof u.intent === 'string');
  const noise = 'x'.repeat(41_000);
  assert.ok(NONE_OR_HELP.has(nlu.understand(noise, vocab).intent));
});

test('control characters', () => {
  const u = nlu.understand('\u0000\u0001\u0007\u001b[31m\u007f\u200b', vocab);
  assert.is(u.intent, 'None');
  assert.is(nlu.understand('is\u0000 mysql-data\u0007 healthy\u001b', vocab).intent, 'volume.status');
});

test('other languages', () => {
  for (const t of ['¿dónde está la biblioteca?', 'Wie spät ist es?', '今日はいい天気ですね', 'Как дела?', 'مرحبا كيف حالك']) {
    assert.ok(NONE_OR_HELP.has(nlu.understand(t, vocab).intent), t);
  }
});

test('emoji only', () => {
  for (const t of ['🙂', '🚀🚀🚀', ':thumbsup:', '👍🏽 🎉']) {
    assert.ok(NONE_OR_HELP.has(nlu.understand(t, vocab).intent), t);
  }
});

test('a name said twice is one entity', () => {
  const u = nlu.understand('what storage is the logging team using, list every volume in the logging ns', vocab);
  assert.equal(u.entities.filter((e) => e.type === 'namespace').map((e) => e.value), ['logging']);
});

test('our verbs on other kinds of objects are out of scope; storage objects keep them in', () => {
  for (const t of ['grow the jvm heap to 4g', 'resize the ec2 instance to m5.xlarge', 'delete namespace test-env-3',
    'create a new namespace called sandbox', 'snapshot the build vm before patching', 'how full is the rabbitmq queue',
    'generate a cronjob manifest that runs hourly', 'give the ci serviceaccount edit rights in ns payments']) {
    assert.is(nlu.understand(t, vocab).intent, 'None', t);
  }
  assert.is(nlu.understand('grow pg-wal to 40Gi', vocab).intent, 'volume.expand');
  assert.is(nlu.understand('list the pvcs used by the argo pipelines', vocab).intent, 'volume.list');
  assert.is(nlu.understand('grow the jenkins pvc to 40Gi', vocab).intent, 'volume.expand');
  assert.is(nlu.understand('switch to namespace payments', vocab).intent, 'context.use');
});

test.run();
