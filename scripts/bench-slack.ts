// Slack throughput and latency through the emulator over Socket Mode, with many workspaces:
//   node --import tsx scripts/bench-slack.ts [--workspaces 1000] [--rates 300,600] [--seconds 10] [--dup 0.05] [--channels 5]
// The real @slack/socket-mode and @slack/web-api clients, tokens from the installation store (sealed in
// PostgreSQL, TEST_DATABASE_URL or DATABASE_URL), durable dedupe in the same database, and a trivial
// ConversationHandler (this measures the Slack layer, not the NLU). Emulator and bot share one process and
// its event loop, so the figures are a floor. Prints one JSON line per rate.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openStore } from '../src/store/index.js';
import { Keyring } from '../src/store/crypto.js';
import type { ConversationHandler, Reply, Turn } from '../src/dialogue/types.js';
import { startSlack } from '../src/slack/index.js';
import { startEmulator } from '../test/emulator/index.js';

const { values: a } = parseArgs({ options: {
  workspaces: { type: 'string', default: '1000' }, rates: { type: 'string', default: '300,600' }, seconds: { type: 'string', default: '10' },
  dup: { type: 'string', default: '0.05' }, channels: { type: 'string', default: '5' },
} });
const W = Number(a.workspaces), SECONDS = Number(a.seconds), DUP = Number(a.dup), CHANNELS = Number(a.channels);
const silent = { info() {}, warn() {}, error() {}, debug() {} };
const mb = (n: number) => Math.round(n / 1048576);

class Echo implements ConversationHandler {
  async handle(turn: Turn): Promise<Reply[]> {
    return [{ intent: 'None', entities: [], text: `re ${turn.text}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `re ${turn.text}` } }] }];
  }
}

const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_slack_${randomBytes(4).toString('hex')}`;
const store = await openStore({ databaseUrl: url, schema, encryptionKey: Keyring.random(), poolMax: 10 });
const emu = await startEmulator({ recordCalls: false, ackTimeoutMs: 10_000 });
const teams = Array.from({ length: W }, (_, i) => `T${String(i).padStart(5, '0')}`);
let t0 = performance.now();
for (const team of teams) {
  emu.addTeam({ teamId: team });
  await store.installations.save({ team: { id: team }, user: { id: 'UINST' }, isEnterpriseInstall: false, authVersion: 'v2',
    bot: { token: `xoxb-${team}`, id: `B_${team}`, userId: `UBOT_${team}`, scopes: ['chat:write'] } } as any);
}
const installMs = performance.now() - t0;
const mem0 = process.memoryUsage();

const slack = await startSlack({
  handler: new Echo(), store, logger: silent, outbound: { retries: 0 },
  env: { SLACK_APP_TOKEN: emu.appToken, SLACK_API_URL: emu.apiUrl },
}).catch(async (err) => { await emu.close(); await store.close(); throw err; });

// chat.postMessage arrivals, matched to the envelope that asked
const sentAt = new Map<string, number>();
const answered = new Map<string, number>();
const latencies: number[] = [];
emu.on('call', (c: { method: string; body: Record<string, any> }) => {
  if (c.method !== 'chat.postMessage') return;
  const id = String(c.body.text).slice(3);
  answered.set(id, (answered.get(id) ?? 0) + 1);
  const s = sentAt.get(id);
  if (s !== undefined && answered.get(id) === 1) latencies.push(performance.now() - s);
});

const pct = (xs: number[], p: number) => { const s = [...xs].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN; };
let seq = 0;

async function run(rate: number): Promise<void> {
  latencies.length = 0; answered.clear(); sentAt.clear();
  const total = rate * SECONDS;
  const ids: string[] = [];
  const acks: Promise<unknown>[] = [];
  let dups = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const tickMs = 10;
  let sent = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      for (; sent < due; sent++) {
        const id = `m${++seq}`;
        const team = teams[seq % W]!;
        const event = { type: 'app_mention', user: 'U1', channel: `C${seq % CHANNELS}`, text: `<@UBOT_${team}> ${id}`, ts: `1700000000.${String(seq).padStart(6, '0')}` };
        const eventId = `Ev${seq}`;
        sentAt.set(id, performance.now());
        ids.push(id);
        acks.push(emu.pushEvent(team, event, { eventId }).ack);
        if (Math.random() < DUP) { dups++; acks.push(emu.pushEvent(team, event, { eventId, retryAttempt: 1 }).ack); }   // Slack's redelivery
      }
      if (sent >= total) done(); else setTimeout(tick, tickMs);
    };
    tick();
  });
  await Promise.all(acks);
  // every question answered (a lost one would hang here: bounded by a generous deadline)
  await Promise.race([
    new Promise<void>((r) => { const check = () => (ids.every((id) => answered.has(id)) ? r() : setTimeout(check, 20)); check(); }),
    new Promise<void>((r) => setTimeout(r, 60_000)),
  ]);
  const elapsed = (performance.now() - start) / 1000;
  await slack.pipeline.idle();
  const cpu = process.cpuUsage(cpu0);
  const lost = ids.filter((id) => !answered.has(id)).length;
  const doubled = [...answered.values()].filter((n) => n > 1).length;
  const mem = process.memoryUsage();
  console.log(JSON.stringify({
    workspaces: W, targetRate: rate, messages: total, redeliveries: dups, seconds: +elapsed.toFixed(2),
    sustainedPerSec: Math.round((total - lost) / elapsed), lost, doubled,
    latencyMs: { p50: +pct(latencies, 50).toFixed(1), p90: +pct(latencies, 90).toFixed(1), p99: +pct(latencies, 99).toFixed(1), max: +pct(latencies, 100).toFixed(1) },
    cpuSec: +((cpu.user + cpu.system) / 1e6).toFixed(2), rssMB: mb(mem.rss), heapMB: mb(mem.heapUsed), heapGrowthMB: mb(mem.heapUsed - mem0.heapUsed),
    outbound: { ...slack.outbound.stats }, pipeline: { ...slack.pipeline.stats },
  }));
}

console.log(JSON.stringify({ setup: { workspaces: W, installMs: Math.round(installMs), backend: 'postgres', rssMB: mb(mem0.rss), heapMB: mb(mem0.heapUsed) } }));
// a short warm-up: JIT, the token cache, the pg pool
await run(Math.min(100, Number(a.rates!.split(',')[0])));
for (const r of a.rates!.split(',').map(Number)) await run(r);
await slack.stop();
await emu.close();
await store.db.raw(`drop schema if exists "${schema}" cascade`);
await store.close();
