// mulebot alerts (--dump FILE | --cluster-dump FILE | --kubeconfig FILE [--context C] | --in-cluster) [--json]
// The current alerts of one cluster, derived by the same code as the bot's alert watcher and `alert.list`
// (inventory problems, then "full within 3 days" from the usage history: a dump's own history seeds it).
// Exit 0 with the list (empty or not), 1 when the cluster cannot be read, 2 on bad options.
import { alertMessage, currentAlerts } from '../alerts/index.js';
import { parseCliArgs } from '../app/args.js';
import { openForCli } from '../app/open.js';
import { StoreLockedError } from '../store/index.js';

const USAGE = 'Usage: mulebot alerts (--dump FILE | --kubeconfig FILE [--context C] | --in-cluster) [--name N] [--json]';

export async function run(args: string[], command: string): Promise<number> {
  // --dump is the short spelling here (as `mulebot sim --dump`)
  const o = parseCliArgs(args.map((a) => (a === '--dump' ? '--cluster-dump' : a.startsWith('--dump=') ? `--cluster-dump=${a.slice(7)}` : a)));
  if ('error' in o) { console.error(`mulebot ${command}: ${o.error}\n${USAGE}`); return 2; }
  if (o.rest.length) { console.error(`mulebot ${command}: unexpected ${o.rest.map((r) => `"${r}"`).join(' ')}\n${USAGE}`); return 2; }
  if (o.demo) { console.error(`mulebot ${command}: which cluster? give --dump FILE, --kubeconfig FILE or --in-cluster\n${USAGE}`); return 2; }
  // one look needs no history of its own: memory, unless a database is given (then its usage history counts)
  const memory = !o.app.databaseUrl && !o.app.dataDir && !process.env.DATABASE_URL;
  let app;
  try {
    app = await openForCli({ ...o.app, memory: memory || o.app.memory, usageEveryMs: 0 }, () => undefined);
  } catch (err) {
    if (!(err instanceof StoreLockedError)) throw err;
    app = await openForCli({ ...o.app, memory: true, usageEveryMs: 0 }, () => undefined);
  }
  try {
    const c = app.defaultCluster!;
    const now = new Date();
    const state = c.state();
    const health = c.conn?.health();
    const down = state.error ?? (health && !health.reachable ? `cluster ${c.name} unreachable since ${health.since?.toISOString()}: ${health.reason}` : undefined);
    if (down || !state.inventory) {
      const reason = down ?? `cluster ${c.name}: no inventory`;
      if (o.json) process.stdout.write(`${JSON.stringify({ cluster: c.name, reachable: false, error: reason })}\n`);
      else console.error(`mulebot ${command}: ${reason}`);
      return 1;
    }
    const { alerts, forecastOk } = await currentAlerts(c, { store: app.store, team: c.team ?? o.team, now });
    if (o.json) {
      process.stdout.write(`${JSON.stringify({ cluster: c.name, reachable: true, at: now.toISOString(), forecasts: forecastOk, alerts }, null, 2)}\n`);
    } else {
      console.log(alerts.length ? alertMessage(c.name, alerts, [], now).text : `✅ No alerts on ${c.name}.`);
      if (!forecastOk) console.error('warning: the usage history could not be read: no "full within 3 days" forecasts');
    }
    return 0;
  } finally {
    await app.close();
  }
}
