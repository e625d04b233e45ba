// Encryption at rest for bot/user tokens and kubeconfigs: AES-256-GCM, a fresh 12-byte IV per value, and
// associated data naming the row the value belongs to, so a ciphertext copied into another team's row
// does not decrypt. Each value records the id of the key that sealed it, so keys can be rotated: the first
// key of MULEBOT_ENCRYPTION_KEY seals, every listed key opens.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const KEY_FILE_NAME = 'encryption.key';
const PREFIX = 'enc:v1';

export class EncryptionError extends Error {
  constructor(message: string, readonly code: 'NO_KEY' | 'BAD_KEY' | 'UNKNOWN_KEY_ID' | 'DECRYPT_FAILED' | 'BAD_FORMAT') {
    super(message);
    this.name = 'EncryptionError';
  }
}

export interface Sealed { keyId: string; value: string }

/** Parses one key: 32 bytes as base64 (44 chars) or hex (64 chars). */
function parseKey(text: string): Buffer {
  const t = text.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (buf.length !== 32) {
    throw new EncryptionError('MULEBOT_ENCRYPTION_KEY must be 32 bytes as base64 or hex (try: openssl rand -base64 32)', 'BAD_KEY');
  }
  return buf;
}

function keyIdOf(key: Buffer): string {
  return 'k' + createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export class Keyring {
  readonly #keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  /** keys: the sealing key first; ids are derived from the key bytes unless given as "id:key". */
  constructor(keys: (Buffer | string)[]) {
    if (keys.length === 0) throw new EncryptionError('no encryption key configured', 'NO_KEY');
    let first: string | undefined;
    for (const k of keys) {
      let id: string | undefined;
      let bytes: Buffer;
      if (typeof k === 'string') {
        const m = /^([A-Za-z0-9_.-]{1,32}):(.+)$/.exec(k.trim());
        bytes = parseKey(m ? m[2]! : k);
        id = m?.[1];
      } else {
        if (k.length !== 32) throw new EncryptionError('an encryption key must be 32 bytes', 'BAD_KEY');
        bytes = k;
      }
      id ??= keyIdOf(bytes);
      this.#keys.set(id, bytes);
      first ??= id;
    }
    this.currentKeyId = first!;
  }

  /** From MULEBOT_ENCRYPTION_KEY's text: "KEY" or "id1:KEY1,id2:KEY2" (first one seals). */
  static fromText(text: string): Keyring {
    return new Keyring(text.split(',').map((s) => s.trim()).filter(Boolean));
  }

  static random(): Keyring { return new Keyring([randomBytes(32)]); }

  /** The embedded default: a key generated once into the data folder (mode 0600) and reused after. */
  static fromKeyFile(path: string): Keyring {
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    }
    try { chmodSync(path, 0o600); } catch { /* best effort on odd filesystems */ }
    return Keyring.fromText(readFileSync(path, 'utf8'));
  }

  has(keyId: string): boolean { return this.#keys.has(keyId); }
  get keyIds(): string[] { return [...this.#keys.keys()]; }

  /** aad names the row (e.g. "cluster:T123:<id>"); the same text must be given to open(). */
  seal(plain: string, aad: string): Sealed {
    const key = this.#keys.get(this.currentKeyId)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    const b = (x: Buffer) => x.toString('base64url');
    return { keyId: this.currentKeyId, value: `${PREFIX}:${this.currentKeyId}:${b(iv)}:${b(tag)}:${b(ct)}` };
  }

  open(sealed: string, aad: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 6 || `${parts[0]}:${parts[1]}` !== PREFIX) {
      throw new EncryptionError('stored secret is not in the expected encrypted format', 'BAD_FORMAT');
    }
    const [, , keyId, iv, tag, ct] = parts as [string, string, string, string, string, string];
    const key = this.#keys.get(keyId);
    if (!key) {
      throw new EncryptionError(`stored secret was encrypted with key id "${keyId}", which is not configured `
        + `(configured: ${this.keyIds.join(', ')}); set MULEBOT_ENCRYPTION_KEY to include that key`, 'UNKNOWN_KEY_ID');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new EncryptionError(`cannot decrypt stored secret with key id "${keyId}": wrong key, or the value was `
        + 'tampered with or moved from another row', 'DECRYPT_FAILED');
    }
  }

  /** Whether a sealed value should be re-sealed under the current key (rotation). */
  isStale(sealed: string): boolean { return sealed.split(':')[2] !== this.currentKeyId; }
}
