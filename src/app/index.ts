// Wiring for one process: the NLU model, the store (embedded PGlite by default, PostgreSQL with a URL), the
// clusters (the one on the command line becomes the on-prem default: workspace "local", every channel), the
// dialogue, and the usage sampler for forecasts.
//
//   const app = await createApp({ clusterDump: 'examples/demo-cluster.yaml' });
//   const replies = await app.handle({ team: 'local', channel: 'terminal', user: 'me', text: 'is pg-wal ok?' });
//   await app.close();
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ConnectOptions } from '../kube/index.js';
import { loadNlu, type Nlu } from '../nlu/index.js';
import { openStore, type Store } from '../store/index.js';
import type { ClusterRecord, NewCluster } from '../store/records.js';
import { defaultActionsFromEnv, TenancyService, type ActionsLevel } from '../tenancy/index.js';
import { createDialogue, type Dialogue } from '../dialogue/manager.js';
import type { ChannelClusters, ClusterResolver } from '../dialogue/clusters.js';
import { seedUsageHistory, UsageSampler } from '../dialogue/usage.js';
import { loadDump, type UsageSeries } from '../kube/dump.js';
import type { Reply, Turn } from '../dialogue/types.js';
import { ClusterPool, PooledCluster } from './pool.js';
import { createAlertWatcher, type AlertSink, type AlertTarget, type AlertWatcher } from '../alerts/index.js';

export const LOCAL_TEAM = 'local';

export interface AppOptions {
  /** postgres://... (default: env DATABASE_URL); without it the embedded store */
  databaseUrl?: string;
  /** embedded store folder (default MULEBOT_DATA_DIR or .data/pglite) */
  dataDir?: string;
  /** embedded store in memory (nothing written) */
  memory?: boolean;
  /** an open store to use (not closed by the app) */
  store?: Store;
  clusterDump?: string;
  kubeconfig?: string;
  context?: string;
  inCluster?: boolean;
  /** the name of the command-line cluster (default: the dump's file name, the context, or "local") */
  clusterName?: string;
  /** the on-prem workspace (default "local"); other teams with no clusters of their own fall back to it */
  team?: string;
  /** on-prem: the command-line cluster serves every channel of every team without clusters (default true) */
  onPrem?: boolean;
  nlu?: Nlu;
  modelPath?: string;
  now?: () => Date;
  /** kubelet stats refresh (default 60 s) */
  statsIntervalMs?: number;
  /** usage sampling interval (default 15 min; 0: only once at start) */
  usageEveryMs?: number;
  lowConfidence?: number;
  /** the actions policy of a channel that sees a cluster without a binding of its own, and of new bindings made by
   *  /mulebot connect (default MULEBOT_DEFAULT_ACTIONS, else 'alerts': read-only on the cluster). The terminal
   *  CLIs pass 'all': it is the operator's own terminal. */
  defaultActions?: ActionsLevel;
  /** how long a channel's cluster list is reused before the store is asked again (default 5 s; 0: every turn) */
  resolveCacheMs?: number;
  /** proactive warnings (src/alerts): with a sink the watcher starts with the app (the Slack transport passes its own) */
  alertSink?: AlertSink;
  /** channels of the on-prem default cluster (default: env MULEBOT_ALERT_CHANNEL) */
  alertChannels?: AlertTarget[];
  /** the watcher's interval check (default 5 min) */
  alertEveryMs?: number;
}

export interface App {
  store: Store;
  nlu: Nlu;
  tenancy: TenancyService;
  pool: ClusterPool;
  dialogue: Dialogue;
  resolver: ClusterResolver;
  usage: UsageSampler;
  /** the command-line cluster, if any */
  defaultCluster?: PooledCluster;
  /** how the command-line cluster is kept: in the store as the workspace default, or only in this process */
  defaultRecord?: ClusterRecord;
  /** the alert watcher, once started (alertSink, or watchAlerts) */
  alerts?: AlertWatcher;
  /** Starts the alert watcher with a sink (once; later calls return the running one). */
  watchAlerts(sink: AlertSink, channels?: AlertTarget[]): AlertWatcher;
  handle(turn: Turn): Promise<Reply[]>;
  close(): Promise<void>;
}

function clusterInput(name: string, o: AppOptions): NewCluster | undefined {
  if (o.clusterDump) return { name, kind: 'dump', dumpPath: resolve(o.clusterDump) };
  if (o.inCluster) return { name, kind: 'in-cluster' };
  if (o.kubeconfig) return { name, kind: 'kubeconfig', kubeconfig: readFileSync(o.kubeconfig, 'utf8'), ...(o.context ? { context: o.context } : {}) };
  return undefined;
}

export function defaultClusterName(o: Pick<AppOptions, 'clusterName' | 'clusterDump' | 'context' | 'inCluster'>): string {
  if (o.clusterName) return o.clusterName;
  if (o.clusterDump) return basename(o.clusterDump).replace(/\.(ya?ml|json)$/i, '').replace(/[^a-z0-9-]+/gi, '-').toLowerCase() || 'local';
  if (o.context) return o.context.replace(/[^a-z0-9-]+/gi, '-').toLowerCase();
  return o.inCluster ? 'in-cluster' : 'local';
}

export async function createApp(o: AppOptions = {}): Promise<App> {
  const nlu = o.nlu ?? loadNlu(o.modelPath);
  const ownStore = !o.store;
  const store = o.store ?? await openStore({ databaseUrl: o.databaseUrl ?? process.env.DATABASE_URL, dataDir: o.dataDir, memory: o.memory });
  const team = o.team ?? LOCAL_TEAM;
  const onPrem = o.onPrem ?? true;
  let defaultActions: ActionsLevel;
  try { defaultActions = o.defaultActions ?? defaultActionsFromEnv(); } catch (err) { if (ownStore) await store.close(); throw err; }
  const tenancy = new TenancyService(store, { onPrem, defaultActions });
  const pool = new ClusterPool(store, { statsIntervalMs: o.statsIntervalMs });

  let defaultCluster: PooledCluster | undefined;
  let defaultRecord: ClusterRecord | undefined;
  if (o.clusterDump || o.kubeconfig || o.inCluster) {
    const name = defaultClusterName(o);
    // a dump is parsed once, here: the simulator serves it and its usage history seeds the store
    const dump = o.clusterDump ? await loadDump(o.clusterDump) : undefined;
    const connect: ConnectOptions = { name, clusterDump: dump, kubeconfig: o.kubeconfig, context: o.context, inCluster: o.inCluster,
      statsIntervalMs: o.statsIntervalMs };
    try {
      defaultRecord = await tenancy.ensureDefaultCluster(team, clusterInput(name, o)!);
    } catch {
      // a kubeconfig cannot be kept without an encryption key: serve it from this process only
      defaultRecord = undefined;
    }
    defaultCluster = pool.local(name, connect, defaultRecord ? { id: defaultRecord.id, team } : undefined);
    if (dump?.usageHistory?.length && defaultRecord) {
      await seedFromDump(store, team, defaultRecord.id, defaultCluster, dump.usageHistory, o.now?.() ?? new Date());
    }
  }

  const lookup: ClusterResolver = {
    async resolve(teamId: string, channel: string): Promise<ChannelClusters> {
      let v = await tenancy.resolve({ teamId, channelId: channel });
      if (v.kind === 'no-clusters' && onPrem && teamId !== team) v = await tenancy.resolve({ teamId: team, channelId: channel });
      // the command-line cluster could not be kept in the store (a kubeconfig without an encryption key): it is
      // still this process's default, ahead of any default an earlier run left in the store
      if (onPrem && defaultCluster && !defaultRecord && v.kind !== 'bound') {
        await defaultCluster.ensure();
        return { kind: 'ok', clusters: [defaultCluster] };
      }
      if (v.clusters.length) {
        const live = v.clusters.map((r) => pool.forRecord(r));
        await Promise.all(live.map((c) => c.ensure()));
        return { kind: 'ok', clusters: live };
      }
      return { kind: 'unbound', hint: v.kind === 'unbound' || v.kind === 'no-clusters' ? v.hint : 'This channel is not connected to a cluster.' };
    },
  };

  // bindings change rarely (an admin's /mulebot connect): reuse a channel's answer for a few seconds
  const cacheMs = o.resolveCacheMs ?? 5000;
  const cache = new Map<string, { at: number; value: Promise<ChannelClusters> }>();
  const resolver: ClusterResolver = {
    async resolve(teamId: string, channel: string): Promise<ChannelClusters> {
      if (cacheMs <= 0) return lookup.resolve(teamId, channel);
      const key = `${teamId}\u0001${channel}`;
      const hit = cache.get(key);
      const now = Date.now();
      if (hit && now - hit.at < cacheMs) {
        const v = await hit.value;
        // a cluster still connecting or failing is asked again (ensure() retries after a pause)
        if (v.kind === 'ok' && v.clusters.every((c) => !c.state().error)) return v;
      }
      const value = lookup.resolve(teamId, channel);
      cache.set(key, { at: now, value });
      if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
      try { return await value; } catch (err) { cache.delete(key); throw err; }
    },
  };

  const dialogue = createDialogue({ nlu, store, clusters: resolver, now: o.now, lowConfidence: o.lowConfidence,
    policies: (teamId, channelId, c) => tenancy.actionPolicy({ teamId, channelId }, c.id) });
  const usage = new UsageSampler(store, () => pool.all().flatMap((c) => (c.id && c.team ? [{ team: c.team, clusterId: c.id, inventory: () => c.state().inventory }] : [])),
    { everyMs: o.usageEveryMs || undefined, now: o.now });
  if (o.usageEveryMs !== 0) usage.start();

  const app: App = {
    store, nlu, tenancy, pool, dialogue, resolver, usage, defaultCluster, defaultRecord,
    // alerts: one watcher per app, stopped before the clusters it listens to
    watchAlerts(sink, channels) {
      if (app.alerts) return app.alerts;
      app.alerts = createAlertWatcher({ store, pool, tenancy, sink, team, now: o.now, everyMs: o.alertEveryMs,
        ...(channels ?? o.alertChannels ? { defaultChannels: channels ?? o.alertChannels } : {}), log: (m) => process.stderr.write(`${m}\n`) });
      app.alerts.start();
      void app.alerts.check().catch(() => {});
      return app.alerts;
    },
    handle: (turn) => dialogue.handle(turn),
    async close() {
      await app.alerts?.stop();
      await usage.stop();
      await pool.stop();
      if (ownStore) await store.close();
    },
  };
  if (o.alertSink) app.watchAlerts(o.alertSink);
  return app;
}

/** A dump that carries past usage (kind UsageHistory) seeds the store once, so forecasts work from the start. */
async function seedFromDump(store: Store, team: string, clusterId: string, cluster: PooledCluster, history: UsageSeries[], now: Date): Promise<void> {
  await cluster.ensure();
  const inventory = cluster.state().inventory;
  if (inventory) await seedUsageHistory(store, team, clusterId, inventory, history, now);
}

export { ClusterPool, PooledCluster } from './pool.js';
