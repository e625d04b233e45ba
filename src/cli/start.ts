// mulebot start (npm start): Slack when its variables are set (Socket Mode: SLACK_APP_TOKEN + SLACK_BOT_TOKEN;
// HTTP: SLACK_SIGNING_SECRET + SLACK_CLIENT_ID/SECRET), else a terminal chat on the bundled demo cluster and
// the embedded store. Options as `mulebot chat` (--cluster-dump, --kubeconfig [--context], --in-cluster).
import { parseCliArgs } from '../app/args.js';
import type { App } from '../app/index.js';
import { openForCli } from '../app/open.js';
import { chatLoop } from '../app/terminal.js';

export function slackMode(env: NodeJS.ProcessEnv = process.env): 'socket' | 'http' | undefined {
  if (env.SLACK_APP_TOKEN && env.SLACK_BOT_TOKEN) return 'socket';
  if (env.SLACK_SIGNING_SECRET && ((env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET) || env.SLACK_BOT_TOKEN)) return 'http';
  return undefined;
}

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

interface SlackModule {
  startSlack?: (app: App) => Promise<{ describe?: string; stop?: () => Promise<void> }>;
  slackModeFromEnv?: (env: NodeJS.ProcessEnv) => { mode: string } | null;
}

async function loadSlack(): Promise<SlackModule | undefined> {
  const where = '../slack/index.js';
  try { return (await import(where)) as SlackModule; } catch (err: any) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

export async function run(args: string[], command: string): Promise<number> {
  const o = parseCliArgs(args);
  if ('error' in o) { console.error(`mulebot ${command}: ${o.error}`); return 2; }
  const slack = await loadSlack();
  let mode: string | undefined;
  try {
    // the receiver's own reading of the environment when it is there (it also checks token shapes)
    mode = slack?.slackModeFromEnv ? slack.slackModeFromEnv(process.env)?.mode : slackMode();
  } catch (err: any) {
    console.error(`mulebot ${command}: ${err?.message ?? err}`);
    return 2;
  }
  const app = await openForCli(o.app);
  if (mode && slack?.startSlack) {
    try {
      const handle = await slack.startSlack(app);
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
  if (mode) console.error(`MuleBot: Slack variables are set (${mode === 'socket' ? 'Socket Mode' : 'HTTP'}) but this build has no Slack receiver; starting the terminal chat.`);
  try {
    return await chatLoop(app, { ...o, banner: banner(app, o.demo) });
  } finally {
    await app.close();
  }
}
