// The contract between the alert watcher and whatever delivers its messages. The Slack side implements
// AlertSink with chat.postMessage (team -> installation token, channel -> channel id); the terminal sink prints.
import type { Reply } from '../dialogue/types.js';
import type { LiveCluster } from '../dialogue/clusters.js';

/** Where a warning goes: a Slack workspace (team id; "local" on-prem) and a channel id; `thread`: a thread's ts
 *  (the answer to an action asked in a thread goes back into it; warnings have none). */
export interface AlertTarget { team: string; channel: string; thread?: string }

export interface AlertSink {
  /** Delivers one message; a rejection is logged by the watcher and the alerts stay on record as sent. */
  post(target: AlertTarget, reply: Reply): Promise<void>;
}

/** What the watcher needs of a pooled cluster (src/app/pool.ts PooledCluster fits): its live state and,
 *  once connected, the connection whose change events trigger a check. */
export interface WatchedCluster extends LiveCluster {
  conn?: { on(event: string, cb: (...args: any[]) => void): unknown; off(event: string, cb: (...args: any[]) => void): unknown;
    /** whether the apiserver answers (src/kube/connection.ts ClusterHealth) */
    health?(): { reachable: boolean; since?: Date; reason?: string } };
  /** connects, or tries again after a failure (the pool paces the retries) */
  ensure?(): Promise<void>;
}

/** The sent-record key of "cluster unreachable" (one per channel and cluster, like an alert's). */
export const UNREACHABLE_KEY = 'cluster-unreachable';

/** What one check of one cluster did. */
export interface CheckReport {
  cluster: string;
  clusterId?: string;
  /** channels that saw the cluster */
  targets: AlertTarget[];
  /** messages posted (one per channel at most) */
  posted: { target: AlertTarget; fresh: string[]; resolved: string[] }[];
  /** why nothing was checked (no inventory yet, unreachable, not in the store) */
  skipped?: string;
  /** follow-ups of confirmed actions closed by this check (src/alerts/followups.ts), and whether their answer went out */
  followups?: { id: string; kind: string; target: string; outcome: string; to: AlertTarget; delivered: boolean }[];
}
