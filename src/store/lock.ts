// PGlite is one process's database: a second process opening the same folder would corrupt it. A lock
// file with the owner's pid makes the second opener (say `mulebot cluster add` while `npm start` runs)
// fail with a clear message instead. A lock left by a dead process is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'mulebot.lock';

export class StoreLockedError extends Error {
  constructor(readonly dir: string, readonly pid: number, readonly command: string) {
    super(`the embedded store ${dir} is in use by process ${pid}${command ? ` (${command})` : ''}; `
      + 'stop it first, or run both against PostgreSQL with DATABASE_URL');
    this.name = 'StoreLockedError';
  }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err: any) { return err?.code === 'EPERM'; }
}

/** Takes the folder's lock; returns the release function. */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, LOCK_FILE_NAME);
  const body = JSON.stringify({ pid: process.pid, command: process.argv.slice(1).join(' ').slice(0, 200), at: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, body);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        try { unlinkSync(path); } catch { /* already gone */ }
      };
      process.on('exit', release);
      return release;
    } catch (err: any) {
      if (err?.code !== 'EEXIST') throw err;
      let owner: { pid?: number; command?: string } = {};
      try { owner = JSON.parse(readFileSync(path, 'utf8')); } catch { /* half-written or garbage: treat as stale */ }
      if (owner.pid && alive(owner.pid)) throw new StoreLockedError(dir, owner.pid, owner.command ?? '');
      try { unlinkSync(path); } catch { /* someone else removed it */ }
    }
  }
  throw new Error(`cannot lock ${dir}`);
}
