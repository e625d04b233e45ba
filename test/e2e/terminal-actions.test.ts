// The terminal is the operator's own: `mulebot start` (npm start) and `mulebot chat` on the bundled demo cluster carry
// out "snapshot pg-wal" -> yes; MULEBOT_DEFAULT_ACTIONS narrows it (and a bad value stops the start with the reason).
import knexPkg from 'knex';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TEST_DATABASE_URL } from '../helpers/db.js';
import { mulebot, schemaUrl as urlFor } from '../helpers/cli.js';

const schemas = ['a', 'b'].map((x) => `t_term_${x}_${process.pid}`);
const admin = knexPkg({ client: 'pg', connection: TEST_DATABASE_URL, pool: { min: 0, max: 1 } });

test.before(async () => { for (const s of schemas) await admin.raw(`create schema if not exists "${s}"`); });
test.after(async () => {
  for (const s of schemas) await admin.raw(`drop schema if exists "${s}" cascade`);
  await admin.destroy();
});

test('npm start\'s terminal on the demo: snapshot pg-wal, yes, created; MULEBOT_DEFAULT_ACTIONS=alerts refuses it; a bad value stops', async () => {
  const [open, narrowed, bad] = await Promise.all([
    mulebot(['start', '--database-url', urlFor(schemas[0]!)], 'snapshot pg-wal\nyes\n'),
    mulebot(['chat', '--database-url', urlFor(schemas[1]!)], 'snapshot pg-wal\nyes\n', { MULEBOT_DEFAULT_ACTIONS: 'alerts' }),
    mulebot(['start', '--memory'], 'snapshot pg-wal\n', { MULEBOT_DEFAULT_ACTIONS: 'yes' }),
  ]);
  assert.is(open.code, 0, open.stderr);
  assert.match(open.stdout, 'Go ahead?');
  assert.match(open.stdout, /Done: created VolumeSnapshot payments\/pg-wal-\d{8}-\d{4} of PVC pg-wal/);
  assert.is(narrowed.code, 0, narrowed.stderr);
  assert.match(narrowed.stdout, 'mulebot bind --team local --channel terminal --cluster demo --actions all');
  assert.match(narrowed.stdout, 'Nothing is waiting');
  assert.not.match(narrowed.stdout, 'Done');
  assert.is(bad.code, 2);
  assert.match(bad.stderr, 'MULEBOT_DEFAULT_ACTIONS must be one of none, alerts, all (got "yes")');
});

test.run();
