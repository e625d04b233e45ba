// Which clusters a Slack channel may see, and the admin commands that change it. Every call is keyed by
// the workspace (team id) the event came from; cluster names are looked up only inside that workspace.
import type { Store } from '../store/index.js';
import { StoreError, type ActionPolicy, type ActionsLevel, type ClusterRecord, type NewCluster } from '../store/records.js';
import { DEFAULT_ACTIONS, describePolicy, type ResolvedPolicy } from './permissions.js';
import type { ClusterListing, ConnectResult, DisconnectResult, PolicyResult, TenantContext, Visibility } from './types.js';

export interface TenancyOptions {
  /**
   * On-prem (one workspace, Socket Mode): a workspace with exactly one cluster serves it to every unbound
   * channel even without an explicit default. Hosted: unbound channels see nothing until bound.
   */
  onPrem?: boolean;
  /** let non-admins connect/disconnect (default false: workspace admins only) */
  allowNonAdmins?: boolean;
  /** the actions policy of a channel that sees a cluster without a binding of its own, and of new bindings made by
   *  connect() without one (default 'alerts': read-only on the cluster; the app reads MULEBOT_DEFAULT_ACTIONS) */
  defaultActions?: ActionsLevel;
}

export class TenancyService {
  constructor(readonly store: Store, readonly options: TenancyOptions = {}) {}

  /** The clusters a channel sees: its bindings, else the workspace default, else none (with how to bind). */
  async resolve(ctx: Pick<TenantContext, 'teamId' | 'channelId'>): Promise<Visibility> {
    const bound = await this.store.bindings.clustersFor(ctx.teamId, ctx.channelId);
    if (bound.length) return { kind: 'bound', clusters: bound };
    const ws = await this.store.workspaces.get(ctx.teamId);
    const all = ws ? await this.store.clusters.list(ctx.teamId) : [];
    if (ws?.defaultClusterId) {
      const def = all.find((c) => c.id === ws.defaultClusterId);
      if (def) return { kind: 'default', clusters: [def] };
    }
    if (this.options.onPrem && all.length === 1) return { kind: 'default', clusters: [all[0]!] };
    if (!all.length) return { kind: 'no-clusters', clusters: [], hint: noClustersHint(ctx.teamId) };
    const names = all.map((c) => c.name);
    return { kind: 'unbound', clusters: [], available: names, hint: unboundHint(names) };
  }

  /** One cluster by name, only if this channel may see it (for "use prod-east" and answers naming a cluster). */
  async visibleCluster(ctx: Pick<TenantContext, 'teamId' | 'channelId'>, name: string): Promise<ClusterRecord | null> {
    const v = await this.resolve(ctx);
    return v.clusters.find((c) => c.name === name) ?? null;
  }

  /** The actions policy of one cluster as this channel sees it, read from the store now (a binding may change at any time). */
  async actionPolicy(ctx: Pick<TenantContext, 'teamId' | 'channelId'>, clusterId: string | undefined): Promise<ResolvedPolicy> {
    const row = clusterId ? await this.store.bindings.policy(ctx.teamId, ctx.channelId, clusterId) : null;
    return row ? { ...row, source: 'binding' } : { actions: this.options.defaultActions ?? DEFAULT_ACTIONS, allowedUsers: [], source: 'default' };
  }

  /** `mulebot bind ... --actions ... --allow-user ...`: change the policy of an existing binding (admins only). */
  async setActionPolicy(ctx: TenantContext, clusterName: string, policy: Partial<ActionPolicy>): Promise<PolicyResult> {
    const denied = this.checkAdmin(ctx, 'set actions', 'Only workspace admins can change what a channel may do. An operator can run `mulebot bind` with --actions.');
    if (denied) return denied;
    const name = clusterName.trim();
    const cluster = name ? await this.store.clusters.get(ctx.teamId, name) : null;
    if (!cluster) return name ? this.unknownCluster(ctx.teamId, name) : { ok: false, error: 'invalid', hint: 'Say which cluster.' };
    try {
      if (!(await this.store.bindings.setPolicy(ctx.teamId, ctx.channelId, name, policy))) {
        return { ok: false, error: 'invalid', hint: `This channel is not connected to ${name}: connect it first.` };
      }
    } catch (err) {
      if (err instanceof StoreError && err.code === 'INVALID') return { ok: false, error: 'invalid', hint: err.message };
      throw err;
    }
    const now = (await this.actionPolicy(ctx, cluster.id));
    return { ok: true, cluster, policy: { actions: now.actions, allowedUsers: now.allowedUsers }, hint: `This channel on ${name}: ${describePolicy(now)}.` };
  }

  /** `/mulebot connect <cluster>`: bind the channel to one of the workspace's clusters (a new binding gets `policy`, else the default). */
  async connect(ctx: TenantContext, clusterName: string, policy: Partial<ActionPolicy> = {}): Promise<ConnectResult> {
    const denied = this.checkAdmin(ctx, 'connect');
    if (denied) return denied;
    const name = clusterName.trim();
    if (!name) return { ok: false, error: 'invalid', hint: 'Say which cluster: `/mulebot connect <cluster>`.' };
    try {
      const { created, cluster } = await this.store.bindings.bind(ctx.teamId, ctx.channelId, name,
        { createdBy: ctx.userId, policy: { actions: this.options.defaultActions ?? DEFAULT_ACTIONS, ...policy } });
      const channelClusters = (await this.store.bindings.clustersFor(ctx.teamId, ctx.channelId)).map((c) => c.name);
      return { ok: true, status: created ? 'connected' : 'already-connected', cluster, channelClusters,
        hint: created ? `This channel now sees ${list(channelClusters)}.` : `This channel was already connected to ${name}.` };
    } catch (err) {
      if (err instanceof StoreError && err.code === 'NOT_FOUND') return this.unknownCluster(ctx.teamId, name);
      if (err instanceof StoreError && err.code === 'INVALID') return { ok: false, error: 'invalid', hint: err.message };
      throw err;
    }
  }

  /** `/mulebot disconnect <cluster>`. */
  async disconnect(ctx: TenantContext, clusterName: string): Promise<DisconnectResult> {
    const denied = this.checkAdmin(ctx, 'disconnect');
    if (denied) return denied;
    const name = clusterName.trim();
    const cluster = name ? await this.store.clusters.get(ctx.teamId, name) : null;
    if (!cluster) return name ? this.unknownCluster(ctx.teamId, name) : { ok: false, error: 'invalid', hint: 'Say which cluster: `/mulebot disconnect <cluster>`.' };
    const removed = await this.store.bindings.unbind(ctx.teamId, ctx.channelId, name);
    const channelClusters = (await this.store.bindings.clustersFor(ctx.teamId, ctx.channelId)).map((c) => c.name);
    const after = channelClusters.length ? `It still sees ${list(channelClusters)}.` : 'It is not connected to any cluster now.';
    return { ok: true, status: removed ? 'disconnected' : 'not-connected', cluster, channelClusters,
      hint: removed ? `Disconnected ${name} from this channel. ${after}` : `This channel was not connected to ${name}. ${after}` };
  }

  /** `/mulebot clusters`: what this channel sees, and every cluster of the workspace. */
  async list(ctx: Pick<TenantContext, 'teamId' | 'channelId'>): Promise<ClusterListing> {
    const [visibility, available, ws, bindings] = await Promise.all([
      this.resolve(ctx), this.store.clusters.list(ctx.teamId), this.store.workspaces.get(ctx.teamId), this.store.bindings.list(ctx.teamId),
    ]);
    const channelsByCluster: Record<string, string[]> = {};
    for (const b of bindings) (channelsByCluster[b.clusterName] ??= []).push(b.channelId);
    const defaultCluster = available.find((c) => c.id === ws?.defaultClusterId) ?? null;
    return { visibility, available, defaultCluster, channelsByCluster };
  }

  /**
   * On-prem start-up: register the cluster given on the command line (--kubeconfig, --cluster-dump or
   * in-cluster) for the workspace and make it the default every unbound channel sees. Idempotent.
   */
  async ensureDefaultCluster(teamId: string, input: NewCluster, opts: { createdBy?: string } = {}): Promise<ClusterRecord> {
    await this.store.workspaces.ensure(teamId);
    const existing = await this.store.clusters.get(teamId, input.name);
    let cluster: ClusterRecord;
    if (!existing) {
      try {
        cluster = await this.store.clusters.add(teamId, input, opts);
      } catch (err) {
        // another replica registered it first
        if (!(err instanceof StoreError && err.code === 'CONFLICT')) throw err;
        cluster = await this.store.clusters.update(teamId, input);
      }
    } else {
      cluster = await this.store.clusters.update(teamId, input);
    }
    await this.store.workspaces.setDefaultCluster(teamId, cluster.id);
    return cluster;
  }

  private checkAdmin(ctx: TenantContext, verb: string, hint?: string): ConnectResult & { ok: false } | null {
    if (ctx.isAdmin || this.options.allowNonAdmins) return null;
    return { ok: false, error: 'forbidden', hint: hint ?? `Only workspace admins can ${verb} clusters. Ask an admin to run \`/mulebot ${verb} <cluster>\` here.` };
  }

  private async unknownCluster(teamId: string, name: string): Promise<ConnectResult & { ok: false }> {
    const available = (await this.store.clusters.list(teamId)).map((c) => c.name);
    const suggestions = closest(name, available);
    const did = suggestions.length ? ` Did you mean ${suggestions.join(' or ')}?` : '';
    const have = available.length ? ` Clusters in this workspace: ${available.join(', ')}.` : ` ${noClustersHint(teamId)}`;
    return { ok: false, error: 'unknown-cluster', name, suggestions, available, hint: `I don't know a cluster called ${name}.${did}${have}` };
  }
}

export function unboundHint(available: string[]): string {
  return `This channel is not connected to a cluster yet. A workspace admin can run \`/mulebot connect <cluster>\` here`
    + (available.length ? ` (clusters: ${available.join(', ')}).` : '.');
}

export function noClustersHint(teamId: string): string {
  return `No cluster is registered for this workspace yet. An operator can add one with \`npx mulebot cluster add --team ${teamId} `
    + '--name NAME --kubeconfig FILE` (or --in-cluster, or --cluster-dump FILE), then bind a channel with `/mulebot connect NAME`.';
}

function list(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? 'no cluster') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Names within a small edit distance (or sharing a prefix), best first. */
export function closest(name: string, candidates: string[], max = 3): string[] {
  const n = name.toLowerCase();
  return candidates
    .map((c) => ({ c, d: c.toLowerCase().startsWith(n) || n.startsWith(c.toLowerCase()) ? 1 : editDistance(n, c.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(n.length / 3)))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max).map((x) => x.c);
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
