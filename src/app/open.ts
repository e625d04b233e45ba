// Opens the app for a CLI: store, NLU, the command-line cluster connected, one usage sample taken.
import { defaultActionsFromEnv, type ActionsLevel } from '../tenancy/index.js';
import { createApp, type App, type AppOptions } from './index.js';

/**
 * The actions policy of the terminal chat (`npm start` without Slack, `mulebot chat`, `mulebot ask`): 'all', since it
 * is the operator's own terminal on a store the operator already controls; MULEBOT_DEFAULT_ACTIONS still wins when set.
 * A bad value comes back as an error to print.
 */
export function terminalActions(env: NodeJS.ProcessEnv = process.env): { defaultActions: ActionsLevel } | { error: string } {
  try {
    return { defaultActions: env.MULEBOT_DEFAULT_ACTIONS?.trim() ? defaultActionsFromEnv(env) : 'all' };
  } catch (err: any) {
    return { error: err?.message ?? String(err) };
  }
}

export async function openForCli(opts: AppOptions, log: (s: string) => void = (s) => process.stderr.write(`${s}\n`)): Promise<App> {
  const app = await createApp({ statsIntervalMs: 0, ...opts });
  const c = app.defaultCluster;
  if (c) {
    await c.ensure();
    const s = c.state();
    if (s.error) log(`warning: cluster ${c.name} is unreachable: ${s.error}`);
    else await app.usage.sampleOnce().catch((err) => log(`warning: usage sample failed: ${err?.message ?? err}`));
  }
  return app;
}
