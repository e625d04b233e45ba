#!/usr/bin/env node
// The `mulebot` command: runs the compiled CLI (npm ci / npm install build it through `prepare`).
import('../dist/cli.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    console.error('mulebot is not built yet: run `npm install` (or `npm run build`) first.');
    process.exit(2);
  }
  throw err;
});
