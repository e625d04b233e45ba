// Workspaces and their clusters. Every query names the team: a cluster id alone never finds a row.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Keyring } from './crypto.js';
import { StoreError, type ClusterRecord, type NewCluster, type Workspace } from './records.js';
import { Secret } from './secret.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export function validClusterName(name: string): boolean { return NAME.test(name); }

/** Associated data binding a kubeconfig ciphertext to its row. */
export const clusterAad = (teamId: string, clusterId: string) => `cluster:${teamId}:${clusterId}`;

function toWorkspace(r: any): Workspace {
  return { teamId: r.team_id, enterpriseId: r.enterprise_id ?? null, name: r.name ?? null,
    defaultClusterId: r.default_cluster_id ?? null, createdAt: new Date(r.created_at) };
}

export function toCluster(r: any): ClusterRecord {
  return { id: r.id, teamId: r.team_id, name: r.name, kind: r.kind, context: r.context ?? null,
    dumpPath: r.dump_path ?? null, keyId: r.key_id ?? null, createdBy: r.created_by ?? null, createdAt: new Date(r.created_at) };
}

export const CLUSTER_COLUMNS = ['id', 'team_id', 'name', 'kind', 'context', 'dump_path', 'key_id', 'created_by', 'created_at'];

export class Workspaces {
  constructor(private readonly db: Knex) {}

  /** Creates the workspace row if missing; fills enterprise id and name when given. */
  async ensure(teamId: string, info: { enterpriseId?: string | null; name?: string | null } = {}, trx: Knex = this.db): Promise<Workspace> {
    if (!teamId) throw new StoreError('team id is required', 'INVALID');
    const rows = await trx('workspaces')
      .insert({ team_id: teamId, enterprise_id: info.enterpriseId ?? null, name: info.name ?? null })
      .onConflict('team_id')
      .merge({
        enterprise_id: trx.raw('coalesce(excluded.enterprise_id, workspaces.enterprise_id)'),
        name: trx.raw('coalesce(excluded.name, workspaces.name)'),
      })
      .returning('*');
    return toWorkspace(rows[0]);
  }

  async get(teamId: string): Promise<Workspace | null> {
    const r = await this.db('workspaces').where({ team_id: teamId }).first();
    return r ? toWorkspace(r) : null;
  }

  async list(): Promise<Workspace[]> {
    return (await this.db('workspaces').orderBy('team_id')).map(toWorkspace);
  }

  /** The cluster every unbound channel of the workspace sees (on-prem default). The FK keeps it in-team. */
  async setDefaultCluster(teamId: string, clusterId: string | null): Promise<void> {
    const n = await this.db('workspaces').where({ team_id: teamId }).update({ default_cluster_id: clusterId })
      .catch((err: any) => { throw err?.code === '23503' ? new StoreError('no such cluster in this workspace', 'NOT_FOUND') : err; });
    if (!n) throw new StoreError(`unknown workspace ${teamId}`, 'NOT_FOUND');
  }

  async remove(teamId: string): Promise<boolean> {
    return (await this.db('workspaces').where({ team_id: teamId }).delete()) > 0;
  }
}

export class Clusters {
  constructor(private readonly db: Knex, private readonly keyring: () => Keyring) {}

  async add(teamId: string, input: NewCluster, opts: { createdBy?: string | null } = {}): Promise<ClusterRecord> {
    if (!validClusterName(input.name)) {
      throw new StoreError(`bad cluster name "${input.name}": use letters, digits, '.', '_' or '-' (at most 63)`, 'INVALID');
    }
    const id = randomUUID();
    const row: Record<string, unknown> = { id, team_id: teamId, name: input.name, kind: input.kind, created_by: opts.createdBy ?? null };
    if (input.kind === 'kubeconfig') {
      if (!input.kubeconfig.trim()) throw new StoreError('the kubeconfig is empty', 'INVALID');
      const sealed = this.keyring().seal(input.kubeconfig, clusterAad(teamId, id));
      Object.assign(row, { kubeconfig_enc: sealed.value, key_id: sealed.keyId, context: input.context ?? null });
    } else if (input.kind === 'dump') {
      if (!input.dumpPath) throw new StoreError('a dump cluster needs a path', 'INVALID');
      row.dump_path = input.dumpPath;
    } else if (input.kind !== 'in-cluster') {
      throw new StoreError(`unknown cluster kind ${(input as any).kind}`, 'INVALID');
    }
    return this.db.transaction(async (trx) => {
      await new Workspaces(this.db).ensure(teamId, {}, trx);
      try {
        const rows = await trx('clusters').insert(row).returning(CLUSTER_COLUMNS);
        return toCluster(rows[0]);
      } catch (err: any) {
        if (err?.code === '23505') throw new StoreError(`cluster "${input.name}" already exists in this workspace`, 'CONFLICT');
        throw err;
      }
    });
  }

  /** Replaces how a cluster is reached (kind, kubeconfig, context, dump path), keeping its id and bindings. */
  async update(teamId: string, input: NewCluster): Promise<ClusterRecord> {
    const existing = await this.get(teamId, input.name);
    if (!existing) throw new StoreError(`no cluster "${input.name}" in this workspace`, 'NOT_FOUND');
    const row: Record<string, unknown> = { kind: input.kind, kubeconfig_enc: null, key_id: null, context: null, dump_path: null };
    if (input.kind === 'kubeconfig') {
      const sealed = this.keyring().seal(input.kubeconfig, clusterAad(teamId, existing.id));
      Object.assign(row, { kubeconfig_enc: sealed.value, key_id: sealed.keyId, context: input.context ?? null });
    } else if (input.kind === 'dump') {
      row.dump_path = input.dumpPath;
    }
    const rows = await this.db('clusters').where({ team_id: teamId, id: existing.id }).update(row).returning(CLUSTER_COLUMNS);
    return toCluster(rows[0]);
  }

  async list(teamId: string): Promise<ClusterRecord[]> {
    return (await this.db('clusters').select(CLUSTER_COLUMNS).where({ team_id: teamId }).orderBy('name')).map(toCluster);
  }

  async get(teamId: string, name: string): Promise<ClusterRecord | null> {
    const r = await this.db('clusters').select(CLUSTER_COLUMNS).where({ team_id: teamId, name }).first();
    return r ? toCluster(r) : null;
  }

  async getById(teamId: string, id: string): Promise<ClusterRecord | null> {
    const r = await this.db('clusters').select(CLUSTER_COLUMNS).where({ team_id: teamId, id }).first();
    return r ? toCluster(r) : null;
  }

  /** The decrypted kubeconfig of one of the team's clusters; null when it has none or is not the team's. */
  async kubeconfig(teamId: string, clusterId: string): Promise<Secret | null> {
    const r = await this.db('clusters').select('kubeconfig_enc').where({ team_id: teamId, id: clusterId }).first();
    if (!r?.kubeconfig_enc) return null;
    return new Secret(this.keyring().open(r.kubeconfig_enc, clusterAad(teamId, clusterId)));
  }

  async remove(teamId: string, name: string): Promise<boolean> {
    return (await this.db('clusters').where({ team_id: teamId, name }).delete()) > 0;
  }

  /** Re-seals kubeconfigs sealed under an older key; returns how many changed. */
  async rekey(): Promise<number> {
    const ring = this.keyring();
    const rows = await this.db('clusters').select('id', 'team_id', 'kubeconfig_enc')
      .whereNotNull('kubeconfig_enc').whereNot({ key_id: ring.currentKeyId });
    for (const r of rows) {
      const aad = clusterAad(r.team_id, r.id);
      const sealed = ring.seal(ring.open(r.kubeconfig_enc, aad), aad);
      await this.db('clusters').where({ team_id: r.team_id, id: r.id }).update({ kubeconfig_enc: sealed.value, key_id: sealed.keyId });
    }
    return rows.length;
  }
}
