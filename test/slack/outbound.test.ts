// Outbound limits through the real WebClient and the emulator: a channel's burst, the workspace cap, and
// a 429 that holds back only its own workspace. Rates are set so low that nothing depends on timing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Outbound } from '../../src/slack/outbound.js';
import { startEmulator, type SlackEmulator } from '../emulator/index.js';

let emu: SlackEmulator;
const T1 = { teamId: 'T1', botToken: 'xoxb-T1' }, T2 = { teamId: 'T2', botToken: 'xoxb-T2' };
test.before(async () => { emu = await startEmulator({ teams: [{ teamId: 'T1' }, { teamId: 'T2' }] }); });
test.after(async () => { await emu?.close(); });

const settledAll = (ps: Promise<unknown>[]) => Promise.allSettled(ps);

test('a channel sends its burst at once; the rest waits for the rate, in order', async () => {
  const out = new Outbound({ slackApiUrl: emu.apiUrl, retries: 0, burst: 3, perChannelPerSec: 0.001 });
  const before = emu.count('chat.postMessage');
  const ps = [1, 2, 3, 4, 5].map((i) => out.send(T1, 'chat.postMessage', { channel: 'CB', text: `m${i}` }));
  await emu.waitForCount('chat.postMessage', before + 3);
  await Promise.all(ps.slice(0, 3));
  assert.is(out.stats.queued, 2);
  assert.equal(emu.callsOf('chat.postMessage').filter((c) => c.body.channel === 'CB').map((c) => c.body.text), ['m1', 'm2', 'm3']);
  // another channel of the same workspace is not held up by this one
  await out.send(T1, 'chat.postMessage', { channel: 'CB2', text: 'other channel' });
  out.close();
  const r = await settledAll(ps);
  assert.equal(r.map((x) => x.status), ['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'rejected']);
});

test('the workspace cap spans its channels; other workspaces are not counted against it', async () => {
  const out = new Outbound({ slackApiUrl: emu.apiUrl, retries: 0, workspaceBurst: 4, perWorkspacePerSec: 0.001 });
  const ps = ['CW1', 'CW2', 'CW3'].flatMap((channel) => [1, 2].map((i) => out.send(T1, 'chat.postMessage', { channel, text: `${channel}-${i}` })));
  await out.send(T2, 'chat.postMessage', { channel: 'CW1', text: 'T2 goes' });
  await emu.waitForCall('chat.postMessage', () => emu.callsOf('chat.postMessage').filter((c) => c.token === 'xoxb-T1' && c.body.channel.startsWith('CW')).length === 4);
  assert.is(out.stats.queued, 2);
  out.close();
  await settledAll(ps);
});

test('chat.update and chat.postEphemeral do not use the message budget', async () => {
  const out = new Outbound({ slackApiUrl: emu.apiUrl, retries: 0, burst: 1, perChannelPerSec: 0.001 });
  const first = await out.send(T1, 'chat.postMessage', { channel: 'CU', text: 'Looking…' });
  await out.send(T1, 'chat.update', { channel: 'CU', ts: (first as any).ts, text: 'the answer' });
  await out.send(T1, 'chat.postEphemeral', { channel: 'CU', user: 'U1', text: 'just you' });
  assert.is(out.stats.sent, 3);
  out.close();
});

test('a 429 on one workspace: its message waits for Retry-After; the other workspace is served meanwhile', async () => {
  const out = new Outbound({ slackApiUrl: emu.apiUrl, retries: 0 });
  emu.rateLimit('xoxb-T1', 1, 1);
  const t1 = out.send(T1, 'chat.postMessage', { channel: 'CR', text: 'waits' });
  await emu.waitForCall('chat.postMessage', (c) => c.body.text === 'waits' && c.status === 429);
  const t2 = await out.send(T2, 'chat.postMessage', { channel: 'CR', text: 'goes' });
  assert.ok((t2 as any).ok);
  assert.ok((await t1 as any).ok);
  const calls = emu.callsOf('chat.postMessage').filter((c) => c.body.channel === 'CR').map((c) => `${c.body.text}:${c.status}`);
  assert.equal(calls, ['waits:429', 'goes:200', 'waits:200']);
  assert.is(out.stats.rateLimited, 1);
  out.close();
});

test.run();
