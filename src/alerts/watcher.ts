// The alert watcher: MuleBot warns the channels that see a cluster before trouble arrives. On every inventory
// change of a connected cluster (debounced, so a burst of watch events costs one check) and on an interval
// (forecasts move with time) it derives the alerts with the alert.list code, finds the channels that see the
// cluster, applies each channel's mutes and posts only what is new or changed in state. The record of what was
// sent is the store's (alerts_sent, atomic), so two replicas or a restart never repeat a warning; a warned alert
// that clears gets one "resolved" note (clearSent deletes the record: only the replica that deleted it posts).
// A cluster that stops answering is one warning of its own (cluster-unreachable, with the cause and since when);
// its other alerts are then neither repeated nor resolved until it answers again, when "reachable again" is said.
// Each check also answers the follow-ups of confirmed actions on the cluster (src/alerts/followups.ts).
import { EventEmitter } from 'node:events';
import { muteFor } from '../commands/alerts.js';
import type { Store } from '../store/index.js';
import type { AlertScope } from '../store/alerts.js';
import { TenancyService } from '../tenancy/index.js';
import { currentAlerts, fillsFast } from './current.js';
import { checkFollowups, type FollowupCheck } from './followups.js';
import { alertMessage, unreachableMessage } from './message.js';
import { UNREACHABLE_KEY, type AlertSink, type AlertTarget, type CheckReport, type WatchedCluster } from './types.js';

export interface AlertWatcherOptions {
  store: Store;
  /** the live clusters of this process (src/app/pool.ts ClusterPool) */
  pool: { all(): WatchedCluster[] };
  sink: AlertSink;
  /** who sees which cluster (default: an on-prem TenancyService on the store) */
  tenancy?: TenancyService;
  /**
   * Channels for the workspace default cluster: an unbound on-prem workspace has no list of channels, so its
   * warnings go here (default: env MULEBOT_ALERT_CHANNEL, as "CHANNEL" or "TEAM/CHANNEL", comma-separated).
   * A default channel gets a cluster's warnings only when it sees that cluster (its bindings, else the default).
   */
  defaultChannels?: AlertTarget[];
  /** the team a default channel without one belongs to, and the on-prem fallback team (default "local") */
  team?: string;
  now?: () => Date;
  /** the interval check (default 5 min; 0: only on changes and check()) */
  everyMs?: number;
  /** how often the pool is looked at for clusters connected since (default 15 s; 0: only at start and check()) */
  scanMs?: number;
  /** quiet time after a change before checking (default 2 s) */
  debounceMs?: number;
  /** an alert still active is repeated after this long (default 24 h) */
  remindMs?: number;
  log?: (msg: string) => void;
}

export interface AlertWatcher extends EventEmitter {
  start(): void;
  /** Checks every connected cluster now (or one, by store id); resolves when done. */
  check(clusterId?: string): Promise<CheckReport[]>;
  stop(): Promise<void>;
}

const EVENTS = ['change', 'stats', 'list', 'health'];

export function parseAlertChannels(spec: string | undefined, team: string): AlertTarget[] {
  return (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const i = s.indexOf('/');
    return i < 0 ? { team, channel: s } : { team: s.slice(0, i), channel: s.slice(i + 1) };
  });
}

class Watcher extends EventEmitter implements AlertWatcher {
  private readonly tenancy: TenancyService;
  private readonly team: string;
  private readonly defaults: AlertTarget[];
  private readonly now: () => Date;
  private timer?: NodeJS.Timeout;
  private scanTimer?: NodeJS.Timeout;
  private readonly debounce = new Map<string, NodeJS.Timeout>();
  /** per cluster: the check running, and the one run after it for whoever asked meanwhile */
  private readonly running = new Map<string, { done: Promise<CheckReport>; next?: Promise<CheckReport> }>();
  /** connections listened to, with their handler */
  private readonly listening = new Map<object, { cluster: WatchedCluster; handler: () => void }>();
  private stopped = false;
  /** when a cluster that never connected was first seen failing (a connection's health knows its own) */
  private readonly downSince = new Map<string, Date>();

  constructor(private readonly o: AlertWatcherOptions) {
    super();
    this.team = o.team ?? 'local';
    this.tenancy = o.tenancy ?? new TenancyService(o.store, { onPrem: true });
    this.defaults = o.defaultChannels ?? parseAlertChannels(process.env.MULEBOT_ALERT_CHANNEL, this.team);
    this.now = o.now ?? (() => new Date());
  }

  start(): void {
    this.stopped = false;
    this.subscribe();
    const every = this.o.everyMs ?? 5 * 60_000;
    if (every > 0 && !this.timer) {
      this.timer = setInterval(() => { this.check().catch((err) => this.fail(err)); }, every);
      this.timer.unref();
    }
    const scan = this.o.scanMs ?? 15_000;
    if (scan > 0 && !this.scanTimer) {
      this.scanTimer = setInterval(() => this.subscribe(), scan);
      this.scanTimer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.scanTimer) clearInterval(this.scanTimer);
    this.timer = this.scanTimer = undefined;
    for (const t of this.debounce.values()) clearTimeout(t);
    this.debounce.clear();
    for (const [conn, { handler }] of this.listening) for (const ev of EVENTS) (conn as any).off(ev, handler);
    this.listening.clear();
    await Promise.all([...this.running.values()].map((r) => r.done.catch(() => {})));
  }

  /** Listens to the change events of every connected cluster not listened to yet (a reconnect is a new conn). */
  private subscribe(): void {
    for (const c of this.o.pool.all()) {
      const conn = c.conn;
      if (!conn || this.listening.has(conn) || !c.id) continue;
      const handler = () => this.schedule(c);
      for (const ev of EVENTS) conn.on(ev, handler);
      this.listening.set(conn, { cluster: c, handler });
      // newly connected (someone asked about it, or it came back): check it once soon
      if (!this.stopped && (this.timer || this.scanTimer)) this.schedule(c);
    }
  }

  private schedule(c: WatchedCluster): void {
    if (this.stopped || !c.id) return;
    const id = c.id;
    clearTimeout(this.debounce.get(id));
    const t = setTimeout(() => { this.debounce.delete(id); this.run(c).catch((err) => this.fail(err)); }, this.o.debounceMs ?? 2000);
    t.unref();
    this.debounce.set(id, t);
  }

  async check(clusterId?: string): Promise<CheckReport[]> {
    this.subscribe();
    const clusters = this.o.pool.all().filter((c) => c.id && (!clusterId || c.id === clusterId));
    return Promise.all(clusters.map((c) => this.run(c)));
  }

  /** One check at a time per cluster; requests during a check share one more run after it (with the newer state). */
  private run(c: WatchedCluster): Promise<CheckReport> {
    const id = c.id!;
    const cur = this.running.get(id);
    if (cur) return (cur.next ??= cur.done.catch(() => undefined).then(() => this.run(c)));
    const entry: { done: Promise<CheckReport>; next?: Promise<CheckReport> } = { done: undefined as unknown as Promise<CheckReport> };
    entry.done = (async () => {
      try { return await this.checkCluster(c); } finally { this.running.delete(id); }
    })();
    this.running.set(id, entry);
    return entry.done;
  }

  private fail(err: unknown): void {
    const msg = `alert watcher: ${(err as Error)?.message ?? String(err)}`;
    this.o.log?.(msg);
    if (this.listenerCount('error')) this.emit('error', err);
  }

  /** The channels that see a cluster: its bindings, and the default channels that see it. */
  async targetsFor(c: WatchedCluster): Promise<{ target: AlertTarget; scope: AlertScope }[]> {
    const team = c.team ?? this.team;
    const out = new Map<string, { target: AlertTarget; scope: AlertScope }>();
    for (const ch of await this.o.store.bindings.channelsForCluster(team, c.id!)) {
      out.set(`${team}\u0001${ch}`, { target: { team, channel: ch }, scope: { teamId: team, channelId: ch, clusterId: c.id! } });
    }
    for (const d of this.defaults) {
      let v = await this.tenancy.resolve({ teamId: d.team, channelId: d.channel });
      // as the app's resolver: a workspace with no clusters of its own sees the on-prem team's
      if (v.kind === 'no-clusters' && d.team !== this.team) v = await this.tenancy.resolve({ teamId: this.team, channelId: d.channel });
      if (!v.clusters.some((r) => r.id === c.id)) continue;
      // mutes and sent records are kept under the cluster's own team (as the dialogue keeps mutes)
      out.set(`${d.team}\u0001${d.channel}`, { target: d, scope: { teamId: team, channelId: d.channel, clusterId: c.id! } });
    }
    return [...out.values()];
  }

  /** Why a cluster does not answer, and since when; undefined when it does. */
  private unreachable(c: WatchedCluster, error: string | undefined): { since: Date; reason: string } | undefined {
    const h = c.conn?.health?.();
    if (h && !h.reachable) return { since: h.since ?? this.now(), reason: h.reason ?? 'no answer' };
    if (!error) { this.downSince.delete(c.id!); return undefined; }
    if (!this.downSince.has(c.id!)) this.downSince.set(c.id!, this.now());
    return { since: this.downSince.get(c.id!)!, reason: error.replace(new RegExp(`^cluster ${escapeRe(c.name)}( unreachable)?: `), '') };
  }

  private async checkCluster(c: WatchedCluster): Promise<CheckReport> {
    const report: CheckReport = { cluster: c.name, clusterId: c.id, targets: [], posted: [] };
    // a cluster that failed to connect is tried again (the pool paces it), so "back" is noticed without a question
    if (c.state().error && c.ensure) await c.ensure().catch(() => {});
    const state = c.state();
    const down = this.unreachable(c, state.error);
    if (down) return this.checkUnreachable(c, down, report);
    if (!state.inventory) {
      report.skipped = 'no inventory yet';
      this.emit('checked', report);
      return report;
    }
    const inv = state.inventory;
    const now = this.now();
    // the answers to confirmed actions go to where they were asked, bound channels or not
    await this.followups(c, report, { inventory: inv });
    const targets = await this.targetsFor(c);
    report.targets = targets.map((t) => t.target);
    if (!targets.length) { this.emit('checked', report); return report; }

    const { alerts: all, forecastOk, ctx } = await currentAlerts(c, { store: this.o.store, team: c.team ?? this.team, now, onError: (err) => this.fail(err) });
    const active = new Set(all.map((a) => a.key));
    // a warned volume that left the forecast scan (others got fuller, it dropped below the scan's floor) is
    // looked at on its own: only a forecast that no longer fills fast resolves it
    const stillFilling = new Map<string, Promise<boolean>>();
    const isStillFilling = (key: string) => {
      if (!stillFilling.has(key)) stillFilling.set(key, fillsFast(key.slice('volume-filling/'.length), inv, ctx));
      return stillFilling.get(key)!;
    };

    for (const { target, scope } of targets) {
      const mutes = await this.o.store.alerts.listMutes(scope.teamId, { channelId: scope.channelId, clusterId: scope.clusterId });
      const sent = await this.o.store.alerts.listSent(scope);
      const prev = new Map(sent.map((s) => [s.alertKey, s]));
      const remindMs = this.o.remindMs ?? 86_400_000;
      // the common case (sent, same state, not due again) costs no query; the store stays the atomic judge
      const due = all.filter((a) => {
        if (muteFor(a, mutes, now, inv)) return false;
        const p = prev.get(a.key);
        return !(p && p.state === a.severity && Date.now() - p.sentAt.getTime() < remindMs - 60_000);
      });
      const send = due.length ? await this.o.store.alerts.shouldSendMany(scope, due.map((a) => ({ key: a.key, state: a.severity })), { cooldownMs: remindMs }) : new Set<string>();
      const fresh = due.filter((a) => send.has(a.key));
      const cleared: string[] = [];
      for (const k of sent.map((x) => x.alertKey)) {
        if (active.has(k)) continue;
        if (k.startsWith('volume-filling/')) {
          // a forecast that could not be read says nothing about whether the volume still fills fast
          if (!forecastOk || await isStillFilling(k)) continue;
        }
        cleared.push(k);
      }
      const gone = new Set(cleared.length ? await this.o.store.alerts.clearSentMany(scope, cleared) : []);
      const resolved = cleared.filter((k) => gone.has(k));
      if (!fresh.length && !resolved.length) continue;
      await this.deliver(target, scope, alertMessage(c.name, fresh, resolved, now), fresh.map((a) => a.key), report, { fresh: fresh.map((a) => a.key), resolved });
    }
    this.emit('checked', report);
    return report;
  }

  /**
   * The cluster does not answer: one warning per channel that sees it (an "all" mute silences it), kept on
   * record like an alert's; its other records stay as they are (unreachable is not "everything resolved").
   */
  private async checkUnreachable(c: WatchedCluster, down: { since: Date; reason: string }, report: CheckReport): Promise<CheckReport> {
    report.skipped = `unreachable: ${down.reason}`;
    const now = this.now();
    await this.followups(c, report, { down });
    const targets = await this.targetsFor(c);
    report.targets = targets.map((t) => t.target);
    for (const { target, scope } of targets) {
      const mutes = await this.o.store.alerts.listMutes(scope.teamId, { channelId: scope.channelId, clusterId: scope.clusterId });
      if (mutes.some((m) => m.target.kind === 'all' && m.until > now)) continue;
      const send = await this.o.store.alerts.shouldSendMany(scope, [{ key: UNREACHABLE_KEY, state: 'critical' }], { cooldownMs: this.o.remindMs ?? 86_400_000 });
      if (!send.has(UNREACHABLE_KEY)) continue;
      await this.deliver(target, scope, unreachableMessage(c.name, down.since, down.reason, now), [UNREACHABLE_KEY], report, { fresh: [UNREACHABLE_KEY], resolved: [] });
    }
    this.emit('checked', report);
    return report;
  }

  private async followups(c: WatchedCluster, report: CheckReport, o: Pick<FollowupCheck, 'inventory' | 'down'>): Promise<void> {
    await checkFollowups({ store: this.o.store, sink: this.o.sink, cluster: c, team: c.team ?? this.team, now: this.now(),
      onError: (err) => this.fail(err), ...o }, report).catch((err) => this.fail(err));
  }

  private async deliver(target: AlertTarget, scope: AlertScope, reply: Parameters<AlertSink['post']>[1], keys: string[], report: CheckReport,
    posted: { fresh: string[]; resolved: string[] }): Promise<void> {
    try {
      await this.o.sink.post(target, reply);
      report.posted.push({ target, ...posted });
    } catch (err) {
      // not delivered: forget the new ones so the next check tries again (a lost "resolved" note stays lost)
      await this.o.store.alerts.clearSentMany(scope, keys).catch(() => {});
      this.fail(err);
    }
  }
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createAlertWatcher(o: AlertWatcherOptions): AlertWatcher {
  return new Watcher(o);
}
