// The Slack SDKs' Logger interface on top of ours; their chatter goes to debug, their warnings stay warnings.
import type { Log } from './types.js';

export function sdkLogger(log: Log): any {
  let level = 'info';
  const fmt = (m: unknown[]) => m.map((x) => (x instanceof Error ? x.message : String(x))).join(' ');
  return {
    debug: (...m: unknown[]) => log.debug(fmt(m)), info: (...m: unknown[]) => log.debug(fmt(m)),
    warn: (...m: unknown[]) => log.warn(fmt(m)), error: (...m: unknown[]) => log.warn(fmt(m)),
    setLevel: (l: string) => { level = l; }, getLevel: () => level, setName: () => undefined,
  };
}
