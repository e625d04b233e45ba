// Opens the app for a CLI: store, NLU, the command-line cluster connected, one usage sample taken.
import { createApp, type App, type AppOptions } from './index.js';

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
