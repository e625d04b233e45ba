#!/usr/bin/env node
// The README's test command. Builds (tsc is also the type check), then runs every test/**/*.test.ts
// with uvu under tsx, and closes with the plain "N passed, N failed" line CI reads.
// Extra args are passed to uvu as the file pattern, e.g. `npm test -- nlu`.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

const build = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit', env });
if (build.status !== 0) { console.error('build (tsc) failed'); process.exit(1); }

const pattern = process.argv[2] ? `${process.argv[2]}.*\\.test\\.ts$` : '\\.test\\.ts$';
const run = spawnSync(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', 'test', pattern],
  { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
process.stdout.write(run.stdout ?? '');
process.stderr.write(run.stderr ?? '');
const plain = (run.stdout ?? '').replace(/\x1b\[[0-9;]*m/g, '');
const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const failed = Math.max(0, total - passed - skipped);
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(run.status === 0 && total > 0 && failed === 0 ? 0 : 1);
