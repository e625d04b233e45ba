import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { inspect } from 'node:util';
import { randomBytes } from 'node:crypto';
import { EncryptionError, Keyring } from '../../src/store/crypto.js';
import { Secret, redact, redactText } from '../../src/store/secret.js';

test('seal/open round-trips and binds the ciphertext to its row', () => {
  const ring = Keyring.random();
  const sealed = ring.seal('xoxb-123-456-abc', 'installation:T:T1:bot');
  assert.ok(sealed.value.startsWith(`enc:v1:${ring.currentKeyId}:`));
  assert.not.ok(sealed.value.includes('xoxb'));
  assert.is(ring.open(sealed.value, 'installation:T:T1:bot'), 'xoxb-123-456-abc');
  assert.throws(() => ring.open(sealed.value, 'installation:T:T2:bot'), (e: any) => e instanceof EncryptionError && e.code === 'DECRYPT_FAILED');
  // two seals of the same text differ (fresh IV)
  assert.is.not(ring.seal('x', 'a').value, ring.seal('x', 'a').value);
});

test('a wrong key fails clearly; rotation keeps old values readable', () => {
  const oldKey = randomBytes(32);
  const a = Keyring.fromText(oldKey.toString('base64'));
  const b = Keyring.fromText(randomBytes(32).toString('hex'));
  const sealed = a.seal('secret', 'row').value;
  assert.throws(() => b.open(sealed, 'row'), (e: any) => e.code === 'UNKNOWN_KEY_ID' && /MULEBOT_ENCRYPTION_KEY/.test(e.message));
  // same key id, different bytes: authentication fails, never garbage
  const forged = new Keyring([`${a.currentKeyId}:${randomBytes(32).toString('base64')}`]);
  assert.throws(() => forged.open(sealed, 'row'), (e: any) => e.code === 'DECRYPT_FAILED' && /wrong key/.test(e.message));
  // rotation: a new sealing key first, the old one still listed (its id derived from its bytes)
  const rotated = Keyring.fromText(`new:${randomBytes(32).toString('base64')},${oldKey.toString('base64')}`);
  assert.is(rotated.open(sealed, 'row'), 'secret');
  assert.ok(rotated.isStale(sealed));
  assert.is(rotated.seal('x', 'r').keyId, 'new');
});

test('bad key text is refused with a hint', () => {
  assert.throws(() => Keyring.fromText('too-short'), (e: any) => e.code === 'BAD_KEY' && /openssl rand/.test(e.message));
  assert.throws(() => new Keyring([]), (e: any) => e.code === 'NO_KEY');
});

test('Secret never prints its value', () => {
  const s = new Secret('xoxb-very-secret');
  assert.is(String(s), '[redacted]');
  assert.is(`${s}`, '[redacted]');
  assert.is(JSON.stringify({ token: s }), '{"token":"[redacted]"}');
  assert.not.ok(inspect({ s }).includes('very-secret'));
  assert.is(s.reveal(), 'xoxb-very-secret');
  assert.ok(s.equals('xoxb-very-secret'));
  assert.not.ok(s.equals('xoxb-very-secreT'));
});

test('redact hides secret keys and token-looking text, keeps the rest', () => {
  const out = redact({ team: 'T1', botToken: 'xoxb-1', nested: { kubeconfig: 'apiVersion: v1', ok: 3 }, msg: 'used xoxp-123-abc here',
    list: [{ client_secret: 's' }], isEnterprise: true, headers: { authorization: 'Bearer abc.def' } });
  assert.equal(out, { team: 'T1', botToken: '[redacted]', nested: { kubeconfig: '[redacted]', ok: 3 }, msg: 'used xoxp-[redacted] here',
    list: [{ client_secret: '[redacted]' }], isEnterprise: true, headers: { authorization: '[redacted]' } });
  assert.is(redactText('app token xapp-1-A0-123'), 'app token xapp-[redacted]');
  const cyclic: any = { a: 1 }; cyclic.self = cyclic;
  assert.equal(redact(cyclic), { a: 1, self: '[circular]' });
});

test.run();
