// mulebot chat [--cluster-dump FILE | --kubeconfig FILE [--context C]] [--script FILE.jsonl] [--json]
//   [--team T --channel C --user U] [--database-url URL | --data-dir DIR | --memory]
// A terminal chat (stdin may be piped: one message a line), or a JSONL script replayed turn by turn.
import { readFileSync } from 'node:fs';
import { parseCliArgs } from '../app/args.js';
import { openForCli, terminalActions } from '../app/open.js';
import { chatLoop, runScript } from '../app/terminal.js';

const USAGE = 'Usage: mulebot chat [--cluster-dump FILE | --kubeconfig FILE [--context C]] [--script FILE.jsonl] [--json] '
  + '[--team T] [--channel C] [--user U] [--database-url URL | --data-dir DIR | --memory]';

export async function run(args: string[], command: string): Promise<number> {
  const o = parseCliArgs(args);
  if ('error' in o) { console.error(`mulebot ${command}: ${o.error}\n${USAGE}`); return 2; }
  if (o.rest.length) { console.error(`mulebot ${command}: unexpected argument ${o.rest[0]}\n${USAGE}`); return 2; }
  let lines: string[] | undefined;
  if (o.script) {
    try { lines = readFileSync(o.script === '-' ? 0 : o.script, 'utf8').split('\n'); } catch (err: any) {
      console.error(`mulebot ${command}: cannot read ${o.script}: ${err.message}`);
      return 2;
    }
  }
  const actions = terminalActions();
  if ('error' in actions) { console.error(`mulebot ${command}: ${actions.error}`); return 2; }
  const app = await openForCli({ ...o.app, ...actions });
  try {
    if (lines) return await runScript(app, lines, o.json, o);
    const where = app.defaultCluster ? `cluster ${app.defaultCluster.name}` : 'the clusters in the store';
    return await chatLoop(app, { ...o, banner: `MuleBot on ${where} (${app.store.backend}). Ask about your storage; "help" for examples, "exit" to leave.` });
  } finally {
    await app.close();
  }
}
