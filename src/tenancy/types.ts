// What the tenancy service answers. Typed so that the dialogue and the renderer decide the wording
// (Block Kit or plain text); `hint` is a ready sentence for the plain case.
import type { ActionPolicy, ClusterRecord } from '../store/records.js';

export interface TenantContext {
  teamId: string;
  channelId: string;
  userId?: string;
  /** from the caller (Slack users.info is_admin/is_owner, or the operator CLI): only admins manage bindings */
  isAdmin?: boolean;
}

export type Visibility =
  /** the channel's own bindings */
  | { kind: 'bound'; clusters: ClusterRecord[] }
  /** no binding here: the workspace's default cluster serves every unbound channel (on-prem) */
  | { kind: 'default'; clusters: ClusterRecord[] }
  /** no binding and no default: the channel sees nothing until an admin binds it */
  | { kind: 'unbound'; clusters: []; available: string[]; hint: string }
  /** the workspace has no cluster at all */
  | { kind: 'no-clusters'; clusters: []; hint: string };

export type TenancyError =
  | { ok: false; error: 'forbidden'; hint: string }
  | { ok: false; error: 'unknown-cluster'; name: string; suggestions: string[]; available: string[]; hint: string }
  | { ok: false; error: 'invalid'; hint: string };

export type ConnectResult =
  | { ok: true; status: 'connected' | 'already-connected'; cluster: ClusterRecord; channelClusters: string[]; hint: string }
  | TenancyError;

export type DisconnectResult =
  | { ok: true; status: 'disconnected' | 'not-connected'; cluster: ClusterRecord; channelClusters: string[]; hint: string }
  | TenancyError;

export type PolicyResult =
  | { ok: true; cluster: ClusterRecord; policy: ActionPolicy; hint: string }
  | TenancyError;

export interface ClusterListing {
  /** what this channel sees now, and why */
  visibility: Visibility;
  /** every cluster of the workspace */
  available: ClusterRecord[];
  defaultCluster: ClusterRecord | null;
  /** channels bound to each cluster, by cluster name */
  channelsByCluster: Record<string, string[]>;
}
