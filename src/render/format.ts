// Words and marks shared by every answer: health at a glance, sizes, percents, ages, and the small markup
// that becomes Slack mrkdwn in blocks and plain text (with unicode emoji) in the terminal.
import type { Health, PoolStatus } from '../openebs/types.js';

export const HEALTH_EMOJI: Record<Health, string> = {
  Healthy: ':large_green_circle:', Degraded: ':large_yellow_circle:', Rebuilding: ':large_blue_circle:',
  Offline: ':red_circle:', Faulted: ':red_circle:', Pending: ':hourglass_flowing_sand:', Unknown: ':white_circle:',
};

export const POOL_EMOJI: Record<PoolStatus, string> = {
  Online: ':large_green_circle:', Degraded: ':large_yellow_circle:', Offline: ':red_circle:', Faulted: ':red_circle:',
  Pending: ':hourglass_flowing_sand:', Unknown: ':white_circle:',
};

/** the shortcodes this renderer uses, and how the terminal shows them */
export const UNICODE: Record<string, string> = {
  ':large_green_circle:': '🟢', ':large_yellow_circle:': '🟡', ':large_blue_circle:': '🔵', ':red_circle:': '🔴',
  ':hourglass_flowing_sand:': '⏳', ':white_circle:': '⚪', ':warning:': '⚠️', ':white_check_mark:': '✅', ':x:': '❌',
  ':no_entry:': '⛔', ':mag:': '🔍', ':bell:': '🔔', ':no_bell:': '🔕', ':camera:': '📷', ':page_facing_up:': '📄',
  ':chart_with_upwards_trend:': '📈', ':globe_with_meridians:': '🌐', ':information_source:': 'ℹ️', ':small_orange_diamond:': '🔸',
};

export const healthEmoji = (h: Health): string => HEALTH_EMOJI[h] ?? ':white_circle:';
export const poolEmoji = (s: PoolStatus, readOnly?: boolean): string => (readOnly && s === 'Online' ? ':large_yellow_circle:' : POOL_EMOJI[s] ?? ':white_circle:');

// Markup: bold and code are marked with control characters so that user data (event messages, names) is never
// mistaken for markup; mrkdwn() and plain() turn marks into Slack syntax or drop them.
const B0 = '\u0001', B1 = '\u0002', C0 = '\u0003', C1 = '\u0004', PRE0 = '\u0005', PRE1 = '\u0006';
export const b = (s: string | number): string => `${B0}${s}${B1}`;
export const code = (s: string | number): string => `${C0}${s}${C1}`;
export const pre = (s: string): string => `${PRE0}${s}${PRE1}`;
/** a Slack user: a mention in Slack, the id in text; anything that is not a user id stays plain text */
export const user = (id: string): string => (/^[UW][A-Z0-9]{1,20}$/.test(id) ? `\u0007${id}\u0008` : id);

export function mrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/\u0001/g, '*').replace(/\u0002/g, '*').replace(/\u0003/g, '`').replace(/\u0004/g, '`')
    .replace(/\u0005/g, '```\n').replace(/\u0006/g, '\n```').replace(/\u0007([A-Z0-9]+)\u0008/g, '<@$1>');
}

export function plain(s: string): string {
  return s.replace(/:[a-z_]+:/g, (m) => UNICODE[m] ?? m).replace(/[\u0001-\u0004\u0007\u0008]/g, '').replace(/\u0005/g, '\n').replace(/\u0006/g, '');
}

/** mrkdwn length of a marked string (what Slack counts) */
export const mdLength = (s: string): number => mrkdwn(s).length;

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** 53687091200 -> "50 GiB", 1610612736 -> "1.5 GiB": binary units, at most one decimal */
export function size(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '?';
  let v = Math.abs(n);
  let i = 0;
  while (v >= 1024 && i < UNITS.length - 1) { v /= 1024; i++; }
  const r = Math.round(v * 10) / 10;
  // 1023.96 GiB rounds to 1024.0: say 1 TiB instead
  if (r >= 1024 && i < UNITS.length - 1) { v = r / 1024; i++; }
  const s = i === 0 ? String(Math.round(v)) : (Math.round(v * 10) / 10).toFixed(1).replace(/\.0$/, '');
  return `${n < 0 ? '-' : ''}${s} ${UNITS[i]}`;
}

export function percent(p: number | undefined): string {
  if (p === undefined || !Number.isFinite(p)) return '?';
  if (p > 0 && p < 1) return `${p.toFixed(1)}%`;
  return `${Math.round(p)}%`;
}

/** a 10-cell bar for a percentage */
export function bar(p: number | undefined, cells = 10): string {
  if (p === undefined) return '░'.repeat(cells);
  const full = Math.max(0, Math.min(cells, Math.round((p / 100) * cells)));
  return '▓'.repeat(full) + '░'.repeat(cells - full);
}

/** seconds as "35 minutes", "5 hours", "about 3 days" */
export function duration(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s < 90) return `${Math.round(s)} seconds`;
  if (s < 90 * 60) return `${Math.round(s / 60)} minutes`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} hours`;
  if (s < 60 * 86_400) return `${Math.round(s / 86_400)} days`;
  if (s < 700 * 86_400) return `${Math.round(s / (30 * 86_400))} months`;
  return 'more than a year';
}

/** compact age: "35m", "6h", "3d" */
export function age(iso: string | undefined, now: Date): string {
  if (!iso) return '?';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '?';
  const s = Math.max(0, (now.getTime() - t) / 1000);
  if (s < 60) return `${Math.round(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

export const ENGINE_LABEL: Record<string, string> = {
  cstor: 'cStor', jiva: 'Jiva', 'localpv-hostpath': 'LocalPV Hostpath', 'localpv-device': 'LocalPV Device',
  'localpv-lvm': 'LocalPV LVM', 'localpv-zfs': 'LocalPV ZFS', mayastor: 'Mayastor', 'legacy-cstor': 'legacy cStor', unknown: 'unknown engine',
};
export const engineLabel = (e: string): string => ENGINE_LABEL[e] ?? e;

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** cut a string to `max` characters, with an ellipsis */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}
