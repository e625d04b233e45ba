// One message per channel and check: the new or changed alerts (worst first, through the alert.list renderer,
// so Slack's limits hold), then a note for the warned alerts that have cleared.
import type { KnownBlock } from '@slack/types';
import type { Alert } from '../commands/types.js';
import type { Reply } from '../dialogue/types.js';
import { b, clip, mrkdwn, plain, size, user } from '../render/format.js';
import { LIMITS, render } from '../render/index.js';
import type { Followup, FollowupOutcome } from '../store/index.js';
import { UNREACHABLE_KEY } from './types.js';

const SEVERITY = { critical: 0, warning: 1 };

const KIND_WORDS: Record<string, string> = {
  'replica-lost': 'replicas back', 'volume-unhealthy': 'healthy again', 'pool-filling': 'below the fill threshold',
  'pool-read-only': 'writable again', 'pool-unhealthy': 'online again', 'volume-full': 'no longer nearly full',
  'volume-filling': 'no longer filling fast', 'node-not-ready': 'ready again', 'engine-missing': 'API installed',
};

/** "replica-lost/data/mysql-data" -> { kind, name } (names may hold a slash: the kind never does). */
export function splitKey(key: string): { kind: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { kind: key, name: '' } : { kind: key.slice(0, i), name: key.slice(i + 1) };
}

export function resolvedLine(key: string, cluster = 'the cluster'): string {
  if (key === UNREACHABLE_KEY) return `• *${cluster}* — reachable again`;
  const { kind, name } = splitKey(key);
  return `• ${name ? `*${name}*` : kind} — ${KIND_WORDS[kind] ?? `${kind} cleared`}`;
}

/** The message for one channel: fresh alerts (may be empty) and resolved alert keys (may be empty). */
export function alertMessage(cluster: string, fresh: Alert[], resolved: string[], now: Date): Reply {
  const sorted = [...fresh].sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity]);
  let text = '';
  let blocks: KnownBlock[] = [];
  if (sorted.length) {
    const r = render({ kind: 'alert.list', cluster, alerts: sorted, muted: [] }, { now, maxRows: 15 });
    text = r.text;
    blocks = r.blocks;
  }
  if (resolved.length) {
    const head = `:white_check_mark: Resolved on ${cluster}:`;
    // one section, clipped to Slack's section limit, with a count of what did not fit
    const lines: string[] = [];
    let len = head.length;
    // "reachable again" first: it is why the rest can be judged again
    for (const k of [...resolved].sort((a, b) => Number(b === UNREACHABLE_KEY) - Number(a === UNREACHABLE_KEY))) {
      const l = resolvedLine(k, cluster);
      if (len + l.length + 1 > LIMITS.sectionText - 40) break;
      lines.push(l); len += l.length + 1;
    }
    const more = resolved.length - lines.length;
    const body = `${head}\n${lines.join('\n')}${more ? `\n…and ${more} more` : ''}`;
    if (blocks.length >= LIMITS.blocks) blocks = blocks.slice(0, LIMITS.blocks - 1);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: body } });
    const plainBody = body.replace(/:white_check_mark: /, '✅ ').replace(/\*/g, '');
    text = text ? `${text}\n\n${plainBody}` : plainBody;
  }
  return { intent: 'alert.list', entities: [], text, blocks };
}

/** "07:12 UTC" today, "2026-11-23 07:12 UTC" on another day. */
export function clockTime(at: Date, now: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 10) === now.toISOString().slice(0, 10) ? '' : `${iso.slice(0, 10)} `}${iso.slice(11, 16)} UTC`;
}

/** The warning that a cluster does not answer: "cluster prod-eu unreachable since 07:12 UTC: ECONNREFUSED 10.0.0.1:6443". */
export function unreachableMessage(cluster: string, since: Date, reason: string, now: Date): Reply {
  const cause = reason.length > 500 ? `${reason.slice(0, 499)}…` : reason;
  const head = `cluster ${cluster} unreachable since ${clockTime(since, now)}: ${cause}`;
  const tail = 'Its alerts wait until it answers again; I will say when it is back.';
  return {
    intent: 'alert.list', entities: [], text: `🔴 ${head}\n${tail}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:red_circle: *Cluster ${cluster} unreachable* since ${clockTime(since, now)}: \`${cause.replace(/`/g, "'")}\`\n${tail}` } }],
  };
}

/** What the follow-up check found: the outcome, the sizes it saw, and why when it is not "ready". */
export interface FollowupFinding { outcome: FollowupOutcome; sizeBytes?: number; reason?: string }

/**
 * The answer to a follow-up of a confirmed action, one short message: "✅ Snapshot payments/pg-wal-20261124-0610 of
 * pg-wal is ready to use (20 GiB), as <@U1> asked", "✅ pg-data now has 220 GiB (was 200 GiB), as <@U1> asked",
 * or that it failed or is still not done by the deadline, with the reason.
 */
export function followupMessage(f: Followup, found: FollowupFinding, now: Date): Reply {
  const asked = `as ${user(f.userId)} asked`;
  const by = `asked by ${user(f.userId)} at ${clockTime(f.createdAt, now)}`;
  const reason = clip(found.reason ?? 'no reason given', 600);
  const minutes = Math.max(1, Math.round((f.deadline.getTime() - f.createdAt.getTime()) / 60_000));
  const stop = 'I have stopped watching it';
  let line: string;
  if (f.kind === 'snapshot-ready') {
    const what = `Snapshot ${b(f.target)}${f.source ? ` of ${b(f.source)}` : ''}`;
    if (found.outcome === 'ready') line = `:white_check_mark: ${what} is ready to use${found.sizeBytes ? ` (${size(found.sizeBytes)})` : ''}, ${asked}`;
    else if (found.outcome === 'failed') line = `:x: ${what} on ${f.clusterName} failed: ${reason} (${by})`;
    else line = `:hourglass_flowing_sand: ${what} on ${f.clusterName} is still not ready to use after ${minutes} minutes: ${reason}. ${stop}; ask "snapshots of ${f.source ?? f.target}" to see it later (${by})`;
  } else {
    const pvc = f.target.slice(f.target.indexOf('/') + 1);
    const was = f.fromBytes ? ` (was ${size(f.fromBytes)})` : '';
    if (found.outcome === 'ready') line = `:white_check_mark: ${b(pvc)} now has ${size(found.sizeBytes ?? f.expectedBytes ?? undefined)}${was}, ${asked}`;
    else if (found.outcome === 'failed') line = `:x: The expansion of ${b(f.target)} on ${f.clusterName} to ${size(f.expectedBytes ?? undefined)} did not finish: ${reason} (${by})`;
    else line = `:hourglass_flowing_sand: ${b(f.target)} on ${f.clusterName} still has ${size(found.sizeBytes)}, not the ${size(f.expectedBytes ?? undefined)} asked for, after ${minutes} minutes: ${reason}. ${stop}; ask "status of ${pvc}" to see it later (${by})`;
  }
  return {
    intent: f.kind === 'snapshot-ready' ? 'snapshot.create' : 'volume.expand', entities: [], text: plain(line),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: clip(mrkdwn(line), LIMITS.sectionText) } }],
  };
}
