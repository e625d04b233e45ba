// Sizes as Kubernetes and the engines print them. Kubernetes Quantities ("10Gi", "500M", "4294967296") use
// SI for plain letters; cStor CVR capacities ("1.47G") are ZFS-style, where a single letter is a power of 1024.

const BIN: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DEC: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Kubernetes Quantity (or a number, or a bytes string) to bytes; undefined when it cannot be read. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = /^\s*([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*([KMGTPE]i|[numkKMGTPE])?\s*$/.exec(q);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2];
  if (!unit) return n;
  return Math.round(n * (BIN[unit] ?? DEC[unit] ?? 1));
}

/** ZFS-style size ("1.47G", "512K", "0", "96.5M", also "1.2GiB") to bytes: every letter is a power of 1024. */
export function parseZfsSize(s: unknown): number | undefined {
  if (typeof s === 'number') return s;
  if (typeof s !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([BKMGTPE])?(?:i?B)?\s*$/i.exec(s);
  if (!m) return parseQuantity(s);
  const pow = ' BKMGTPE'.indexOf((m[2] ?? 'B').toUpperCase()) - 1;
  return Math.round(Number(m[1]) * 1024 ** Math.max(pow, 0));
}

/** Human size with binary units: 10737418240 -> "10Gi", 1288490189 -> "1.2Gi". */
export function formatBytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '-';
  const units = ['B', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  const s = i === 0 ? String(Math.round(v)) : v >= 100 || Number.isInteger(v) ? v.toFixed(0) : v.toFixed(1).replace(/\.0$/, '');
  return `${s}${units[i]}`;
}

export function pct(used: number | undefined, total: number | undefined): number | undefined {
  if (used === undefined || !total) return undefined;
  return Math.round((used / total) * 1000) / 10;
}
