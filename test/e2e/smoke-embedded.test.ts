// Smoke run on the embedded store (PGlite in memory): the same bot, a few turns with context and a pending question.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { terminalActions } from '../../src/app/open.js';
import { demoBot, textOf, type Bot } from './helpers.js';

let bot: Bot;
// the terminal chat's own actions policy (`npm start` without Slack: the operator's terminal may act)
test.before(async () => {
  const actions = terminalActions({});
  assert.equal(actions, { defaultActions: 'all' });
  bot = await demoBot({ embedded: true, ...actions });
});
test.after(async () => { await bot?.close(); });

test('a short conversation on the embedded store', async () => {
  assert.is(bot.app.store.backend, 'pglite');
  const t = (text: string) => bot.app.handle({ team: 'local', channel: 'terminal', user: 'me', text }).then(textOf);
  assert.match(await t('how is the storage doing?'), 'spark-scratch');
  assert.match(await t('is it healthy?'), 'Which volume?');
  assert.match(await t('mysql-data'), 'mysql-data is Degraded');
  assert.match(await t('and its replicas?'), 'storage-3');
  assert.match(await t('snapshot it'), 'Go ahead?');
  assert.match(await t('yes'), /Done: created VolumeSnapshot data\/mysql-data-\d{8}-\d{4} of PVC mysql-data/);
  // the audit trail on PGlite too
  assert.equal((await bot.app.store.audit.list('local')).map((r) => [r.action, r.outcome, r.userId]), [['snapshot.create', 'done', 'me']]);
  const row = await bot.app.store.conversations.get<any>({ teamId: 'local', channelId: 'terminal' });
  assert.is(row?.state.last.volume, 'mysql-data');
});

test.run();
