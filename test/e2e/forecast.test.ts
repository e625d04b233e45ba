// Forecasts on the demo cluster: the dump ships a week of usage (kind UsageHistory), seeded into a fresh store at
// start, so "when will it run out" has an answer from the first question — and seeding never overwrites samples.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { seedUsageHistory } from '../../src/dialogue/usage.js';
import { demoBot, play, textOf, type Bot } from './helpers.js';

let bot: Bot;
test.before(async () => { bot = await demoBot(); });
test.after(async () => { await bot?.close(); });

test('the demo forecasts prometheus-db and loki-chunks from the shipped history', async () => {
  const [prom, loki, kafka] = await play(bot.app, [
    { text: 'when will prometheus-db be full' }, { text: 'how full is loki-chunks and when will it run out' },
    { text: 'forecast for kafka-logs' }]);
  assert.match(textOf(prom!), /full in about 3 days at \+9\.\d GiB a day/);
  assert.match(textOf(loki!), /full in about 2 days/);
  assert.match(textOf(kafka!), /not growing/);
});

test('alerts name the volume that will be full within three days', async () => {
  const [alerts] = await play(bot.app, [{ text: 'any alerts?' }]);
  assert.match(textOf(alerts!), /prometheus-db[^\n]*full in about 3 days/i);
});

test("a mute is the channel's own: muted where it was set, still listed in another channel", async () => {
  const c = bot.app.defaultCluster!;
  await bot.app.store.alerts.mute({ teamId: c.team!, channelId: 'CMUTED', clusterId: c.id! }, { kind: 'pool', name: 'cstor-disk-pool-m2bd' },
    new Date(Date.now() + 3600_000));
  const [muted, other] = await Promise.all([
    play(bot.app, [{ channel: 'CMUTED', text: 'show alerts' }]), play(bot.app, [{ channel: 'COTHER', text: 'show alerts' }])]);
  assert.not.match(textOf(muted![0]!), /cstor-disk-pool-m2bd \(pool\)/);
  assert.match(textOf(other![0]!), /cstor-disk-pool-m2bd \(pool\)/);
});

test('seeding again writes nothing: volumes with samples keep their own', async () => {
  const c = bot.app.defaultCluster!;
  const written = await seedUsageHistory(bot.app.store, c.team!, c.id!, c.state().inventory!,
    [{ volume: 'monitoring/prometheus-db', points: [[-60, 1, 2]] }, { volume: 'no/such-volume', points: [[-60, 1, 2]] }]);
  assert.is(written, 0);
});

test.run();
