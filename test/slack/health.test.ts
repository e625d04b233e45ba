// The probes a Kubernetes Deployment uses: GET /healthz (liveness) and GET /readyz (readiness: the store answers,
// and in Socket Mode the socket is connected), on the HTTP receiver and on Socket Mode's own small health server.
// Real parts: fastify, PostgreSQL, @slack/socket-mode against the emulator; waits on the client's own events.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSlack } from '../../src/slack/index.js';
import { createTestStore } from '../helpers/db.js';
import { startEmulator } from '../emulator/index.js';
import { EchoHandler, silent, socketBot } from './helpers.js';

const get = async (url: string) => { const r = await fetch(url); return { status: r.status, json: await r.json() as any }; };

test('HTTP mode: /healthz and /readyz (the store answers), then 503 naming the store when it does not', async () => {
  const t = await createTestStore();
  const emu = await startEmulator({ teams: [{ teamId: 'T1' }] });
  const slack = await startSlack({ handler: new EchoHandler(), store: t.store, logger: silent, port: 0, host: '127.0.0.1', outbound: { retries: 0 },
    env: { SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-T1', SLACK_API_URL: emu.apiUrl } });
  try {
    assert.equal(await get(`${slack.url}/healthz`), { status: 200, json: { ok: true, mode: 'http-single' } });
    assert.equal(await get(`${slack.url}/readyz`), { status: 200, json: { ok: true, checks: { store: 'ok' } } });
    await t.store.db.destroy();
    const r = await get(`${slack.url}/readyz`);
    assert.is(r.status, 503);
    assert.is(r.json.ok, false);
    assert.is.not(r.json.checks.store, 'ok');
    assert.is((await get(`${slack.url}/healthz`)).status, 200, 'alive, only not ready');
  } finally { await slack.stop(); await emu.close(); await t.close().catch(() => {}); }
});

test('Socket Mode: a health server of its own; not ready while the socket is down', async () => {
  const bot = await socketBot({ healthPort: 0, host: '127.0.0.1' });
  try {
    const url = bot.slack.healthUrl!;
    assert.ok(url, 'health server started');
    assert.equal(await get(`${url}/healthz`), { status: 200, json: { ok: true, mode: 'socket-single' } });
    assert.equal(await get(`${url}/readyz`), { status: 200, json: { ok: true, checks: { socket: 'ok' } } });
    // the socket drops and cannot come back (apps.connections.open fails): not ready
    bot.emu.failConnectionsOpen(1_000_000);
    const down = new Promise((r) => bot.slack.socket!.client.once('reconnecting', r));
    bot.emu.dropSockets();
    await down;
    const r = await get(`${url}/readyz`);
    assert.equal([r.status, r.json.checks.socket], [503, 'not connected']);
    // it can connect again: ready again
    const up = new Promise((r2) => bot.slack.socket!.client.once('connected', r2));
    bot.emu.failConnectionsOpen(0);
    await up;
    assert.is((await get(`${url}/readyz`)).status, 200);
    assert.is((await fetch(`${url}/slack/events`, { method: 'POST' })).status, 404, 'nothing but the probes');
  } finally { await bot.stop(); }
});

test('Socket Mode without a health port: no server', async () => {
  const bot = await socketBot();
  try { assert.is(bot.slack.healthUrl, undefined); } finally { await bot.stop(); }
});

test.run();
