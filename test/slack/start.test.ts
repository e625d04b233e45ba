// `mulebot start` as a subprocess with Socket Mode variables pointing at the emulator: it says which mode
// it chose, and the demo cluster answers a mention through Slack (embedded store in a temporary folder).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('mulebot start: Socket Mode from the environment, answered by the real conversation', async () => {
  const emu = await startEmulator({ teams: [{ teamId: 'T1' }] });
  const dataDir = mkdtempSync(join(tmpdir(), 'mulebot-slack-start-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start', '--cluster-dump', 'examples/demo-cluster.yaml'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SLACK_APP_TOKEN: emu.appToken, SLACK_BOT_TOKEN: 'xoxb-T1', SLACK_API_URL: emu.apiUrl, MULEBOT_DATA_DIR: join(dataDir, 'pglite'),
      DATABASE_URL: '', MULEBOT_ENCRYPTION_KEY: '', LOG_LEVEL: 'info' },
  });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  child.stderr.on('data', (d) => { out += d; });
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  try {
    const connected = await Promise.race([emu.nextConnection().then(() => true), exited.then(() => false)]);
    assert.ok(connected, `mulebot start exited:\n${out}`);
    emu.pushEvent('T1', { type: 'app_mention', user: 'U1', channel: 'C1', text: '<@UBOT_T1> is pg-wal healthy?', ts: '1700000001.000001' });
    const post = await emu.waitForCall('chat.postMessage');
    assert.match(post.body.text, /pg-wal is Healthy/);
  } finally {
    child.kill('SIGTERM');
    await exited;
    await emu.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  // the output is complete once the process is gone
  assert.match(out, /Slack Socket Mode, one workspace/);
  assert.not.match(out, /xoxb-T1|xapp-1-A1-test/);             // tokens never reach the log
});

test.run();
