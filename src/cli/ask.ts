// mulebot ask [--cluster-dump FILE | --kubeconfig FILE [--context C]] [--json] "TEXT"
// One question, one answer (the bundled demo cluster when no cluster is given).
import { parseCliArgs } from '../app/args.js';
import { openForCli, terminalActions } from '../app/open.js';
import { printReplies } from '../app/terminal.js';
import { StoreLockedError } from '../store/index.js';

const USAGE = 'Usage: mulebot ask [--cluster-dump FILE | --kubeconfig FILE [--context C]] [--json] [--database-url URL | --data-dir DIR | --memory] "TEXT"';

export async function run(args: string[], command: string): Promise<number> {
  const o = parseCliArgs(args);
  if ('error' in o) { console.error(`mulebot ${command}: ${o.error}\n${USAGE}`); return 2; }
  const text = o.rest.join(' ').trim();
  if (!text) { console.error(`mulebot ${command}: what is the question?\n${USAGE}`); return 2; }
  const actions = terminalActions();
  if ('error' in actions) { console.error(`mulebot ${command}: ${actions.error}`); return 2; }
  let app;
  try {
    app = await openForCli({ ...o.app, ...actions });
  } catch (err) {
    // the embedded folder is in use (a running `npm start`): one question needs no history, use memory
    if (!(err instanceof StoreLockedError)) throw err;
    app = await openForCli({ ...o.app, ...actions, memory: true });
  }
  try {
    printReplies(await app.handle({ team: o.team, channel: o.channel, user: o.user, text, channelType: 'terminal' }), o.json);
    return 0;
  } finally {
    await app.close();
  }
}
