// The alert message within Slack's limits whatever the burst, the resolved note, the terminal sink and the
// default-channel setting.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { PassThrough } from 'node:stream';
import { alertMessage, followupMessage, parseAlertChannels, terminalSink } from '../../src/alerts/index.js';
import type { Alert } from '../../src/commands/types.js';
import type { Followup } from '../../src/store/index.js';
import { validateMessage } from '../render/validate.js';

const alert = (i: number, severity: Alert['severity'] = 'warning'): Alert => ({ key: `replica-lost/ns/vol-${i}`, kind: 'replica-lost', severity,
  target: { kind: 'volume', name: `ns/vol-${i}` }, message: '1 of 3 replicas healthy' });

test('a burst of 500 alerts and 800 resolved: one message within 50 blocks and 3,000 characters a section, worst first', () => {
  const fresh = Array.from({ length: 500 }, (_, i) => alert(i, i === 499 ? 'critical' : 'warning'));
  const r = alertMessage('prod-east', fresh, Array.from({ length: 800 }, (_, i) => `pool-filling/pool-${i}`), new Date());
  assert.ok(r.blocks.length <= 50, `${r.blocks.length} blocks`);
  for (const b of r.blocks) {
    const t = (b as any).text?.text as string | undefined;
    if (t) assert.ok(t.length <= 3000, `${t.length} characters`);
  }
  assert.ok(r.text.indexOf('vol-499') >= 0 && r.text.indexOf('vol-499') < r.text.indexOf('vol-0'), 'the critical one first');
  assert.match(r.text, /Resolved on prod-east/);
  assert.match(r.text, /and \d+ more/);
});

test('only resolved: a short note naming each target', () => {
  const r = alertMessage('prod-east', [], ['replica-lost/data/mongo-rs0', 'pool-filling/cstor-disk-pool-7xkq'], new Date());
  assert.is(r.blocks.length, 1);
  assert.match(r.text, /data\/mongo-rs0 — replicas back/);
  assert.match(r.text, /cstor-disk-pool-7xkq — below the fill threshold/);
});

test('the terminal sink prints with a bell; JSON mode prints one object a line', async () => {
  const out = new PassThrough();
  let s = '';
  out.on('data', (d) => { s += d; });
  const reply = alertMessage('prod-east', [alert(1)], [], new Date());
  await terminalSink(out).post({ team: 'local', channel: 'terminal' }, reply);
  assert.ok(s.startsWith('🔔 '), s);
  assert.not.ok(s.startsWith('🔔 🔔'), s);
  assert.match(s, /ns\/vol-1/);
  s = '';
  await terminalSink(out, { json: true }).post({ team: 'local', channel: 'terminal' }, reply);
  const o = JSON.parse(s);
  assert.is(o.alert, true);
  assert.is(o.channel, 'terminal');
});

test('MULEBOT_ALERT_CHANNEL: "CHANNEL" or "TEAM/CHANNEL", comma-separated', () => {
  assert.equal(parseAlertChannels('C1, T9/C2,,', 'local'), [{ team: 'local', channel: 'C1' }, { team: 'T9', channel: 'C2' }]);
  assert.equal(parseAlertChannels(undefined, 'local'), []);
});

const AT = new Date('2026-11-24T06:10:00Z');
const GiB = 2 ** 30;
const followup = (o: Partial<Followup>): Followup => ({ id: 'f1', teamId: 'local', clusterId: 'c1', clusterName: 'prod-east', postTeam: 'local',
  channelId: 'C1', threadTs: null, userId: 'U1', kind: 'resize-done', target: 'payments/pg-data', source: null, fromBytes: 200 * GiB,
  expectedBytes: 220 * GiB, createdAt: AT, deadline: new Date(AT.getTime() + 30 * 60_000), done: false, outcome: null, ...o });

test('follow-up answers: one short valid message each, with the reason when it is not done', () => {
  const later = new Date(AT.getTime() + 31 * 60_000);
  const done = followupMessage(followup({}), { outcome: 'ready', sizeBytes: 220 * GiB }, later);
  assert.is(done.text, '✅ pg-data now has 220 GiB (was 200 GiB), as U1 asked');
  const slow = followupMessage(followup({}), { outcome: 'timeout', sizeBytes: 200 * GiB, reason: 'the PVC asks for it, but the resize has not happened' }, later);
  assert.is(slow.text, '⏳ payments/pg-data on prod-east still has 200 GiB, not the 220 GiB asked for, after 30 minutes: the PVC asks for it, '
    + 'but the resize has not happened. I have stopped watching it; ask "status of pg-data" to see it later (asked by U1 at 06:10 UTC)');
  const gone = followupMessage(followup({ kind: 'snapshot-ready', target: 'payments/s1', source: 'pg-wal', fromBytes: null, expectedBytes: null }),
    { outcome: 'failed', reason: 'it is gone from the cluster (deleted before it was ready)' }, later);
  assert.is(gone.text, '❌ Snapshot payments/s1 of pg-wal on prod-east failed: it is gone from the cluster (deleted before it was ready) (asked by U1 at 06:10 UTC)');
  // a controller's long message with markup in it: clipped, escaped, within Slack's limits
  const noisy = followupMessage(followup({ kind: 'snapshot-ready', target: 'payments/s2', source: null }),
    { outcome: 'failed', reason: `<!channel> *boom* ${'x'.repeat(5000)}` }, later);
  for (const r of [done, slow, gone, noisy]) {
    assert.equal(validateMessage(r.blocks), []);
    assert.is(r.blocks.length, 1);
  }
  assert.ok(noisy.text.length < 800);
  assert.not.ok(JSON.stringify(noisy.blocks).includes('<!channel>'), 'no broadcast from a controller message');
});

test.run();
