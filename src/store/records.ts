// Records the repositories return. Secrets never appear here as plain strings: they come back as Secret.
import type { Secret } from './secret.js';

export class StoreError extends Error {
  constructor(message: string, readonly code: 'CONFLICT' | 'NOT_FOUND' | 'INVALID' | 'FORBIDDEN') {
    super(message);
    this.name = 'StoreError';
  }
}

export interface Workspace {
  teamId: string;
  enterpriseId: string | null;
  name: string | null;
  defaultClusterId: string | null;
  createdAt: Date;
}

export type ClusterKind = 'kubeconfig' | 'in-cluster' | 'dump';

export interface ClusterRecord {
  id: string;
  teamId: string;
  name: string;
  kind: ClusterKind;
  /** kubeconfig context to use (kubeconfig clusters) */
  context: string | null;
  /** path of the cluster dump (dump clusters) */
  dumpPath: string | null;
  /** id of the key that sealed the kubeconfig, for rotation */
  keyId: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export type NewCluster =
  | { name: string; kind: 'kubeconfig'; kubeconfig: string; context?: string }
  | { name: string; kind: 'in-cluster' }
  | { name: string; kind: 'dump'; dumpPath: string };

export interface ConversationKey { teamId: string; channelId: string; threadTs?: string | null }

export interface Conversation<S = unknown> {
  teamId: string;
  channelId: string;
  threadTs: string | null;
  state: S;
  /** optimistic concurrency: pass it back to put() to update */
  version: number;
  expiresAt: Date;
  updatedAt: Date;
}

export type PutResult = { ok: true; version: number } | { ok: false; reason: 'conflict'; currentVersion: number | null };

export interface UsageSample {
  volumeId: string;
  at: Date;
  usedBytes: number;
  capacityBytes: number | null;
}

export type MuteTarget = { kind: 'all' } | { kind: 'volume' | 'pool'; name: string };

export interface AlertMute {
  id: string;
  teamId: string;
  channelId: string;
  clusterId: string;
  target: MuteTarget;
  until: Date;
  createdBy: string | null;
}

export interface InstallationRecord {
  id: string;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  botUserId: string | null;
  botId: string | null;
  botToken: Secret | null;
  userId: string | null;
  userToken: Secret | null;
  keyId: string;
  installedAt: Date;
}

/** What a channel may have MuleBot change on one bound cluster (migration 003). */
export type ActionsLevel = 'none' | 'alerts' | 'all';
export const ACTIONS_LEVELS: readonly ActionsLevel[] = ['none', 'alerts', 'all'];

export interface ActionPolicy {
  /** none: no action; alerts: mute/unmute only (this channel's own settings); all: cluster writes too */
  actions: ActionsLevel;
  /** Slack user ids who may run cluster writes (empty: anyone in the channel) */
  allowedUsers: string[];
}
