import { Encryptor } from './encryptor';
import { PasswordHasher } from './password-hasher';

describe('Encryptor (AES-256-GCM, versioned keys)', () => {
  const v0 = Encryptor.generateKey();
  const v1 = Encryptor.generateKey();

  it('round-trips and never returns the plaintext in the ciphertext', () => {
    const enc = new Encryptor([v0]);
    const secret = enc.encrypt('4242-secret');
    expect(secret).toMatch(/^0:aes256gcm:[A-Za-z0-9+/=]+$/);
    expect(secret).not.toContain('4242');
    expect(enc.decrypt(secret)).toBe('4242-secret');
    expect(enc.encrypt('same')).not.toBe(enc.encrypt('same'));
  });

  it('never uses a nonce twice, across refills of its pool of random bytes', () => {
    const enc = new Encryptor([v0]);
    const nonces = new Set<string>();
    const values = Array.from({ length: 1500 }, (_, i) => enc.encrypt(`value ${i}`));
    for (const value of values) nonces.add(Buffer.from(value.split(':')[2], 'base64').subarray(0, 12).toString('hex'));
    expect(nonces.size).toBe(1500);
    // Earlier values keep their nonce after the pool was drawn again: each decrypts.
    expect(values.map((value) => enc.decrypt(value))).toEqual(values.map((_, i) => `value ${i}`));
  });

  it('keeps its keyed hashes stable per purpose (a blind index must match what was stored)', () => {
    const enc = new Encryptor([v0]);
    const first = enc.hmac('ana@example.com', 'email');
    expect(enc.hmac('ana@example.com', 'email')).toBe(first);
    expect(new Encryptor([v0, v1]).hmac('ana@example.com', 'email')).toBe(first);
    expect(enc.hmac('ana@example.com', 'other')).not.toBe(first);
  });

  it('encrypts with the newest key and still decrypts older versions after a rotation', () => {
    const old = new Encryptor([v0]).encrypt('kept');
    const rotated = new Encryptor([v0, v1]);
    expect(rotated.encrypt('x')).toMatch(/^1:/);
    expect(rotated.decrypt(old)).toBe('kept');
    expect(rotated.needsReencrypt(old)).toBe(true);
  });

  it('detects tampering, a wrong key, a missing key version and a bad format', () => {
    const enc = new Encryptor([v0]);
    const secret = enc.encrypt('value');
    const raw = Buffer.from(secret.split(':')[2], 'base64');
    raw[raw.length - 1] ^= 1;
    expect(() => enc.decrypt(`0:aes256gcm:${raw.toString('base64')}`)).toThrow('failed authentication');
    expect(() => new Encryptor([v1]).decrypt(secret)).toThrow('failed authentication');
    expect(() => enc.decrypt(`5:aes256gcm:${raw.toString('base64')}`)).toThrow('Encryption key version 5 is not configured');
    expect(() => enc.decrypt('plain text')).toThrow('not in the encrypted format');
    expect(() => new Encryptor(['short'])).toThrow('not 32 bytes');
  });

  it('binds a value to its context (associated data): a value moved to another path does not decrypt', () => {
    const enc = new Encryptor([v0]);
    const secret = enc.encrypt('k', 'payment/gateway/api_key');
    expect(enc.decrypt(secret, 'payment/gateway/api_key')).toBe('k');
    expect(() => enc.decrypt(secret, 'web/secure/base_url')).toThrow('failed authentication');
  });
});

describe('PasswordHasher (scrypt, per-password salt)', () => {
  const hasher = new PasswordHasher({ N: 2 ** 12, r: 8, p: 1 });
  it('verifies the right password only and salts every hash', async () => {
    const a = await hasher.hash('correct horse');
    const b = await hasher.hash('correct horse');
    expect(a).not.toBe(b);
    expect(await hasher.verify('correct horse', a)).toBe(true);
    expect(await hasher.verify('wrong horse', a)).toBe(false);
    expect(await hasher.verify('x', 'garbage')).toBe(false);
  });
});
