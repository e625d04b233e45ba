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

export async function run(args: string[], command: string): Promise<number> {
  const o = parseCliArgs(args);
  if ('error' in o) { console.error(`mulebot ${command}: ${o.error}`); return 2; }
  const mode = slackMode();
  const app = await openForCli(o.app);
  if (mode) {
    const where = '../slack/index.js';
    let mod: { startSlack?: (app: App) => Promise<unknown> } | undefined;
    try { mod = await import(where); } catch (err: any) {
      if (err?.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    }
    if (mod?.startSlack) {
      console.error(`MuleBot: Slack ${mode === 'socket' ? 'Socket Mode' : 'HTTP (Events API)'} on ${app.defaultCluster?.name ?? 'the clusters in the store'}, ${app.store.backend} store.`);
      await mod.startSlack(app);
      return 0;     // the Slack receiver keeps the process alive
    }
    console.error(`MuleBot: Slack variables are set (${mode === 'socket' ? 'Socket Mode' : 'HTTP'}) but this build has no Slack receiver yet; starting the terminal chat.`);
  }
  try {
    return await chatLoop(app, { ...o, banner: banner(app, o.demo) });
  } finally {
    await app.close();
  }
}
