// mulebot start (npm start): Slack when its variables are set (Socket Mode: SLACK_APP_TOKEN [+ SLACK_BOT_TOKEN for one
// workspace]; HTTP: SLACK_SIGNING_SECRET + SLACK_CLIENT_ID/SECRET or SLACK_BOT_TOKEN), else a terminal chat on the bundled
// demo cluster and the embedded store. Options as `mulebot chat` (--cluster-dump, --kubeconfig [--context], --in-cluster).
import { parseCliArgs } from '../app/args.js';
import type { App } from '../app/index.js';
import { openForCli, terminalActions } from '../app/open.js';
import { defaultActionsFromEnv } from '../tenancy/index.js';
import { chatLoop } from '../app/terminal.js';

export function banner(app: App, demo: boolean): string {
  const cluster = app.defaultCluster ? `${app.defaultCluster.name}${demo ? ' (the bundled demo cluster)' : ''}` : 'the clusters in the store';
  const store = app.store.backend === 'pglite' ? `the embedded store (${app.store.location})` : 'PostgreSQL';
  return [
    `MuleBot: terminal chat on ${cluster}, ${store}.`,
    '  Connect Slack:    Socket Mode: set SLACK_APP_TOKEN (xapp-...) and SLACK_BOT_TOKEN (xoxb-...)',
    '                    HTTP (Events API + OAuth): set SLACK_SIGNING_SECRET, SLACK_CLIENT_ID and SLACK_CLIENT_SECRET',
    '  A real cluster:   npm start -- --kubeconfig ~/.kube/config [--context NAME]   (or --in-cluster)',
    '  PostgreSQL:       DATABASE_URL=postgres://user@host:5432/mulebot npm start',
    'Ask about your storage ("how is the storage doing?", "is pg-wal healthy?"); "help" for more, "exit" to leave.',
  ].join('\n');
}

export async function run(args: string[], command: string): Promise<number> {
  const o = parseCliArgs(args);
  if ('error' in o) { console.error(`mulebot ${command}: ${o.error}`); return 2; }
  // loaded only when a Slack variable is set: the terminal chat never pays for fastify and the Slack SDKs
  const wantsSlack = ['SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'].some((k) => process.env[k]?.trim());
  const slack = wantsSlack ? await import('../slack/index.js') : undefined;
  let mode: string | undefined;
  try {
    mode = slack?.slackModeFromEnv(process.env)?.mode;   // also checks token shapes
  } catch (err: any) {
    console.error(`mulebot ${command}: ${err?.message ?? err}`);
    return 2;
  }
  // Slack channels without a binding of their own get MULEBOT_DEFAULT_ACTIONS, else 'alerts' (read-only on the
  // cluster); the terminal chat is the operator's own: 'all' unless that variable says otherwise
  let actions: ReturnType<typeof terminalActions>;
  try {
    actions = slack && mode ? { defaultActions: defaultActionsFromEnv() } : terminalActions();
  } catch (err: any) { actions = { error: err?.message ?? String(err) }; }
  if ('error' in actions) { console.error(`mulebot ${command}: ${actions.error}`); return 2; }
  const app = await openForCli({ ...o.app, ...actions });
  if (slack && mode) {
    try {
      const handle = await slack.startSlack(app);
      // proactive warnings go to the bound channels (and MULEBOT_ALERT_CHANNEL for the on-prem default cluster)
      app.watchAlerts(handle.alertSink);
      console.error(`MuleBot: ${handle.describe ?? `Slack ${mode === 'socket' ? 'Socket Mode' : 'HTTP (Events API)'}`}; `
        + `cluster ${app.defaultCluster?.name ?? '(from the store)'}, ${app.store.backend} store.`);
      // the receiver keeps the process alive until it is told to stop
      await new Promise<void>((resolve) => { process.once('SIGINT', () => resolve()); process.once('SIGTERM', () => resolve()); });
      await handle.stop?.();
      return 0;
    } finally {
      await app.close();
    }
  }
  try {
    return await chatLoop(app, { ...o, banner: banner(app, o.demo) });
  } finally {
    await app.close();
  }
}
