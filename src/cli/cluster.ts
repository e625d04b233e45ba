// mulebot cluster add|list|remove: the operator's view of a workspace's clusters, on the store named by
// DATABASE_URL (else the embedded data folder). Kubeconfigs are encrypted before they reach the store.
import { parseArgs } from 'node:util';
import type { NewCluster } from '../store/records.js';
import { StoreError } from '../store/records.js';
import { EncryptionError } from '../store/crypto.js';
import { checkDumpFile, describeStore, readKubeconfig, UsageError, usageFailure, withStore } from '../tenancy/operator.js';

const USAGE = `Usage:
  mulebot cluster add --team T --name N (--kubeconfig FILE [--context C] | --in-cluster | --cluster-dump FILE) [--default] [--created-by WHO]
  mulebot cluster list --team T [--json]
  mulebot cluster remove --team T --name N

The store is PostgreSQL when DATABASE_URL is set, else the embedded one in MULEBOT_DATA_DIR (default .data/pglite).
Kubeconfigs are encrypted with MULEBOT_ENCRYPTION_KEY (embedded store: a key file in the data folder).`;

const OPTIONS = {
  team: { type: 'string' }, name: { type: 'string' }, kubeconfig: { type: 'string' }, context: { type: 'string' },
  'in-cluster': { type: 'boolean' }, 'cluster-dump': { type: 'string' }, default: { type: 'boolean' },
  'created-by': { type: 'string' }, json: { type: 'boolean' },
} as const;

export async function run(args: string[], _command: string): Promise<number> {
  const [sub, ...rest] = args;
  try {
    const { values } = parseArgs({ args: rest, options: OPTIONS, strict: true });
    const team = values.team;
    if (!sub || !['add', 'list', 'remove'].includes(sub)) throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'say add, list or remove');
    if (!team) throw new UsageError('--team is required');

    if (sub === 'add') {
      const name = values.name;
      if (!name) throw new UsageError('--name is required');
      const sources = [values.kubeconfig !== undefined, !!values['in-cluster'], values['cluster-dump'] !== undefined].filter(Boolean).length;
      if (sources !== 1) throw new UsageError('give exactly one of --kubeconfig FILE, --in-cluster, --cluster-dump FILE');
      if (values.context && values.kubeconfig === undefined) throw new UsageError('--context goes with --kubeconfig');
      let input: NewCluster;
      if (values.kubeconfig !== undefined) {
        const kc = readKubeconfig(values.kubeconfig, values.context);
        input = { name, kind: 'kubeconfig', kubeconfig: kc.text, context: kc.context };
      } else if (values['in-cluster']) {
        input = { name, kind: 'in-cluster' };
      } else {
        input = { name, kind: 'dump', dumpPath: checkDumpFile(values['cluster-dump']!) };
      }
      return await withStore(async (store) => {
        const c = await store.clusters.add(team, input, { createdBy: values['created-by'] ?? process.env.USER ?? 'cli' });
        if (values.default) await store.workspaces.setDefaultCluster(team, c.id);
        const how = c.kind === 'kubeconfig' ? `kubeconfig (encrypted, key ${c.keyId}${c.context ? `, context ${c.context}` : ''})`
          : c.kind === 'dump' ? `cluster dump ${c.dumpPath}` : 'in-cluster service account';
        console.log(`Added cluster ${c.name} to workspace ${team}: ${how}${values.default ? ', the default for unbound channels' : ''}.`);
        console.log(`Store: ${describeStore(store)}. Bind a channel with: mulebot bind --team ${team} --channel C... --cluster ${c.name}`);
        return 0;
      });
    }

    if (sub === 'list') {
      return await withStore(async (store) => {
        const [clusters, ws, bindings] = await Promise.all([store.clusters.list(team), store.workspaces.get(team), store.bindings.list(team)]);
        const channels: Record<string, string[]> = {};
        for (const b of bindings) (channels[b.clusterName] ??= []).push(b.channelId);
        if (values.json) {
          console.log(JSON.stringify(clusters.map((c) => ({ name: c.name, kind: c.kind, context: c.context, dumpPath: c.dumpPath,
            default: c.id === ws?.defaultClusterId, channels: channels[c.name] ?? [], createdBy: c.createdBy, createdAt: c.createdAt })), null, 2));
          return 0;
        }
        if (!clusters.length) { console.log(`Workspace ${team} has no clusters. Add one with: mulebot cluster add --team ${team} --name N --kubeconfig FILE`); return 0; }
        for (const c of clusters) {
          const where = c.kind === 'kubeconfig' ? `kubeconfig${c.context ? ` (context ${c.context})` : ''}` : c.kind === 'dump' ? `dump ${c.dumpPath}` : 'in-cluster';
          const ch = channels[c.name]?.join(', ') || (c.id === ws?.defaultClusterId ? 'every unbound channel' : 'no channel');
          console.log(`${c.name}${c.id === ws?.defaultClusterId ? ' (default)' : ''}  ${where}  channels: ${ch}`);
        }
        return 0;
      });
    }

    const name = values.name;
    if (!name) throw new UsageError('--name is required');
    return await withStore(async (store) => {
      if (!(await store.clusters.remove(team, name))) { console.error(`mulebot cluster: no cluster "${name}" in workspace ${team}`); return 1; }
      console.log(`Removed cluster ${name} from workspace ${team}, with its channel bindings, mutes and usage history.`);
      return 0;
    });
  } catch (err: any) {
    const usage = usageFailure(err, 'cluster', USAGE);
    if (usage !== undefined) return usage;
    if (err instanceof StoreError || err instanceof EncryptionError) { console.error(`mulebot cluster: ${err.message}`); return 1; }
    throw err;
  }
}
