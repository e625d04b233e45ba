// Secrets in memory: a wrapper whose every printable form is "[redacted]", and a redact helper for log lines.
// Only reveal() gives the value, so a token can reach a log only by someone asking for it by name.
import { inspect } from 'node:util';

const REDACTED = '[redacted]';

export class Secret {
  readonly #value: string;
  constructor(value: string) { this.#value = value; }
  reveal(): string { return this.#value; }
  toString(): string { return REDACTED; }
  toJSON(): string { return REDACTED; }
  [inspect.custom](): string { return `Secret(${REDACTED})`; }
  /** constant-time-ish equality without revealing either value to the caller's logs */
  equals(other: Secret | string): boolean {
    const b = typeof other === 'string' ? other : other.reveal();
    if (b.length !== this.#value.length) return false;
    let diff = 0;
    for (let i = 0; i < b.length; i++) diff |= b.charCodeAt(i) ^ this.#value.charCodeAt(i);
    return diff === 0;
  }
}

/** Keys whose values are never printed, whatever they hold. */
const SECRET_KEY = /token|secret|password|passwd|kubeconfig|authorization|cookie|private.?key|encryption.?key|client.?key|client.?certificate|^key$/i;
/** Slack tokens (xoxb-, xoxp-, xoxa-, xoxr-, xoxe-, xapp-) and bearer headers inside free text. */
const SECRET_TEXT = /\b(xox[abeprs](?:\.[\w-]+)?-[\w-]+|xapp-[\w-]+|Bearer\s+[\w.~+/=-]+)/g;

export function redactText(text: string): string {
  return text.replace(SECRET_TEXT, (m) => `${m.slice(0, 5)}${REDACTED}`);
}

/** A deep copy with secret-looking keys and token-looking strings replaced; safe to log. Handles cycles. */
export function redact<T>(value: T, seen = new WeakSet<object>()): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (value instanceof Secret) return REDACTED as T;
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value as object)) return '[circular]' as T;
  seen.add(value as object);
  if (Array.isArray(value)) return value.map((v) => redact(v, seen)) as T;
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) && v !== null && v !== undefined && typeof v !== 'boolean' ? REDACTED : redact(v, seen);
  }
  return out as T;
}

/** Paths for pino's `redact` option, for loggers built elsewhere. */
export const PINO_REDACT_PATHS = [
  'token', '*.token', '*.*.token', 'botToken', '*.botToken', 'userToken', '*.userToken', 'appToken', '*.appToken',
  'kubeconfig', '*.kubeconfig', 'secret', '*.secret', 'clientSecret', '*.clientSecret', 'signingSecret', '*.signingSecret',
  'headers.authorization', '*.headers.authorization', 'refreshToken', '*.refreshToken',
];
